import json

from conftest import SHARED, needs_shared

from extractors.language.candidates import is_candidate


def test_meeting_words_pass_and_plain_sentences_do_not():
    assert is_candidate("The two are expected to meet in person on November 17.")
    assert is_candidate("Leaders gather for the G20 in Seoul.")
    assert is_candidate("OPEC ministers convene in Vienna.")
    assert not is_candidate("Shares of Exxon rose 2 percent on Friday.")
    assert not is_candidate("The metal price fell.")  # 'met' only as a whole word


@needs_shared
def test_recall_on_training_events():
    rows = [json.loads(line) for line in (SHARED / "train" / "sentences.jsonl").open()]
    scheduled = [r["sentence"] for r in rows if any(e["status"] == "scheduled" for e in r["events"])]
    assert sum(map(is_candidate, scheduled)) / len(scheduled) >= 0.99


def test_whole_text_pass_agrees_with_per_sentence_check():
    from extractors.language.candidates import candidate_sentences
    from extractors.language.sentences import split_sentences

    for text in ("İstanbul hosts talks. Prices rose. Leaders MET on Monday. No event.",
                 "Markets fell. OPEC will meet in Vienna. The metal price fell."):
        sents = list(split_sentences(text))
        assert candidate_sentences(text, sents) == [s for s in sents if is_candidate(s.text)]
