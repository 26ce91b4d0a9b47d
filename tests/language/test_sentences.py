from extractors.language.sentences import split_sentences


def test_offsets_point_into_the_text_as_received():
    text = "TOKYO, Feb 27 - Abe will meet Trump.  “The two agreed.”\n\nU.S. officials said so. Déjà vu 😀 again."
    sents = list(split_sentences(text))
    assert sents[0].text == "TOKYO, Feb 27 - Abe will meet Trump."
    for s in sents:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()
    assert any(s.text.startswith("U.S. officials") for s in sents)


def test_empty_text():
    assert list(split_sentences("")) == []
    assert list(split_sentences("   \n ")) == []


def test_seed_sentence_kept_whole(seed):
    texts = [s.text for s in split_sentences(seed["text"])]
    sentence = "The two are expected to meet in person on November 17, an arrangement made today via teleconference."
    assert sentence in texts


def test_a_line_break_ends_a_sentence_and_a_title_abbreviation_does_not():
    text = ("Democrats urge Trump to cancel Putin summit\nTop Democrats on Friday pressured Trump.\n\n"
            "Sen. Mark Warner, top Democrat on the committee, offered Trump an ultimatum. Dr. No left.")
    sents = list(split_sentences(text))
    assert [s.text for s in sents] == [
        "Democrats urge Trump to cancel Putin summit", "Top Democrats on Friday pressured Trump.",
        "Sen. Mark Warner, top Democrat on the committee, offered Trump an ultimatum.", "Dr. No left."]
    assert all(text[s.start:s.end] == s.text for s in sents)


def test_a_title_after_a_sentence_end_opens_a_new_sentence():
    text = "It may differ,” she said. Ms. Lund also sought to ease concerns. The U.S. Sen. Warner spoke."
    assert [s.text for s in split_sentences(text)] == [
        "It may differ,” she said.", "Ms. Lund also sought to ease concerns.", "The U.S. Sen. Warner spoke."]


def test_a_closing_quote_stays_with_the_sentence_it_closes():
    text = "We need balance in our politics. ” Ms. Lund met the premier."
    assert [s.text for s in split_sentences(text)] == [
        "We need balance in our politics. ”",
        "Ms. Lund met the premier.",
    ]
