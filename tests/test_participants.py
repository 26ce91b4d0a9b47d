from extractors.participants import fullest, resolve_participants, strip_title

TEXT = ("Prime Minister Shinzo Abe is the first foreign leader scheduled to meet American Donald Trump. "
        "The two are expected to meet in person on November 17.")


def test_titles_are_stripped():
    assert strip_title("Prime Minister Shinzo Abe") == "Shinzo Abe"
    assert strip_title("President") == "President"


def test_fullest_name_in_the_article():
    assert fullest("Abe", TEXT) == "Shinzo Abe"
    assert fullest("Trump", TEXT) == "Donald Trump"
    assert fullest("Putin", TEXT) == "Putin"


def test_the_two_are_the_people_named_before():
    start = TEXT.index("The two")
    assert resolve_participants(["The two"], TEXT, start) == ["Shinzo Abe", "Donald Trump"]
    assert resolve_participants(["he", "Abe", "Shinzo Abe"], TEXT, start) == ["Shinzo Abe"]
