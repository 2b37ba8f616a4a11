"""Writing blobs: the one "hash to a temporary file, adopt it only if right" path, and the check
that a blob already there is intact.

:class:`BlobDir` is a content-addressed directory (``blobs/sha256/<hex>``) with its own temporary
folder on the same file system. Every blob the package stores goes through
:meth:`BlobDir.writer`: bytes are hashed while written to a temporary file; at the end the digest,
the size the descriptor promised (exceeding it stops the copy at once: an endless body ends in an
error, not a full disk) and, for a compressed layer, the diff_id of the decompressed stream
(bounded: a decompression bomb ends at :class:`~dockerlab.tarutil.Limits`) are checked; only
then is the file renamed into place (0644, directory fsynced).

A blob that is already there is kept only when it is intact (:meth:`BlobDir.intact`): its
``stat`` matches the stamp written when it was last verified (a write always changes ctime, which
nobody can set back), or it hashes right now. So a blob changed on disk is never trusted by a
rebuild or a reload — it is replaced by the right bytes (healed) or, with no source for them,
refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
import zlib
from pathlib import Path
from typing import Callable, Iterator

from ..errors import DigestMismatch
from ..model import Descriptor, Digest, DirSource, Hasher, HashingWriter
from ..model.blobs import CHUNK
from ..tarutil.entry import Limits


def default_root() -> Path:
    """``$DOCKERLAB_HOME``, else ``$XDG_DATA_HOME/dockerlab``, else ``~/.local/share/dockerlab``."""
    if os.environ.get("DOCKERLAB_HOME"):
        return Path(os.environ["DOCKERLAB_HOME"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "dockerlab"


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _hash_file(path: Path) -> str | None:
    try:
        with open(path, "rb", buffering=0) as f:
            h = hashlib.sha256()
            while chunk := f.read(CHUNK):
                h.update(chunk)
    except OSError:
        return None
    return "sha256:" + h.hexdigest()


def adopt_file(tmp: str | os.PathLike[str], final: Path, size: int) -> None:
    """Publish the finished, already-hashed file ``tmp`` as ``final`` (named by its sha256 hex):
    an intact file already there is kept, a damaged one replaced. For content-addressed caches
    outside a store; a store adopts through :class:`BlobDir`."""
    final = Path(final)
    if final.is_file() and final.stat().st_size == size and _hash_file(final) == "sha256:" + final.name:
        os.unlink(tmp)
        return
    final.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(tmp, 0o644)
    os.replace(tmp, final)
    _fsync_dir(final.parent)


class _Inner:
    """The sha256 of a compressed stream's decompressed content (gzip, also multi-member; zstd)."""

    def __init__(self, compression: str, limit: int) -> None:
        self.hasher = Hasher()
        self.limit = limit
        self.broken = ""
        self._zstd = None
        self._gzip: zlib._Decompress | None = None  # type: ignore[name-defined]
        if compression == "gzip":
            self._gzip = zlib.decompressobj(47)
        else:
            import zstandard  # type: ignore[import-not-found]

            self._zstd = zstandard.ZstdDecompressor().decompressobj()

    def _out(self, data: bytes) -> None:
        self.hasher.update(data)
        if self.hasher.size > self.limit:
            raise OverflowError

    def feed(self, data: bytes) -> None:
        if self.broken:
            return
        try:
            if self._zstd is not None:
                self._out(self._zstd.decompress(data))
                return
            while data:
                assert self._gzip is not None
                self._out(self._gzip.decompress(data, CHUNK))
                while self._gzip.unconsumed_tail:
                    self._out(self._gzip.decompress(self._gzip.unconsumed_tail, CHUNK))
                data = b""
                if self._gzip.eof and self._gzip.unused_data:  # a multi-member gzip stream
                    data = self._gzip.unused_data
                    self._gzip = zlib.decompressobj(47)
        except zlib.error as exc:
            self.broken = f"gzip: {exc}"
        except Exception as exc:  # noqa: BLE001 - zstandard's errors; OverflowError is re-raised
            if isinstance(exc, OverflowError):
                raise
            self.broken = f"zstd: {exc}"

    def finish(self) -> Digest:
        if self._gzip is not None and not self.broken:
            self._out(self._gzip.flush())
        return self.hasher.digest


