"""The name recogniser's data files: every word set the code reads is there, and malformed lines are named."""

import ast
from pathlib import Path

import pytest

from extractors.language.lexicon import DataFileError as LexiconError
from extractors.language.lexicon import word_sets as read_sets
from extractors.language.names import lexicon
from extractors.language.names.lexicon import NAME_WORDS

PACKAGE = Path(lexicon.__file__).parent
AS_WRITTEN = {"LEGAL_FORMS"}  # sets matched as written (capitals), not in lower case


def named_in_code() -> tuple[set[str], set[str]]:
    """The word sets (``words("X")``) and mappings (``mapping("X")``) the package's code reads."""
    sets: set[str] = set()
    maps: set[str] = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("words", "mapping") and node.args
                    and isinstance(node.args[0], ast.Constant)):
                (sets if node.func.id == "words" else maps).add(node.args[0].value)
    return sets, maps


def test_every_set_named_in_the_code_exists_and_is_not_empty():
    sets, maps = named_in_code()
    assert len(sets) > 40 and maps  # the scan found the code's sets
    data = read_sets(NAME_WORDS)
    assert [name for name in sorted(sets) if not data.get(name)] == []
    for name in maps:
        assert lexicon.mapping(name) and all(lexicon.mapping(name).values()), name


def test_every_set_of_the_data_is_read_by_the_code():
    sets, maps = named_in_code()
    assert [name for name in read_sets(NAME_WORDS) if name not in sets and name.split(".")[0] not in maps] == []


def test_each_set_starts_with_a_comment_and_holds_lower_case_words():
    lines = NAME_WORDS.read_text(encoding="utf-8").splitlines()
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, word = line.split("\t")
        family = name.split(".")[0]
        if family not in seen:
            assert lines[number - 2].startswith("#"), f"line {number}: set {name} starts without a comment"
            seen.add(family)
        assert word == word.lower() or family in AS_WRITTEN or word.startswith("@"), f"line {number}: {word}"


def test_the_name_lists_are_read():
    assert "ability" in lexicon.common_words()
    assert "Shinzo" in lexicon.given_names()
    assert "greek" in lexicon.demonyms()


def test_a_missing_set_is_named():
    with pytest.raises(LexiconError, match=r"name_words\.tsv: no word set 'NO_SUCH_SET'"):
        lexicon.words("NO_SUCH_SET")


def test_references_and_mappings(tmp_path):
    path = tmp_path / "words.tsv"
    path.write_text("# a\nA\tx\nA\ty\n# heads\nH.one\t@A\nH.one\tz\nH.two\tw\n", encoding="utf-8")
    assert read_sets(path) == {"A": {"x", "y"}, "H.one": {"x", "y", "z"}, "H.two": {"w"}}
