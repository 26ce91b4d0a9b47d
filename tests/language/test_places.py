import pytest

from extractors.language.places import (
    Place,
    dateline,
    holds,
    implies_local,
    location_kind,
    named_place,
    place_kind,
    point_key,
    resolve_place,
)


def near(place: Place | None, lat: float, lon: float, tolerance: float = 1.0) -> bool:
    return (place is not None and place.latitude is not None and place.longitude is not None
            and abs(place.latitude - lat) < tolerance and abs(place.longitude - lon) < tolerance)


def test_country_and_city():
    peru = resolve_place("Peru")
    assert (peru.name, peru.country) == ("Peru", "PE")
    assert near(peru, -12.05, -77.04)  # a country is placed at its capital
    lima = resolve_place("Lima")
    assert lima.country == "PE" and abs(lima.latitude + 12.05) < 0.5
    assert resolve_place("the United States").country == "US"


@pytest.mark.parametrize(("text", "country", "lat", "lon"), [
    ("Washington", "US", 38.9, -77.0),
    ("Brussels", "BE", 50.85, 4.35),
    ("Lima", "PE", -12.05, -77.04),
    ("Vienna", "AT", 48.2, 16.37),
    ("Paris", "FR", 48.85, 2.35),
    ("New York", "US", 40.7, -74.0),
    ("Kiev", "UA", 50.45, 30.5),
    ("Sao Paulo", "BR", -23.5, -46.6),
    ("Helsinki, Finland", "FI", 60.17, 24.94),
    ("Boise, Idaho", "US", 43.6, -116.2),
    ("Paris, Texas", "US", 33.66, -95.55),
])
def test_cities_prefer_the_most_populous_unless_qualified(text, country, lat, lon):
    place = resolve_place(text)
    assert place.name == text and place.country == country and near(place, lat, lon)


@pytest.mark.parametrize(("text", "country"), [
    ("the United States", "US"), ("U.S.", "US"), ("the U.S.", "US"), ("Britain", "GB"), ("UK", "GB"),
    ("Russia", "RU"), ("South Korea", "KR"), ("North Korea", "KP"), ("Iran", "IR"), ("Taiwan", "TW"),
    ("the Czech Republic", "CZ"), ("Turkey", "TR"), ("Georgia", "GE"), ("Mexico", "MX"), ("Vietnam", "VN"),
    ("the Netherlands", "NL"), ("Ivory Coast", "CI"), ("the Philippines", "PH"), ("Venezuela", "VE"),
])
def test_countries_by_their_common_names(text, country):
    place = resolve_place(text)
    assert place.country == country and place.latitude is not None
    assert place_kind(text) == "country"


def test_us_states():
    ohio = resolve_place("Ohio")
    assert ohio.country == "US" and near(ohio, 39.96, -83.0)  # its most populous city, Columbus
    assert resolve_place("the state of California").country == "US"
    assert resolve_place("Florida").country == "US"  # not Florida, Uruguay
    assert resolve_place("Illinois, Texas, Massachusetts and Utah").country == "US"
    assert place_kind("Idaho") == "state"


@pytest.mark.parametrize(("text", "country", "lat", "lon"), [
    ("the White House", "US", 38.9, -77.04),
    ("Capitol Hill", "US", 38.89, -77.01),
    ("Camp David", "US", 39.65, -77.47),
    ("Davos", "CH", 46.8, 9.84),
    ("the Kremlin", "RU", 55.75, 37.62),
    ("Downing Street", "GB", 51.5, -0.13),
])
def test_venues_from_the_curated_table(text, country, lat, lon):
    place = resolve_place(text)
    assert place.name == text and place.country == country and near(place, lat, lon, 0.2)


def test_name_kept_as_written_without_surrounding_punctuation():
    assert resolve_place("the White House").name == "the White House"
    assert resolve_place(" Tokyo. ").name == "Tokyo"
    assert resolve_place("Boise,").name == "Boise"
    assert resolve_place("U.S.").name == "U.S."
    assert resolve_place("(Brussels)").name == "Brussels"


def test_regions_and_unknown_places():
    europe = resolve_place("Europe")
    assert europe.country is None and europe.latitude is not None
    assert resolve_place("Central America") == Place("Central America")
    assert resolve_place("the South China Sea") == Place("the South China Sea")
    assert resolve_place("Hotel Okura") == Place("Hotel Okura")


def test_what_is_no_place():
    assert resolve_place(None) is None
    assert resolve_place("  ") is None
    assert resolve_place("July") is None
    assert resolve_place("Nov. 28") is None
    assert resolve_place("the") is None
    assert resolve_place("the state of") is None
    assert resolve_place("U.S.-Israel") is None  # a relation between two places


@pytest.mark.parametrize(("text", "name", "country"), [
    ("TOKYO, Feb 27 - Japan's finance minister said", "Tokyo", "JP"),
    ("NICOSIA (Reuters) - Cyprus said on Monday", "Nicosia", "CY"),
    ("WASHINGTON, March 3 (Reuters) - The Federal Reserve", "Washington", "US"),
    ("SEOUL (Reuters) - President Donald Trump will", "Seoul", "KR"),
    ("BRUSSELS, Belgium (Reuters) - EU ministers", "Brussels", "BE"),
    ("LONDON, April 1 - The International Coffee Organization", "London", "GB"),
    ("NEW YORK (Reuters) - Amazon.com Inc is in talks", "New York", "US"),
    ("RIO DE JANEIRO, Brazil (Reuters) - x", "Rio de Janeiro", "BR"),
    ("ST. LOUIS, Nov 3 - x", "St. Louis", "US"),
    ("BEIJING — President Tsai of Taiwan", "Beijing", "CN"),
    ("Washington (CNN) - The Senate", "Washington", "US"),
    ("PARIS, Texas (Reuters) - x", "Paris", "US"),
])
def test_dateline(text, name, country):
    place = dateline(text)
    assert (place.name, place.country) == (name, country) and place.latitude is not None


