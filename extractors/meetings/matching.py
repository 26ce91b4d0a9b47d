"""Which mentions are one meeting: blocking, a pairwise rule, and the connected components of its matches.

Blocking: a mention is filed under (month, key) for every month its interval touches (an undated mention:
the months from its publication to ``UNDATED_HORIZON_DAYS`` later) and every distinctive word, acronym or
summit venue it carries. Only mentions that share a block are compared, so the work grows with the size of
the blocks, never with all pairs of a year; a match needs a shared key and overlapping time, so blocking loses
no match.

The pairwise rule (:func:`match`) asks for compatible kinds, places and times, and enough shared identity: the
same event name, two shared parties, or one shared party of a one-party mention whose time holds or is held by
the other's; mentions of different kind families match only under one name, at a gathering's venue, or when
one is named for a body that is a party of the other ("the G20 summit" / "leaders of the G20 will gather");
gatherings (summits, conferences) also match on the same venue over overlapping short times, and
an undated or coarse mention at the city of an anchored gathering in its time joins it ("the meeting in
Toronto" / "the G20 summit in Toronto on June 26-27"), as does a dated one that names no one and nothing; a
mention that names only people of states over a few days ("world leaders", "the meeting of leading nations on
Thursday") is loose and joins the summit held on them that it matches most. Time
is compatible when the intervals overlap or nest ("April" holds "April 2"); day-precise dates up to
``DATE_SLACK_DAYS`` apart still match on strong identity, so that an article's wrong date stays visible as a
conflict of one meeting instead of a second meeting; under one event name, a weekday read five or more days
ahead may also name the week just gone (a weekend paper's "summit meetings on Friday and Saturday", filed the
evening before).

Meetings: mentions dated to at most ``VENUE_DAYS`` days, or named and dated to a month at most ("the G20 summit
in Seoul in November"), are anchors; the connected groups of their matches are split into meetings
(:func:`anchor_groups`), joining strongest match first and never into a meeting whose days, countries or event
names disagree (unless one side's parties include the body the other's name is for), nor a mention of a
later occasion ("the next summit") into a meeting that had begun by its
publication. Undated and coarse mentions then join the one anchor meeting they match most
(:func:`attach`) and never bridge two. A group's meetings depend only on its anchors, and a loose mention's
meeting only on the anchor meetings it matches, so an update that resolves again what a day's mentions touch
gives the same meetings as one pass over every day, in any order (``extractors.meetings.store``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

from extractors.language.names.keys import NameKey, same_party, weight
from extractors.language.places import point_key
from extractors.meetings.mentions import Mention

DATE_SLACK_DAYS = 2  # a wrong day stays one meeting; one body's meetings three days apart are two
UNDATED_HORIZON_DAYS = 21  # shorter than a month: "the meeting" of a monthly body is the next one
COARSE_DAYS = 31  # a mention dated more loosely than a month matches only by its event name
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


WEEK = dt.timedelta(days=7)


def time_span(m: Mention) -> tuple[dt.date, dt.date]:
    """The days a mention may be compared over: its interval widened by the slack (and a week earlier for a
    weekday that may name the week just gone: ``Mention.week_ambiguous``), or, undated, the days from its
    publication to the horizon."""
    slack = dt.timedelta(days=DATE_SLACK_DAYS)
    if m.dated:
        return m.start_date - slack - (WEEK if m.week_ambiguous else dt.timedelta(0)), m.end_date + slack
    return m.published_date - dt.timedelta(days=1), m.published_date + dt.timedelta(days=UNDATED_HORIZON_DAYS)


def identities(m: Mention) -> tuple[NameKey, ...]:
    """The parties of a mention, and its event name as one more (a "G20 summit" and "G20 leaders" meet on
    g20)."""
    return (*m.parties, m.name) if m.name is not None else m.parties


_GROUP_KEY = re.compile(r"g\d+")  # "Group of 20", "G-20" -> g20 (``extractors.language.names.keys``)


def groups_named(m: Mention) -> frozenset[str]:
    """The "Group of N" bodies a mention names ("the G8 and G20 summits": g8, g20)."""
    return frozenset(t for ident in identities(m) for t in ident.tokens if _GROUP_KEY.fullmatch(t))


def _combined(m: Mention) -> bool:
    """A mention of two Group-of-N gatherings at once ("the G8/G20 meetings run from June 25-27"): it is
    about neither one alone."""
    return len(groups_named(m)) >= 2


def block_keys(m: Mention) -> set[tuple[str, str]]:
    """The blocks a mention is filed under."""
    keys = set()
    for ident in identities(m):
        keys |= {t for t in ident.tokens if weight(t) == 1.0}
        if ident.acronym:
            keys.add(ident.acronym)
    if m.place and (m.family == "gathering" or not anchors(m) or not identities(m)):
        keys.add("@" + m.place)  # a venue: gatherings, and the loose or bare mentions that may join one there
    start, end = time_span(m)
    out = {(month, key) for month in _months(start, end) for key in keys}
    if (m.of_states and _short(m)) or (m.kind == "summit" and anchors(m)):  # summits' days (_states_at_summit)
        out |= {(day.strftime("%Y-%m"), "~summit " + day.isoformat()) for day in _days(m)}
    return out


def _short(m: Mention) -> bool:
    """Dated to fewer than ``VENUE_DAYS`` days."""
    return m.dated and (m.end_date - m.start_date).days < VENUE_DAYS


def _days(m: Mention) -> Iterator[dt.date]:
    day = m.start_date
    while day <= m.end_date:
        yield day
        day += dt.timedelta(days=1)


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


def cross_pairs(left: Sequence[Mention], right: Sequence[Mention]) -> set[tuple[int, int]]:
    """Index pairs (i into ``left``, j into ``right``) that share a block: only across the two sides."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(left):
        for key in block_keys(m):
            blocks[key].append(i)
    return {(i, j) for j, m in enumerate(right) for key in block_keys(m) for i in blocks.get(key, ())}


