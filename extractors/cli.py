"""The ``agenda`` command line."""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from extractors.runs.extractor import DEFAULT_EXTRACTOR, EXTRACTORS

app = typer.Typer(no_args_is_help=True, help="Agenda: turn news archives into tables of scheduled meetings.")
err = Console(stderr=True)
out = Console(width=None if sys.stdout.isatty() else 200)

Extractor = enum.StrEnum("Extractor", {name: name for name in EXTRACTORS})
DEFAULT_EXTRACTOR_CHOICE = Extractor(DEFAULT_EXTRACTOR)
Engine = enum.StrEnum("Engine", {name: name for name in ("trino", "athena", "spark")})  # of `agenda ddl`
Format = enum.StrEnum("Format", {name: name for name in ("table", "csv", "json", "jsonl")})  # of `agenda sql`
EXIT_QUARANTINED = 3
EXIT_BUSY = 4  # another run is writing the same date (or the wait for another date's run timed out)
Warehouse = Annotated[str, typer.Option("--warehouse", "-w", envvar="AGENDA_WAREHOUSE",
                                        help="Warehouse folder or fsspec URL.")]


def _version(value: bool) -> None:
    if value:
        from extractors import __version__
        from extractors.tagger.runtime import model_version

        out.print(f"agenda {__version__} (model {model_version()})", highlight=False)
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_version,
                                               help="Print the version and the model's, then exit.")] = False,
         ) -> None:
    """Agenda: turn news archives into tables of scheduled meetings."""


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs or fsspec URLs of articles.")],
    warehouse: Warehouse,
    ingest_date: Annotated[str | None, typer.Option(help="Partition to (re)write, YYYY-MM-DD; default today (UTC).")]
    = None,
    extractor: Annotated[Extractor, typer.Option(envvar="AGENDA_EXTRACTOR",
                                                 help="The tagger: the transformer or the lexical baseline.")]
    = DEFAULT_EXTRACTOR_CHOICE,
    max_chars: Annotated[int, typer.Option(min=1, envvar="AGENDA_MAX_CHARS",
                                           help="Cap on article length (longer ones are cut and noted).")]
    = 100_000,
    workers: Annotated[int | None, typer.Option(
        min=1, envvar="AGENDA_WORKERS", show_default="one per usable core",
        help="Processes extracting file shards in parallel (--workers 1: this process only).")] = None,
    device: Annotated[str, typer.Option(
        envvar="AGENDA_DEVICE", help="cpu (int8 ONNX in every worker) or cuda[:N] (one torch fp16 tagger on "
        "that GPU, fed by the workers; needs torch).")] = "cpu",
    meetings: Annotated[bool, typer.Option(help="Update the meetings table for this date once it is published "
                                           "(--no-meetings for a bulk backfill; then run `agenda meetings`).")]
    = True,
) -> None:
    """Extract scheduled meetings from article files into the warehouse.

    Exit status: 0 all input processed; 3 done, but some input was quarantined (see the summary and the
    quarantine table); 1 the run failed (nothing was published); 4 another run is writing the same date
    to the warehouse (nothing was started).
    """
    from extractors.runs.pipeline import run_extract
    from extractors.storage.locks import WriterConflict

    day = _date(ingest_date)
    if device != "cpu" and not re.fullmatch(r"cuda(:\d+)?", device):
        raise typer.BadParameter(f"{device!r}: choose cpu or cuda (cuda:N for another GPU)", param_hint="--device")
    try:
        with _ProgressReport() as report:
            summary = run_extract(paths, warehouse, day, extractor=extractor.value, max_chars=max_chars,
                                  workers=workers, device=device, on_batch=report.update, on_start=report.start,
                                  meetings=meetings)
    except WriterConflict as exc:  # nothing was started: the other run goes on untouched
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(EXIT_BUSY) from None
    except Exception as exc:  # the run is recorded as failed; the user gets one clear line
        err.print(f"[red]error:[/red] {type(exc).__name__}: {exc}", highlight=False)
        raise typer.Exit(1) from None
    out.print(summary.line(), highlight=False, soft_wrap=True)
    for r in summary.reruns:
        out.print(f"reran {r['ingest_date']} from its recorded inputs ({r['orphans']} of its articles were duplicates "
                  f"of articles this run no longer has): run {r['run_id']} {r['status']}, {r['events']} events",
                  highlight=False, soft_wrap=True)
    if summary.quarantined:
        raise typer.Exit(EXIT_QUARANTINED)


