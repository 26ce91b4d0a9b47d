"""DDL for outside engines over the warehouse folders (Trino, Athena, Spark), rendered from the schemas.

Each table is an external, hive-partitioned Parquet table at ``<warehouse>/<table>/ingest_date=.../``; each
engine is told to discover the partitions. ``python -m schemas.ddl ENGINE LOCATION`` (or ``agenda ddl``)
prints the statements; ``schemas/engines/<engine>.sql`` holds them for ``${WAREHOUSE}``, checked by a test
against this module so that they never drift from the schemas.

Readers that glob the Parquet files see a partition while it is being replaced (see the README's "Reruns and
crashes"); Agenda publishes one date at a time, so query published dates, not the one a run is writing.
"""

from __future__ import annotations

import sys

import pyarrow as pa

from schemas.tables import PARTITION_COLUMN, RESOLVED, TABLES

ENGINES = ("trino", "athena", "spark")
PLACEHOLDER = "${WAREHOUSE}"

_SCALARS = {  # pyarrow type -> (trino, athena/hive, spark)
    pa.string(): ("varchar", "string", "STRING"),
    pa.int64(): ("bigint", "bigint", "BIGINT"),
    pa.int32(): ("integer", "int", "INT"),
    pa.float64(): ("double", "double", "DOUBLE"),
    pa.bool_(): ("boolean", "boolean", "BOOLEAN"),
    pa.date32(): ("date", "date", "DATE"),
}


def column_type(type_: pa.DataType, engine: str) -> str:
    """The engine's name for a column type (timestamps are UTC instants; Hive tables keep no zone)."""
    k = ENGINES.index(engine)
    if pa.types.is_timestamp(type_):
        return ("timestamp", "timestamp", "TIMESTAMP")[k]
    if pa.types.is_list(type_):
        inner = column_type(type_.value_type, engine)
        return f"array({inner})" if engine == "trino" else f"array<{inner}>"
    if pa.types.is_struct(type_):
        fields = [(f.name, column_type(f.type, engine)) for f in type_]
        if engine == "trino":
            return "row(" + ", ".join(f"{n} {t}" for n, t in fields) + ")"
        return "struct<" + ",".join(f"{n}:{t}" for n, t in fields) + ">"
    return _SCALARS[type_][k]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def table_ddl(table: str, location: str, engine: str, schema_name: str = "agenda") -> str:
    """CREATE TABLE for one table, then the statement that discovers its partitions (a resolved table, such as
    ``meetings``, is one unpartitioned folder)."""
    if table in RESOLVED:
        return _resolved_ddl(table, location, engine, schema_name)
    fields = TABLES[table]
    doc = (fields.metadata or {}).get(b"agenda.doc", b"").decode()
    where = f"{location.rstrip('/')}/{table}"
    name = f"{schema_name}.{table}"
    cols = []
    for f in fields:
        comment = (f.metadata or {}).get(b"doc", b"").decode()
        cols.append(f"  {f.name} {column_type(f.type, engine)} COMMENT {_quote(comment)}")
    if engine == "trino":  # the Hive connector: the partition column is the last column
        cols.append(f"  {PARTITION_COLUMN} date COMMENT 'the ingest date (partition)'")
        return (f"CREATE TABLE IF NOT EXISTS {name} (\n" + ",\n".join(cols) + "\n)\n"
                f"COMMENT {_quote(doc)}\nWITH (format = 'PARQUET', external_location = {_quote(where)}, "
                f"partitioned_by = ARRAY['{PARTITION_COLUMN}']);\n"
                f"CALL system.sync_partition_metadata('{schema_name}', '{table}', 'FULL');\n")
    if engine == "athena":
        return (f"CREATE EXTERNAL TABLE IF NOT EXISTS {name} (\n" + ",\n".join(cols) + "\n)\n"
                f"COMMENT {_quote(doc)}\nPARTITIONED BY ({PARTITION_COLUMN} date)\nSTORED AS PARQUET\n"
                f"LOCATION {_quote(where + '/')};\nMSCK REPAIR TABLE {name};\n")
    cols.append(f"  {PARTITION_COLUMN} DATE COMMENT 'the ingest date (partition)'")
    return (f"CREATE TABLE IF NOT EXISTS {name} (\n" + ",\n".join(cols) + "\n)\n"
            f"USING PARQUET\nPARTITIONED BY ({PARTITION_COLUMN})\nLOCATION {_quote(where)}\n"
            f"COMMENT {_quote(doc)};\nMSCK REPAIR TABLE {name};\n")


def _resolved_ddl(table: str, location: str, engine: str, schema_name: str) -> str:
    fields = RESOLVED[table]
    doc = (fields.metadata or {}).get(b"agenda.doc", b"").decode()
    where = f"{location.rstrip('/')}/{table}"
    name = f"{schema_name}.{table}"
    cols = ",\n".join(f"  {f.name} {column_type(f.type, engine)} COMMENT "
                      f"{_quote((f.metadata or {}).get(b'doc', b'').decode())}" for f in fields)
    if engine == "trino":
        return (f"CREATE TABLE IF NOT EXISTS {name} (\n{cols}\n)\nCOMMENT {_quote(doc)}\n"
                f"WITH (format = 'PARQUET', external_location = {_quote(where)});\n")
    if engine == "athena":
        return (f"CREATE EXTERNAL TABLE IF NOT EXISTS {name} (\n{cols}\n)\nCOMMENT {_quote(doc)}\n"
                f"STORED AS PARQUET\nLOCATION {_quote(where + '/')};\n")
    return (f"CREATE TABLE IF NOT EXISTS {name} (\n{cols}\n)\nUSING PARQUET\nLOCATION {_quote(where)}\n"
            f"COMMENT {_quote(doc)};\n")


def ddl(engine: str, location: str = PLACEHOLDER, schema_name: str = "agenda") -> str:
    """Every table's DDL for ``engine`` over the warehouse at ``location``."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    head = (f"-- Agenda's tables for {engine}, over the warehouse at {location} (generated by schemas/ddl.py;\n"
            f"-- `agenda ddl {engine} LOCATION` prints them for another location).\n")
    return head + "\n".join(table_ddl(t, location, engine, schema_name) for t in [*TABLES, *RESOLVED])


if __name__ == "__main__":  # python -m schemas.ddl ENGINE [LOCATION]
    sys.stdout.write(ddl(sys.argv[1], *sys.argv[2:3]))
