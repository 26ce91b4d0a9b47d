from extractors.tagger.baseline import LexicalTagger, tag_sentence


def test_scheduled_meeting_with_time():
    [event] = tag_sentence("The two are expected to meet in person on November 17, an arrangement made today.")
    assert (event.kind, event.status, event.trigger.text) == ("meeting", "scheduled", "meet")
    assert event.time is not None and "November 17" in event.time.text


def test_past_and_idioms():
    [event] = tag_sentence("Obama met with congressional leaders on Tuesday.")
    assert event.status == "past"
    assert tag_sentence("The company failed to meet analysts' expectations.") == []
    assert tag_sentence("He told a news conference that prices would rise.") == []


def test_summit_event_name():
    [event] = tag_sentence("Abe will attend the Asia-Pacific Economic Cooperation (APEC) summit in Lima next week.")
    assert event.kind == "summit"
    assert event.event_name is not None and event.event_name.text.endswith("summit")
    assert event.place is not None and event.place.text == "Lima"


def test_tagger_interface():
    tagger = LexicalTagger()
    assert tagger.name == "baseline"
    assert [len(x) for x in tagger.tag(["No event here.", "They will meet on Monday."])] == [0, 1]
