from extractors.places import resolve_place


def test_country_and_city():
    peru = resolve_place("Peru")
    assert (peru.name, peru.country) == ("Peru", "PE")
    lima = resolve_place("Lima")
    assert lima.country == "PE" and abs(lima.latitude + 12.05) < 0.5
    assert resolve_place("the United States").country == "US"


def test_unknown_and_empty():
    assert resolve_place("the White House").name == "the White House"
    assert resolve_place(None) is None
    assert resolve_place("  ") is None
