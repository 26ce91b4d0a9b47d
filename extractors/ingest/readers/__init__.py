"""Format readers behind :mod:`extractors.ingest.reading` (its public API lives there)."""
