"""The name recogniser on the sentence spans of the pipeline's splitter."""

from extractors.language.names import analyse, resolve_participants
from extractors.language.sentences import split_sentences

TEXT = ("Prime Minister Shinzo Abe is the first foreign leader scheduled to meet American Donald Trump. "
        "The two are expected to meet in person on November 17.")


def spans(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in split_sentences(text)]


def test_given_sentences_replace_the_own_splitter():
    assert analyse(TEXT).sentences == spans(TEXT)  # the two splitters agree here
    assert analyse(TEXT, [(0, len(TEXT))]).sentences == [(0, len(TEXT))]
    assert analyse(TEXT, []).sentences == [(0, len(TEXT))]
    assert analyse(TEXT, spans(TEXT)).mentions == analyse(TEXT).mentions


def test_resolve_participants_passes_the_sentences_on():
    start = TEXT.index("The two")
    assert resolve_participants(["The two"], TEXT, start, sentences=spans(TEXT)) == ["Shinzo Abe", "Donald Trump"]
    # one sentence: no sentence before "The two" names the pair
    assert resolve_participants(["The two"], TEXT, start, sentences=[(0, len(TEXT))]) == []