class _ProgressReport:
    """Progress of `agenda extract` on stderr: a bar over the input files with rate and ETA on a terminal;
    elsewhere (cron, Airflow, nohup) a plain line every ``$AGENDA_PROGRESS_EVERY`` seconds (default 30)."""

    def __init__(self) -> None:
        self.total = 0
        self.tty = err.is_terminal
        self.every = float(os.environ.get("AGENDA_PROGRESS_EVERY") or 30)
        self.started = self.last = time.monotonic()
        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("files"), TimeElapsedColumn(), TimeRemainingColumn(), console=err,
                            transient=True, disable=not self.tty)
        self.task = self.bar.add_task("finding the input", total=None)

    def __enter__(self) -> _ProgressReport:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)

    def start(self, files: list[str]) -> None:
        """The input files are known: the bar's total."""
        self.total = len(files)
        self.bar.update(self.task, total=self.total, description="reading")

    def update(self, counts: Any) -> None:
        now = time.monotonic()
        rate = counts.articles_read / max(now - self.started, 1e-9)
        text = (f"{counts.articles_read:,} articles ({rate:,.0f}/s), {counts.events:,} events, "
                f"{counts.quarantined:,} quarantined")
        if self.tty:
            self.bar.update(self.task, completed=counts.files_done, description=text)
        elif now - self.last >= self.every:
            self.last = now
            err.print(f"progress: {counts.files_done:,}/{self.total:,} files, {text}, {now - self.started:,.0f}s",
                      highlight=False, soft_wrap=True)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL text, or the path of a .sql file.")],
    warehouse: Warehouse,
    fmt: Annotated[Format, typer.Option("--format", help="table (for people), csv, json (one array) or jsonl "
                                                         "(one object a line).")] = Format.table,
    writable: Annotated[bool, typer.Option("--writable", help="Also run statements that write (COPY ... TO, "
                                           "CREATE, ATTACH) and read files outside the warehouse.")] = False,
) -> None:
    """Run SQL with DuckDB over views articles, events, runs, quarantine, meetings (macros: upcoming(date, days),
    meetings_as_of(date)). Read-only unless --writable: only queries run, and only the warehouse is reachable."""
    from extractors.storage.query import check_read_only, read

    if query.endswith(".sql") and not Path(query).is_file():
        raise typer.BadParameter(f"{query}: no such file", param_hint="QUERY")
    text = Path(query).read_text() if query.endswith(".sql") else query

    def run(con: Any) -> tuple[list[str], list[tuple]] | None:
        result = con.sql(text)
        return None if result is None else (result.columns, result.fetchall())

    try:
        if not writable:
            check_read_only(text)
        got = read(warehouse, run, read_only=not writable)  # one snapshot: no publish lands in between
    except Exception as exc:  # duckdb raises many error types; all are user errors here
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None
    if got is not None:
        _emit(*got, fmt)


def _emit(columns: list[str], rows: list[tuple], fmt: Format) -> None:
    """Rows to stdout: a table for people, or csv, json (one array), jsonl (one object a line)."""
    if fmt in ("json", "jsonl"):
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        if fmt == "json":
            sys.stdout.write(json.dumps(records, default=_json_value, ensure_ascii=False) + "\n")
        else:
            sys.stdout.writelines(json.dumps(r, default=_json_value, ensure_ascii=False) + "\n" for r in records)
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([_csv_value(v) for v in row] for row in rows)
    else:
        table = Table(show_lines=False)
        for column in columns:
            table.add_column(column, overflow="ellipsis", no_wrap=True, min_width=min(len(column), 12), max_width=48)
        for row in rows:
            table.add_row(*("" if v is None else _printable(", ".join(map(str, v)) if isinstance(v, list) else str(v))
                            for v in row))
        out.print(table)
        out.print(f"{len(rows)} rows", style="dim")


