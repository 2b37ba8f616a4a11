"""Change one byte of a stored layer blob, for the lesson on verification (and put it back)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import messages, tr
from .lesson import store

messages({
    "course.tampered": (
        "Satu byte diubah di blob {digest} (byte ke-{offset}: {old} → {new}). Nama berkasnya "
        "tetap digest lama.",
        "One byte changed in blob {digest} (byte {offset}: {old} → {new}). Its file name is still "
        "the old digest.",
    ),
    "course.restored": ("Blob {digest} dikembalikan seperti semula.", "Blob {digest} is restored."),
})


@dataclass(frozen=True)
class Tampering:
    """One byte changed in a blob file of a local store; :meth:`undo` puts it back.

    ``image`` is the image as read from that store now, for :func:`dockerlab.model.validate`.
    """

    digest: str
    offset: int
    old: int
    new: int
    path: Path = field(repr=False)
    image: Any = field(repr=False, default=None)

    def undo(self) -> str:
        with open(self.path, "r+b") as fh:
            fh.seek(self.offset)
            fh.write(bytes([self.old]))
        return tr("course.restored", digest=self.digest[:19])

    def __str__(self) -> str:
        return tr("course.tampered", digest=self.digest[:19], offset=self.offset,
                  old=repr(chr(self.old)), new=repr(chr(self.new)))

    def __repr__(self) -> str:
        return str(self)


def tamper(image: Any, layer: int = -1, *, find: str | bytes | None = None,
           offset: int | None = None) -> Tampering:
    """Change one byte of a layer blob of ``image`` (an Image or a reference) in a local store.

    On the embedded engine that is the engine's own store. A Docker Engine keeps its blobs where
    only the daemon may touch them, so the image is first copied, unchanged, into the lesson's
    store and the copy is changed. The byte is at ``offset``, else the first byte of ``find``,
    else the middle of the blob.
    """
    from .. import engines

    eng = engines.current()
    ref = image if isinstance(image, str) else (getattr(image.ref, "familiar", None) or str(image.id))
    if eng.name == "local":
        local = eng.store
    else:
        from ..transfer import copy

        local = store()
        copy(ref, eng, local)
    view = local.resolve(ref)
    view = view.image_for(None) if hasattr(view, "image_for") else view
    digest = view.layers[layer].digest
    path = Path(local.blob_path(digest))
    data = path.read_bytes()
    if offset is not None:
        at = int(offset)
    elif find is not None:
        needle = find.encode() if isinstance(find, str) else bytes(find)
        at = data.find(needle)
        if at < 0:
            raise ValueError(tr("course.text_missing", old=find, path=str(digest)[:19]))
    else:
        at = len(data) // 2
    old = data[at]
    new = old ^ 0x01
    os.chmod(path, 0o644)
    with open(path, "r+b") as fh:
        fh.seek(at)
        fh.write(bytes([new]))
    return Tampering(str(digest), at, old, new, path, view)

