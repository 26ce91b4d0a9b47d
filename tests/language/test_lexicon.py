"""The one reader of the language data files: malformed lines are named by file and line."""

from __future__ import annotations

import pytest

from extractors.language.lexicon import DataFileError, demonyms, rows, word_list, word_sets


@pytest.mark.parametrize(("line", "problem"), [
    ("CORE_TITLES president", "expected 2 non-empty tab-separated fields"),
    ("CORE_TITLES\tpresident\tchair", "expected 2 non-empty tab-separated fields"),
    ("CORE_TITLES\t", "expected 2 non-empty tab-separated fields"),
    ("CORE_TITLES\t president", "expected 2 non-empty tab-separated fields"),
    ("core titles\tpresident", "bad set name 'core titles'"),
    ("CORE_TITLES\tmayor", "'mayor' repeats line 3 of set CORE_TITLES"),
    ("CORE_TITLES\t@NO_SUCH_SET", "refers to no such set"),
    ("CORE_TITLES\t@CORE_TITLES", "refers to a set that includes itself"),
])
def test_a_malformed_word_set_line_names_file_and_line(tmp_path, line, problem):
    path = tmp_path / "words.tsv"
    path.write_text(f"# titles\nCORE_TITLES\tpresident\nCORE_TITLES\tmayor\n{line}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        word_sets(path)
    assert str(error.value).startswith(f"{path}:4: ")
    assert problem in str(error.value)


def test_rows_skip_comments_and_check_their_fields(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text("# kind\tword\tvalue\n\nmonth\tmay\t5\nmonth\tjune\n", encoding="utf-8")
    found = rows(path, 3)
    assert next(found) == (3, ["month", "may", "5"])
    with pytest.raises(DataFileError, match=f"{path}:4: expected 3"):
        next(found)


def test_word_lists_are_read_once_and_can_be_lower_cased():
    assert word_list("common_words.txt", lower=True) is word_list("common_words.txt", lower=True)
    assert "the" in word_list("common_words.txt", lower=True)


def test_demonyms_carry_the_country_they_are_of():
    assert demonyms()["greek"] == "GR" and demonyms()["south korean"] == "KR"
    assert demonyms()["european"] is None and demonyms()["labour"] is None  # a region's, a party's
