"""Clustering: mentions of one meeting across the article's sentences become one group.

Two mentions are one event when their status, time, place, name and participants can all describe it;
greedy, in text order, each new mention joining the first group all of whose mentions it fits.
"""

from __future__ import annotations

from extractors.assembly.linking import Mention
from extractors.assembly.rules import ALL, RuleSet
from extractors.language.names.lexicon import DETERMINERS

GATHERINGS = frozenset({"summit", "conference", "talks"})  # many parties: who is named does not tell two apart


def surnames(names: list[str]) -> set[str]:
    return {n.lower().split()[-1] for n in names if n.split()}


def _named(names: list[str]) -> set[str]:
    """The surnames of the parties named by a proper name; a description ("two members of the Cabinet",
    "officials") names no one in particular and so never tells two mentions apart."""
    return surnames([n for n in names if n[:1].isupper() and n.split()[0].lower() not in DETERMINERS])


def _same_time(a: Mention, b: Mention, rules: RuleSet) -> bool:
    """Dates that can describe one event: equal, or, for events of one kind, one
    refining the other ("its October meeting" / "meets next Thursday"; "later this month" / "Nov. 29 to
    Dec. 3"). A trip next week and a meeting on a day of that week stay apart."""
    x, y = a.interval, b.interval
    if not (a.dated and b.dated) or x == y:
        return True
    if not rules.on("refine-date") or a.kind != b.kind or (
            rules.on("tour-legs") and (_consecutive(a, b) or _consecutive(b, a))):
        return False
    overlap = x.start <= y.end and y.start <= x.end
    nested = (x.start <= y.start and y.end <= x.end) or (y.start <= x.start and x.end <= y.end)
    return overlap and (x.granularity != y.granularity or nested)


def _consecutive(a: Mention, b: Mention) -> bool:
    """``a`` ends the day ``b`` starts: two legs of a tour ("will wrap up his visit to Seoul on Wednesday" /
    "Trump's visit starting on Wednesday")."""
    return a.phase == "end" and b.phase == "start" and a.interval.end == b.interval.start


def same_place(a: str, b: str) -> bool:
    """"California" and "the state of California" are one place."""
    x, y = a.lower().removeprefix("the "), b.lower().removeprefix("the ")
    return x in y or y in x


def same_event(a: Mention, b: Mention, rules: RuleSet = ALL) -> bool:
    """Could ``a`` and ``b`` be two mentions of one event?"""
    if a.status != b.status:
        return False
    if not _same_time(a, b, rules):
        return False
    if a.event_name and b.event_name and a.event_name.lower() != b.event_name.lower():
        return False
    if a.location and b.location and not same_place(a.location, b.location):
        return False
    sa, sb = _named(a.participants), _named(b.participants)
    if rules.on("gathering-merge") and a.kind == b.kind and a.kind in GATHERINGS:
        return True  # each mention of "the summit" names some of its many parties
    return not (sa and sb) or bool(sa & sb)


def cluster(mentions: list[Mention], rules: RuleSet = ALL) -> list[Mention]:
    """Greedy clustering; each head keeps the other mentions in ``merged``."""
    heads: list[Mention] = []
    for m in mentions:
        for head in heads:
            if m.sentence is not head.sentence and all(same_event(m, x, rules) for x in (head, *head.merged)):
                head.merged.append(m)
                break
        else:
            heads.append(m)
    return heads