def _json_value(value: object) -> object:
    """JSON for what DuckDB returns beyond JSON's types: dates and times as ISO 8601, decimals as numbers."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return float(value) if hasattr(value, "as_integer_ratio") else str(value)


def _csv_value(value: object) -> object:
    """A CSV cell: lists and structs as JSON (not Python reprs), dates ISO 8601, NULL empty."""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, default=_json_value, ensure_ascii=False)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return "" if value is None else value


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """Control characters shown as escapes: a title with ESC sequences must not drive the terminal."""
    return _CONTROL.sub(lambda m: ascii(m.group())[1:-1], text)


@app.command()
def meetings(warehouse: Warehouse) -> None:
    """Bring the meetings table up to date with every published events partition (only what changed).

    `agenda extract` updates it for its own date; run this after a backfill made with --no-meetings, or to
    check. Exit status 4: another run is writing the warehouse.
    """
    from extractors.meetings.store import update_locked
    from extractors.storage.locks import WriterConflict

    try:
        summary = update_locked(warehouse)
    except WriterConflict as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(EXIT_BUSY) from None
    out.print(f"meetings: {summary}", highlight=False)


@app.command()
def upcoming(
    warehouse: Warehouse,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Known on this date (YYYY-MM-DD; only articles "
                                              "published up to it count); default today (UTC).")] = None,
    days: Annotated[int, typer.Option(min=0, help="Window after the as-of date, in days.")] = 14,
    country: Annotated[str | None, typer.Option(help="Only meetings in this country (ISO 3166 code, e.g. PE).")]
    = None,
    participant: Annotated[str | None, typer.Option(help="Only meetings with a participant whose name contains "
                                                    "this (any case).")] = None,
    min_mentions: Annotated[int, typer.Option(min=1, help="Only meetings reported at least this many times by "
                                              "the as-of date.")] = 1,
    fmt: Annotated[Format, typer.Option("--format", help="table, csv, json (one array) or jsonl.")] = Format.table,
) -> None:
    """Meetings still to come, as known on a date: SELECT * FROM upcoming(as_of, days) in SQL."""
    from extractors.meetings.views import UPCOMING_COLUMNS
    from extractors.meetings.views import upcoming as query
    from extractors.storage.query import read

    day = _date(as_of) or dt.datetime.now(dt.UTC).date()
    rows = read(warehouse, lambda con: query(con, day, days, country=country, participant=participant,
                                             min_mentions=min_mentions))
    columns = list(UPCOMING_COLUMNS) if fmt == Format.table or not rows else list(rows[0])
    _emit(columns, [tuple(r[c] for c in columns) for r in rows], fmt)


def _export(warehouse: str, start: str, end: str, output: Path, kind: str) -> None:
    """Write the meetings of [start, end] to ``output`` as an iCalendar file or a page."""
    from extractors.meetings.views import between, to_html, to_ics, write_text
    from extractors.storage.query import read

    first, last = _date(start), _date(end)
    if last < first:
        raise typer.BadParameter(f"{end} is before {start}", param_hint="--to")
    rows = read(warehouse, lambda con: between(con, first, last))
    write_text(output, to_ics(rows) if kind == "ics" else to_html(rows, first, last))
    out.print(f"{len(rows)} meetings -> {output}", highlight=False)


From = Annotated[str, typer.Option("--from", help="First day (YYYY-MM-DD).")]
To = Annotated[str, typer.Option("--to", help="Last day (YYYY-MM-DD).")]


@app.command()
def ics(warehouse: Warehouse, start: From, end: To,
        output: Annotated[Path, typer.Option("--output", "-o", help="The .ics file to write.")]) -> None:
    """An iCalendar file of the meetings between two dates (all-day or multi-day events)."""
    _export(warehouse, start, end, output, "ics")


@app.command()
def calendar(warehouse: Warehouse, start: From, end: To,
             output: Annotated[Path, typer.Option("--output", "-o", help="The .html file to write.")]) -> None:
    """A self-contained page (no network) with a month calendar of the meetings between two dates."""
    _export(warehouse, start, end, output, "html")


@app.command()
def snapshot(
    dest: Annotated[str, typer.Argument(help="A new folder or URL for the copy (hard links on the same disk).")],
    warehouse: Warehouse,
) -> None:
    """Freeze the warehouse as of now into DEST, every table from the same publishes, for outside engines
    (`agenda ddl ENGINE DEST`) to read while runs go on publishing."""
    from extractors.storage.warehouse import Warehouse as Store

    try:
        counts = Store(warehouse).snapshot_to(dest)
    except (FileExistsError, OSError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
    out.print(f"snapshot of {warehouse} -> {dest}: " + ", ".join(f"{t} {n} files" for t, n in sorted(counts.items())),
              highlight=False, soft_wrap=True)


@app.command()
def ddl(
    engine: Annotated[Engine, typer.Argument(help="The engine whose DDL to print.")],
    location: Annotated[str, typer.Argument(help="The warehouse as the engine sees it, e.g. s3://bucket/wh.")],
    schema_name: Annotated[str, typer.Option("--schema", help="Schema (database) for the tables.")] = "agenda",
) -> None:
    """Print CREATE TABLE statements for Trino, Athena or Spark over the warehouse (partitions discovered)."""
    from schemas.ddl import ddl as render

    sys.stdout.write(render(engine.value, location, schema_name))


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="Gold JSON Lines file.")],
    warehouse: Warehouse,
    show_errors: Annotated[bool, typer.Option(help="Print every miss, false alarm and wrong field.")] = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the full report here.")] = None,
) -> None:
    """Score the warehouse's events against a gold file (the rules of eval/score.py)."""
    from extractors.quality.evaluate import score_warehouse

    scores = score_warehouse(gold, warehouse)
    rep = scores.report()
    if json_out:
        json_out.write_text(json.dumps({**rep, "errors": scores.errors}, indent=1, default=str))
    if show_errors:
        for e in scores.errors:
            out.print(json.dumps(e, default=str), highlight=False, soft_wrap=True)
    _print_scores(rep)


