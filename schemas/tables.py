"""Table schemas. Types every engine reads: timestamp[us, UTC], date32, string, list<string>.

``ingest_date`` is the hive partition column (``<table>/ingest_date=YYYY-MM-DD/part-*.parquet``): it
lives in the path, not in the files, as Spark, Trino/Athena (Hive connector) and DuckDB expect.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 5  # 2: runs.orchestrator_run_id; 3: the meetings table; 4: meetings.mentions.date_text;
# 5: meetings.mentions.trigger
PARTITION_COLUMN = "ingest_date"

_TS = pa.timestamp("us", tz="UTC")
_STRINGS = pa.list_(pa.string())


def _schema(name: str, fields: list[pa.Field], doc: str) -> pa.Schema:
    return pa.schema(fields, metadata={
        "agenda.table": name, "agenda.schema_version": str(SCHEMA_VERSION), "agenda.doc": doc,
    })


def _f(name: str, type_: pa.DataType, doc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"doc": doc})


ARTICLES = _schema("articles", [
    _f("article_id", pa.string(), "source id when given, else sha256-based hash of the normalised text", False),
    _f("published_at", _TS, "publication time, UTC", False),
    _f("published_date", pa.date32(), "publication date where published (its own UTC offset)", False),
    _f("title", pa.string(), "headline"),
    _f("source", pa.string(), "publisher / source name"),
    _f("url", pa.string(), "article URL"),
    _f("author", pa.string(), "byline"),
    _f("text", pa.string(), "article text exactly as received (null for duplicates); offsets point here"),
    _f("text_chars", pa.int64(), "length of the text in characters", False),
    _f("truncated", pa.bool_(), "text was capped at the maximum length", False),
    _f("content_hash", pa.string(), "sha256 of the normalised text (dedup key)", False),
    _f("duplicate_of", pa.string(), "article_id of the earlier article with the same normalised text"),
    _f("input_file", pa.string(), "file the article was read from", False),
    _f("input_position", pa.int64(), "line (1-based) or row index in that file", False),
    _f("run_id", pa.string(), "run that wrote this row", False),
], "one row per article read (duplicates included, flagged by duplicate_of)")

EVENTS = _schema("events", [
    _f("event_id", pa.string(), "stable id: hash of article, evidence span and trigger", False),
    _f("article_id", pa.string(), "article the event was found in", False),
    _f("published_date", pa.date32(), "publication date of the article", False),
    _f("kind", pa.string(), "meeting | summit | talks | visit | conference | call", False),
    _f("status", pa.string(), "scheduled (not yet happened at publication, or under way and going on) | "
       "ongoing (a negotiation under way, no session ahead) | past | unclear", False),
    _f("trigger", pa.string(), "word or phrase naming the gathering", False),
    _f("participants", _STRINGS, "who takes part, fullest names the article gives", False),
    _f("location", pa.string(), "where, as written (most specific place)"),
    _f("location_country", pa.string(), "ISO 3166-1 alpha-2 of the location"),
    _f("latitude", pa.float64(), "latitude of the location (gazetteer)"),
    _f("longitude", pa.float64(), "longitude of the location (gazetteer)"),
    _f("event_name", pa.string(), "proper name of the gathering"),
    _f("date_text", pa.string(), "time expression as written"),
    _f("start_date", pa.date32(), "first day of the interval the time expression denotes"),
    _f("end_date", pa.date32(), "last day of that interval"),
    _f("granularity", pa.string(), "day | week | month | quarter | year"),
    _f("evidence", pa.string(), "the sentence that states the event", False),
    _f("evidence_start", pa.int64(), "offset of the sentence in articles.text (characters)", False),
    _f("evidence_end", pa.int64(), "end offset (exclusive) of the sentence in articles.text", False),
    _f("confidence", pa.float64(), "extractor confidence in [0, 1]", False),
    _f("extractor", pa.string(), "extractor name and version", False),
    _f("run_id", pa.string(), "run that wrote this row", False),
], "one row per meeting event per article")

RUNS = _schema("runs", [
    _f("run_id", pa.string(), "unique id of the run", False),
    _f("started_at", _TS, "start time, UTC", False),
    _f("finished_at", _TS, "end time, UTC", False),
    _f("status", pa.string(), "success | partial (some input quarantined) | failed", False),
    _f("inputs", _STRINGS, "input files read", False),
    _f("extractor", pa.string(), "extractor name and version", False),
    _f("agenda_version", pa.string(), "version of the agenda package", False),
    _f("schema_version", pa.int32(), "version of these table schemas", False),
    _f("articles_read", pa.int64(), "articles read from the inputs", False),
    _f("articles_new", pa.int64(), "articles extracted (not duplicates)", False),
    _f("articles_duplicate", pa.int64(), "exact duplicates of an article in this run or the warehouse", False),
    _f("quarantined", pa.int64(), "quarantine rows written", False),
    _f("events", pa.int64(), "event rows written", False),
    _f("events_scheduled", pa.int64(), "event rows with status scheduled", False),
    _f("read_seconds", pa.float64(), "time spent reading and deduplicating", False),
    _f("extract_seconds", pa.float64(), "time spent in extraction", False),
    _f("write_seconds", pa.float64(), "time spent writing and publishing", False),
    _f("error", pa.string(), "error message of a failed run"),
    _f("orchestrator_run_id", pa.string(), "the Airflow dag_run_id that made the run (null from the CLI)"),
    _f("events_scheduled_undated", pa.int64(), "scheduled event rows with no resolved date (null before schema 3)"),
], "one row per run (a log: reruns add rows)")

QUARANTINE = _schema("quarantine", [
    _f("input_file", pa.string(), "file the input came from", False),
    _f("input_position", pa.int64(), "line/row of the record (0 = the whole file)", False),
    _f("reason", pa.string(), "machine-readable reason code", False),
    _f("detail", pa.string(), "human-readable explanation", False),
    _f("excerpt", pa.string(), "truncated raw input", False),
    _f("article_id", pa.string(), "article id when one could be read"),
    _f("run_id", pa.string(), "run that wrote this row", False),
], "input that could not be processed, or was processed with a caveat (too_long)")

MENTION = pa.struct([
    pa.field("event_id", pa.string()), pa.field("article_id", pa.string()),
    pa.field("ingest_date", pa.date32()), pa.field("published_date", pa.date32()),
    pa.field("status", pa.string()), pa.field("kind", pa.string()), pa.field("trigger", pa.string()),
    pa.field("participants", _STRINGS),
    pa.field("location", pa.string()), pa.field("location_country", pa.string()),
    pa.field("latitude", pa.float64()), pa.field("longitude", pa.float64()), pa.field("event_name", pa.string()),
    pa.field("date_text", pa.string()), pa.field("start_date", pa.date32()), pa.field("end_date", pa.date32()),
    pa.field("granularity", pa.string()), pa.field("confidence", pa.float64()), pa.field("evidence", pa.string()),
])

MEETINGS = _schema("meetings", [
    _f("meeting_id", pa.string(), "stable id: hash of the meeting's first-reported mention (event_id)", False),
    _f("kind", pa.string(), "meeting | summit | talks | visit | conference | call (most mentions)", False),
    _f("status", pa.string(), "scheduled | held (a report published on or after its start says it took place)",
       False),
    _f("participants", _STRINGS, "who takes part: every mention's parties merged, one (fullest) name each", False),
    _f("location", pa.string(), "where: the most specific place most mentions give"),
    _f("location_country", pa.string(), "ISO 3166-1 alpha-2 of the location"),
    _f("latitude", pa.float64(), "latitude of the location (gazetteer)"),
    _f("longitude", pa.float64(), "longitude of the location (gazetteer)"),
    _f("event_name", pa.string(), "proper name of the gathering (most mentions)"),
    _f("start_date", pa.date32(), "first day of the finest interval consistent with most dated mentions"),
    _f("end_date", pa.date32(), "last day of that interval"),
    _f("granularity", pa.string(), "day | week | month | quarter | year of that interval"),
    _f("date_conflict", pa.bool_(), "some dated mention gives days outside that interval", False),
    _f("date_alternatives", _STRINGS, "the other intervals mentions give (ISO 8601 start/end, with counts)",
       False),
    _f("first_seen", pa.date32(), "publication date of the first mention", False),
    _f("last_seen", pa.date32(), "publication date of the last mention", False),
    _f("mention_count", pa.int64(), "event rows of this meeting", False),
    _f("article_count", pa.int64(), "articles that mention it", False),
    _f("article_ids", _STRINGS, "those articles", False),
    _f("event_ids", _STRINGS, "its event rows (events.event_id)", False),
    _f("confidence", pa.float64(), "1 - product of (1 - best event confidence) over its articles", False),
    _f("evidence", pa.string(), "a representative sentence that states the meeting", False),
    _f("evidence_article_id", pa.string(), "the article of that sentence", False),
    _f("mentions", pa.list_(MENTION), "its event rows as resolution saw them (for as-of queries)", False),
    _f("resolution_group", pa.string(), "meetings split from one group of matching anchor mentions share it",
       False),
], "one row per real-world meeting, resolved across articles and days from the scheduled (and dated past) events")

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES, "events": EVENTS, "runs": RUNS, "quarantine": QUARANTINE,
}
# Tables resolved over every ingest date: one file each, not partitioned (extractors.meetings.store).
RESOLVED: dict[str, pa.Schema] = {"meetings": MEETINGS}
