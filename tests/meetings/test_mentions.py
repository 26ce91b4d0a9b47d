"""Name keys and party identity on invented names."""

import pytest

from extractors.language.names.keys import name_key, same_party
from extractors.meetings.mentions import eligible, place_key


def same(a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    return ka is not None and kb is not None and same_party(ka, kb)


@pytest.mark.parametrize(("a", "b"), [
    ("Barack Obama", "Obama"),
    ("President Barack Obama", "Barack Obama"),
    ("Group of 20", "G20 leaders"),
    ("G-20", "Group of Twenty nations"),
    ("European Central Bank", "ECB"),
    ("Fed", "Federal Reserve"),
    ("Federal Open Market Committee", "the Fed"),
    ("House Financial Services Committee", "House of Representatives Financial Services Committee"),
    ("Goldman", "Goldman Sachs"),
])
def test_one_party(a: str, b: str) -> None:
    assert same(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("Barack Obama", "Michelle Obama"),
    ("Senate Judiciary Committee", "House Judiciary Committee"),
    ("House", "House Natural Resources Committee"),
    ("Group of Eight", "Group of 20"),
    ("Bank of England", "Bank of Japan"),
    ("Angela Merkel", "Nicolas Sarkozy"),
])
def test_two_parties(a: str, b: str) -> None:
    assert not same(a, b)


def test_generic_names_identify_no_one() -> None:
    assert name_key("world leaders") is None
    assert name_key("the officials") is None
    assert name_key("major economies") is None


def test_place_names_leave_event_names() -> None:
    assert name_key("London summit", event_name=True) is None
    assert name_key("NATO summit", event_name=True).tokens == {"nato"}


def test_place_key_and_eligibility() -> None:
    assert place_key("Toronto, Canada") == place_key("Toronto") == place_key("downtown Toronto")
    assert place_key("the U.S. capital") == place_key("Washington, D.C.") == place_key("Washington")
    assert place_key("the White House") == "venue white house" != place_key("Washington")
    assert place_key("the Gulf Coast") == "gulf coast"  # no city or venue: its words
    assert eligible({"status": "scheduled", "start_date": None})
    assert eligible({"status": "past", "start_date": "2020-01-01"})
    assert not eligible({"status": "past", "start_date": None})
    assert not eligible({"status": "ongoing", "start_date": "2020-01-01"})


def test_an_event_names_months_and_weekdays_say_nothing_of_which_one() -> None:
    assert name_key("G20 leaders' November summit", event_name=True).tokens == {"g20"}
    assert name_key("G20 leaders' November summit", event_name=True).acronym == ""
    assert name_key("Washington DC summit", event_name=True) is None
    assert name_key("June Smith").tokens == {"june", "smith"}  # a person's name keeps them