@app.command()
def train(
    out_dir: Annotated[Path, typer.Option("--out", help="Model dir to write, e.g. models/agenda-tagger-v4.")],
    data: Annotated[Path | None, typer.Option(exists=True, dir_okay=False,
                                              help="Annotated sentences [default: ../shared/train/sentences.jsonl "
                                                   "beside the repo].")] = None,
    recipe: Annotated[str, typer.Option(help="student (MiniLM, shipped) or teacher (MPNet).")] = "student",
    base: Annotated[Path | None, typer.Option(help="Base encoder dir (default: the MiniLM package).")] = None,
    epochs: Annotated[int | None, typer.Option(help="Override the recipe's epochs.")] = None,
    seed: int = 13,
    shapes: Annotated[bool, typer.Option(help="Word-shape embeddings (letter case) on the input.")] = True,
    teacher_labels: Annotated[Path | None, typer.Option(help="Teacher-labelled corpus sentences (agenda "
                                                             "distill) to train on beside the gold.")] = None,
    teacher_weight: Annotated[float, typer.Option(help="Loss weight of teacher-labelled sentences.")] = 0.5,
    added: Annotated[bool, typer.Option(help="Train on data/train/added.jsonl too.")] = True,
    added_rounds: Annotated[str | None, typer.Option(help="Only these rounds of added.jsonl, by sid prefix "
                                                          "(e.g. ab) [default: all].")] = None,
    corrections: Annotated[bool, typer.Option(help="Apply data/train/corrections.jsonl.")] = True,
    max_train: Annotated[int | None, typer.Option(help="Train on the first N sentences of each source.")] = None,
    max_val: Annotated[int | None, typer.Option(help="Validate on the first N validation sentences.")] = None,
    threads: Annotated[int, typer.Option(min=1, help="torch CPU threads.")] = 2,
    export: Annotated[bool, typer.Option(help="Export ONNX (off for a teacher).")] = True,
    gold: Annotated[list[Path] | None, typer.Option(exists=True, dir_okay=False,
                                                    help="Gold files to score the new model on (repeatable).")]
    = None,
    resume: Annotated[bool, typer.Option(help="Go on from the checkpoint a stopped run left in --out (same "
                                              "options), from its last finished epoch.")] = False,
    average_last: Annotated[int | None, typer.Option(min=0, help="Ship the mean of the weights after each of the "
                                                           "last N epochs (checkpoint averaging) [default: the "
                                                           "recipe's, 0].")] = None,
    bf16: Annotated[bool | None, typer.Option("--bf16/--no-bf16", help="Forward passes under bfloat16 autocast "
                                                                        "(about twice as fast on CPUs with AVX-512 "
                                                                        "BF16) [default: the recipe's, off].")]
    = None,
) -> None:
    """Train the event tagger (needs `make install-train`): fixed seed, validation on 15% of the shared
    articles after every epoch (the run's state checkpointed in --out); writes a verified model dir with its
    card."""
    import shlex

    from extractors.training import data as training_data
    from extractors.training.distill import load_labels, provenance
    from extractors.training.train import RECIPES
    from extractors.training.train import train as run_training

    if recipe not in RECIPES:
        raise typer.BadParameter(f"recipe must be one of {', '.join(RECIPES)}")
    run_training(data or training_data.SHARED_TRAIN, out_dir, recipe=recipe, base=base, epochs=epochs, seed=seed,
                 shapes=shapes,
                 teacher=load_labels(teacher_labels) if teacher_labels else None, teacher_weight=teacher_weight,
                 teacher_record=json.loads(provenance(teacher_labels).read_text()) if teacher_labels and provenance(
                     teacher_labels).is_file() else None,
                 corrections=training_data.CORRECTIONS if corrections else None,
                 added=training_data.ADDED if added else None, added_rounds=added_rounds,
                 max_train=max_train, max_val=max_val,
                 threads=threads, export=export, resume=resume, average_last=average_last, bf16=bf16,
                 command=shlex.join(["agenda", *(a for a in sys.argv[1:] if a != "--resume")])
                 if sys.argv[1:2] == ["train"] else None)
    for path in gold or []:
        if export:
            out.print(f"{path}:")
            _score_model(out_dir, path)


