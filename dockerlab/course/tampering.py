"""Change one byte of a layer blob in a *copy* of an image, for the lesson on verification.

The image is first copied, blob by blob (each checked against its digest as it is written), into a
scratch store of its own under the lesson's folder; then one byte of the copied layer blob is
changed, and :meth:`Tampering.undo` puts it back. The original blob never changes — an image is
immutable, which is the lesson itself — and running the cell again makes the copy afresh, so it
is safe to repeat by construction: nothing needs remembering between cells. The same works on
both engines (a Docker Engine's own blobs can only be read, through its export).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..fsutil import remove_tree
from ..i18n import tr
from .lesson import current


SCRATCH = "salinan-rusak"   # under the lesson's folder, beside its store: course.start removes it


@dataclass(frozen=True)
class Tampering:
    """One byte changed in a copied blob file; :meth:`undo` puts it back.

    ``image`` is the tampered copy, as its scratch store reads it now, for
    :func:`dockerlab.validate`; the image it was copied from is untouched.
    """

    digest: str
    offset: int
    old: int
    new: int
    path: Path = field(repr=False)
    image: Any = field(repr=False, default=None)

    def undo(self) -> str:
        """Put the original byte back into the copy (safe to call again)."""
        with open(self.path, "r+b") as fh:
            fh.seek(self.offset)
            fh.write(bytes([self.old]))
        return tr("course.restored", digest=self.digest[:19])

    def __str__(self) -> str:
        return tr("course.tampered", digest=self.digest[:19], offset=self.offset,
                  old=repr(chr(self.old)), new=repr(chr(self.new)))

    def __repr__(self) -> str:
        return str(self)


def _scratch_root(key: str) -> Path:
    lesson = current()
    base = lesson.root / SCRATCH if lesson is not None else Path(tempfile.gettempdir()) / f"dockerlab-{SCRATCH}"
    return base / hashlib.sha256(key.encode()).hexdigest()[:16]


def _copy_of(image: Any, root: Path) -> Any:
    """``image`` copied blob by blob into a new store at ``root`` (each blob checked)."""
    from ..store import Store

    if root.exists():
        remove_tree(root)
    scratch = Store(root)
    for descriptor in (image.manifest.config, *image.manifest.layers):
        with image.source.open_blob(descriptor.digest) as blob:
            scratch.write_blob(blob, expected=descriptor.digest, media_type=descriptor.media_type)
    return scratch, scratch.put_manifest(image.manifest.raw, image.manifest.media_type)


def tamper(image: Any, layer: int = -1, *, find: str | bytes | None = None,
           offset: int | None = None) -> Tampering:
    """Copy ``image`` into a scratch store and change one byte of one of its layer blobs there.

    ``image``: an Image, a build result (``dockerlab.build(...)``) or a reference. ``layer``
    counts from 0 (bottom), or from -1 (top). The byte is at ``offset``, else the first byte of
    ``find``, else the middle of the blob.
    """
    from ..engines import lookup
    from ..inspection.arguments import as_image, as_int

    layer = as_int(layer, function="course.tamper", param="layer")
    if offset is not None:
        offset = as_int(offset, function="course.tamper", param="offset")
    named = as_image(lookup(image), function="course.tamper")
    ref = image if isinstance(image, str) else (getattr(named.ref, "familiar", None) or str(named.id))
    count = len(named.layers)
    if not -count <= layer < count:
        raise UsageError("course.tamper_no_layer", image=ref, count=count, layer=layer,
                         last=count - 1)
    digest = named.layers[layer].digest
    scratch, copy = _copy_of(named, _scratch_root(f"{named.digest} {layer} {find!r} {offset}"))
    path = Path(scratch.blob_path(digest))
    data = path.read_bytes()
    if offset is not None and not 0 <= offset < len(data):
        raise UsageError("course.tamper_bad_offset", offset=offset, digest=str(digest)[:19],
                         layer=layer, image=ref, size=len(data), last=len(data) - 1)
    if offset is not None:
        at = offset
    elif find is not None:
        needle = find.encode() if isinstance(find, str) else bytes(find)
        at = data.find(needle)
        if at < 0:
            raise UsageError("course.tamper_text_missing", find=find, layer=layer, image=ref,
                             digest=str(digest)[:19])
    else:
        at = len(data) // 2
    old = data[at]
    new = old ^ 0x01
    os.chmod(path, 0o644)
    with open(path, "r+b") as fh:
        fh.seek(at)
        fh.write(bytes([new]))
    return Tampering(str(digest), at, old, new, path, copy)
