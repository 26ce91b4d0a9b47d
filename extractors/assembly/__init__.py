"""Assembly: tagged sentence events of one article -> one row per meeting event."""
