"""What moves bytes to a registry: deterministic gzip on the fly, progress bars, a memo.

(A pulled blob is checked by the store's one writer, :class:`dockerlab.store.writer.BlobWriter`.)


* :func:`gzip_chunks` compresses a layer for sending: one gzip member with mtime 0 and no file
  name, deflated in 1 MiB segments on every CPU (pigz's method), incompressible segments stored;
  the same layer gives the same bytes with the same zlib. Written by hand because no maintained
  Python library gives parallel, deterministic gzip without a compiled extension.
* :class:`TransferBar` is one tqdm bar (``tqdm.auto``: a widget in Jupyter, text in a terminal).
* :class:`TransferMemo` remembers, in the store's cache area, which compressed digest a layer got and
  in which repositories a blob was seen, so a second push can skip or mount without compressing.
"""

from __future__ import annotations

import os
import struct
import threading
import zlib
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Any, BinaryIO, Callable, Iterator

from ..model import Digest, Hasher
from ..model.blobs import CHUNK

DEFAULT_LEVEL = 6
SEGMENT = 1 << 20  # bytes of layer per independently compressed deflate segment
SAMPLE = 64 << 10  # bytes tried first: if they do not shrink, the segment is stored, not deflated
WINDOW = 32 << 10  # deflate's window: each segment is primed with the 32 KiB before it
_WORKERS = max(1, min(4, os.cpu_count() or 1))
# gzip header: magic, deflate, no flags (no file name), mtime 0, no extra flags, OS "unknown"
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
FINAL_BLOCK = b"\x03\x00"  # an empty final deflate block (fixed Huffman, BFINAL=1)


def deflate_segment(data: bytes, level: int, primer: bytes) -> bytes:
    """Raw deflate of ``data`` ending on a byte boundary (sync flush), never marked final.

    Incompressible data (random bytes, already-compressed files) is detected on a sample and
    stored (level 0): deflating it costs time and saves nothing. ``primer`` (the 32 KiB before
    ``data``) lets matches reach back across the segment boundary, as in one long stream.
    """
    if level > 0 and len(data) > SAMPLE and len(zlib.compress(data[:SAMPLE], 1)) > SAMPLE * 0.97:
        level = 0
    if level > 0 and primer:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15, zdict=primer)
    else:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def _read_full(source: BinaryIO, n: int) -> bytes:
    """Exactly ``n`` bytes unless the stream ends: segment boundaries must not depend on reads."""
    data = source.read(n)
    while data and len(data) < n:
        more = source.read(n - len(data))
        if not more:
            break
        data += more
    return data


def gzip_chunks(source: BinaryIO, hasher: Hasher, *, level: int = DEFAULT_LEVEL,
                on_read: Callable[[int], None] | None = None) -> Iterator[bytes]:
    """Gzip ``source`` (one gzip member, mtime 0, no name), compressed on every CPU, in order.

    pigz's method: the layer is cut into 1 MiB segments, each deflated on its own (in parallel
    threads; zlib releases the GIL) with the previous 32 KiB as dictionary and ended with a sync
    flush, so the segments concatenate into one valid deflate stream; then an empty final block
    and the gzip trailer (CRC-32 and length of the whole layer). The same layer and zlib give the
    same bytes, every reader (Go, containerd, Python's tarfile streams, gzip) reads it, and the
    size is within a fraction of a percent of single-threaded gzip. ``hasher`` sees the output.
    """
    crc, length, primer = 0, 0, b""
    pending: deque = deque()
    hasher.update(GZIP_HEADER)
    yield GZIP_HEADER
    with source, ThreadPoolExecutor(_WORKERS) as pool:
        while True:
            data = _read_full(source, SEGMENT)
            if data:
                if on_read:
                    on_read(len(data))
                crc, length = zlib.crc32(data, crc), length + len(data)
                pending.append(pool.submit(deflate_segment, data, level, primer))
                primer = data[-WINDOW:]
            while pending and (len(pending) > _WORKERS or not data):
                out = pending.popleft().result()
                hasher.update(out)
                yield out
            if not data:
                break
    tail = FINAL_BLOCK + struct.pack("<II", crc & 0xFFFFFFFF, length & 0xFFFFFFFF)
    hasher.update(tail)
    yield tail


class ProgressReader:
    """A file object for ``requests`` that reports how much was read (and knows its length)."""

    def __init__(self, raw: BinaryIO, size: int, on_read: Callable[[int], None]) -> None:
        self._raw, self._size, self._on_read = raw, size, on_read

    def __len__(self) -> int:
        return self._size

    def read(self, n: int = -1) -> bytes:
        data = self._raw.read(CHUNK if n is None or n < 0 else n)
        if data:
            self._on_read(len(data))
        return data

    def close(self) -> None:
        self._raw.close()


class TransferBar:
    """One byte-counting bar for a whole push or pull; safe to update from several threads."""

    def __init__(self, enabled: bool, total: int, description: str) -> None:
        self._lock = threading.Lock()
        self._bar: Any = None
        if enabled:
            from tqdm.auto import tqdm

            self._bar = tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024,
                             desc=description, leave=True)

    def update(self, n: int) -> None:
        if self._bar is not None:
            with self._lock:
                self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


class TransferMemo:
    """Hints kept in the store's cache area: the compressed digest each layer got, and in which
    repositories of which registry a blob was seen (so a later push can skip or mount it).

    Only hints: every use is checked against the registry (HEAD) or by the registry (digest on
    upload), so a stale or lost memo costs time, never correctness.
    """

    COMPRESSED, SEEN = "registry-compressed", "registry-seen"

    def __init__(self, store: Any) -> None:
        self.store = store
        self._lock = threading.Lock()

    def compressed(self, diff_id: str, kind: str) -> tuple[Digest, int] | None:
        entry = (self.store.cache_get(self.COMPRESSED, str(diff_id)) or {}).get(kind)
        return (Digest(entry["digest"]), int(entry["size"])) if entry else None

    def remember_compressed(self, diff_id: str, kind: str, digest: str, size: int) -> None:
        with self._lock:
            value = self.store.cache_get(self.COMPRESSED, str(diff_id)) or {}
            value[kind] = {"digest": str(digest), "size": size}
            self.store.cache_put(self.COMPRESSED, str(diff_id), value)

    def seen_in(self, digest: str, registry: str) -> list[str]:
        names = (self.store.cache_get(self.SEEN, str(digest)) or {}).get("repositories", [])
        prefix = registry + "/"
        return [name[len(prefix):] for name in names if name.startswith(prefix)]

    def remember_seen(self, digest: str, registry: str, repository: str) -> None:
        with self._lock:
            names = (self.store.cache_get(self.SEEN, str(digest)) or {}).get("repositories", [])
            name = f"{registry}/{repository}"
            if name not in names:
                self.store.cache_put(self.SEEN, str(digest), {"repositories": sorted([*names, name])})
