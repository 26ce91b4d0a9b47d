"""Tests for the language data of extractors.language.timex (extractors/data/*.tsv) and its loader."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from pathlib import Path

import pytest

from extractors.language import timex
from extractors.language.timex import vocabulary
from extractors.language.timex.find import _FIND_RE, _FIND_RE_UNGUARDED, UNJOINED
from extractors.language.timex.vocabulary import (
    CALENDAR,
    PATTERNS,
    DataFileError,
    TimePattern,
    load_calendar,
    load_patterns,
    load_subpatterns,
    load_words,
)

# the module (the package's attribute ``resolve`` is the function of that name)
resolve_module = importlib.import_module("extractors.language.timex.resolve")
P = dt.date(2016, 11, 10)  # a Thursday
EXAMPLES = [(p, example) for p in PATTERNS for example in p.examples]


def split_example(example: str) -> tuple[str, int, int]:
    """The text of an example without brackets, and the span of the expression in it ("[in ]May")."""
    m = re.fullmatch(r"(?:\[([^\]]*)\])?([^\[\]]+)(?:\[([^\]]*)\])?", example)
    assert m is not None, f"malformed example {example!r}"
    before, expression, after = m[1] or "", m[2], m[3] or ""
    return before + expression + after, len(before), len(before) + len(expression)


def ids(case: tuple[TimePattern, str]) -> str:
    return f"{case[0].name}:{case[1]}"


# --------------------------------------------------------------------------------------------------
# time_patterns.tsv: every example is found by its own pattern and resolved by its normaliser
# --------------------------------------------------------------------------------------------------


def test_every_pattern_line_has_examples_and_a_unique_name() -> None:
    assert len(PATTERNS) >= 40
    assert len({p.name for p in PATTERNS}) == len(PATTERNS)
    assert all(p.examples and all(p.examples) for p in PATTERNS)
    assert not any("{" in p.pattern and re.search(r"\{[A-Za-z_]", p.pattern) for p in PATTERNS)  # all expanded


@pytest.mark.parametrize("case", EXAMPLES, ids=ids)
def test_example_is_found_by_its_own_pattern(case: tuple[TimePattern, str]) -> None:
    pattern, example = case
    text, start, end = split_example(example)
    m = re.compile(pattern.pattern, re.IGNORECASE).match(text, start)
    assert m is not None and m.end() == end, f"{pattern.name} does not find {text[start:end]!r} in {text!r}"


@pytest.mark.parametrize("case", EXAMPLES, ids=ids)
def test_example_is_found_whole_by_the_grammar(case: tuple[TimePattern, str]) -> None:
    _, example = case
    text, start, end = split_example(example)
    assert [(t.start, t.end) for t in timex.find_time_expressions(text)] == [(start, end)]
    # the start-word guard only speeds finding up
    assert [m.span() for m in _FIND_RE.finditer(text)] == [m.span() for m in _FIND_RE_UNGUARDED.finditer(text)]


@pytest.mark.parametrize("case", EXAMPLES, ids=ids)
def test_example_is_resolved_by_its_normaliser(case: tuple[TimePattern, str], monkeypatch: pytest.MonkeyPatch) -> None:
    pattern, example = case
    text, start, end = split_example(example)
    routine = resolve_module.NORMALISERS[pattern.normaliser]
    results: list[object] = []

    def spy(*args: object, **kwargs: object) -> object:
        results.append(got := routine(*args, **kwargs))
        return got

    monkeypatch.setattr(resolve_module, routine.__name__, spy)
    interval = timex.resolve(text[start:end], P, future=True)
    assert results, f"{pattern.normaliser} is not called for {example!r}"
    # the routine gave the answer (or an answer part), unless the expression resolves to nothing at all
    assert interval is None or any(r not in (None, False) for r in results)


def test_every_normaliser_is_named_by_a_pattern() -> None:
    assert {p.normaliser for p in PATTERNS} == set(resolve_module.NORMALISERS)
    assert set(UNJOINED) <= set(resolve_module.NORMALISERS)


def test_an_unknown_normaliser_is_named_with_its_line(tmp_path: Path) -> None:
    bad = TimePattern("x", "x", "no_such_routine", ("x",), 7)
    with pytest.raises(DataFileError, match=re.escape(f"{tmp_path / 'p.tsv'}:7: unknown normaliser")):
        resolve_module.check_normalisers([bad], tmp_path / "p.tsv")


# --------------------------------------------------------------------------------------------------
# calendar.tsv and the word lists
# --------------------------------------------------------------------------------------------------


def test_calendar_vocabulary_loads() -> None:
    assert list(CALENDAR["month"]) == [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]  # fmt: skip
    assert CALENDAR["month"]["december"] == 12 and vocabulary.MONTH_NUM["sept"] == vocabulary.MONTH_NUM["sep"] == 9
    assert list(vocabulary.WEEKDAY_NUM.values()) == list(range(7))
    assert vocabulary.SEASONS == {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
    assert vocabulary.ORDINALS["2nd"] == 2 and vocabulary.RELATIVE_DAYS["the day before yesterday"] == -2
    assert vocabulary.ANCHORED_DAYS["the day after"] == 1
    assert [vocabulary.number(w) for w in ("three", "a couple of", "12", "several")] == [3, 2, 12, None]


def test_word_lists_load_and_expand() -> None:
    assert "black" in vocabulary.words("weekday_name_prefixes")
    assert vocabulary.words("cased_months") == ["may", "march"]
    assert vocabulary.expand("{cased_months}") == "(?:may|march)"
    assert vocabulary.expand("{after:cased_months}") == r"(?:(?<=\bmay )|(?<=\bmarch ))"
    assert vocabulary.expand("{not_after:cased_months}") == r"(?<!\bmay )(?<!\bmarch )"
    assert vocabulary.expand(r"{DAYNUM}\d{2,}") == r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\d{2,}"
    with pytest.raises(KeyError, match="no_such_list"):
        vocabulary.expand("{no_such_list}")


def test_the_shipped_data_files_are_package_data() -> None:
    names = {"calendar.tsv", "time_words.tsv", "time_subpatterns.tsv", "time_patterns.tsv"}
    assert names <= {p.name for p in vocabulary.DATA.iterdir()}
    assert Path(timex.__file__).resolve().parents[2] / "data" == vocabulary.DATA


# --------------------------------------------------------------------------------------------------
# A malformed line is reported with its file and line number
# --------------------------------------------------------------------------------------------------


def write(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(["# a comment", "", *lines]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("month\tjanuary", "expected 3 non-empty tab-separated fields"),
        ("month\tjanuary\tone", "is not an integer"),
        ("month\tjanuary\t1\textra", "expected 3"),
        ("Month\tjanuary\t1", "lower case"),
        ("month\t january\t1", "expected 3 non-empty"),
    ],
)
def test_malformed_calendar_line(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path, "calendar.tsv", "month\tdecember\t12", line)
    with pytest.raises(DataFileError, match=re.escape(f"{path}:4: ") + ".*" + re.escape(message)):
        load_calendar(path)


def test_duplicate_calendar_word(tmp_path: Path) -> None:
    path = write(tmp_path, "calendar.tsv", "month\tmay\t5", "month\tmay\t5")
    with pytest.raises(DataFileError, match=re.escape(f"{path}:4: 'may' is already a month")):
        load_calendar(path)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("colours", "expected 2"),
        ("colours\t{no_such_list}", "unknown name in {no_such_list}"),
        ("colours\t(?:red", "missing ), unterminated subpattern"),
        ("month\tjanvier", "is a calendar kind"),
    ],
)
def test_malformed_word_line(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path, "words.tsv", "colours\tred", line)
    with pytest.raises(DataFileError, match=re.escape(f"{path}:4: ") + ".*" + re.escape(message)):
        load_words(path, {"month": {"january": 1}})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("DAY\t\\d+\textra", "expected 2"),
        ("day\t\\d+", "upper case"),
        ("DAY\t{NOPE}", "unknown name in {NOPE}"),
        ("DAY\t(\\d+", "missing )"),
        ("NUM\t\\d+", "defined twice"),
    ],
)
def test_malformed_subpattern_line(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path, "sub.tsv", "NUM\t\\d+", line)
    with pytest.raises(DataFileError, match=re.escape(f"{path}:4: ") + ".*" + re.escape(message)):
        load_subpatterns(path, {}, {})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("year\t{NUM}\tyear", "expected 4"),
        ("year\t{NUM}\tyear\t1999\tmore", "expected 4"),
        ("year\t{YEAR}\tyear\t1999", "unknown name in {YEAR}"),
        ("year\t{NUM}(\tyear\t1999", "missing )"),
        ("number\t{NUM}\tyear\t1999", "defined twice"),
    ],
)
def test_malformed_pattern_line(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path, "patterns.tsv", "number\t{NUM}\tday_date\t7", line)
    with pytest.raises(DataFileError, match=re.escape(f"{path}:4: ") + ".*" + re.escape(message)):
        load_patterns(path, {"NUM": r"\d+"}, {})


def test_a_good_pattern_file_loads(tmp_path: Path) -> None:
    path = write(tmp_path, "patterns.tsv", "number\t{NUM} {colours}\tday_date\t7 red|8 blue")
    (got,) = load_patterns(path, {"NUM": r"\d+"}, {"colours": ["red", "blue"]})
    assert got == TimePattern("number", r"\d+ (?:red|blue)", "day_date", ("7 red", "8 blue"), 3)
