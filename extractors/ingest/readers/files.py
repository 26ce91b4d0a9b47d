"""Finding input files (local paths or fsspec URLs) and opening them as binary streams."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import urlsplit

import fsspec
from fsspec.core import url_to_fs
from fsspec.implementations.local import LocalFileSystem

COMPRESSIONS = {"gz": "gzip", "bz2": "bz2", "xz": "xz", "zst": "zstd"}
_MAGIC = re.compile(r"[*?\[]")
log = logging.getLogger(__name__)


def _is_http(fs: fsspec.AbstractFileSystem) -> bool:
    return bool({"http", "https"} & set(fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)))


def split_name(url: str) -> tuple[str, str | None]:
    """(format extension, fsspec compression name or None) from a file's name, lower-cased."""
    path = urlsplit(url).path if "://" in url else url
    name = path.rstrip("/").rsplit("/", 1)[-1].lower()
    stem, _, ext = name.rpartition(".")
    compression = COMPRESSIONS.get(ext) if stem else None
    if compression is not None:
        stem, _, ext = stem.rpartition(".")
    return (ext if stem else ""), compression


def _name(fs: fsspec.AbstractFileSystem, path: str) -> str:
    return path if isinstance(fs, LocalFileSystem) else fs.unstrip_protocol(path)


def _visible(path: str, base: str) -> bool:
    """No component below ``base`` is hidden (``.``) or private (``_``); no http query/fragment."""
    rel = path[len(base):] if path.startswith(base) else path.rsplit("/", 1)[-1]
    parts = [p for p in rel.split("/") if p]
    return bool(parts) and not any(p.startswith((".", "_")) or "?" in p or "#" in p for p in parts)


def _magic_at(fs: fsspec.AbstractFileSystem, path: str) -> int:
    """Index of the first glob character, or -1 (for http only ``*``: ``?`` starts a query)."""
    if _is_http(fs):
        return path.find("*")
    match = _MAGIC.search(path)
    return match.start() if match else -1


def _is_folder(fs: fsspec.AbstractFileSystem, path: str, known: frozenset[str]) -> bool:
    if not _is_http(fs):
        return fs.isdir(path)
    # Every http URL can be "listed": only a trailing "/" or an unknown extension means a folder.
    return path.endswith("/") or (split_name(path)[0] not in known and fs.isdir(path))


def expand(path: str, known: frozenset[str]) -> list[str]:
    """The files one input names (a file, a folder searched recursively, or a glob)."""
    fs, root = url_to_fs(path)
    magic = _magic_at(fs, root)
    if magic >= 0:
        matches = fs.glob(root, detail=True)
        if matches:
            base = root[:magic].rpartition("/")[0] + "/"
            files: list[str] = []
            for match, info in sorted(matches.items()):
                files.extend(fs.find(match) if info.get("type") == "directory" else [match])
            return [_name(fs, p) for p in files if _visible(p, base) and _inside(fs, p, base)]
        if not fs.exists(root):
            raise FileNotFoundError(f"no input file matches {path!r}")
    if _is_folder(fs, root, known):
        base = root.rstrip("/") + "/"
        return [_name(fs, p) for p in fs.find(root) if _visible(p, base) and _inside(fs, p, base)]
    if fs.exists(root):
        return [_name(fs, root)]
    raise FileNotFoundError(f"input not found: {path!r}")


def special_file(url: str) -> str | None:
    """What a local path is when it is not a regular file ("a FIFO", "a socket", "a device"), else None."""
    if "://" in url and not url.startswith("file://"):
        return None
    try:
        mode = os.stat(url.removeprefix("file://")).st_mode
    except OSError:
        return None  # opening it will say what is wrong
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None  # a folder in a file's place: opening it says so
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _inside(fs: fsspec.AbstractFileSystem, path: str, base: str) -> bool:
    """Whether a local ``path`` found under the folder ``base`` resolves inside it (symlinks are not
    followed out of the drop: a link to another place could expose that place's data)."""
    if not isinstance(fs, LocalFileSystem):
        return True
    root = os.path.realpath(base)
    inside = os.path.realpath(path).startswith(root.rstrip("/") + "/")
    if not inside:
        log.warning("skipping %s: a symlink that leads out of %s", path, base)
    return inside


@contextlib.contextmanager
def open_binary(url: str, compression: str | None, *, streaming: bool) -> Iterator[BinaryIO]:
    """A binary file object, decompressed; ``streaming`` reads http without range requests."""
    fs, path = url_to_fs(url)
    options = {"block_size": 0} if streaming and _is_http(fs) else {}
    with contextlib.ExitStack() as stack:
        f = stack.enter_context(fs.open(path, "rb", **options))
        if compression is not None:
            f = stack.enter_context(fsspec.compression.compr[compression](f, mode="rb"))
        yield f
