"""Teacher labels: corpus sentences tagged by the teacher model, for training the student beside the gold.

    agenda distill --teacher models/teacher --out data/train/teacher-labels.jsonl.gz [--articles 20000]
    agenda distill --teacher A --teacher B --teacher C --out ... # the majority vote of several (training.vote)

The corpus is ``shared/corpus`` (the Reuters 2006-2013 days and the news pool). Left out: every article of
``shared/eval`` (by id and by text), of this repo's evaluation sets ``data/eval/dev*.jsonl`` (by id) and the
validation articles of ``shared/train``. Articles are drawn
uniformly (seeded); their candidate sentences (the pipeline's splitter and lexical gate, 6-70 words) are
tagged by the teacher, and each sentence is stored with its events as article offsets (``data.py``), not
text. ``load_labels`` reads them back with their text.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from extractors.quality.goldsets import REPO_EVAL, repo_set_ids
from extractors.tagger.runtime import sha256_file
from extractors.training import data as training_data

DEFAULT_CORPUS = training_data.REPO.parent / "shared" / "corpus"
DEFAULT_EVAL = training_data.REPO.parent / "shared" / "eval"


def corpus_articles(corpus: Path = DEFAULT_CORPUS) -> Iterator[dict]:
    """Every article of the corpus folder: its ``*.jsonl.gz`` drops (any depth), then ``news-pool.jsonl``."""
    for path in sorted(corpus.rglob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            yield from (json.loads(line) for line in f if line.strip())
    pool = corpus / "news-pool.jsonl"
    if pool.is_file():
        with open(pool, encoding="utf-8") as f:
            yield from (json.loads(line) for line in f if line.strip())


def _text_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text[:400].lower()).split())


def excluded_articles(eval_dir: Path = DEFAULT_EVAL, train: Path = training_data.SHARED_TRAIN,
                      repo_eval: Path = REPO_EVAL) -> tuple[set[str], set[str]]:
    """Ids and text keys of the articles teacher labels must never come from: dev, dev2, this repo's
    evaluation sets (dev3 onwards) and the validation articles of the training data."""
    ids, keys = set(), set()
    for path in sorted(eval_dir.glob("*.jsonl")):
        for row in training_data.load_rows(path):
            ids.add(row["id"])
            keys.add(_text_key(row["text"]))
    ids |= repo_set_ids(repo_eval)
    _, val = training_data.split_by_article(training_data.load_rows(train))
    ids |= {r["article_id"] for r in val}
    return ids, keys


def sample_sentences(n_articles: int, seed: int = 11, corpus: Path = DEFAULT_CORPUS) -> list[dict]:
    """Candidate sentences of ``n_articles`` corpus articles drawn uniformly, with their article offsets."""
    from extractors.language.candidates import candidate_sentences
    from extractors.language.sentences import split_sentences

    ids, keys = excluded_articles()
    articles = [a for a in corpus_articles(corpus) if a["id"] not in ids and _text_key(a["text"]) not in keys]
    random.Random(seed).shuffle(articles)
    out, seen = [], set()
    for art in articles:
        if art["id"] in seen:
            continue
        seen.add(art["id"])
        if len(seen) > n_articles:
            break
        for s in candidate_sentences(art["text"], list(split_sentences(art["text"]))):
            if 6 <= len(s.text.split()) <= 70:
                out.append({"article_id": art["id"], "start": s.start, "end": s.end, "sentence": s.text,
                            "published": str(art["published"])[:10]})
    return out


def event_dict(sentence: str, event) -> dict:
    """A ``SentenceEvent`` in the training data's shape (character spans of the sentence)."""
    def span(sp):
        return None if sp is None else {"text": sp.text, "start": sp.start, "end": sp.end}

    return {"kind": event.kind, "status": event.status, "trigger": span(event.trigger),
            "participants": [span(p) for p in event.participants], "time": span(event.time),
            "place": span(event.place), "event_name": span(event.event_name),
            "confidence": event.confidence}


