"""Participant names: the fullest name the article gives, titles stripped, references resolved.

- :mod:`.recognise`: the article's capitalised runs (:mod:`.runs`) classed as person, org, country, place, ...
  (:mod:`.kinds`), its acronyms and person index (:func:`analyse`);
- :mod:`.resolve`: a tagger's participant spans mapped to names: "Abe" -> "Shinzo Abe", "ECB" -> "European
  Central Bank", "the two", "he", "the company", "Greek officials" (:func:`resolve_participants`);
- :mod:`.lexicon`: the word lists, kept as data in ``extractors/data/name_words.tsv`` and the name lists beside it.
"""

from extractors.language.names.kinds import strip_title
from extractors.language.names.recognise import Article, Mention, analyse, person_names
from extractors.language.names.resolve import fullest, resolve_participants

__all__ = ["Article", "Mention", "analyse", "fullest", "person_names", "resolve_participants", "strip_title"]
