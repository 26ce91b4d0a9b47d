"""The ``model`` tagger: a fine-tuned MiniLM token classifier, run with ONNX Runtime on CPU.

A model dir (``models/agenda-tagger-v4``) holds ``model.onnx`` (int8 or fp32), ``model.safetensors`` +
``config.json`` (fp16, for ``TorchTagger``), ``tokenizer.json`` and friends, ``labels.json`` (label scheme,
version, base model), ``SHA256SUMS`` and ``MODEL_CARD.md``. Every file listed in ``SHA256SUMS`` is checked
at load; nothing is downloaded. This module never imports torch (``TorchTagger`` does, lazily).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController
from tokenizers import Encoding, Tokenizer

from extractors.tagger.decoding import SCHEDULED_MIN_P, decode_batch
from extractors.tagger.heads import EventHeads
from extractors.tagger.labels import LabelScheme, batch_shapes, word_bounds
from extractors.tagger.spans import SentenceEvent

MODEL_DIR_ENV = "AGENDA_MODEL_DIR"
SHIPPED_MODEL = "agenda-tagger-v4"
# In a checkout: the repo's models/; installed from the wheel: its data files under the environment's prefix.
_REPO_MODEL = Path(__file__).resolve().parents[2] / "models" / SHIPPED_MODEL
_INSTALLED_MODEL = Path(sys.prefix) / "share" / "agenda" / "models" / SHIPPED_MODEL
DEFAULT_MODEL_DIR = _REPO_MODEL if _REPO_MODEL.is_dir() else _INSTALLED_MODEL
SUMS_FILE = "SHA256SUMS"
CARD_FILE = "MODEL_CARD.md"
META_FILE = "labels.json"
TOKENIZER_FILE = "tokenizer.json"
HEADS_FILE = "heads.npz"
UNSUMMED = (SUMS_FILE, CARD_FILE)  # the card lists the sums and is edited by hand after training
TOKENS_PER_THREAD = 384  # default padded tokens per ONNX batch and intra-op thread (OnnxTagger)


# The shipped models' SHA256SUMS, by version: a folder that claims a shipped version must be that model
# (files changed and SHA256SUMS regenerated would otherwise load under the shipped name). Retraining a
# shipped model means a new pin here (tests/tagger/test_runtime.py checks the repo's model against it).
SHIPPED_SUMS = {SHIPPED_MODEL: "94207b372eb9b39464e3728e541382c325965f133132e12c515773f284fd7e89"}


class ModelIntegrityError(RuntimeError):
    """A model file is missing or does not match its sha256 in ``SHA256SUMS``."""


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_checksums(model_dir: Path) -> dict[str, str]:
    """Write ``SHA256SUMS`` (``sha256sum -c`` format) for every file of the dir but itself and the card."""
    model_dir = Path(model_dir)
    sums = {p.name: sha256_file(p) for p in sorted(model_dir.iterdir())
            if p.is_file() and p.name not in UNSUMMED}
    (model_dir / SUMS_FILE).write_text("".join(f"{h}  {n}\n" for n, h in sums.items()))
    return sums


def verify_model_dir(model_dir: Path, required: Iterable[str]) -> dict[str, str]:
    """Check every file of ``SHA256SUMS``; the ``required`` files must be listed. Returns the sums."""
    model_dir = Path(model_dir)
    sums_path = model_dir / SUMS_FILE
    if not sums_path.is_file():
        raise ModelIntegrityError(f"{sums_path}: missing; refusing to load an unverified model")
    sums: dict[str, str] = {}
    for line in sums_path.read_text().splitlines():
        if line.strip():
            digest, _, name = line.partition("  ")
            sums[name.strip().lstrip("*")] = digest.strip().lower()
    version = _read_meta(model_dir).get("version") if (model_dir / META_FILE).is_file() else None
    if version in SHIPPED_SUMS and sha256_file(sums_path) != SHIPPED_SUMS[version]:
        raise ModelIntegrityError(
            f"{model_dir}: claims to be the shipped model {version!r}, but its {SUMS_FILE} is not that model's; "
            f"a changed or retrained model must carry its own version in {META_FILE}")
    for name in required:
        if name not in sums:
            raise ModelIntegrityError(f"{model_dir / name}: not listed in {SUMS_FILE}")
    for name, digest in sums.items():
        path = model_dir / name
        if not path.is_file():
            raise ModelIntegrityError(f"{path}: missing (listed in {SUMS_FILE})")
        actual = sha256_file(path)
        if actual != digest:
            raise ModelIntegrityError(f"{path}: sha256 {actual} does not match {SUMS_FILE} ({digest})")
    return sums


def resolve_model_dir(model_dir: str | Path | None) -> Path:
    """The given dir, else ``$AGENDA_MODEL_DIR``, else the model shipped in the repo."""
    if model_dir is None:
        model_dir = os.environ.get(MODEL_DIR_ENV) or DEFAULT_MODEL_DIR
    return Path(model_dir)


def model_version(model_dir: str | Path | None = None) -> str:
    """The version recorded in a model dir, read without loading (or verifying) the model."""
    return str(json.loads((resolve_model_dir(model_dir) / META_FILE).read_text())["version"])


def load_tokenizer(path: Path, max_length: int) -> Tokenizer:
    """The fast tokenizer of the model dir: truncating at ``max_length`` tokens, never padding."""
    tok = Tokenizer.from_file(str(path))
    tok.no_padding()
    tok.enable_truncation(max_length)
    return tok


class _BatchTagger:
    """Preprocess (tokenise, word shapes, length-bucketed batches) -> forward (``_forward``, per backend) ->
    postprocess (``extractors.tagger.decoding``)."""

    name = "model"
    version: str
    scheduled_min_p = SCHEDULED_MIN_P  # an instance may set 0.0: status by argmax (as the gate's bars were set)

    def _load_common(self, model_dir: Path, batch_size: int, max_tokens: int | None = None,
                     heads: EventHeads | None = None) -> None:
        meta = json.loads((model_dir / META_FILE).read_text())
        self.model_dir = model_dir
        self.meta = meta
        self.version = str(meta["version"])
        self.scheme = LabelScheme.from_json(meta["labels"])
        self.heads = heads or EventHeads.load(model_dir / HEADS_FILE)
        self.uses_shapes = "shape_ids" in meta.get("onnx_inputs", ())
        self.batch_size = max(1, int(batch_size))
        self.max_tokens = max(1, int(max_tokens)) if max_tokens else None
        self.tokenizer = load_tokenizer(model_dir / TOKENIZER_FILE, int(meta.get("max_length", 256)))
        self._tag_slice = self.scheme.slices()["tags"]
        self._blas = ThreadpoolController()

    def _forward(self, feed: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Token logits ``(B, T, width)`` and states ``(B, T, D)``, float32, for an int64 batch."""
        raise NotImplementedError

    def tag(self, sentences: Sequence[str]) -> list[list[SentenceEvent]]:
        """One list of events per sentence; batches sentences of similar token length together.

        Results do not depend on how sentences are batched (the int8 graph quantizes per token and
        padding is masked), so batching is free to chase speed: see ``batches``.
        """
        sentences = list(sentences)
        out: list[list[SentenceEvent]] = [[] for _ in sentences]
        if not sentences:
            return out
        encs = self.tokenizer.encode_batch(sentences)
        lengths = np.fromiter((len(e.ids) for e in encs), np.int64, len(encs))
        for chunk in self.batches(lengths):
            texts = [sentences[i] for i in chunk]
            feed, offsets, words = self._padded(texts, [encs[i] for i in chunk], lengths[chunk])
            logits, states = self._forward(feed)
            tags = logits[..., self._tag_slice].argmax(-1)
            hits = np.flatnonzero((((tags == 1) | (tags == 2)) & (feed["attention_mask"] == 1)).any(1))
            if not len(hits):
                continue
            hit_texts = [texts[h] for h in hits]
            first, last = word_bounds(hit_texts, offsets[hits], words[hits])
            # The heads' small matrix products run on one BLAS thread: OpenBLAS's idle threads spin after
            # each product and starve the next forward's threads (2-core machine: 258 -> 515 sentences/s).
            with self._blas.limit(limits=1, user_api="blas"):
                found = decode_batch(hit_texts, offsets[hits], first, last, logits[hits], states[hits],
                                     lengths[chunk][hits], self.scheme, self.heads, self.scheduled_min_p)
            for h, events in zip(hits.tolist(), found, strict=True):
                out[int(chunk[h])] = events
        return out

    def _padded(self, texts: list[str], encs: list[Encoding], lengths: np.ndarray
                ) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
        """The network's int64 inputs for one batch, with the tokens' char offsets ``(B, T, 2)`` and word ids
        ``(B, T)`` (-1 for special tokens and padding)."""
        b, width = len(encs), int(lengths.max())
        ids = np.zeros((b, width), np.int64)
        offsets = np.zeros((b, width, 2), np.int64)
        words = np.full((b, width), -1, np.int64)
        for row, (enc, n) in enumerate(zip(encs, lengths.tolist(), strict=True)):
            ids[row, :n] = enc.ids
            offsets[row, :n] = enc.offsets
            words[row, :n] = np.nan_to_num(np.array(enc.word_ids, np.float64), nan=-1.0)  # None -> nan -> -1
        feed = {"input_ids": ids, "attention_mask": (np.arange(width) < lengths[:, None]).astype(np.int64)}
        if self.uses_shapes:
            feed["shape_ids"] = batch_shapes(texts, offsets, words)
        return feed, offsets, words

    def input_names(self) -> tuple[str, ...]:
        return ("input_ids", "attention_mask", "shape_ids") if self.uses_shapes else ("input_ids", "attention_mask")

    def batches(self, lengths: np.ndarray) -> list[np.ndarray]:
        """Sentence indices in batches, shortest sentences first.

        A batch holds at most ``batch_size`` sentences and, when ``max_tokens`` is set, at most that many
        tokens once padded to its longest sentence: short sentences go in big batches, long ones in
        small batches, and padding stays a few percent (fixed-size batches of 64 padded ~30% on the
        Reuters candidates when a call holds ~400 sentences).
        """
        order = np.argsort(lengths, kind="stable")
        if not self.max_tokens:
            return [order[lo:lo + self.batch_size] for lo in range(0, len(order), self.batch_size)]
        out, start = [], 0
        for end in range(1, len(order) + 1):
            if end == len(order) or end - start >= self.batch_size or \
                    (end - start + 1) * int(lengths[order[end]]) > self.max_tokens:
                out.append(order[start:end])
                start = end
        return out


