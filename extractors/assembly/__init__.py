"""Assembly: the tagged events of one article -> one row per meeting event.

``linking`` turns each sentence's events into resolved mentions, ``clustering`` groups the mentions of one
meeting across sentences, ``rows`` makes each group a row. Every rule group can be switched off by name
(``rules.RULES``), which is how ``benchmarks/quality.py`` measures what each one pays.
"""

from __future__ import annotations

from extractors.assembly.clustering import cluster
from extractors.assembly.linking import mention, sentence_events
from extractors.assembly.rows import row, unique_ids
from extractors.assembly.rules import ALL, RULES, RuleSet
from extractors.language.document import Document
from extractors.language.names.lexicon import given_names
from extractors.language.names.recognise import analyse
from extractors.language.sentences import Sentence
from extractors.tagger.spans import SentenceEvent

__all__ = ["ALL", "RULES", "RuleSet", "assemble"]


def assemble(doc: Document, found: list[tuple[Sentence, list[SentenceEvent]]], *, extractor: str,
             rules: RuleSet = ALL) -> list[dict]:
    """Event rows (``schemas.EVENTS`` columns except ``run_id``) for one article."""
    mentions = []
    people = _people(doc) if any(events for _, events in found) else frozenset()  # analysed once, as names are
    for sentence, events in found:
        i = doc.index_of(sentence)
        distinct = sentence_events(events, sentence.text, rules, people, doc.times(i))
        mentions += [mention(doc, i, event, rules, distinct) for event in distinct]
    return unique_ids([row(doc, head, extractor, rules) for head in cluster(mentions, rules)])


def _people(doc: Document) -> frozenset[str]:
    """The surnames of the people the article names with a known given name ("Barack Obama": "obama")."""
    given = given_names(lower=True)
    return frozenset(last for last, named in analyse(doc.text, doc.sentence_spans).by_last.items()
                     if any(name[0].lower() in given for _, name in named))
