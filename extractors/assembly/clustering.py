"""Clustering: mentions of one meeting across the article's sentences become one group.

Two mentions are one event when their status, time, place, name and participants can all describe it;
greedy, in text order, each new mention joining the first group all of whose mentions it fits.
"""

from __future__ import annotations

import re

from extractors.assembly.linking import MEETING_WORDS, Mention, coordinated, held_at, named_party
from extractors.assembly.rules import ALL, RuleSet
from extractors.language.lexicon import word_sets
from extractors.language.names.keys import name_key, one_party, ranks_clash
from extractors.language.places import holds

TALK_KINDS = frozenset({"meeting", "talks"})  # two kinds the tagger gives one sitting ("talks" / "will meet")


def surnames(names: list[str]) -> set[str]:
    return {n.lower().split()[-1] for n in names if n.split()}


def _named(names: list[str]) -> set[str]:
    """The surnames of the parties named by a proper name; a description ("two members of the Cabinet",
    "officials") names no one in particular and so never tells two mentions apart."""
    return surnames([n for n in names if named_party(n)])


def _same_time(a: Mention, b: Mention, rules: RuleSet) -> bool:
    """Dates that can describe one event: equal, or, for events of one kind, one
    refining the other ("its October meeting" / "meets next Thursday"; "later this month" / "Nov. 29 to
    Dec. 3"). A trip next week and a meeting on a day of that week stay apart."""
    x, y = a.interval, b.interval
    if not (a.dated and b.dated) or x == y:
        return True
    if not rules.on("refine-date") or (a.kind != b.kind and not _alike(a, b, rules)) or (
            rules.on("tour-legs") and (_consecutive(a, b) or _consecutive(b, a))):
        return False
    overlap = x.start <= y.end and y.start <= x.end
    nested = (x.start <= y.start and y.end <= x.end) or (y.start <= x.start and x.end <= y.end)
    return overlap and (x.granularity != y.granularity or nested)


def _alike(a: Mention, b: Mention, rules: RuleSet) -> bool:
    """Mentions of two kinds that still name one event (``refine-kinds``): one trigger noun within a month ("next
    week's annual meeting" / "the May 9 meeting"), one event name ("the G20 summit this week" / "the weekend G20
    meeting"), or the same two or more named parties ("Hu and Obama prepare to meet next week" / "the January 19
    summit between Hu and Obama"), or a meeting and talks at one place or with a party in common (``_talks``). A
    trip and a meeting on it name different parties."""
    if not rules.on("refine-kinds"):
        return False
    if _noun(a) in word_sets(MEETING_WORDS)["NOUN"] and _noun(a) == _noun(b) and "year" not in (
            a.interval.granularity, b.interval.granularity):
        return True  # "this week's IADB annual meetings" / "the bank's annual meeting on Monday": tagged two kinds
    if _talks(a, b, rules):
        return True
    if a.event_name and b.event_name:
        return one_party(a.event_name, b.event_name, event_name=True)
    named = _named(a.participants)
    return len(named) >= 2 and named == _named(b.participants)


def _talks(a: Mention, b: Mention, rules: RuleSet) -> bool:
    """A meeting and talks that say where, or name a party in common: one event told two ways ("arrive here
    tomorrow for talks" / "will meet with Japanese creditor banks here later this week")."""
    if {a.kind, b.kind} != TALK_KINDS:
        return False
    if a.location and b.location:
        return _places_fit(a, b, rules)
    return bool(a.participants and b.participants) and any(
        x == y or one_party(x, y) for x in a.participants for y in b.participants)


def _consecutive(a: Mention, b: Mention) -> bool:
    """``a`` ends the day ``b`` starts: two legs of a tour ("will wrap up his visit to Seoul on Wednesday" /
    "Trump's visit starting on Wednesday")."""
    return a.phase == "end" and b.phase == "start" and a.interval.end == b.interval.start


