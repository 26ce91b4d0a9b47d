"""The language data under ``extractors/data``, read one way: one reader, one error, files read once.

Every data file is UTF-8 text; lines starting with ``#`` and blank lines are comments. Tab-separated files
have a fixed number of fields a line (``rows``); word lists have one entry a line (``word_list``); word-set
files have ``SET<TAB>word`` lines where ``@OTHER`` stands for every word of the set OTHER (``word_sets``).
A malformed line raises :class:`DataFileError` naming the file and the line. The calendar vocabulary
(months, weekdays, numbers, seasons, days relative to publication) is ``calendar.tsv``, which
``extractors.language.timex.vocabulary`` reads and every module that needs a calendar word uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
_SET_NAME = re.compile(r"[A-Z][A-Z0-9_]*(?:\.[a-z][a-z-]*)?")


class DataFileError(ValueError):
    """A malformed line of a data file (the message starts with ``path:line:``), or a word set the code asks
    for that the file lacks."""


def _data_lines(path: Path) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield number, line


def rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """The (line number, fields) of the data lines of a tab-separated file, each with ``columns`` non-empty
    fields."""
    for number, line in _data_lines(path):
        fields = line.split("\t")
        if len(fields) != columns or any(not f or f != f.strip() for f in fields):
            raise DataFileError(f"{path}:{number}: expected {columns} non-empty tab-separated fields, got {line!r}")
        yield number, fields


@cache
def word_list(name: str, lower: bool = False) -> frozenset[str]:
    """The entries of the one-entry-a-line file ``data/<name>`` (``lower``: lower-cased)."""
    return frozenset(ln.strip().lower() if lower else ln.strip() for _, ln in _data_lines(DATA / name))


@cache
def demonyms() -> dict[str, str | None]:
    """Nationality, regional and party adjectives of ``demonyms.tsv``, lower case, each with the ISO country it
    is of ("german": "DE"), or None ("european", "labour")."""
    return {adj.lower(): None if code == "-" else code for _, (adj, code) in rows(DATA / "demonyms.tsv", 2)}


@cache
def word_sets(path: Path) -> dict[str, frozenset[str]]:
    """The word sets of a ``SET<TAB>word`` file, ``@OTHER`` expanded."""
    raw: dict[str, dict[str, int]] = {}  # set -> word -> line number
    for number, (name, word) in rows(path, 2):
        if not _SET_NAME.fullmatch(name):
            raise DataFileError(f"{path}:{number}: bad set name {name!r} (upper case, digits and _, optionally .key)")
        if word in raw.get(name, {}):
            raise DataFileError(f"{path}:{number}: {word!r} repeats line {raw[name][word]} of set {name}")
        raw.setdefault(name, {})[word] = number

    def expand(name: str, seen: tuple[str, ...]) -> frozenset[str]:
        out: set[str] = set()
        for word, number in raw[name].items():
            if not word.startswith("@"):
                out.add(word)
            elif word[1:] not in raw or word[1:] in seen:
                why = "no such set" if word[1:] not in raw else "a set that includes itself"
                raise DataFileError(f"{path}:{number}: {word!r} refers to {why}")
            else:
                out |= expand(word[1:], (*seen, word[1:]))
        return frozenset(out)

    return {name: expand(name, (name,)) for name in raw}


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of the phrases (longest first, any spaces between their words)."""
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(phrases, key=lambda p: (-len(p), p)))
