"""Agenda's tables, each defined once as a versioned pyarrow schema."""

from schemas.tables import (
    ARTICLES,
    EVENTS,
    MEETINGS,
    PARTITION_COLUMN,
    QUARANTINE,
    RESOLVED,
    RUNS,
    SCHEMA_VERSION,
    TABLES,
)

__all__ = ["ARTICLES", "EVENTS", "MEETINGS", "PARTITION_COLUMN", "QUARANTINE", "RESOLVED", "RUNS", "SCHEMA_VERSION",
           "TABLES"]
