"""The language data of time expressions, loaded once from ``extractors/data``.

* ``calendar.tsv``: the calendar vocabulary (``kind<TAB>word<TAB>value``): month names and abbreviations,
  weekdays, number words, ordinals, seasons with their first month, days relative to publication.
* ``time_words.tsv``: word lists (``list<TAB>entry``): cues, exclusions, prepositions, vague expressions.
* ``time_subpatterns.tsv``: named sub-patterns of the finding grammar (``NAME<TAB>pattern``).
* ``time_patterns.tsv``: the finding patterns (``name<TAB>pattern<TAB>normaliser<TAB>examples``).

In patterns (and in code templates given to :func:`expand`) ``{NAME}`` stands for a sub-pattern as written,
``{name}`` for the group of the entries of a word list or calendar kind, ``{after:name}`` for "just after one
of these words" and ``{not_after:name}`` for "not just after any of them". Lines starting with ``#`` and
blank lines are comments. A malformed line raises :class:`DataFileError` naming the file and the line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from extractors.language.lexicon import DATA, DataFileError, rows

__all__ = ["DATA", "DataFileError", "TimePattern", "expand", "number", "words"]


_PLACEHOLDER = re.compile(r"\{(?:(after|not_after):)?([A-Za-z_]\w*)\}")
_LIST_NAME = re.compile(r"[a-z][a-z0-9_]*")
_SUB_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_PLAIN = re.compile(r"[\w ']*")  # words: no regular expression syntax to check


@dataclass(frozen=True, slots=True)
class TimePattern:
    """One line of ``time_patterns.tsv``: ``pattern`` is expanded (no more ``{...}``)."""

    name: str
    pattern: str
    normaliser: str
    examples: tuple[str, ...]
    line: int  # the line number in the file


def _group(words: Sequence[str]) -> str:
    return "(?:" + "|".join(words) + ")"


def _expand(
    text: str, subpatterns: Mapping[str, str], lists: Mapping[str, Sequence[str]], *, stand_in: bool = False
) -> str:
    """``text`` with its ``{...}`` references replaced; KeyError naming an unknown one. With ``stand_in``
    a plain reference stands in as ``(?:x)``: enough to check the syntax of ``text`` itself, and cheap."""

    def sub(m: re.Match[str]) -> str:
        form, name = m[1], m[2]
        if form is None and name in subpatterns:
            return "(?:x)" if stand_in else subpatterns[name]
        if name not in lists:
            raise KeyError(f"unknown name in {m[0]}")
        words = lists[name]
        if form == "after":
            return _group([rf"(?<=\b{w} )" for w in words])
        if form == "not_after":
            return "".join(rf"(?<!\b{w} )" for w in words)
        return "(?:x)" if stand_in else _group(words)

    return _PLACEHOLDER.sub(sub, text)


def _checked(path: Path, i: int, text: str, subpatterns: Mapping[str, str], lists: Mapping[str, Sequence[str]]) -> str:
    """``text`` expanded, its references and syntax checked (each referenced part is checked on its own line)."""
    try:
        out = _expand(text, subpatterns, lists)
        if not _PLAIN.fullmatch(text):
            re.compile(_expand(text, subpatterns, lists, stand_in=True), re.IGNORECASE)
    except (KeyError, re.error) as e:
        raise DataFileError(f"{path}:{i}: {e.args[0] if isinstance(e, KeyError) else e}") from None
    return out


def load_calendar(path: Path) -> dict[str, dict[str, int]]:
    """kind -> word -> value, words in file order."""
    out: dict[str, dict[str, int]] = {}
    for i, (kind, word, value) in rows(path, 3):
        if not _LIST_NAME.fullmatch(kind):
            raise DataFileError(f"{path}:{i}: a kind is lower case, got {kind!r}")
        try:
            number = int(value)
        except ValueError:
            raise DataFileError(f"{path}:{i}: the value of {word!r} is not an integer: {value!r}") from None
        words = out.setdefault(kind, {})
        if word in words:
            raise DataFileError(f"{path}:{i}: {word!r} is already a {kind}")
        words[word] = number
    return out


def load_words(path: Path, calendar: Mapping[str, Mapping[str, int]]) -> dict[str, list[str]]:
    """list name -> entries in file order, their references to earlier lists and calendar kinds expanded."""
    lists: dict[str, list[str]] = {kind: list(words) for kind, words in calendar.items()}
    out: dict[str, list[str]] = {}
    for i, (name, entry) in rows(path, 2):
        if not _LIST_NAME.fullmatch(name):
            raise DataFileError(f"{path}:{i}: a list name is lower case, got {name!r}")
        if name in calendar:
            raise DataFileError(f"{path}:{i}: {name!r} is a calendar kind")
        out.setdefault(name, []).append(_checked(path, i, entry, {}, lists))
        lists[name] = out[name]
    return out


def load_subpatterns(path: Path, lists: Mapping[str, Sequence[str]], given: Mapping[str, str]) -> dict[str, str]:
    """NAME -> expanded pattern, starting from the ``given`` sub-patterns; each refers only to earlier ones."""
    out = dict(given)
    for i, (name, pattern) in rows(path, 2):
        if not _SUB_NAME.fullmatch(name):
            raise DataFileError(f"{path}:{i}: a sub-pattern name is upper case, got {name!r}")
        if name in out:
            raise DataFileError(f"{path}:{i}: sub-pattern {name} is defined twice")
        out[name] = _checked(path, i, pattern, out, lists)
    return out


def load_patterns(path: Path, subpatterns: Mapping[str, str], lists: Mapping[str, Sequence[str]]) -> list[TimePattern]:
    """The finding patterns in file order (the order in which the grammar tries them)."""
    out: list[TimePattern] = []
    seen: set[str] = set()
    for i, (name, pattern, normaliser, examples) in rows(path, 4):
        if name in seen:
            raise DataFileError(f"{path}:{i}: pattern {name} is defined twice")
        seen.add(name)
        expanded = _checked(path, i, pattern, subpatterns, lists)
        out.append(TimePattern(name, expanded, normaliser, tuple(examples.split("|")), i))
    return out


def _cased(words: Sequence[str]) -> str:
    """Case-sensitive alternatives: the words capitalised, then in upper case ("May|March|MAY|MARCH")."""
    return "(?-i:" + "|".join([w.title() for w in words] + [w.upper() for w in words]) + ")"


CALENDAR = load_calendar(DATA / "calendar.tsv")
WORDS = load_words(DATA / "time_words.tsv", CALENDAR)
_LISTS: dict[str, list[str]] = {**{kind: list(words) for kind, words in CALENDAR.items()}, **WORDS}
_MONTHS_CI = [m for m in CALENDAR["month"] if m not in WORDS["cased_months"]]
SUBPATTERNS = load_subpatterns(
    DATA / "time_subpatterns.tsv",
    _LISTS,
    {
        "MONTH_CI": _group(_MONTHS_CI),
        "MONTH_CASED": _cased(WORDS["cased_months"]),
        "MONTH_CAPITALISED": _cased(_MONTHS_CI),
    },
)
PATTERNS = load_patterns(DATA / "time_patterns.tsv", SUBPATTERNS, _LISTS)

MONTH_NUM: dict[str, int] = {**CALENDAR["month"], **CALENDAR["month_abbr"]}
WEEKDAY_NUM: dict[str, int] = CALENDAR["weekday"]
NUMBER_WORDS: dict[str, int] = CALENDAR["number"]
ORDINALS: dict[str, int] = CALENDAR["ordinal"]
SEASONS: dict[str, int] = CALENDAR["season"]  # the first month of each
RELATIVE_DAYS: dict[str, int] = CALENDAR["relative_day"]
ANCHORED_DAYS: dict[str, int] = CALENDAR["anchored_day"]
HOLIDAYS: dict[str, int] = CALENDAR["holiday"]  # MMDD, or EASTER / THANKSGIVING
EASTER, THANKSGIVING = 0, 1


def expand(template: str) -> str:
    """A code template with its ``{...}`` references to the data expanded (KeyError for an unknown one)."""
    return _expand(template, SUBPATTERNS, _LISTS)


def words(name: str) -> list[str]:
    """The entries of a word list or the words of a calendar kind, in file order."""
    return _LISTS[name]


def number(word: str) -> int | None:
    """The value of a number written in digits or words ("3", "three", "a couple of"), else None."""
    word = word.strip()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)
