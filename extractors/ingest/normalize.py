"""Text normalisation for hashing and deduplication (never applied to stored text)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """NFKC, case-folded, whitespace collapsed: two copies of one article normalise alike."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def content_hash(text: str) -> str:
    """sha256 (hex) of the normalised text: the dedup key."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def hash_article_id(text: str) -> str:
    """A stable article id for sources that give none: derived from the content hash."""
    return "sha256:" + content_hash(text)[:24]
