"""The shipped transformer tagger: loads offline from the repo, verifies its files, tags the seed sentences."""

from __future__ import annotations

import copy
import importlib.util
import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from extractors.tagger.runtime import (
    DEFAULT_MODEL_DIR,
    SHIPPED_SUMS,
    TOKENS_PER_THREAD,
    ModelIntegrityError,
    OnnxTagger,
    TorchTagger,
    sha256_file,
    write_checksums,
)
from extractors.tagger.spans import KINDS, STATUSES, SentenceEvent, Span

MEET = "The two are expected to meet in person on November 17, an arrangement made today via teleconference."
SUMMIT = ("Abe is expected to travel to the United States next week on his way to Peru for   Economic "
          "Cooperation (APEC) summit there.")
OTHERS = [
    "Finance ministers of the Group of Seven will meet in Washington on Friday to discuss currencies.",
    "Trump met with Russians in June 2016 who said they had damaging information on Mrs.",
    "The company's quarterly profit beat expectations, helped by strong demand in Asia.",
    "",
    "Talks.",
    "Iran and the six powers held a new round of talks in Geneva last week, diplomats said, and agreed to "
    "meet again in Istanbul in January; Russia's foreign minister will visit Tehran before that meeting.",
    "Merkel and Sarkozy spoke by phone on Tuesday and will hold a summit in Brussels on Thursday.",
    "L'Oréal's board will convene an extraordinary shareholders' meeting in Paris on 15 March.",
    "OPEC ministers are due to gather in Vienna on Sept. 11 for the group's next policy meeting.",
]


def _by_trigger(events: list[SentenceEvent], word: str) -> SentenceEvent:
    found = [e for e in events if word in e.trigger.text.lower()]
    assert found, f"no event with trigger {word!r} in {events}"
    return found[0]


def _key(ev: SentenceEvent) -> tuple:
    return (ev.trigger, ev.kind, ev.status, tuple(ev.participants), ev.time, ev.place, ev.event_name)


def _check_offsets(sentence: str, ev: SentenceEvent) -> None:
    spans = [ev.trigger, *ev.participants, ev.time, ev.place, ev.event_name]
    for sp in spans:
        if sp is not None:
            assert isinstance(sp, Span)
            assert sentence[sp.start:sp.end] == sp.text and sp.text.strip() == sp.text and sp.text
    assert ev.kind in KINDS and ev.status in STATUSES and 0.0 <= ev.confidence <= 1.0


