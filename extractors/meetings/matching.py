"""Which mentions are one meeting: blocking, a pairwise rule, and the connected components of its matches.

Blocking: a mention is filed under (month, key) for every month its interval touches (an undated mention:
the months from its publication to ``UNDATED_HORIZON_DAYS`` later) and every distinctive word, acronym or
summit venue it carries. Only mentions that share a block are compared, so the work grows with the size of
the blocks, never with all pairs of a year; a match needs a shared key and overlapping time, so blocking loses
no match.

The pairwise rule (:func:`match`) asks for compatible kinds, places and times, and enough shared identity: the
same event name, two shared parties, or one shared party of a one-party mention whose time holds or is held by
the other's; gatherings (summits, conferences) also match on the same venue over overlapping short times. Time
is compatible when the intervals overlap or nest ("April" holds "April 2"); day-precise dates up to
``DATE_SLACK_DAYS`` apart still match on strong identity, so that an article's wrong date stays visible as a
conflict of one meeting instead of a second meeting.

Meetings: the connected groups of matches, each split (:func:`_split`) so that mentions dated to a few days
join strongest match first and never into a meeting whose days or countries disagree, while undated and coarse
mentions join the one meeting they match most and never bridge two. A group's meetings are a function of its
members only, so recomputing the components that a day's mentions touch gives the same meetings as one pass
over every day, in any order (``extractors.meetings.store`` relies on it).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence

from extractors.language.places import place_kind
from extractors.meetings.mentions import Mention, NameKey, same_party, weight

DATE_SLACK_DAYS = 3
UNDATED_HORIZON_DAYS = 45
UNDATED_PUBLISHED_DAYS = 7  # two undated mentions: published at most this far apart
SAME_PLACE_KM = 100.0
VENUE_DAYS = 8  # gatherings in one place match on overlapping times of at most this many days
MAX_BLOCK_MONTHS = 15  # a year-long interval ("later this year") and its slack: filed under its months, no more


def _months(start: dt.date, end: dt.date) -> Iterator[str]:
    y, m = start.year, start.month
    for _ in range(MAX_BLOCK_MONTHS):
        if (y, m) > (end.year, end.month):
            return
        yield f"{y:04d}-{m:02d}"
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def time_span(m: Mention) -> tuple[dt.date, dt.date]:
    """The days a mention may be compared over: its interval widened by the slack, or, undated, the days from
    its publication to the horizon."""
    slack = dt.timedelta(days=DATE_SLACK_DAYS)
    if m.dated:
        return m.start_date - slack, m.end_date + slack
    return m.published_date - dt.timedelta(days=1), m.published_date + dt.timedelta(days=UNDATED_HORIZON_DAYS)


def identities(m: Mention) -> tuple[NameKey, ...]:
    """The parties of a mention, and its event name as one more (a "G20 summit" and "G20 leaders" meet on
    g20)."""
    return (*m.parties, m.name) if m.name is not None else m.parties


def block_keys(m: Mention) -> set[tuple[str, str]]:
    """The blocks a mention is filed under."""
    keys = set()
    for ident in identities(m):
        keys |= {t for t in ident.tokens if weight(t) == 1.0}
        if ident.acronym:
            keys.add(ident.acronym)
    if m.family == "gathering" and m.place:
        keys.add("@" + m.place)
    start, end = time_span(m)
    return {(month, key) for month in _months(start, end) for key in keys}


def candidate_pairs(mentions: Sequence[Mention]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of mentions that share a block."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        for key in block_keys(m):
            blocks[key].append(i)
    pairs = set()
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                pairs.add((i, j) if i < j else (j, i))
    return pairs


def shared_parties(a: Mention, b: Mention) -> int:
    """How many of the fewer identities of the two find one in the other."""
    small, large = sorted((identities(a), identities(b)), key=len)
    return sum(any(same_party(x, y) for y in large) for x in small)


def _distance_km(a: Mention, b: Mention) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def places_compatible(a: Mention, b: Mention) -> bool:
    """Unknown places fit anything; different countries never fit; two places of one country fit unless both
    are given and lie far apart ("London" fits "Britain"; "New York" does not fit "Washington")."""
    if a.location_country and b.location_country and a.location_country != b.location_country:
        return False
    if not a.place or not b.place or a.place == b.place:
        return True
    if a.place in b.place or b.place in a.place:
        return True
    far = _distance_km(a, b)
    if far is None or far <= SAME_PLACE_KM:
        return True
    return _is_area(a) or _is_area(b)  # a country or state is no point: "Canada" fits "Toronto"


def _is_area(m: Mention) -> bool:
    return place_kind(m.location or "") in ("country", "region", "state")


def _holds(outer: Mention, inner: Mention) -> bool:
    return outer.start_date <= inner.start_date and inner.end_date <= outer.end_date


def _same_venue(a: Mention, b: Mention) -> bool:
    """Two gatherings (or one summit and a meeting) in one place over short, overlapping times: one summit."""
    short = all((m.end_date - m.start_date).days < VENUE_DAYS for m in (a, b))
    gathering = a.family == b.family == "gathering" or "summit" in (a.kind, b.kind)
    return bool(short and gathering and a.place and a.place == b.place)


def _gap_days(a: Mention, b: Mention) -> int:
    """Days between two intervals (0 or less: they overlap)."""
    return (max(a.start_date, b.start_date) - min(a.end_date, b.end_date)).days


def match(a: Mention, b: Mention) -> bool:
    """Whether two mentions are one meeting (see the module's docstring)."""
    names = a.name is not None and b.name is not None
    same_name = names and same_party(a.name, b.name)
    if names and not same_name:
        return False  # "NATO summit" vs "G20 summit"
    if a.family != b.family and not same_name:
        return False
    if not places_compatible(a, b):
        return False
    shared = shared_parties(a, b)
    fewest = min(len(identities(a)), len(identities(b)))
    nested = a.dated and b.dated and (_holds(a, b) or _holds(b, a))
    strong = same_name or shared >= 2 or (shared == 1 and fewest == 1 and (nested or not (a.dated and b.dated)))
    if a.dated and b.dated:
        gap = _gap_days(a, b)
        if gap > 0 and not (strong and gap <= DATE_SLACK_DAYS and a.granularity in ("day", "week")
                            and b.granularity in ("day", "week")):
            return False
        return strong or (gap <= 0 and _same_venue(a, b))
    if not strong:
        return False
    if a.dated or b.dated:
        dated, undated = (a, b) if a.dated else (b, a)
        lo, hi = time_span(undated)
        return lo <= dated.start_date <= hi or lo <= dated.end_date <= hi
    return abs((a.published_date - b.published_date).days) <= UNDATED_PUBLISHED_DAYS


def strength(a: Mention, b: Mention) -> tuple[int, ...]:
    """How surely two matching mentions are one meeting: one name, shared parties, one day, one place."""
    same_name = a.name is not None and b.name is not None and same_party(a.name, b.name)
    one_day = a.day_precise and b.day_precise and (a.start_date, a.end_date) == (b.start_date, b.end_date)
    return (int(same_name), shared_parties(a, b), int(one_day), int(bool(a.place) and a.place == b.place))


def anchors(m: Mention) -> bool:
    """Whether a mention can join meetings together: it is dated to at most ``VENUE_DAYS`` days. Undated and
    coarse mentions ("in April", "this year") only join the one meeting they match most."""
    return m.dated and (m.end_date - m.start_date).days < VENUE_DAYS


def _country(members: list[Mention]) -> str | None:
    counts = Counter(m.location_country for m in members if m.location_country)
    return min(counts, key=lambda c: (-counts[c], c)) if counts else None


def _fits(a: list[Mention], b: list[Mention]) -> bool:
    """Whether two sets of mentions can be one meeting: their day-precise mentions lie within the slack of
    each other and their most given countries agree."""
    days = [m for m in a + b if m.day_precise]
    if len(days) >= 2 and (max(m.start_date for m in days) - min(m.end_date for m in days)).days > DATE_SLACK_DAYS:
        return False
    ca, cb = _country(a), _country(b)
    return ca is None or cb is None or ca == cb


def _split(group: list[Mention], edges: list[tuple[int, int]]) -> list[list[Mention]]:
    """The meetings of one connected group: anchor mentions joined strongest match first, never into a
    meeting whose days or countries disagree; then each other mention joins the meeting it matches most often
    (it never bridges two meetings) if it fits; those that join none are joined among themselves."""
    parent = list(range(len(group)))
    members: dict[int, list[Mention]] = {i: [m] for i, m in enumerate(group)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri == rj or not _fits(members[ri], members[rj]):
            return
        keep, drop = min(ri, rj), max(ri, rj)
        parent[drop] = keep
        members[keep] += members.pop(drop)

    anchor = [anchors(m) for m in group]
    strong = [(i, j) for i, j in edges if anchor[i] and anchor[j]]
    for i, j in sorted(strong, key=lambda e: (tuple(-x for x in strength(group[e[0]], group[e[1]])), e)):
        union(i, j)
    neighbours: dict[int, list[int]] = defaultdict(list)
    for i, j in edges:
        neighbours[i].append(j)
        neighbours[j].append(i)
    unattached = []
    for u in (i for i in range(len(group)) if not anchor[i]):
        votes = Counter(find(k) for k in neighbours[u] if anchor[k])
        for root in sorted(votes, key=lambda r: (-votes[r], r)):
            if _fits(members[root], [group[u]]):
                union(u, root)
                break
        else:
            unattached.append(u)
    loose = set(unattached)
    for i, j in edges:
        if i in loose and j in loose:
            union(i, j)
    return [sorted(ms, key=lambda m: m.sort_key) for ms in members.values()]


def resolve_groups(mentions: Sequence[Mention]) -> list[list[list[Mention]]]:
    """The connected groups of :func:`match` over the candidate pairs, each split into its meetings by
    :func:`_split`; each meeting sorted by (publication date, event id). A group depends only on its members."""
    ms = sorted(mentions, key=lambda m: m.sort_key)
    edges = [(i, j) for i, j in sorted(candidate_pairs(ms)) if match(ms[i], ms[j])]
    parent = list(range(len(ms)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ms)):
        groups[find(i)].append(i)
    local_edges: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in edges:
        local_edges[find(i)].append((i, j))
    out = []
    for root, members in groups.items():
        index = {g: k for k, g in enumerate(members)}
        out.append(_split([ms[g] for g in members], [(index[i], index[j]) for i, j in local_edges[root]]))
    return out


def components(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """The meetings among ``mentions`` (every group's), sorted by their first member."""
    return sorted((m for group in resolve_groups(mentions) for m in group), key=lambda g: g[0].sort_key)


def months_of(m: Mention) -> set[str]:
    """The months a mention is filed under."""
    return set(_months(*time_span(m)))


def pairs_within(groups: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    """Every unordered pair of ids that share a group (for pairwise precision and recall)."""
    out = set()
    for g in groups:
        ids = sorted(g)
        out |= {(x, y) for i, x in enumerate(ids) for y in ids[i + 1:]}
    return out
