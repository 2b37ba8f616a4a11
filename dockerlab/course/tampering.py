"""Change one byte of a stored layer blob, for the lesson on verification (and put it back).

The kernel remembers which blobs it changed and how, so running the tampering cell a second time
(before :meth:`Tampering.undo`) first puts the earlier byte back and then changes it again: the
blob differs from its digest by exactly one byte, and one ``undo()`` restores it. A blob that is
damaged in a way this kernel did not make (for instance by a run before the kernel restarted) is
refused with an explanation rather than damaged further.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..i18n import messages, tr
from ..model import Digest
from .lesson import store

messages({
    "course.tampered": (
        "Satu byte diubah di blob {digest} (byte ke-{offset}: {old} → {new}). Nama berkasnya "
        "tetap digest lama.",
        "One byte changed in blob {digest} (byte {offset}: {old} → {new}). Its file name is still "
        "the old digest.",
    ),
    "course.tampered_again": (
        "(Blob ini sudah diubah oleh course.tamper sebelumnya; perubahan itu dibatalkan dulu, "
        "jadi sekarang pun hanya satu byte yang berbeda.)",
        "(An earlier course.tamper had already changed this blob; that change was undone first, "
        "so again exactly one byte differs.)",
    ),
    "course.restored": ("Blob {digest} dikembalikan seperti semula.", "Blob {digest} is restored."),
    "course.tamper_text_missing": (
        "Teks {find!r} tidak ada di layer {layer} image {image} (blob {digest}), jadi tidak ada "
        "byte yang diubah. Pilih teks yang ada di berkas layer itu, atau pakai offset=…",
        "The text {find!r} is not in layer {layer} of image {image} (blob {digest}), so no byte "
        "was changed. Choose text that is in that layer's files, or use offset=…",
    ),
    "course.tamper_damaged": (
        "Blob {digest} (layer {layer} image {image}) sudah tidak cocok dengan digest-nya, tetapi "
        "bukan diubah oleh course.tamper di kernel ini (mungkin sebelum kernel dimulai ulang), "
        "jadi byte aslinya tidak diketahui. Mulai pelajaran dari awal: jalankan sel pertama "
        "(course.start), lalu sel-sel sesudahnya.",
        "Blob {digest} (layer {layer} of image {image}) no longer matches its digest, but this "
        "kernel's course.tamper did not change it (perhaps before the kernel restarted), so its "
        "original byte is unknown. Start the lesson again: run the first cell (course.start), "
        "then the cells after it.",
    ),
    "course.tamper_no_layer": (
        "Image {image} punya {count} layer, jadi tidak ada layer={layer}. Pakai 0 untuk layer "
        "pertama (paling bawah) sampai {last} untuk yang teratas, atau -1 untuk yang teratas.",
        "Image {image} has {count} layers, so there is no layer={layer}. Use 0 for the first "
        "(bottom) layer up to {last} for the top one, or -1 for the top one.",
    ),
    "course.tamper_bad_offset": (
        "offset={offset} ada di luar blob {digest} (layer {layer} image {image}), yang panjangnya "
        "{size} byte. Pakai angka dari 0 sampai {last}, atau find='…' untuk mencari teks.",
        "offset={offset} is outside blob {digest} (layer {layer} of image {image}), which is "
        "{size} bytes long. Use a number from 0 to {last}, or find='…' to look for text.",
    ),
})

_changed: dict[str, "Tampering"] = {}   # blob file -> the tampering this kernel left in it


def forget() -> None:
    """Forget the tamperings so far: ``course.start`` made the lesson's store again."""
    _changed.clear()


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
    note: str = field(repr=False, default="")

    def undo(self) -> str:
        """Put the original byte back (safe to call again)."""
        with open(self.path, "r+b") as fh:
            fh.seek(self.offset)
            fh.write(bytes([self.old]))
        if _changed.get(str(self.path)) is self:
            del _changed[str(self.path)]
        return tr("course.restored", digest=self.digest[:19])

    def __str__(self) -> str:
        text = tr("course.tampered", digest=self.digest[:19], offset=self.offset,
                  old=repr(chr(self.old)), new=repr(chr(self.new)))
        return f"{text}\n{self.note}" if self.note else text

    def __repr__(self) -> str:
        return str(self)


def tamper(image: Any, layer: int = -1, *, find: str | bytes | None = None,
           offset: int | None = None) -> Tampering:
    """Change one byte of a layer blob of ``image`` in a local store.

    ``image``: an Image, a build result (``dockerlab.build(...)``) or a reference. On the
    embedded engine that is the engine's own store. A Docker Engine keeps its blobs where only
    the daemon may touch them, so the image is first copied, unchanged, into the lesson's store
    and the copy is changed. ``layer`` counts from 0 (bottom), or from -1 (top). The byte is at
    ``offset``, else the first byte of ``find``, else the middle of the blob.
    """
    from .. import engines
    from ..inspection.arguments import as_image, as_int

    layer = as_int(layer, function="course.tamper", param="layer")
    if offset is not None:
        offset = as_int(offset, function="course.tamper", param="offset")
    named = as_image(image, function="course.tamper")
    ref = image if isinstance(image, str) else (getattr(named.ref, "familiar", None) or str(named.id))
    eng = engines.current()
    if eng.name == "local":
        local = eng.store
    else:
        from ..transfer import copy

        local = store()
        copy(ref, eng, local)   # a blob already there is kept as it is (undone below if ours)
    view = local.resolve(ref)
    view = view.image_for(None) if hasattr(view, "image_for") else view
    count = len(view.layers)
    if not -count <= layer < count:
        raise UsageError("course.tamper_no_layer", image=ref, count=count, layer=layer,
                         last=count - 1)
    digest = view.layers[layer].digest
    size = local.blob_size(digest)
    if offset is not None and not 0 <= offset < size:
        raise UsageError("course.tamper_bad_offset", offset=offset, digest=str(digest)[:19],
                         layer=layer, image=ref, size=size, last=size - 1)
    path = Path(local.blob_path(digest))
    earlier = _changed.pop(str(path), None)
    if earlier is not None:
        earlier.undo()
    data = path.read_bytes()
    if Digest.of(data) != digest:
        raise UsageError("course.tamper_damaged", digest=str(digest)[:19], layer=layer, image=ref)
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
    note = tr("course.tampered_again") if earlier is not None else ""
    done = Tampering(str(digest), at, old, new, path, view, note)
    _changed[str(path)] = done
    return done
