"""Where blob bytes come from: the ``BlobSource`` protocol, a verifying reader, a directory source;
and the hashing writer blobs are written through.

A medium (the store, an unpacked archive, the Docker Engine) only has to open blobs by digest;
the views in :mod:`.image` derive everything else. Every read is checked against the digest
that named it, so corruption is caught where it is met and reported with the file's path.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Protocol, runtime_checkable

from ..errors import BlobNotFound, DigestMismatch, InvalidImage
from .digest import Digest, Hasher


CHUNK = 1 << 20


@runtime_checkable
class BlobSource(Protocol):
    """What a medium supplies: blobs by digest. ``open_blob`` verifies the digest while read."""

    def open_blob(self, digest: Digest) -> BinaryIO: ...

    def has_blob(self, digest: Digest) -> bool: ...

    def blob_size(self, digest: Digest) -> int: ...


class ChunkStream(io.RawIOBase):
    """A raw, readable file over an iterator of byte chunks (an HTTP response's body, the docker
    SDK's export stream); empty chunks are skipped, ``close`` closes the iterator when it can."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._rest:
            self._rest = next(self._chunks, None)  # type: ignore[assignment]
            if self._rest is None:
                self._rest = b""
                return 0
        n = min(len(buffer), len(self._rest))
        buffer[:n] = self._rest[:n]
        self._rest = self._rest[n:]
        return n

    def close(self) -> None:
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()
        super().close()


class VerifyingReader(io.RawIOBase):
    """Pass bytes through while hashing them; at end of stream raise :class:`DigestMismatch`."""

    def __init__(self, raw: BinaryIO, digest: Digest, where: str) -> None:
        self._raw = raw
        self._digest = Digest(digest)
        self._where = where
        self._hasher = Hasher()
        self._checked = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        n = self._raw.readinto(buffer)  # straight into the caller's buffer: no extra copy
        if not n:
            self._check()
            return 0
        self._hasher.update(memoryview(buffer)[:n])
        return n

    def _check(self) -> None:
        if self._checked:
            return
        self._checked = True
        actual = self._hasher.digest
        if actual != self._digest:
            raise DigestMismatch("model.digest_mismatch", digest=self._digest, actual=actual, path=self._where)

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


class HashingWriter:
    """A write-only file over ``out`` that hashes (and counts, for ``tell``) what passes through.

    The one hash-while-writing wrapper: the store's blob writer and the layer tar writer use it.
    """

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.hasher = Hasher()

    def write(self, data: bytes) -> int:
        self.hasher.update(data)
        self.out.write(data)
        return len(data)

    def tell(self) -> int:
        return self.hasher.size

    def flush(self) -> None:
        self.out.flush()


def open_verified(path: Path, digest: Digest) -> BinaryIO:
    """Open the file at ``path`` for reading, checking it against ``digest`` as it is read."""
    try:
        raw = open(path, "rb")
    except FileNotFoundError:
        raise BlobNotFound("model.blob_missing", digest=digest, where=str(path.parent)) from None
    return io.BufferedReader(VerifyingReader(raw, digest, str(path)), CHUNK)


#: ``read_blob`` reads at most this much: it is for JSON blobs, never a layer (an endless or
#: lying source ends in a clear error, not a MemoryError).
READ_LIMIT = 16 << 20


def read_blob(source: BlobSource, digest: Digest, limit: int = READ_LIMIT) -> bytes:
    """The whole blob (for small JSON blobs: manifests, configs, indexes), at most ``limit`` bytes."""
    with source.open_blob(Digest(digest)) as f:
        data = f.read(limit + 1)
        if len(data) > limit:
            raise InvalidImage("model.too_big", what="blob", where=digest, size=f"> {limit}", limit=limit)
        f.read(1)  # reach the end: a verifying reader checks the digest there
        return data


def hash_stream(f: BinaryIO) -> Hasher:
    """Read ``f`` to its end, returning the hasher (digest and size)."""
    hasher = Hasher()
    while chunk := f.read(CHUNK):
        hasher.update(chunk)
    return hasher


class DirSource:
    """Blobs in an OCI layout directory: ``<root>/blobs/<algorithm>/<hex>``."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def blob_path(self, digest: Digest) -> Path:
        digest = Digest(digest)
        return self.root / "blobs" / digest.algorithm / digest.hex

    def has_blob(self, digest: Digest) -> bool:
        return self.blob_path(digest).is_file()

    def blob_size(self, digest: Digest) -> int:
        try:
            return self.blob_path(digest).stat().st_size
        except FileNotFoundError:
            raise BlobNotFound("model.blob_missing", digest=digest, where=str(self.root)) from None

    def open_blob(self, digest: Digest) -> BinaryIO:
        return open_verified(self.blob_path(digest), Digest(digest))

    def __repr__(self) -> str:
        return f"<DirSource {self.root}>"