class BlobWriter(HashingWriter):
    """One blob being written into a :class:`BlobDir` (``write``/``tell``/``flush``), checked and
    adopted by :meth:`commit`."""

    def __init__(self, blobs: "BlobDir", expected: Digest | None, media_type: str, *, size: int | None = None,
                 diff_id: Digest | None = None, compression: str | None = None, where: str = "") -> None:
        self._blobs = blobs
        self._expected = Digest(expected) if expected else None
        self._media_type = media_type
        self._size = size
        self._diff_id = Digest(diff_id) if diff_id else None
        self._where = where or "?"
        self._inner: _Inner | None = None
        if self._diff_id is not None and compression in ("gzip", "zstd"):
            self._limits = Limits.from_env()
            self._inner = _Inner(compression, self._limits.bytes)
        blobs.tmp.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix="blob-", dir=blobs.tmp)
        self._file = os.fdopen(fd, "wb")
        self._tmp = Path(name)
        super().__init__(self._file)
        self.descriptor: Descriptor | None = None

    def write(self, data: bytes) -> int:
        if self._size is not None and self.hasher.size + len(data) > self._size:
            raise DigestMismatch("store.size_mismatch", digest=self._expected or "?", where=self._where,
                                 actual=f"> {self._size}", size=self._size)
        if self._inner is not None:
            try:
                self._inner.feed(data)
            except OverflowError:
                raise DigestMismatch("store.inner_bomb", digest=self._expected or "?", where=self._where,
                                     limit=self._limits.bytes, variable=self._limits.SIZE_VARIABLE) from None
        return super().write(data)

    def commit(self) -> Descriptor:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        digest, size = self.hasher.digest, self.hasher.size
        if self._expected is not None and digest != self._expected:
            self.abort()
            raise DigestMismatch("store.write_mismatch", digest=self._expected, actual=digest)
        if self._size is not None and size != self._size:
            self.abort()
            raise DigestMismatch("store.size_mismatch", digest=digest, where=self._where, actual=size,
                                 size=self._size)
        diff_id = None
        if self._inner is not None:
            try:
                inner = self._inner.finish()
            except OverflowError:
                self.abort()
                raise DigestMismatch("store.inner_bomb", digest=digest, where=self._where,
                                     limit=self._limits.bytes, variable=self._limits.SIZE_VARIABLE) from None
            if self._inner.broken or inner != self._diff_id:
                self.abort()
                raise DigestMismatch("model.digest_mismatch", digest=self._diff_id,
                                     actual=self._inner.broken or inner, path=f"{self._where} (diff_id)")
            diff_id = inner
        self._blobs.adopt(self._tmp, digest, size, diff_id=diff_id)
        self.descriptor = Descriptor(self._media_type, digest, size)
        return self.descriptor

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self._file.close()
        with contextlib.suppress(FileNotFoundError):
            self._tmp.unlink()