def label_corpus(teacher: Path | Sequence[Path], out: Path, *, n_articles: int = 20000, seed: int = 11,
                 threads: int = 2, min_confidence: float = 0.0, need: int | None = None,
                 corpus: Path = DEFAULT_CORPUS, log=print) -> dict:
    """Tag sampled corpus sentences with the teacher and write them to ``out``; returns counts.

    ``teacher`` is one model dir (tagged with torch), or several: then their majority vote is the teacher
    (``extractors.training.vote``; ``need`` members must agree, default a majority)."""
    teachers = [Path(teacher)] if isinstance(teacher, str | Path) else [Path(t) for t in teacher]
    t0 = time.monotonic()
    rows = sample_sentences(n_articles, seed, corpus)
    log(f"{len(rows)} candidate sentences from {n_articles} articles ({time.monotonic() - t0:.0f}s)")
    tagger = _teacher_tagger(teachers, threads, need)
    labelled = []
    step = 2000
    for lo in range(0, len(rows), step):
        chunk = rows[lo:lo + step]
        for row, events in zip(chunk, tagger.tag([r["sentence"] for r in chunk]), strict=True):
            if all(e.confidence >= min_confidence for e in events):
                labelled.append({**row, "events": [event_dict(row["sentence"], e) for e in events]})
        log(f"  {min(lo + step, len(rows))}/{len(rows)} sentences tagged [{time.monotonic() - t0:.0f}s]")
    out.parent.mkdir(parents=True, exist_ok=True)
    training_data.write_teacher_labels(out, labelled)
    counts = {"articles": n_articles, "sentences": len(rows), "kept": len(labelled),
              "with_events": sum(bool(r["events"]) for r in labelled), "seconds": round(time.monotonic() - t0)}
    record = _teacher_record(teachers[0]) if len(teachers) == 1 else {"teacher": {
        "vote": {"members": len(teachers), "need": tagger.need},
        "ensemble": [_teacher_record(t)["teacher"] for t in teachers]}}
    provenance(out).write_text(json.dumps({**counts, **record, "seed": seed,
                                           "labels_sha256": sha256_file(out)}, indent=1) + "\n")
    log(json.dumps(counts))
    return counts


def provenance(labels: Path) -> Path:
    """The JSON file beside a teacher-labels file that says which teacher made it, and how well it scored."""
    return labels.with_name(labels.name.removesuffix(".gz").removesuffix(".jsonl") + ".json")


def _teacher_tagger(teachers: list[Path], threads: int, need: int | None):
    """One teacher on torch (a teacher is trained without ONNX), or the vote of several, each on its ONNX file
    where it has one."""
    from extractors.tagger.runtime import OnnxTagger, TorchTagger
    from extractors.training.vote import VotingTagger

    if len(teachers) == 1:
        return TorchTagger(teachers[0], threads=threads, device="cpu")
    return VotingTagger([OnnxTagger(t, threads=threads) if (t / "model.onnx").is_file()
                         else TorchTagger(t, threads=threads, device="cpu") for t in teachers], need)


def _teacher_record(teacher: Path) -> dict:
    meta = json.loads((teacher / "labels.json").read_text())
    summary = teacher / "training.json"
    record = {"teacher": {"version": meta["version"], "base_model": meta["base_model"],
                          "weights_sha256": sha256_file(teacher / "model.safetensors")}}
    if (teacher / "model.onnx").is_file():
        record["teacher"]["onnx_sha256"] = sha256_file(teacher / "model.onnx")
    if summary.is_file():
        s = json.loads(summary.read_text())
        record["teacher"].update(command=s.get("command"), recipe=s.get("recipe"), history=s.get("history"),
                                 validation=s.get("torch_metrics"), validation_original=s.get("torch_metrics_original"))
    return record


def load_labels(path: Path, corpus: Path = DEFAULT_CORPUS) -> list[dict]:
    """Teacher-labelled rows with their sentence text, read back from the corpus."""
    wanted = set()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        wanted = {json.loads(line)["article_id"] for line in f if line.strip()}
    articles = {a["id"]: a["text"] for a in corpus_articles(corpus) if a["id"] in wanted}
    return training_data.load_teacher_labels(path, articles)
