"""The assembly's rule groups, each switchable by name (``benchmarks/quality.py`` measures each one off).

Every group is written for a construction of the annotation guidelines, not for an article, and has unit
tests on invented sentences (``tests/assembly``). ``RULES`` maps each name to what it does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

RULES: dict[str, str] = {
    # linking: one tagged event -> one resolved mention
    "same-weekday": "the publication weekday is the publication day (\"ministers arrive in Rome on Friday\" in a "
                    "Friday paper) unless a week frame says otherwise",
    "week-frame": "a bare weekday falls in the week an earlier sentence set (\"The minister travels to Asia next "
                  "week. ... He meets Premier Li on Thursday\"), unless a part of the day follows it (\"... his "
                  "deputy returns to Melbourne on Thursday night\": a day close at hand)",
    "past-date": "an event dated wholly before publication has happened, whatever the tagger says (\"at its meeting "
                 "earlier this month\"; a month and day of the month just gone: \"minutes of its June 21-22 "
                 "meeting\" in a July paper)",
    "coming-day": "a month and day without a year that an event read as past puts almost a year back names the "
                  "coming one: the event is ahead (\"proposed directors for approval at a meeting on April 14\" in a "
                  "March paper)",
    "called-off": "an event called off, or put off with no new date, is no scheduled one (\"has delayed a planned "
                  "trip to Brazil\"; \"was due to visit Brazil next week, but canceled\")",
    "not-meetings": "the sitting of a court or a legislature is no meeting (\"when the Irish parliament meets next "
                    "Tuesday\", \"the grand jury is scheduled to meet\"); a committee of one is (\"the Senate Banking "
                    "Committee meets\")",
    "quote-setting": "a gathering named as the occasion of a quote is under way, no scheduled meeting (\"told "
                     "Reuters on the sidelines of the World Economic Forum\", \"Speaking at the European Exchanges "
                     "Summit in London, ...\")",
    "open-invitation": "an invitation with no date is no plan yet (\"invited the mayors to come visit Oslo\"); one "
                       "for a set day counts",
    "durations": "a stated length makes a one-day date the event's span (\"a three-day state visit starting on "
                 "Monday\", \"a 12-day Asian tour that ends on Nov. 14\", \"arrives in Delhi on Monday for a week-long "
                 "visit\")",
    "ongoing-today": "a scheduled event the sentence puts in progress, with no time expression (\"during his "
                     "three-nation trip to Asia\", \"a conference taking place in Nairobi\", \"the cabinet is "
                     "meeting\", \"Lew is in Europe for talks\"), or begins then "
                     "(\"Antonov begins two days of talks in Bonn\", \"as the Fed prepared to open a two-day "
                     "meeting\"), is dated the publication day (with "
                     "\"durations\": a stated length from it, \"as the Fed began a two-day meeting\"); one the "
                     "sentence says continues "
                     "to a later time runs from the publication day to it (\"the forum, which continues until "
                     "Tuesday\")",
    "rescheduled": "a meeting moved to a new time is dated by it (guidelines: postponed to a new date, annotate "
                   "that date): \"has brought forward an emergency meeting to October 24 from November 18\"; a move "
                   "that refers back moves the meeting it names, whatever its old time (\"a meeting planned for the "
                   "weekend ... That meeting has now been pushed back to October 23\")",
    "dateline-under-way": "a scheduled event with no time expression, held in the city its report is filed from and "
                          "neither planned nor put ahead in its sentence, is under way: dated the publication day "
                          "(\"SEOUL - ... Harper said he was not sure the G20 summit in Seoul could ...\"; not "
                          "\"ahead of a meeting of APEC ministers in Singapore\" from Singapore)",
    "coordinated": "two gatherings of different kinds that \"and\" joins in one sentence are two events (\"the "
                   "bloc's leaders hold a crisis summit and the ECB has its final policy meeting\"); not a second "
                   "that refers back (\"host a summit ... and the November 15 meeting\")",
    "opening-time": "a time that opens the sentence, set off by a comma, dates the event of the clause it heads "
                    "(\"From Nov. 29 to Dec. 3, the ambassador will visit California\"; not \"On Monday, Toshiba "
                    "said it was open to talks\")",
    "time-snap": "a tagged time cut short is the whole time expression it is part of (\"later\" in \"at a summit "
                 "later this week\", \"the end of\" in \"before the end of May\")",
    "dateline-date": "the date of a dateline (\"WASHINGTON, June 15 - ...\") dates the report, never the event; a "
                     "time right after the trigger does",
    "clause-time": "a time after a clause boundary dates that clause, not the event (\"The visit comes as lawmakers "
                   "on Monday were planning ...\")",
    "adjacent-time": "a time right after the trigger, in its clause, dates it rather than a time the tagger linked "
                     "from before it or across a clause break (\"the ruling will come next week after the "
                     "ministers meet on Monday\")",
    "when-clause": "an event with no time, in a \"when\" clause that hangs on a time, happens then (\"a crucial "
                   "time next week, when the bloc's leaders hold a summit\", \"by July 24, when the auditors "
                   "return\")",
    "trip-fold": "a trip made for one other event of the sentence is a mention of it (\"will fly to Indonesia "
                 "next week for an ASEAN forum\"); a trip to several stays an entry; travellers join each",
    "tag-merge": "two tags of one sentence with the same status and no conflicting time, place or name are one "
                 "event; so are two resolved to one day (or none) and fitting places that give one event name, the "
                 "same parties, or no parties on one side (\"a Group of 20 summit meeting in Hangzhou, China\")",
    "split-objects": "an event whose parties the subject meets separately, or whose parties or places are "
                     "coordinated each with its own time, is one event per party or place (\"will meet separately "
                     "with Geithner and Pelosi\"; \"will meet Wang on Tuesday and Wen on Wednesday\", \"visits "
                     "Paris on Monday and Berlin on Thursday\")",
    "sidelines": "a meeting held at a gathering the sentence names after it is an event of its own, not a tag of the "
                 "gathering (\"will meet Medvedev on Monday at a summit of the SCO\", \"hold talks on the sidelines "
                 "of the G20 summit\")",
    "later-clause": "the subject of a later clause (\"... as Prime Minister Gahr and his cabinet sought to calm the "
                    "protests\") takes no part",
    "shared-subject": "an event with no party whose verb \"and\" joins to an earlier event's verb shares that "
                      "event's subject (\"OPEC ministers last met in March and are due to meet again on "
                      "September 9\")",
    "locative-participant": "a known place tagged as a participant after \"in\", \"at\" or \"to\" is where the event "
                            "is held when it has no place of its own (\"on his way to Peru for the summit there\"); "
                            "not the surname of someone the article names (\"aides to Obama\"); so is a country or "
                            "city the sentence says hosts it (\"France hosts a jobs summit on Tuesday\", \"which "
                            "Japan hosts\", \"hosted by Guatemala\"), which stays a party",
    "described-place": "a place the sentence only describes is the one the article names: \"this (port) city\" "
                       "the dateline's, in the country the phrase names (\"this South Korean port city\" in a "
                       "\"BUSAN, South Korea\" story); \"the Malaysian capital\" the dateline's if it is the "
                       "capital, else the capital the article names (\"Kuala Lumpur\")",
    "dateline-here": "an event put \"here\" takes the dateline's place (\"VIENNA, May 4 - ... will arrive here on "
                     "Friday\")",
    "phrase-modifiers": "an event whose mentions name no party, or no place, takes those that modify its trigger "
                        "(\"a World Bank mission\", \"next week's G-7 summit\"; \"the Seoul summit\"); an "
                        "organisation whose meeting it is joins the named parties (\"Tillerson will attend NATO "
                        "meetings\"; \"the annual meeting of the American College of Cardiology\"); a time among "
                        "the name words before the trigger dates it (\"the G20 November summit\")",
    "meeting-owner": "a company's own shareholder meeting has the company for a party, named by a possessive before "
                     "it (\"the vote is due at its June 27 annual meeting\", \"the automaker's annual meeting\"), "
                     "else, for \"the\" shareholder meeting, the company the article is about (\"the vote at the "
                     "Annual General Meeting\")",
    "one-body": "an organisation listed beside its own board is one party, the board (\"the FDIC board\" / "
                "\"Federal Deposit Insurance Corp\"), and beside its own members one party, the organisation "
                "(\"the ECB's 21 policymakers\" / \"European Central Bank\")",
    "too-vague": "a scheduled event with no time and no party that the tagger is unsure of (confidence under 0.9) "
                 "is reported unclear: no meeting an analyst could place (\"the meeting could take place\")",
    # clustering: mentions of one event across sentences
    "refine-date": "a finer date of the same kind refines a mention (\"at its November meeting\" / \"when it "
                   "meets next Thursday\")",
    "refine-kinds": "mentions of two kinds refine each other's date when their triggers end in one gathering noun "
                    "(\"next week's annual meeting\" / \"the May 9 meeting\"), they name one event (\"a G20 summit "
                    "this week\" / \"the weekend G20 meeting\") or the same parties (\"Hu and Obama meet next "
                    "week\" / \"the January 19 summit between Hu and Obama\"), or are a meeting and talks at one "
                    "place or with a party in common (\"arrive in Tokyo tomorrow for talks\" / \"will meet the "
                    "banks in Tokyo later this week\")",
    "named-parties": "a party that another mention of a meeting only describes (\"other leaders\", \"the "
                     "government\", \"countries\") joins its row only while no party is named (\"Kan meets "
                     "Obama at the APEC summit\" / \"leaders of member countries will attend the summit\")",
    "party-keys": "mentions compare parties and event names by their keys, not their spellings (\"the Federal "
                  "Reserve's October meeting\" / \"the Fed's two-day meeting\"; \"the G8 summit\" / \"a G8 "
                  "meeting\"; an event name's places say nothing: \"the Washington summit\")",
    "definite-anaphor": "a mention that refers back (\"the meeting\", \"that summit\", \"Monday's meeting\") joins "
                        "the latest meeting with a mention of its kind, or one its noun names, that it can "
                        "describe, whoever it names (\"Trump will meet oil executives next week. ... The White "
                        "House meeting could ...\"); so does a verb at a gathering so named (\"will testify at the "
                        "hearing\")",
    "place-within": "a meeting's mentions may give a country or state and a place in it (\"a meeting of coffee "
                    "producers in Nicaragua\" / \"the meeting in Managua\"); the row keeps the place in it; a visit's "
                    "stops stay apart",
    "ranks": "one body at two ranks is two parties, so their mentions are two meetings (\"EU leaders ... meet at a "
             "summit next month\" / \"a meeting of 27 EU ministers\"; OPEC's finance and energy ministers); "
             "\"ministers\" alone fits any portfolio",
    "tour-legs": "two legs of a tour (one ends the day the other starts) stay apart (\"will wrap up his visit "
                  "to Tokyo on Friday\" / \"a banquet for his visit starting on Friday\")",
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