class BlobDir(DirSource):
    """A content-addressed blob directory that verifies what it writes and what it keeps.

    ``stamps``: where verification stamps live (one small file per blob); ``lock``: a context
    manager factory held while a blob is renamed into place; ``before_adopt(digest)``: called
    before that (the store pins the blob there, so no concurrent sweep removes it).
    """

    def __init__(self, root: str | os.PathLike[str], tmp: str | os.PathLike[str],
                 stamps: str | os.PathLike[str] | None = None,
                 lock: Callable[[], contextlib.AbstractContextManager] | None = None,
                 before_adopt: Callable[[Digest], None] | None = None) -> None:
        super().__init__(root)
        self.tmp = Path(tmp)
        self.stamps = Path(stamps) if stamps is not None else None
        self._lock = lock or contextlib.nullcontext
        self._before_adopt = before_adopt
        self._memo: dict[Digest, tuple] = {}
        self._memo_lock = threading.Lock()

    # ------------------------------------------------------------ writing

    @contextlib.contextmanager
    def writer(self, expected: Digest | None = None, media_type: str = "application/octet-stream", *,
               size: int | None = None, diff_id: Digest | None = None, compression: str | None = None,
               where: str = "") -> Iterator[BlobWriter]:
        """``with blobs.writer(...) as w: w.write(...)``; ``w.descriptor`` after the block."""
        writer = BlobWriter(self, expected, media_type, size=size, diff_id=diff_id, compression=compression,
                            where=where)
        try:
            yield writer
        except BaseException:
            writer.abort()
            raise
        writer.commit()

    blob_writer = writer  # the name a sink of archive.read_archive has (Store.blob_writer too)

    def write_stream(self, stream, expected: Digest | None = None, media_type: str = "application/octet-stream",
                     **checks) -> Descriptor:
        """Copy a readable stream into a blob (chunks; checked as :meth:`writer` says)."""
        with self.writer(expected, media_type, **checks) as w:
            while chunk := stream.read(CHUNK):
                w.write(chunk)
        assert w.descriptor is not None
        return w.descriptor

    def write_bytes(self, data: bytes, media_type: str = "application/octet-stream", *,
                    expected: Digest | None = None) -> Descriptor:
        """Store ``data``; nothing is written when an intact copy is there already."""
        digest = Digest.of(bytes(data))
        if expected is not None and digest != expected:
            raise DigestMismatch("store.write_mismatch", digest=expected, actual=digest)
        if self.intact(digest, len(data)):
            return Descriptor(media_type, digest, len(data))
        with self.writer(digest, media_type, size=len(data)) as w:
            w.write(bytes(data))
        assert w.descriptor is not None
        return w.descriptor

    def adopt(self, tmp: str | os.PathLike[str], digest: Digest, size: int, *, diff_id: Digest | None = None) -> Path:
        """Rename the finished, hashed file ``tmp`` into place as ``digest`` (an intact copy there
        already is kept, and ``tmp`` removed)."""
        final = self.blob_path(digest)
        if self._before_adopt is not None:
            self._before_adopt(digest)
        with self._lock():
            kept = self.intact(digest, size)
            if kept:
                os.unlink(tmp)
            else:
                final.parent.mkdir(parents=True, exist_ok=True)
                os.chmod(tmp, 0o644)
                os.replace(tmp, final)
                _fsync_dir(final.parent)
                self._stamp(digest, final, diff_id)
        if kept and diff_id is not None:
            self._stamp(digest, final, diff_id)
        return final

    # ------------------------------------------------------------ checking what is there

    @staticmethod
    def _key(st: os.stat_result) -> tuple:
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)

    def _stamp_path(self, digest: Digest) -> Path | None:
        return self.stamps / digest.hex if self.stamps is not None else None

    def _read_stamp(self, digest: Digest) -> dict:
        path = self._stamp_path(digest)
        if path is None:
            return {}
        try:
            value = json.loads(path.read_bytes()[:4096])
        except (OSError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

    def _stamp(self, digest: Digest, final: Path, diff_id: Digest | None = None) -> None:
        try:
            key = self._key(os.stat(final))
        except OSError:
            return
        value = {"stat": list(key)}
        old = self._read_stamp(digest)
        if diff_id is not None:
            value["diff_id"] = str(diff_id)
        elif old.get("stat") == list(key) and isinstance(old.get("diff_id"), str):
            value["diff_id"] = old["diff_id"]
        with self._memo_lock:
            self._memo[digest] = (key, value.get("diff_id"))
        path = self._stamp_path(digest)
        if path is None:
            return
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
            tmp.write_text(json.dumps(value))
            os.replace(tmp, path)

    def intact(self, digest: Digest, size: int | None = None, *, diff_id: Digest | None = None,
               compression: str | None = None) -> bool:
        """Whether the blob ``digest`` is here and right (its stamp, else its bytes hashed now);
        with ``diff_id`` and ``compression`` also its decompressed content."""
        digest = Digest(digest)
        final = self.blob_path(digest)
        try:
            st = os.stat(final)
        except OSError:
            return False
        if size is not None and st.st_size != size:
            return False
        key = self._key(st)
        with self._memo_lock:
            memo = self._memo.get(digest)
        stamp = None
        if memo is not None and memo[0] == key:
            stamp = {"stat": list(key), "diff_id": memo[1]}
        else:
            value = self._read_stamp(digest)
            if value.get("stat") == list(key):
                stamp = value
                with self._memo_lock:
                    self._memo[digest] = (key, value.get("diff_id"))
        if stamp is None:
            if _hash_file(final) != digest:
                return False
            self._stamp(digest, final)
            stamp = {"stat": list(key)}
        if diff_id is None or compression not in ("gzip", "zstd") or stamp.get("diff_id") == str(diff_id):
            return True
        try:
            inner = _Inner(compression, 1 << 62)
        except ImportError:
            return False
        with open(final, "rb") as f:
            while chunk := f.read(CHUNK):
                inner.feed(chunk)
        if inner.broken or inner.finish() != diff_id:
            return False
        self._stamp(digest, final, diff_id)
        return True

    def forget(self, digest: Digest) -> None:
        """Drop what is remembered about ``digest`` (its blob was removed)."""
        with self._memo_lock:
            self._memo.pop(Digest(digest), None)
        path = self._stamp_path(Digest(digest))
        if path is not None:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