@app.command()
def distill(
    teacher: Annotated[list[Path], typer.Option(exists=True, file_okay=False,
                                                help="The teacher's model dir; repeated, their majority vote.")],
    out_file: Annotated[Path, typer.Option("--out", help="Where to write the teacher labels (.jsonl.gz).")],
    articles: Annotated[int, typer.Option(min=1, help="Corpus articles to draw (uniformly, seeded).")] = 20000,
    seed: int = 11,
    threads: Annotated[int, typer.Option(min=1, help="CPU threads (torch, or ONNX Runtime for a vote).")] = 2,
    need: Annotated[int | None, typer.Option(min=1, help="With several teachers: how many must agree on an "
                                                         "event or argument [default: a majority].")] = None,
    corpus: Annotated[Path | None, typer.Option(exists=True, file_okay=False,
                                                help="Corpus folder [default: ../shared/corpus].")] = None,
) -> None:
    """Label corpus sentences with a teacher model (or the majority vote of several), for `agenda train
    --teacher-labels` (needs torch).

    Never an article of shared/eval, of data/eval, nor a validation article of the training data; stored as
    article offsets, not text."""
    from extractors.training.distill import DEFAULT_CORPUS, label_corpus

    if need is not None and not 1 <= need <= len(teacher):
        raise typer.BadParameter(f"--need must be between 1 and the {len(teacher)} teacher(s)")
    label_corpus(teacher, out_file, n_articles=articles, seed=seed, threads=threads, need=need,
                 corpus=corpus or DEFAULT_CORPUS, log=lambda msg: err.print(msg, highlight=False))


def _score_model(model_dir: Path, gold: Path) -> None:
    import tempfile

    from extractors.quality.evaluate import score_warehouse
    from extractors.runs.extractor import MeetingExtractor
    from extractors.runs.pipeline import run_extract
    from extractors.tagger.runtime import OnnxTagger

    with tempfile.TemporaryDirectory() as wh:
        run_extract([str(gold)], wh, dt.date(2000, 1, 1), extractor=MeetingExtractor(OnnxTagger(model_dir)))
        _print_scores(score_warehouse(gold, wh).report())


def _print_scores(rep: dict) -> None:
    out.print(f"articles {rep['articles']}  gold {rep['gold_meetings']}  predicted(scheduled) {rep['predicted']}")
    out.print(f"detection  P {rep['precision']:.3f}  R {rep['recall']:.3f}  F1 {rep['f1']:.3f}")
    out.print(f"on matches date {rep['date_exact']:.3f}  start {rep['start_date']:.3f}  "
              f"location {rep['location']:.3f}  participants-F1 {rep['participants_f1']:.3f}")
    out.print(f"f1={rep['f1']:.3f} strict_f1={rep['strict_f1']:.3f} date={rep['date_exact']:.3f} "
              f"location={rep['location']:.3f} participants={rep['participants_f1']:.3f}", highlight=False)


def run() -> None:
    """The ``agenda`` command: the Typer app, then an exit that skips the interpreter's teardown once every
    command is done and its output flushed. A finished run must not fail at exit: Arrow's native thread pools can
    abort the process while the interpreter tears them down (``terminate called without an active exception``,
    exit -6, apache/arrow#34314), after the run's tables were already published. An uncaught error keeps Python's
    own exit (traceback, status 1)."""
    import logging
    import multiprocessing

    try:
        app()
        code = 0
    except SystemExit as done:
        if isinstance(done.code, str):
            print(done.code, file=sys.stderr)
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    for child in multiprocessing.active_children():  # what multiprocessing's own exit would stop
        child.terminate()
        child.join(5)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