class OnnxTagger(_BatchTagger):
    """The transformer tagger on ONNX Runtime (CPU): verified at load, offline, no torch.

    ``threads`` sets ONNX Runtime's intra-op threads (``None``: its default, one per core). Batches hold
    at most ``batch_size`` sentences and ``max_tokens`` padded tokens (``None``: ``TOKENS_PER_THREAD``
    per thread). Small batches keep a batch's activations in the cores' L2 caches and padding low: on the
    2-core machine, tagging the Reuters candidates ~375 at a time as the pipeline does, 384-1,024 tokens
    a batch ran ~45% faster than 64-sentence batches at 2 threads (256-384 was best at 1 thread).
    """

    def __init__(self, model_dir: str | Path | None = None, threads: int | None = None,
                 batch_size: int = 64, *, max_tokens: int | None = None, onnx_file: str | None = None) -> None:
        import onnxruntime as ort

        model_dir = resolve_model_dir(model_dir)
        meta = _read_meta(model_dir)
        onnx_name = onnx_file or str(meta.get("onnx", "model.onnx"))
        verify_model_dir(model_dir, (META_FILE, TOKENIZER_FILE, HEADS_FILE, onnx_name))
        n_threads = int(threads or 0) or _physical_cores()
        self._load_common(model_dir, batch_size, max_tokens or TOKENS_PER_THREAD * max(1, n_threads))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = int(threads or 0)
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Every batch has its own (sentences, tokens) shape: a memory pattern per shape only costs RAM.
        opts.enable_mem_pattern = False
        opts.log_severity_level = 3
        self.threads = threads
        self.onnx_file = onnx_name
        self._session = ort.InferenceSession(str(model_dir / onnx_name), opts,
                                             providers=["CPUExecutionProvider"])

    def _forward(self, feed: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        logits, states = self._session.run(["logits", "states"], feed)
        return logits, states


class TorchTagger(_BatchTagger):
    """The same tagger on PyTorch (for a GPU machine): fp16 on CUDA, fp32 on CPU.

    Same preprocessing and decoding as ``OnnxTagger``; torch (and the network definition, in
    ``extractors.training.network``) is imported only here.
    """

    def __init__(self, model_dir: str | Path | None = None, threads: int | None = None,
                 batch_size: int = 64, device: str | None = None, *, max_tokens: int | None = None) -> None:
        import torch

        from extractors.training.network import TaggerNetwork

        model_dir = resolve_model_dir(model_dir)
        verify_model_dir(model_dir, (META_FILE, TOKENIZER_FILE, HEADS_FILE, "config.json", "model.safetensors"))
        self._load_common(model_dir, batch_size, max_tokens)
        if threads:
            torch.set_num_threads(int(threads))
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        dtype = torch.float16 if self.device.type == "cuda" else torch.float32
        self._net = TaggerNetwork.load(model_dir, self.scheme, dtype).to(self.device)
        self._torch = torch

    def _forward(self, feed: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        torch = self._torch
        with torch.inference_mode():
            logits, states = self._net(*(torch.from_numpy(feed[k]).to(self.device) for k in self.input_names()))
        return logits.float().cpu().numpy(), states.float().cpu().numpy()


def _physical_cores() -> int:
    """ONNX Runtime's default intra-op thread count: the physical cores (logical ones if unknown)."""
    try:
        import psutil

        return int(psutil.cpu_count(logical=False) or os.cpu_count() or 1)
    except ImportError:  # pragma: no cover - psutil is a dependency
        return os.cpu_count() or 1


def _read_meta(model_dir: Path) -> dict:
    path = model_dir / META_FILE
    if not path.is_file():
        raise ModelIntegrityError(f"{path}: missing; not a model dir (set {MODEL_DIR_ENV} to a model folder, "
                                  f"e.g. a checkout's models/{SHIPPED_MODEL})")
    return json.loads(path.read_text())
