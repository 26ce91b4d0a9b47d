"""The ``agenda`` command line."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from extractors.runs.extractor import DEFAULT_EXTRACTOR, EXTRACTORS

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Agenda: turn news archives into tables of scheduled meetings.")
err = Console(stderr=True)
out = Console(width=None if sys.stdout.isatty() else 200)

EXIT_QUARANTINED = 3
Warehouse = Annotated[str, typer.Option("--warehouse", "-w", envvar="AGENDA_WAREHOUSE",
                                        help="Warehouse folder or fsspec URL.")]


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
    extractor: Annotated[str, typer.Option(envvar="AGENDA_EXTRACTOR",
                                           help=f"One of: {', '.join(EXTRACTORS)}.")] = DEFAULT_EXTRACTOR,
    max_chars: Annotated[int, typer.Option(help="Cap on article length (longer ones are cut and noted).")]
    = 100_000,
    workers: Annotated[int, typer.Option(min=1, help="Processes extracting file shards in parallel.")] = 1,
) -> None:
    """Extract scheduled meetings from article files into the warehouse.

    Exit status: 0 all input processed; 3 done, but some input was quarantined (see the summary and the
    quarantine table); 1 the run failed (nothing was published).
    """
    from extractors.runs.pipeline import run_extract

    day = _date(ingest_date)
    show = sys.stderr.isatty()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                  disable=not show, transient=True) as progress:
        task = progress.add_task("reading", total=None)

        def on_batch(s) -> None:
            progress.update(task, description=f"{s.articles_read} articles, {s.events} events, "
                                              f"{s.quarantined} quarantined")

        try:
            summary = run_extract(paths, warehouse, day, extractor=extractor, max_chars=max_chars,
                                  workers=workers, on_batch=on_batch)
        except Exception as exc:  # the run is recorded as failed; the user gets one clear line
            err.print(f"[red]error:[/red] {type(exc).__name__}: {exc}", highlight=False)
            raise typer.Exit(1) from None
    out.print(summary.line(), highlight=False, soft_wrap=True)
    if summary.quarantined:
        raise typer.Exit(EXIT_QUARANTINED)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL text, or the path of a .sql file.")],
    warehouse: Warehouse,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run SQL with DuckDB over views articles, events, runs, quarantine."""
    from extractors.storage.query import connect

    text = Path(query).read_text() if query.endswith(".sql") and Path(query).is_file() else query
    try:
        result = connect(warehouse).sql(text)
    except Exception as exc:  # duckdb raises many error types; all are user errors here
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None
    if result is None:
        return
    columns, rows = result.columns, result.fetchall()
    if fmt == "json":
        for row in rows:
            out.print_json(json.dumps(dict(zip(columns, row, strict=True)), default=str))
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        table = Table(show_lines=False)
        for column in columns:
            table.add_column(column, overflow="ellipsis", no_wrap=True, min_width=min(len(column), 12), max_width=48)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        out.print(table)
        out.print(f"{len(rows)} rows", style="dim")


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


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True,
                                "help_option_names": []})
def train(ctx: typer.Context) -> None:
    """Train the event tagger: agenda train --data FILE --out models/NAME [--gold DEV.jsonl] [...].

    Needs torch (`make install-train`); `agenda train --help` lists every option. With ``--gold``, the
    new model then extracts that gold file and its article-level scores are printed (score.py rules).
    """
    import argparse

    from extractors.training.train import build_parser
    from extractors.training.train import main as train_main

    gold_option = argparse.ArgumentParser(add_help=False)
    gold_option.add_argument("--gold", type=Path)
    known, args = gold_option.parse_known_args(ctx.args)
    train_main(args, prog="agenda train")
    if known.gold is not None:
        _score_model(build_parser("agenda train").parse_args(args).out, known.gold)


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


if __name__ == "__main__":
    app()