def test_loads_offline_from_repo(tagger: OnnxTagger, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    meta = json.loads((DEFAULT_MODEL_DIR / "labels.json").read_text())
    assert tagger.name == "model"
    assert tagger.version == meta["version"]
    assert OnnxTagger(threads=1, batch_size=8).version == tagger.version
    assert meta["onnx_precision"] in ("int8-token", "int8-dynamic", "fp32")


def test_tags_scheduled_meeting(tagger: OnnxTagger) -> None:
    [events] = tagger.tag([MEET])
    ev = _by_trigger(events, "meet")
    _check_offsets(MEET, ev)
    assert (ev.kind, ev.status) == ("meeting", "scheduled")
    assert ev.time is not None and ev.time.text == "November 17"
    assert "The two" in [p.text for p in ev.participants]


def test_tags_scheduled_summit(tagger: OnnxTagger) -> None:
    [events] = tagger.tag([SUMMIT])
    ev = _by_trigger(events, "summit")
    _check_offsets(SUMMIT, ev)
    assert (ev.kind, ev.status) == ("summit", "scheduled")
    # Peru is linked to the summit (the assembly's locative-participant rule makes a place of a known place
    # tagged as a participant after "to"; tests/runs/test_pipeline.py checks the seed's rows end to end).
    assert "Peru" in [a.text for a in (ev.place, *ev.participants) if a is not None]
    assert ev.event_name is not None and "summit" in ev.event_name.text


def test_offsets_are_exact_everywhere(tagger: OnnxTagger) -> None:
    sentences = [MEET, SUMMIT, *OTHERS]
    tagged = tagger.tag(sentences)
    assert len(tagged) == len(sentences)
    assert tagged[OTHERS.index("") + 2] == []
    for sentence, events in zip(sentences, tagged, strict=True):
        for ev in events:
            _check_offsets(sentence, ev)


def test_batching_and_order_match_one_by_one(tagger: OnnxTagger) -> None:
    sentences = [MEET, SUMMIT, *OTHERS] * 2
    single = [tagger.tag([s])[0] for s in sentences]
    batched = OnnxTagger(threads=1, batch_size=4).tag(sentences)
    order = list(range(len(sentences)))
    random.Random(7).shuffle(order)
    shuffled = tagger.tag([sentences[i] for i in order])
    for i, (one, many) in enumerate(zip(single, batched, strict=True)):
        assert [_key(e) for e in one] == [_key(e) for e in many]
        assert [_key(e) for e in one] == [_key(e) for e in shuffled[order.index(i)]]
        assert [e.confidence for e in one] == pytest.approx([e.confidence for e in many], abs=0.02)


def test_token_budget_batches_give_identical_results(tagger: OnnxTagger) -> None:
    """Any batching gives the same events and confidences: the int8 graph quantizes per token."""
    sentences = [MEET, SUMMIT, *OTHERS] * 3
    small = OnnxTagger(threads=1, batch_size=64, max_tokens=48)  # mostly one or two sentences a batch
    big = OnnxTagger(threads=1, batch_size=64, max_tokens=100_000)  # one padded batch
    assert len(small.batches(np.array([len(e.ids) for e in small.tokenizer.encode_batch(sentences)]))) > 10
    full = [[(*_key(e), e.confidence) for e in events] for events in big.tag(sentences)]
    assert [[(*_key(e), e.confidence) for e in events] for events in small.tag(sentences)] == full
    assert [[(*_key(e), e.confidence) for e in events] for events in tagger.tag(sentences)] == full


def test_batches_respect_sentence_and_token_caps(tagger: OnnxTagger) -> None:
    lengths = np.array([5, 40, 12, 12, 3, 100, 7, 40, 9, 11])
    t = copy.copy(tagger)
    t.batch_size, t.max_tokens = 3, 50
    batches = t.batches(lengths)
    flat = np.concatenate(batches)
    assert sorted(flat.tolist()) == list(range(len(lengths)))
    assert lengths[flat].tolist() == sorted(lengths.tolist())
    assert all(len(b) <= 3 and (len(b) == 1 or len(b) * lengths[b].max() <= 50) for b in batches)
    assert [len(b) for b in batches] == [3, 3, 1, 1, 1, 1]
    t.max_tokens = None
    assert [len(b) for b in t.batches(lengths)] == [3, 3, 3, 1]
    assert OnnxTagger(threads=1).max_tokens == TOKENS_PER_THREAD
    assert OnnxTagger(threads=2, max_tokens=123).max_tokens == 123


def test_shipped_graph_uses_the_fused_attention_kernel() -> None:
    onnx = pytest.importorskip("onnx")
    meta = json.loads((DEFAULT_MODEL_DIR / "labels.json").read_text())
    graph = onnx.load(str(DEFAULT_MODEL_DIR / meta["onnx"])).graph
    ops = [n.op_type for n in graph.node]
    assert ops.count("MultiHeadAttention") == meta["onnx_fused_attention"] == 6
    assert "Softmax" not in ops and "Transpose" not in ops


def _copy_model(tmp_path: Path) -> Path:
    dst = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_DIR, dst)
    return dst


def test_corrupted_onnx_is_refused(tmp_path: Path) -> None:
    model = _copy_model(tmp_path)
    onnx = model / json.loads((model / "labels.json").read_text())["onnx"]
    data = bytearray(onnx.read_bytes())
    data[len(data) // 2] ^= 0x01
    onnx.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match=onnx.name):
        OnnxTagger(model)