def _same_name(a: str, b: str, rules: RuleSet) -> bool:
    """Two event names of one event: the same words, or (``party-keys``) with places dropped one key ("the G8
    summit" / "a G8 meeting") or a name with no key ("the summit", "the Washington summit")."""
    if a.lower() == b.lower():
        return True
    if not rules.on("party-keys"):
        return False
    return (one_party(a, b, event_name=True) or name_key(a, event_name=True) is None
            or name_key(b, event_name=True) is None)


def _share_party(a: list[str], b: list[str], rules: RuleSet) -> bool:
    """Parties that can be of one event: one side names no one, or both name one party (by surname, or with
    ``party-keys`` by key: "the Federal Reserve" / "the Fed"), and (``ranks``) not only at different ranks."""
    if rules.on("ranks") and ranks_clash(a, b):
        return False
    sa, sb = _named(a), _named(b)
    if not (sa and sb) or sa & sb:
        return True
    return rules.on("party-keys") and any(one_party(x, y) for x in a for y in b)


def same_place(a: str, b: str) -> bool:
    """"California" and "the state of California" are one place."""
    x, y = a.lower().removeprefix("the "), b.lower().removeprefix("the ")
    return x in y or y in x


def _places_fit(a: Mention, b: Mention, rules: RuleSet) -> bool:
    """Places of one event: the same place, or (``place-within``) a country or state and a place in it, unless
    either mention is a visit (a trip's stops are entries of their own: "a visit to Japan" / "a visit to
    Tokyo")."""
    if not (a.location and b.location) or same_place(a.location, b.location):
        return True
    return (rules.on("place-within") and "visit" not in (a.kind, b.kind)
            and (holds(a.location, b.location) or holds(b.location, a.location)))


def _one_tag(a: Mention, b: Mention, rules: RuleSet) -> bool:
    """Two mentions of one sentence that are one event (``tag-merge``, once times and places are resolved): the
    same status, day or undated, places that fit, and one event name ("a Group of 20 summit meeting in
    Hangzhou, China"), the same parties ("Sanders, traveling with the president on his trip to Asia"), or a
    dated mention naming no one ("host a summit of G20 leaders in one week ... the November 15 meeting")."""
    if not rules.on("tag-merge") or a.status != b.status or a.interval != b.interval or not _places_fit(a, b, rules):
        return False
    first, second = sorted((a, b), key=lambda m: m.trigger_start)
    text, at = a.sentence.text, a.sentence.start
    (first_start, first_end), (second_start, second_end) = (
        (m.trigger_start - at, m.trigger_start - at + len(m.trigger)) for m in (first, second))
    if rules.on("coordinated") and coordinated(text, (first_start, first_end, first.kind),
                                               (second_start, second_end, second.kind)):
        return False  # "hold a crisis summit and the ECB has its final policy meeting": two events
    if rules.on("sidelines") and held_at(text, (first_end, first.kind, first.participants),
                                         (second_start, second.kind)):
        return False  # "talks on the sidelines of the G20 summit": two events
    if a.event_name and b.event_name:
        return one_party(a.event_name, b.event_name, event_name=True)
    named = _named(a.participants), _named(b.participants)
    return (named[0] == named[1] and bool(named[0])) or (a.dated and not (named[0] and named[1]))


def _fit(a: Mention, b: Mention, rules: RuleSet, moving: bool = False) -> bool:
    """Status, time, event name and place that can all describe one event; ``moving``: ``a`` refers back to ``b``
    and moves it, so any time of ``b`` fits ("a meeting planned for the weekend ... That meeting has now been
    pushed back to October 23")."""
    return (a.status == b.status and (moving or _same_time(a, b, rules))
            and not (a.event_name and b.event_name and not _same_name(a.event_name, b.event_name, rules))
            and _places_fit(a, b, rules))


def same_event(a: Mention, b: Mention, rules: RuleSet = ALL) -> bool:
    """Could ``a`` and ``b`` be two mentions of one event?"""
    if not _fit(a, b, rules):
        return False
    if rules.on("party-keys") and a.event_name and b.event_name and one_party(a.event_name, b.event_name,
                                                                               event_name=True):
        return True  # "Brown will chair the April G20 summit" / "The G20 meets again in April": one name, one event
    return _share_party(a.participants, b.participants, rules)