def shared_parties(a: Mention, b: Mention) -> int:
    """How many parties the two share: of each one's identities, those that find one in the other's, the
    fewer of the two counts (symmetric: "the euro zone's leaders and Britain" share one party with "euro zone
    countries and euro zone finance ministers", not two)."""
    ia, ib = identities(a), identities(b)
    return min(sum(any(same_party(x, y) for y in ib) for x in ia), sum(any(same_party(y, x) for x in ia) for y in ib))


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
    if not (point_key(a.location) or point_key(b.location)) and (a.place in b.place or b.place in a.place):
        return True  # "Gulf Coast" fits "the Gulf"
    far = _distance_km(a, b)
    if far is None or far <= SAME_PLACE_KM:
        return True
    return a.in_area or b.in_area  # a country or state is no point: "Canada" fits "Toronto"


def _holds(outer: Mention, inner: Mention) -> bool:
    return outer.start_date <= inner.start_date and inner.end_date <= outer.end_date


def _same_venue(a: Mention, b: Mention) -> bool:
    """Two gatherings (or one summit and a meeting) in one place over short, overlapping times: one summit."""
    short = _short(a) and _short(b)
    gathering = a.family == b.family == "gathering" or "summit" in (a.kind, b.kind)
    return bool(short and gathering and a.place and a.place == b.place)


def _at_venue(a: Mention, b: Mention) -> bool:
    """A loose mention at the city where an anchored gathering is held ("the meeting in Toronto" / "the G20
    summit in Toronto on June 26-27"): the same place, a city rather than a country or region."""
    if anchors(a) != anchors(b):
        anchor = a if anchors(a) else b
    else:  # two anchors: a mention that names no one and nothing is a mention of the gathering held there then
        bare = [m for m in (a, b) if not identities(m)]
        if not anchors(a) or len(bare) != 1:
            return False
        anchor = b if bare[0] is a else a
    gathering = anchor.family == "gathering" or anchor.kind == "summit"
    return bool(gathering and a.place and a.place == b.place and not (a.in_area or b.in_area))


def _states_at_summit(a: Mention, b: Mention) -> bool:
    """One mention names only people of states ("world leaders", "leading nations") over a few days, the other is
    a summit anchored on days among them: the leaders' gathering is that summit ("the meeting of leading nations
    on Thursday" / "the G20 summit in London on April 2"). The mention of the leaders is loose (:func:`anchors`),
    so it joins the summit it matches most and never bridges two."""
    return any(x.of_states and _short(x) and y.kind == "summit" and anchors(y) and _gap_days(x, y) <= 0
               for x, y in ((a, b), (b, a)))


def _own_gathering(a: Mention, b: Mention) -> bool:
    """``a`` is named for a body that is one of ``b``'s parties ("the G20 summit" / "leaders of the G20 will
    gather"): the body's own gathering, whatever kind each calls it."""
    return a.name is not None and any(same_party(a.name, p) for p in b.parties)


