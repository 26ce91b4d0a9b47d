"""Agenda's tables, each defined once as a versioned pyarrow schema."""

from schemas.tables import (
    ARTICLES,
    EVENTS,
    PARTITION_COLUMN,
    QUARANTINE,
    RUNS,
    SCHEMA_VERSION,
    TABLES,
)

__all__ = ["ARTICLES", "EVENTS", "PARTITION_COLUMN", "QUARANTINE", "RUNS", "SCHEMA_VERSION", "TABLES"]