_REFERRING_WORDS = 3  # "the White House meeting", "the two-day policy meeting"
TIME_POSSESSIVE = re.compile(r"(?:\w+day|tonight|tomorrow|week|weekend|month|year)['’]s")  # "Monday's", "next week's"


# After a verb trigger: the gathering it happens at, named as one already known ("testify at the hearing")
_DEFINITE_OBJECT = re.compile(r"\s+(?:at|to|in|during|before)?\s*(?:the|that|this)\s+(?P<noun>[a-z]+)\b")


def definite(m: Mention) -> bool:
    """Whether the mention refers back: "the meeting", "that summit", "the White House meeting", "Monday's
    meeting" (an ``ANAPHOR`` word or a time's possessive at most three modifiers before the trigger; "that" and
    "this" right before it), not "the next meeting" (a ``NEW_OCCASION`` word) nor "the leaders would meet" (a
    ``CLAUSE`` word between); a verb whose object or adjunct right after it is such a gathering noun ("will
    testify at the hearing", "will attend the meeting")."""
    sets = word_sets(MEETING_WORDS)
    if _noun(m) not in sets["NOUN"] and (after := _DEFINITE_OBJECT.match(
            m.sentence.text, m.trigger_start - m.sentence.start + len(m.trigger))):
        return after.group("noun").lower().removesuffix("s") in sets["NOUN"]  # "will testify at the hearing"
    words = m.sentence.text[:m.trigger_start - m.sentence.start].lower().split()[-(_REFERRING_WORDS + 1):]
    at = next((i for i in range(len(words) - 1, -1, -1)
               if words[i] in sets["ANAPHOR"] or TIME_POSSESSIVE.fullmatch(words[i])), None)
    if at is None:
        return False
    between = words[at + 1:]
    if words[at] in ("that", "this") and between:
        return False
    return not any(w in sets["NEW_OCCASION"] or w in sets["CLAUSE"] or not w[-1:].isalnum() for w in between)


def _refers_to(m: Mention, group: list[Mention], rules: RuleSet) -> bool:
    """An anaphoric mention fits a group at the same status, time (any time, when it moves the meeting), place and
    name that has a mention of its kind (or noun), whoever it names (the parties of "the meeting" are those of the
    meeting it refers to; "the trip" refers to a trip whose group also holds the talks held on it)."""
    moving = m.moved and rules.on("rescheduled")
    return (all(m.sentence is not x.sentence and _fit(m, x, rules, moving) for x in group)
            and any(_same_noun(m, x) for x in group))


def _noun(m: Mention) -> str:
    """The trigger's last word, singular: "meeting" for "annual meetings"."""
    return m.trigger.lower().split()[-1].removesuffix("s") if m.trigger.split() else ""


def _same_noun(m: Mention, x: Mention) -> bool:
    """"the meeting" can refer to a mention of its kind or to one its noun names ("the annual meeting")."""
    noun = _noun(m)
    return m.kind == x.kind or (bool(noun) and noun in x.trigger.lower())


def cluster(mentions: list[Mention], rules: RuleSet = ALL) -> list[Mention]:
    """Greedy clustering; each head keeps the other mentions in ``merged``. A mention that fits no group
    and refers back joins the latest group it can refer to."""
    heads: list[Mention] = []
    for m in mentions:
        for head in heads:
            if (m.sentence is not head.sentence or _one_tag(m, head, rules)) and all(
                    same_event(m, x, rules) for x in (head, *head.merged)):
                head.merged.append(m)
                break
        else:
            if rules.on("definite-anaphor") and definite(m):
                latest = sorted(heads, key=lambda h: max(x.trigger_start for x in (h, *h.merged)), reverse=True)
                head = next((h for h in latest if _refers_to(m, [h, *h.merged], rules)), None)
                if head is not None:
                    head.merged.append(m)
                    continue
            heads.append(m)
    return heads
