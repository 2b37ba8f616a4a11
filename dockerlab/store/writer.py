"""Writing blobs: hashed while written to a temporary file, renamed into place when right."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..errors import DigestMismatch
from ..model import Descriptor, Digest, HashingWriter

if TYPE_CHECKING:  # pragma: no cover
    from .core import Store


def default_root() -> Path:
    """``$DOCKERLAB_HOME``, else ``$XDG_DATA_HOME/dockerlab``, else ``~/.local/share/dockerlab``."""
    if os.environ.get("DOCKERLAB_HOME"):
        return Path(os.environ["DOCKERLAB_HOME"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "dockerlab"


def adopt_file(tmp: str | os.PathLike[str], final: Path, size: int) -> None:
    """Publish the finished, already-hashed file ``tmp`` as the blob file ``final``.

    The one place that turns a temporary file into a blob: readable by all (0644; ``mkstemp``
    makes 0600), dropped when an equal-sized blob is already there, renamed atomically, and the
    directory fsynced so the name survives a crash. Shared by the store's writer, the builder's
    layer writer and the Docker engine's blob cache.
    """
    final = Path(final)
    if final.exists() and final.stat().st_size == size:
        os.unlink(tmp)
        return
    final.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(tmp, 0o644)
    os.replace(tmp, final)
    with contextlib.suppress(OSError):
        dir_fd = os.open(final.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


class BlobWriter(HashingWriter):
    """A file to write one blob into; hashed as written (``write``/``tell``/``flush`` of
    :class:`~dockerlab.model.HashingWriter`), moved into place on :meth:`commit`."""

    def __init__(self, store: "Store", expected: Digest | None, media_type: str) -> None:
        self._store = store
        self._expected = Digest(expected) if expected else None
        self._media_type = media_type
        fd, name = tempfile.mkstemp(prefix="blob-", dir=store.tmp)
        self._file = os.fdopen(fd, "wb")
        self._tmp = Path(name)
        super().__init__(self._file)
        self.descriptor: Descriptor | None = None

    def commit(self) -> Descriptor:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        digest = self.hasher.digest
        if self._expected is not None and digest != self._expected:
            self.abort()
            raise DigestMismatch("store.write_mismatch", digest=self._expected, actual=digest)
        self._store.adopt_blob(self._tmp, digest, self.hasher.size)
        self.descriptor = Descriptor(self._media_type, digest, self.hasher.size)
        return self.descriptor

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self._file.close()
        with contextlib.suppress(FileNotFoundError):
            self._tmp.unlink()



@contextlib.contextmanager
def writer_context(store: Store, expected: Digest | None, media_type: str) -> Iterator[BlobWriter]:
    writer = BlobWriter(store, expected, media_type)
    try:
        yield writer
    except BaseException:
        writer.abort()
        raise
    writer.commit()