def _gap_days(a: Mention, b: Mention, same_name: bool = False) -> int:
    """Days between two intervals (0 or less: they overlap); under one event name, a weekday that may name the
    week just gone is also read a week earlier ("the summit meetings on Friday and Saturday" in a Saturday
    paper / "the G20 summit on November 14-15")."""
    gap = (max(a.start_date, b.start_date) - min(a.end_date, b.end_date)).days
    for x, y in ((a, b), (b, a)) if same_name else ():
        if x.week_ambiguous:
            gap = min(gap, (max(x.start_date - WEEK, y.start_date) - min(x.end_date - WEEK, y.end_date)).days)
    return gap


def match(a: Mention, b: Mention) -> bool:
    """Whether two mentions are one meeting (see the module's docstring)."""
    if _combined(a) != _combined(b):
        return False  # "the G8 and G20 summits" is neither the G8 summit nor the G20 one
    names = a.name is not None and b.name is not None
    same_name = names and same_party(a.name, b.name)
    if names and not same_name:
        return False  # "NATO summit" vs "G20 summit"
    if not same_name and any(m.dated and (m.end_date - m.start_date).days > COARSE_DAYS for m in (a, b)):
        return False  # "later this year" names no one meeting of a body that meets every month
    if a.family != b.family and not (same_name or _at_venue(a, b) or _own_gathering(a, b) or _own_gathering(b, a)
                                     or _states_at_summit(a, b)):
        return False
    if not places_compatible(a, b):
        return False
    shared = shared_parties(a, b)
    fewest = min(len(identities(a)), len(identities(b)))
    nested = a.dated and b.dated and (_holds(a, b) or _holds(b, a))
    strong = same_name or shared >= 2 or (shared == 1 and fewest == 1 and (nested or not (a.dated and b.dated)))
    if a.dated and b.dated:
        gap = _gap_days(a, b, same_name)
        if gap > 0 and not (strong and gap <= DATE_SLACK_DAYS and a.granularity in ("day", "week")
                            and b.granularity in ("day", "week")):
            return False
        return strong or (gap <= 0 and (_same_venue(a, b) or _at_venue(a, b) or _states_at_summit(a, b)))
    if not (strong or _at_venue(a, b)):
        return False
    if not (a.dated or b.dated):
        return False  # two undated mentions share no time (resolution compares loose mentions with anchors only)
    dated, undated = (a, b) if a.dated else (b, a)
    lo, hi = time_span(undated)
    return lo <= dated.start_date <= hi or lo <= dated.end_date <= hi


def strength(a: Mention, b: Mention) -> tuple[int, ...]:
    """How surely two matching mentions are one meeting: one name, shared parties, one day, one place."""
    same_name = a.name is not None and b.name is not None and same_party(a.name, b.name)
    one_day = a.day_precise and b.day_precise and (a.start_date, a.end_date) == (b.start_date, b.end_date)
    return (int(same_name), shared_parties(a, b), int(one_day), int(bool(a.place) and a.place == b.place))


def anchors(m: Mention) -> bool:
    """Whether a mention can join meetings together: it is dated to at most ``VENUE_DAYS`` days, or it names
    its event and is dated to a month at most (a named gathering months ahead is reported long before any day
    of it is). Undated and coarse mentions ("in April", "this year"), and those that name only people of states
    ("world leaders"), only join the one meeting they match most."""
    if not m.dated or m.of_states:
        return False
    days = (m.end_date - m.start_date).days
    return days < VENUE_DAYS or (m.name is not None and days <= COARSE_DAYS)


def _country(members: list[Mention]) -> str | None:
    """The country at least half the mentions give (the most given), else None: one article's wrong place among
    several mentions ("Brown ... the United States" for the London summit) says nothing of where it is."""
    counts = Counter(m.location_country for m in members if m.location_country)
    if not counts:
        return None
    country = min(counts, key=lambda c: (-counts[c], c))
    return country if 2 * counts[country] >= len(members) else None


def _fits(a: list[Mention], b: list[Mention]) -> bool:
    """Whether two sets of mentions can be one meeting: their day-precise mentions lie within the slack of
    each other and the countries at least half of each side's mentions give agree."""
    days = [m for m in a + b if m.day_precise and not m.week_ambiguous]
    if len(days) >= 2 and (max(m.start_date for m in days) - min(m.end_date for m in days)).days > DATE_SLACK_DAYS:
        return False
    if _under_way(a, b) or _under_way(b, a):
        return False  # "the next G20 summit" in a paper of the summit's second day is the one after it
    names_a, names_b = _names(a), _names(b)
    if names_a and names_b and not any(same_party(x, y) for x in names_a for y in names_b) and not (
            _party_named(names_a, b) or _party_named(names_b, a)):
        return False  # "the NATO summit" joins no meeting its other mentions call "the G20 summit"
    ca, cb = _country(a), _country(b)
    return ca is None or cb is None or ca == cb


