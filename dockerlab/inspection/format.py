"""Shared wording for inspection results: labels (Indonesian/English), status marks, short digests,
an image's :func:`display_name`; sizes and tables come from the leaf :mod:`dockerlab.textutil`.

Labels are looked up with :func:`dockerlab.i18n.tr` each time something is rendered, so
``dockerlab.set_language("en")`` changes every table and diagram drawn after it.
"""

from __future__ import annotations

from ..i18n import messages, tr
from ..textutil import GAP

messages({
    "inspect.status.added": ("ditambah", "added"),
    "inspect.status.modified": ("diubah", "modified"),
    "inspect.status.deleted": ("dihapus (whiteout)", "deleted (whiteout)"),
    "inspect.status.hidden": ("tersembunyi (direktori opaque)", "hidden (opaque directory)"),
    "inspect.status.unchanged": ("tidak berubah", "unchanged"),
    "inspect.col.step": ("langkah", "step"),
    "inspect.col.instruction": ("instruksi", "instruction"),
    "inspect.col.layer": ("layer", "layer"),
    "inspect.col.size": ("ukuran", "size"),
    "inspect.col.cache": ("cache", "cache"),
    "inspect.col.digest": ("digest", "digest"),
    "inspect.col.diff_id": ("diff_id", "diff_id"),
    "inspect.col.compressed": ("ukuran terkompresi", "compressed size"),
    "inspect.col.uncompressed": ("ukuran tak terkompresi", "uncompressed size"),
    "inspect.col.created_by": ("dibuat oleh", "created by"),
    "inspect.col.path": ("path", "path"),
    "inspect.col.status": ("status", "status"),
    "inspect.col.count": ("jumlah salinan", "copies"),
    "inspect.col.layers": ("layer", "layers"),
    "inspect.col.wasted": ("ruang terbuang", "wasted space"),
    "inspect.no_layer": ("tanpa layer", "no layer"),
    # The build log's and the build table's words (builder/result.py): one vocabulary.
    "inspect.cache.hit": ("dari cache", "from cache"),
    "inspect.cache.miss": ("dijalankan", "executed"),
    "inspect.cache.unknown": ("tidak tercatat", "not recorded"),
    "inspect.cache.base": ("bagian image dasar", "part of the base image"),
    "inspect.none": ("(tidak ada)", "(none)"),
    "inspect.more": ("… dan {count} lagi", "… and {count} more"),
    "inspect.docker_cmd": ("Perintah Docker yang setara: {cmd}", "Equivalent Docker command: {cmd}"),
})

_MARKS = {"added": "+", "modified": "~", "deleted": "-", "hidden": "×", "unchanged": " "}


def status_mark(status: str) -> str:
    """One character per status, as in ``docker diff`` (A/C/D) but readable: ``+ ~ - ×``."""
    return _MARKS.get(status, "?")


def status_label(status: str) -> str:
    return tr(f"inspect.status.{status}")


def short(digest: object, length: int = 12) -> str:
    """``sha256:1a2b3c4d5e6f`` from a full digest; empty for ``None``."""
    if not digest:
        return ""
    text = str(digest)
    algo, _, hexpart = text.partition(":")
    return f"{algo}:{hexpart[:length]}" if hexpart else text[:length]


def clip(text: str, width: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


__all__ = ["GAP", "clip", "display_name", "short", "status_label", "status_mark"]


def display_name(image: Any) -> str:
    """How a table or diagram names an image: its familiar tag, else its short ID."""
    ref = getattr(image, "ref", None)
    if ref is not None:
        return getattr(ref, "familiar", None) or str(ref)
    return short(getattr(image, "id", "")) or "?"
