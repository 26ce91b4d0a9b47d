"""DDL for outside engines: rendered from the schemas, shipped in schemas/engines/, never drifting."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from schemas import TABLES
from schemas.ddl import ENGINES, PLACEHOLDER, column_type, ddl

ENGINE_FILES = Path(__file__).resolve().parents[2] / "schemas" / "engines"


@pytest.mark.parametrize("engine", ENGINES)
def test_shipped_ddl_matches_the_schemas(engine: str) -> None:
    assert (ENGINE_FILES / f"{engine}.sql").read_text() == ddl(engine, PLACEHOLDER), \
        f"regenerate: python -m schemas.ddl {engine} > schemas/engines/{engine}.sql"


@pytest.mark.parametrize("engine", ENGINES)
def test_every_table_and_column_with_its_partition_discovery(engine: str) -> None:
    text = ddl(engine, "s3://bucket/wh")
    for table, schema in TABLES.items():
        start = text.index(f"agenda.{table} (")
        statement = text[start:text.find("CREATE", start)]
        columns = re.findall(r"^  (\w+) ", statement[:statement.index("\n)")], re.MULTILINE)
        assert columns[:len(schema)] == schema.names, table
        assert columns[len(schema):] in ([], ["ingest_date"]) and "ingest_date" in statement
        assert f"s3://bucket/wh/{table}" in statement
    discover = {"trino": "system.sync_partition_metadata", "athena": "MSCK REPAIR TABLE", "spark": "MSCK REPAIR"}
    assert text.count(discover[engine]) == len(TABLES)


def test_types_per_engine() -> None:
    events = TABLES["events"]
    assert [column_type(events.field("participants").type, e) for e in ENGINES] == [
        "array(varchar)", "array<string>", "array<STRING>"]
    assert [column_type(events.field("start_date").type, e) for e in ENGINES] == ["date", "date", "DATE"]


def test_agenda_ddl_prints_them_for_a_location() -> None:
    done = subprocess.run([sys.executable, "-m", "extractors.cli", "ddl", "athena", "s3://news/wh"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout == ddl("athena", "s3://news/wh")
    bad = subprocess.run([sys.executable, "-m", "extractors.cli", "ddl", "oracle", "x"], capture_output=True,
                         text=True, timeout=120)
    assert bad.returncode == 2
