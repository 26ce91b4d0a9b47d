"""The assembly's rule groups, each switchable by name (``benchmarks/quality.py`` measures each one off).

Every group is written for a construction of the annotation guidelines, not for an article, and has unit
tests on invented sentences (``tests/assembly``). ``RULES`` maps each name to what it does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

RULES: dict[str, str] = {
    # linking: one tagged event -> one resolved mention
    "time-fallback": "no time linked by the tagger: the nearest time expression of the event's clause, never one "
                     "that dates a report (\"said on Friday\")",
    "same-weekday": "the publication weekday is the publication day (\"arrive in Washington on Friday\" in a Friday "
                    "paper) unless a week frame says otherwise",
    "week-frame": "a bare weekday falls in the week an earlier sentence set (\"travels to Asia next week. ... meets "
                  "Wen on Wednesday\")",
    "past-date": "an event dated wholly before publication has happened, whatever the tagger says (\"at its meeting "
                 "earlier this month\")",
    "called-off": "an event called off, or put off with no new date, is no scheduled one (\"has delayed a planned "
                  "trip to the Middle East\")",
    "open-invitation": "an invitation with no date is no plan yet (\"invited him to visit China\"); one for a set "
                       "day counts",
    "durations": "a stated length makes a one-day date the event's span (\"a four-day visit starting Monday\", "
                 "\"a 12-day trip ending on Nov. 14\")",
    "ongoing-today": "a scheduled event the sentence puts in progress, with no time expression (\"during his trip "
                     "to Asia\", \"the conference taking place near San Diego\"), is dated the publication day",
    "time-extent": "the time the tagger linked takes the extent of the time expression it overlaps (\"later\" -> "
                   "\"later this week\")",
    "clause-time": "a time after a clause boundary dates that clause, not the event (\"The visit comes as lawmakers "
                   "on Monday were planning ...\")",
    "adjacent-time": "a time right after the trigger, in its clause, dates it rather than a time the tagger linked "
                     "from before it or across a clause break (\"would come next week after ministers meet on "
                     "Monday\")",
    "trip-fold": "a trip made to attend another event of the sentence is a mention of that event; its travellers "
                 "take part in it",
    "tag-merge": "two tags of one sentence with the same status and no conflicting time, place or name are one "
                 "event",
    "subject": "a pronoun subject of the planning clause (\"he is due to host ... for talks\"), the owner of an "
               "unnamed meeting (\"the company's annual meeting\"), the name opening a visit's sentence",
    "later-clause": "the subject of a later clause (\"... as President Obama sought to ...\") takes no part",
    "urgers": "one who urges others to call the event off, and a closing source (\"..., delegates said\"), take no "
              "part",
    "hearing-subject": "a hearing's subject takes part (\"a confirmation hearing for Jerome Powell\")",
    "possessors": "a country that only qualifies a titled participant (\"Turkey's Minister Ali Bozer\") is none",
    "place-runs-on": "a place span cut inside a name runs on to a known place (\"New\" -> \"New York\")",
    "dateline-here": "an event put \"here\" takes the dateline's place",
    # clustering: mentions of one event across sentences
    "unclear-joins": "an unclear mention joins a scheduled or past event when its own date allows",
    "refine-date": "a finer date of the same kind refines a mention (\"its October meeting\" / \"next Thursday\")",
    "rescheduled": "a meeting moved to a new date takes it (\"pushed back to October 23\")",
    "gathering-merge": "mentions of one summit, conference or round of talks merge whoever each names (\"all the "
                       "claimants will be at the summit\" / \"Duterte ... ahead of the summit\")",
    "side-meetings": "a meeting on the sidelines of another stays apart from its host",
    "tour-legs": "two legs of a tour (one ends the day the other starts) stay apart",
    # rows: one event -> one row
    "date-by-place": "an undated event takes the one date the article gives right after its place",
}


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The enabled rule groups."""

    off: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        unknown = set(self.off) - set(RULES)
        if unknown:
            raise ValueError(f"unknown rule group(s) {sorted(unknown)}; known: {', '.join(RULES)}")

    def on(self, name: str) -> bool:
        return name not in self.off

    @classmethod
    def without(cls, names: Iterable[str]) -> RuleSet:
        return cls(frozenset(names))


ALL = RuleSet()