def test_a_changed_model_cannot_pass_for_the_shipped_one(tmp_path: Path) -> None:
    assert sha256_file(DEFAULT_MODEL_DIR / "SHA256SUMS") == SHIPPED_SUMS[json.loads(
        (DEFAULT_MODEL_DIR / "labels.json").read_text())["version"]], "retrained? pin the new SHA256SUMS"
    model = _copy_model(tmp_path)
    heads = dict(np.load(model / "heads.npz"))
    heads["event.2.bias"] = heads["event.2.bias"] + 1.0
    np.savez(model / "heads.npz", **heads)
    write_checksums(model)  # the sums match the changed files, but the name is the shipped model's
    with pytest.raises(ModelIntegrityError, match="claims to be the shipped model"):
        OnnxTagger(model)
    meta = json.loads((model / "labels.json").read_text())
    (model / "labels.json").write_text(json.dumps({**meta, "version": "my-tuned-heads"}))
    write_checksums(model)
    assert OnnxTagger(model, threads=1).version == "my-tuned-heads"


def test_missing_file_or_sums_is_refused(tmp_path: Path) -> None:
    model = _copy_model(tmp_path)
    (model / "tokenizer.json").unlink()
    with pytest.raises(ModelIntegrityError, match=r"tokenizer\.json"):
        OnnxTagger(model)
    (model / "SHA256SUMS").unlink()
    with pytest.raises(ModelIntegrityError, match="SHA256SUMS"):
        OnnxTagger(model)


def test_model_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _copy_model(tmp_path)
    monkeypatch.setenv("AGENDA_MODEL_DIR", str(model))
    assert OnnxTagger(threads=1).model_dir == model


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch not installed (TorchTagger is optional)")
def test_torch_tagger_matches_onnx_on_seeds(tagger: OnnxTagger) -> None:
    torch_tagger = TorchTagger(threads=1)
    assert (torch_tagger.name, torch_tagger.version) == (tagger.name, tagger.version)
    meet, summit = torch_tagger.tag([MEET, SUMMIT])
    ev = _by_trigger(meet, "meet")
    assert (ev.kind, ev.status, ev.time.text if ev.time else None) == ("meeting", "scheduled", "November 17")
    ev, onnx_ev = _by_trigger(summit, "summit"), _by_trigger(tagger.tag([SUMMIT])[0], "summit")
    assert (ev.kind, ev.status, ev.place, ev.participants) == (onnx_ev.kind, onnx_ev.status, onnx_ev.place,
                                                               onnx_ev.participants)


# The model's structure on invented sentences: several events of one sentence each keep their own arguments,
# and the status reads the whole sentence, not the trigger word.

def test_several_events_of_one_sentence_keep_their_own_arguments(tagger: OnnxTagger) -> None:
    sentence = "Rutte will meet Scholz in Berlin on Monday and attend an EU summit in Brussels on Thursday."
    [events] = tagger.tag([sentence])
    meet, summit = _by_trigger(events, "meet"), _by_trigger(events, "summit")
    assert (meet.time.text, meet.place.text) == ("Monday", "Berlin")
    assert (summit.time.text, summit.place.text) == ("Thursday", "Brussels")
    assert {p.text for p in meet.participants} == {"Rutte", "Scholz"}
    assert meet.status == summit.status == "scheduled"


def test_a_past_meeting_named_by_its_date_is_past(tagger: OnnxTagger) -> None:
    [events] = tagger.tag(["The March 3 meeting of the oil ministers failed to agree on output cuts."])
    assert _by_trigger(events, "meeting").status == "past"


def test_a_negotiation_merely_under_way_is_ongoing(tagger: OnnxTagger) -> None:
    for sentence in ("Volvo is in talks with the metalworkers union over a new contract.",
                     "Negotiations between the two airlines are continuing, a spokesman said."):
        [events] = tagger.tag([sentence])
        assert [e.status for e in events] == ["ongoing"], sentence


def test_a_proposal_or_a_call_for_talks_is_unclear(tagger: OnnxTagger) -> None:
    for sentence, trigger in (("Portugal proposed a meeting of southern EU leaders to discuss the crisis.", "meeting"),
                              ("Austria called for an emergency meeting of EU farm ministers.", "meeting")):
        [events] = tagger.tag([sentence])
        assert _by_trigger(events, trigger).status == "unclear", sentence
