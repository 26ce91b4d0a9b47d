"""Format readers behind :mod:`extractors.reading` (its public API lives there)."""