@pytest.mark.parametrize("text", [
    "Prime Minister Shinzo Abe is the first foreign leader",
    "OPEC CUTS Libya's top oil official said",
    "",
    "EUROPE (Reuters) - x",
])
def test_no_dateline(text):
    assert dateline(text) is None


@pytest.mark.parametrize(("sentence", "local"), [
    ("He will arrive here on Saturday to meet EC officials.", True),
    ("Talks will be held in the Belgian capital next week.", True),
    ("The ministers meet in the capital on Monday.", True),
    ("The summit, hosted by the city, opens on Friday.", True),
    ("Leaders will gather in this city next month.", True),
    ("Abe will travel to the capital of Peru.", False),
    ("Here is what we know about the talks.", False),
    ("Investors in the capital markets expect a cut.", False),
    ("Abe will meet Trump in New York on November 17.", False),
])
def test_implies_local(sentence, local):
    assert implies_local(sentence) is local


@pytest.mark.parametrize("text", ["President Donald Trump", "Texas Gov. Greg", "World Bank-funded", "the Russian",
                                  "Christmas", "here"])
def test_spans_that_name_no_place(text):
    assert resolve_place(text) is None


def test_trailing_function_words_are_trimmed():
    assert resolve_place("Moscow from") == resolve_place("Moscow")
    assert resolve_place("Christmas Island").country == "CX"


def test_a_country_or_state_holds_the_places_in_it():
    assert holds("Nicaragua", "Managua") and holds("Texas", "Houston") and holds("the United States", "California")
    assert not holds("Japan", "Seoul") and not holds("Tokyo", "Japan") and not holds("Texas", "Paris")
    assert not holds("Europe", "Brussels")  # a region is not an area the gazetteer can check


@pytest.mark.parametrize(("text", "country", "kind", "where"), [
    ("the Malaysian capital", "MY", "city", "Kuala Lumpur"),
    ("the South Korean capital", "KR", "city", "Seoul"),
    ("the U.S. capital", "US", "city", "Washington"),
    ("the Saudi capital Riyadh", "SA", "city", "Riyadh"),
    ("the capital, Abuja", "NG", "city", "Abuja"),
    ("Brazil's business capital of Sao Paulo", "BR", "city", "Sao Paulo"),
    ("the Polish city of Wroclaw", "PL", "city", "Wroclaw"),
    ("the southwestern Chinese city of Chengdu", "CN", "city", "Chengdu"),
    ("the U.S. city of Pittsburgh", "US", "city", "Pittsburgh"),
    ("the Ontario resort town of Huntsville", "CA", "city", "Huntsville, Canada"),  # not Huntsville, Alabama
    ("the Texas city of Paris", "US", "city", "Paris, Texas"),
    ("the French port city of Marseille", "FR", "city", "Marseille"),
    ("central London", "GB", "city", "London"),
    ("a Tokyo hotel", "JP", "city", "Tokyo"),
    ("the bank's San Francisco headquarters", "US", "city", "San Francisco"),
    ("northern Italy", "IT", "region", None),
    ("the south of France", "FR", "region", None),
    ("the Louisiana coast", "US", "state", None),
    ("the Thai seaside resort", "TH", "region", None),
    ("Germany's financial capital", "DE", "country", None),  # which city, the phrase does not say
    ("the state capital of Texas", "US", "region", None),  # not Washington
    ("the provincial capital of Ontario", "CA", "region", None),  # not Ottawa
])
def test_places_described_by_a_phrase(text, country, kind, where):
    place = resolve_place(text)
    assert place.name == text and place.country == country and location_kind(text) == kind
    if where:
        assert point_key(text) == point_key(where) is not None
    else:
        assert point_key(text) is None


@pytest.mark.parametrize("text", ["the capital", "Barclays Capital", "European capitals", "ATI's facility",
                                  "central banks", "the Swiss Alpine resort"])
def test_phrases_that_place_nothing(text):
    place = resolve_place(text)
    assert place is None or place.country is None


def test_a_described_place_is_the_one_the_article_names():
    busan, berlin = dateline("BUSAN, South Korea (Reuters) - x"), dateline("BERLIN (Reuters) - x")
    assert named_place("this South Korean port city", "", busan).name == "Busan"
    assert named_place("this port city", "", busan).name == "Busan"
    assert named_place("this Japanese city", "", busan) is None  # not the dateline's country
    assert named_place("the German capital", "", berlin).name == "Berlin"
    assert named_place("the German capital", "", busan) is None
    assert named_place("the Malaysian capital", "talks in Kuala Lumpur", None).name == "Kuala Lumpur"
    assert named_place("the Malaysian capital", "talks next week", None) is None  # the article names no city
    assert named_place("the Black Sea resort", "", dateline("MOSCOW (Reuters) - x")) is None
