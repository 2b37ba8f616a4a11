"""Shared wording for inspection results: labels (Indonesian/English), sizes, status marks, tables.

Labels are looked up with :func:`dockerlab.i18n.tr` each time something is rendered, so
``dockerlab.set_language("en")`` changes every table and diagram drawn after it.
"""

from __future__ import annotations

from typing import Sequence

from ..i18n import messages, tr

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
    "inspect.unknown": ("tidak diketahui", "unknown"),
    "inspect.none": ("(tidak ada)", "(none)"),
    "inspect.more": ("… dan {count} lagi", "… and {count} more"),
    "inspect.docker_cmd": ("Perintah Docker yang setara: {cmd}", "Equivalent Docker command: {cmd}"),
})

_UNITS = ("B", "kB", "MB", "GB", "TB")


def human_size(size: int | None) -> str:
    """Decimal units like ``docker images`` (1 kB = 1000 B): ``1234`` → ``"1.23 kB"``."""
    if size is None:
        return tr("inspect.unknown")
    value = float(size)
    for unit in _UNITS:
        if abs(value) < 1000 or unit == _UNITS[-1]:
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.3g} {unit}"
        value /= 1000
    return f"{size} B"  # pragma: no cover


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


GAP = "   "  # three spaces between columns: the padding of Docker's own tables (docker images, ps)


def text_table(headers: Sequence[object], rows: Sequence[Sequence[object]], *, rule: bool = True) -> str:
    """The one plain-text table of the package (inspection results, build and push results,
    ``dockerlab.images()``, the command line): columns padded to their widest cell, :data:`GAP`
    apart, no trailing blanks; ``rule`` puts a line of dashes under the headers."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    lines = [GAP.join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    if rule:
        lines.insert(1, GAP.join("-" * w for w in widths))
    return "\n".join(lines)


def clip(text: str, width: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"
