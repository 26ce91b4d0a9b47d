"""SQL over the warehouse: a DuckDB connection with one view per table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
import pyarrow as pa

import schemas
from extractors.storage.warehouse import Warehouse
from schemas import PARTITION_COLUMN, RESOLVED, TABLES

MACROS = Path(schemas.__file__).with_name("macros.sql")
T = TypeVar("T")


READ_ONLY_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


class ReadOnlyError(ValueError):
    """A statement that could write (or reach outside the warehouse) given to a read-only connection."""


def check_read_only(sql: str) -> None:
    """Raise ``ReadOnlyError`` unless every statement of ``sql`` only reads (SELECT, WITH, DESCRIBE, SHOW,
    SUMMARIZE, EXPLAIN)."""
    for statement in duckdb.extract_statements(sql):
        if statement.type not in READ_ONLY_STATEMENTS:
            kind = str(statement.type).rsplit(".", 1)[-1]
            raise ReadOnlyError(f"{kind} statements are not run in read-only mode (only queries are); "
                                "use --writable to run them")


def connect(warehouse: str | Warehouse, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with views ``articles``, ``events``, ``runs``, ``quarantine``, ``meetings``, and the
    macros of ``schemas/macros.sql`` (``meetings_as_of(date)``, ``upcoming(date, days)``).

    Local warehouses are read directly; other fsspec URLs through DuckDB's fsspec bridge. A table
    with no data yet is an empty view with the right columns. ``read_only``: a local warehouse is the only
    folder its queries can reach (no file outside it read or written, no database attached, no extension
    installed) and the configuration is locked; callers run only queries on it (``check_read_only``).
    """
    wh = warehouse if isinstance(warehouse, Warehouse) else Warehouse(warehouse)
    # Offline and predictable: never download or load an extension behind the user's back.
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    protocol = wh.fs.protocol if isinstance(wh.fs.protocol, str) else wh.fs.protocol[0]
    prefix = "" if wh.is_local else f"{protocol}://"
    if prefix:
        con.register_filesystem(wh.fs)
    for name, schema in TABLES.items():
        if wh.dataset(name) is None:
            _empty_view(con, name, schema.empty_table().append_column(PARTITION_COLUMN, pa.array([], pa.date32())))
        else:
            glob = f"{prefix}{wh.path(name)}/*/*.parquet".replace("'", "''")
            con.execute(
                f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{glob}', hive_partitioning = true, "
                f"hive_types = {{'{PARTITION_COLUMN}': DATE}}, union_by_name = true)"
            )
        _comment(con, name, schema)
    for name, schema in RESOLVED.items():  # one file each (extractors.meetings.store)
        file = wh.resolved_file(name)
        if wh.fs.exists(file):
            quoted = f"{prefix}{file}".replace("'", "''")
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{quoted}')")
        else:
            _empty_view(con, name, schema.empty_table())
        _comment(con, name, schema)
    con.execute(MACROS.read_text(encoding="utf-8"))
    if read_only:
        if wh.is_local:
            con.execute("SET allowed_directories = [?]", [wh.root.rstrip("/") + "/"])
            con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    return con


def read(warehouse: str | Warehouse, query: Callable[[duckdb.DuckDBPyConnection], T], *,
         read_only: bool = True) -> T:
    """``query(con)`` on a fresh connection (:func:`connect`, read-only unless told), from one snapshot of the
    warehouse (``Warehouse.read_consistent``): every table shows the same publishes. ``query`` returns what
    it read (``.fetchall()``, not a relation), since on an object store it may run twice."""
    wh = warehouse if isinstance(warehouse, Warehouse) else Warehouse(warehouse)

    def attempt() -> T:
        con = connect(wh, read_only=read_only)
        try:
            return query(con)
        finally:
            con.close()

    return wh.read_consistent(attempt)


def _empty_view(con: duckdb.DuckDBPyConnection, name: str, empty: pa.Table) -> None:
    """A view with the table's columns and no rows (a table with no data yet)."""
    con.register(f"_empty_{name}", empty)
    con.execute(f"CREATE VIEW {name} AS SELECT * FROM _empty_{name}")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _comment(con: duckdb.DuckDBPyConnection, view: str, schema: pa.Schema) -> None:
    """The table's and its columns' docs (from the schema) as DuckDB comments: ``duckdb_columns()`` and
    ``DESCRIBE``-style tools show them, so the meaning of a column is visible where it is queried."""
    meta = schema.metadata or {}
    if doc := meta.get(b"agenda.doc", b"").decode():
        con.execute(f"COMMENT ON VIEW {view} IS {_quote(doc)}")
    for field in schema:
        if doc := (field.metadata or {}).get(b"doc", b"").decode():
            con.execute(f"COMMENT ON COLUMN {view}.{field.name} IS {_quote(doc)}")