def _party_named(names: list[NameKey], members: list[Mention]) -> bool:
    """Whether a body one side names its gathering for is a party of the other side's mentions ("the G20 summit"
    / "G20 leaders meet on Saturday", which one article called "the spring IMF meetings"): the other name is
    that article's error, not another gathering."""
    return any(same_party(n, p) for n in names for m in members for p in m.parties)


def _under_way(later: list[Mention], meeting: list[Mention]) -> bool:
    """Whether ``later`` has a mention of a later occasion ("the next summit", "another meeting") published on or
    after the day ``meeting`` begins (the median start of its day-precise mentions)."""
    flagged = [m.published_date for m in later if m.later_occasion]
    starts = sorted(m.start_date for m in meeting if m.day_precise)
    return bool(flagged and starts) and starts[len(starts) // 2] <= max(flagged)


def _names(members: list[Mention]) -> list[NameKey]:
    """The event names a set of mentions gives (combined mentions name two events: none of them counts)."""
    return [m.name for m in members if m.name is not None and not _combined(m)]


def _union_find(n: int, edges: Iterable[tuple[int, int]], may_join: Callable[[int, int], bool] | None = None,
                on_join: Callable[[int, int], None] | None = None) -> list[int]:
    """The root of each of ``n`` items after joining ``edges`` in order; a root is its set's lowest index.
    ``may_join(ri, rj)`` may refuse to join two sets; ``on_join(kept, dropped)`` hears of every join."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        ri, rj = find(i), find(j)
        if ri != rj and (may_join is None or may_join(ri, rj)):
            parent[max(ri, rj)] = min(ri, rj)
            if on_join is not None:
                on_join(min(ri, rj), max(ri, rj))
    return [find(i) for i in range(n)]


def anchor_groups(mentions: Sequence[Mention]) -> list[list[list[Mention]]]:
    """The groups of anchor mentions: connected components of their matches, each split into meetings by
    joining the strongest matches first, never into a meeting whose days or countries disagree. A group
    depends only on its members."""
    ms = sorted(mentions, key=lambda m: m.sort_key)
    edges = [(i, j) for i, j in sorted(candidate_pairs(ms)) if match(ms[i], ms[j])]
    comp = _union_find(len(ms), edges)
    members: dict[int, list[Mention]] = {i: [m] for i, m in enumerate(ms)}

    def merge(kept: int, dropped: int) -> None:
        members[kept] += members.pop(dropped)

    ranked = sorted(edges, key=lambda e: (tuple(-x for x in strength(ms[e[0]], ms[e[1]])), e))
    meeting = _union_find(len(ms), ranked, lambda ri, rj: _fits(members[ri], members[rj]), merge)
    groups: dict[int, dict[int, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for i, m in enumerate(ms):
        groups[comp[i]][meeting[i]].append(m)
    return [list(g.values()) for g in groups.values()]


def attach(loose: Sequence[Mention], meetings: Sequence[Sequence[Mention]]) -> list[int | None]:
    """For each undated or coarse mention, the index of the anchor meeting it joins, or None: the meeting
    whose anchors it matches most often (then the first-reported one) among those it fits. It depends only
    on the mention and the anchor meetings it matches, so it never bridges two meetings."""
    anchors_ = [(k, m) for k, meeting in enumerate(meetings) for m in meeting]
    votes: list[Counter[int]] = [Counter() for _ in loose]
    for i, j in cross_pairs(loose, [m for _, m in anchors_]):
        if match(loose[i], anchors_[j][1]):
            votes[i][anchors_[j][0]] += 1
    out: list[int | None] = []
    for u, counts in zip(loose, votes, strict=True):
        ranked = sorted(counts, key=lambda k: (-counts[k], meetings[k][0].sort_key))
        out.append(next((k for k in ranked if _fits(list(meetings[k]), [u])), None))
    return out


def resolve_groups(mentions: Sequence[Mention]) -> list[list[list[Mention]]]:
    """Every meeting among ``mentions``, by group: each anchor group's meetings with the mentions attached to
    them; each mention that joins none, a group of its own. Meetings sorted by (publication date, event id)."""
    anchored = [m for m in mentions if anchors(m)]
    loose = sorted((m for m in mentions if not anchors(m)), key=lambda m: m.sort_key)
    groups = anchor_groups(anchored)
    flat = [meeting for group in groups for meeting in group]
    for u, k in zip(loose, attach(loose, flat), strict=True):
        if k is None:
            groups.append([[u]])
        else:
            flat[k].append(u)
    return [[sorted(meeting, key=lambda m: m.sort_key) for meeting in group] for group in groups]


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
