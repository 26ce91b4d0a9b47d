"""One tagger process for many workers: the GPU path of ``agenda extract --device cuda``.

CPU worker processes read, split, filter, assemble and write as usual; their ``RemoteTagger`` sends each
batch of candidate sentences to the one ``TaggerService`` process, which owns the model (torch, on the
given device), joins the requests waiting in its queue into one large token-budget batch, tags it and
sends each worker its share. Workers never touch the GPU, and while one waits for its sentences the
others read, assemble and write Parquet, so the device is fed from several processes at once.

The service is plain multiprocessing (spawned, so no CUDA state is ever forked); the same code runs with
the torch tagger on CPU, which is how the tests exercise it.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import queue
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from extractors.tagger.spans import SentenceEvent

SERVICE_BATCH_SENTENCES = 4096  # sentences per forward pass at most (a token budget caps it too)
SERVICE_MAX_TOKENS = 4096 * 64  # padded tokens per forward pass (GPU memory: ~1 GB of activations at fp16)
START_TIMEOUT_S = 600.0


class DeviceUnavailable(RuntimeError):
    """The requested device cannot run the tagger here (no torch, no GPU): says what to do instead."""


def check_device(device: str) -> None:
    """Raise ``DeviceUnavailable`` with a clear message unless torch can run on ``device``."""
    try:
        import torch
    except ImportError:
        raise DeviceUnavailable(
            f"--device {device} needs PyTorch, which is not installed (it comes with the training set-up: "
            "`make install-train`); the default --device cpu runs the int8 ONNX model without it") from None
    kind = device.split(":")[0]
    if kind == "cuda" and not torch.cuda.is_available():
        raise DeviceUnavailable(f"--device {device}: PyTorch {torch.__version__} sees no CUDA GPU here "
                                "(torch.cuda.is_available() is False); use --device cpu")
    if kind not in ("cuda", "cpu"):
        raise DeviceUnavailable(f"--device {device}: unknown device; choose cpu or cuda")


@dataclass
class _Request:
    client: int
    number: int
    sentences: list[str]


@dataclass
class Endpoints:
    """The service's queues and the model's name and version."""

    requests: mp.Queue
    replies: list[mp.Queue]
    name: str
    version: str

    def client(self, i: int) -> RemoteTagger:
        """Worker ``i``'s tagger (one worker per reply queue)."""
        return RemoteTagger(self.requests, self.replies[i], i, self.name, self.version)


class RemoteTagger:
    """A ``Tagger`` whose work is done by the service: what a worker process holds instead of a model."""

    def __init__(self, requests: mp.Queue, replies: mp.Queue, client: int, name: str, version: str) -> None:
        self.name, self.version = name, version
        self._requests, self._replies, self._client = requests, replies, client
        self._numbers = itertools.count()

    def tag(self, sentences: Sequence[str]) -> list[list[SentenceEvent]]:
        number = next(self._numbers)
        self._requests.put(_Request(self._client, number, list(sentences)))
        got, events = self._replies.get()
        if isinstance(events, BaseException):
            raise RuntimeError(f"the tagger service failed: {type(events).__name__}: {events}") from events
        if got != number:  # pragma: no cover - one request in flight per client
            raise RuntimeError(f"tagger service answered request {got}, expected {number}")
        return events


class TaggerService:
    """The tagger process and its queues; ``client(i)`` gives worker ``i`` its ``RemoteTagger``.

    Use as a context manager: entering starts the process and waits until the model is loaded on the
    device (raising ``DeviceUnavailable`` or the load error if it cannot be); leaving stops it.
    """

    def __init__(self, clients: int, device: str, model_dir: str | Path | None = None,
                 batch_sentences: int = SERVICE_BATCH_SENTENCES, max_tokens: int = SERVICE_MAX_TOKENS) -> None:
        ctx = mp.get_context("spawn")
        self.device = device
        self.requests: mp.Queue = ctx.Queue()
        self.replies: list[mp.Queue] = [ctx.Queue() for _ in range(clients)]
        self._status: mp.Queue = ctx.Queue()
        self._process = ctx.Process(
            target=_serve, name="agenda-tagger-service", daemon=True,
            args=(self.requests, self.replies, self._status, device, None if model_dir is None else str(model_dir),
                  batch_sentences, max_tokens))
        self.name = self.version = ""

    def __enter__(self) -> TaggerService:
        self._process.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                kind, *info = self._status.get(timeout=1.0)
                break
            except queue.Empty:
                if not self._process.is_alive():
                    raise RuntimeError(f"the tagger service exited while loading the model (exit code "
                                       f"{self._process.exitcode}); see the lines above") from None
                if time.monotonic() > deadline:
                    self.close()
                    raise RuntimeError(f"the tagger service did not start within {START_TIMEOUT_S:.0f}s") from None
        if kind == "error":
            self.close()
            error_type, message = info
            raise (DeviceUnavailable if error_type == "DeviceUnavailable" else RuntimeError)(message)
        self.name, self.version = info
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def endpoints(self) -> Endpoints:
        """What worker processes need to reach the service (picklable: pass it to a process pool)."""
        return Endpoints(self.requests, self.replies, self.name, self.version)

    def client(self, i: int) -> RemoteTagger:
        return self.endpoints().client(i)

    def close(self) -> None:
        if self._process.is_alive():
            self.requests.put(None)
            self._process.join(timeout=30)
        if self._process.is_alive():  # pragma: no cover - a hung device
            self._process.kill()
            self._process.join()


def _serve(requests: mp.Queue, replies: list[mp.Queue], status: mp.Queue, device: str, model_dir: str | None,
           batch_sentences: int, max_tokens: int) -> None:
    """The service loop: take every request waiting (up to the budget), tag them as one call, answer each."""
    try:
        check_device(device)
        from extractors.tagger.runtime import TorchTagger

        tagger = TorchTagger(model_dir, device=device, batch_size=batch_sentences, max_tokens=max_tokens)
    except Exception as exc:  # reported to the parent, which raises it
        status.put(("error", type(exc).__name__, str(exc)))
        return
    status.put(("ready", tagger.name, tagger.version))
    while (first := requests.get()) is not None:
        batch, n = [first], len(first.sentences)
        while n < batch_sentences:
            try:
                more = requests.get_nowait()
            except queue.Empty:
                break
            if more is None:
                requests.put(None)  # stop once this batch is answered
                break
            batch.append(more)
            n += len(more.sentences)
        try:
            found = tagger.tag([s for r in batch for s in r.sentences])
        except Exception as exc:  # every waiting worker gets the error, and the run fails cleanly
            for r in batch:
                replies[r.client].put((r.number, exc))
            continue
        at = 0
        for r in batch:
            replies[r.client].put((r.number, found[at:at + len(r.sentences)]))
            at += len(r.sentences)
