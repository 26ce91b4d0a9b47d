"""Parquet, read in record batches of only the columns the field mapping knows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from extractors.ingest.readers.records import ALL_KEYS, Item, ReadContext, from_mapping

BATCH_ROWS = 256


def read_parquet(f: BinaryIO, ctx: ReadContext) -> Iterator[Item]:
    """Rows of a (seekable) Parquet file; position = 0-based row index."""
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(f)
    columns = [name for name in parquet.schema_arrow.names if name.strip().lower() in ALL_KEYS]
    index = 0
    for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns):
        for row in batch.to_pylist():
            yield from from_mapping(ctx, index, row, row)
            index += 1
