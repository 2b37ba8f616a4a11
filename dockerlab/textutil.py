"""The package's one plain-text table and one number format: :func:`text_table`, :func:`human_size`,
:func:`number`, :func:`whole`.

A leaf module (only :mod:`dockerlab.i18n` below it), so build results, push results, inspection
tables and the command line lay out text the same way without the lower layers importing
:mod:`dockerlab.inspection`. ``dockerlab.inspection.format`` re-exports both.
"""

from __future__ import annotations

from typing import Sequence

from .i18n import get_language, tr


_UNITS = ("B", "kB", "MB", "GB", "TB")


def number(value: float, spec: str) -> str:
    """``format(value, spec)`` written the learner's way: Indonesian writes a decimal comma
    (``10,2``, ``83,2%``), English a decimal point (``10.2``, ``83.2%``). ``spec`` has no
    thousands separator (``.3g``, ``.1%``, ``.2f``)."""
    text = format(value, spec)
    return text.replace(".", ",") if get_language() == "id" else text


def whole(value: int) -> str:
    """A whole number with its thousands grouped the learner's way: ``2.129.920`` in Indonesian,
    ``2,129,920`` in English."""
    text = format(value, ",")
    return text.replace(",", ".") if get_language() == "id" else text


def human_size(size: int | None) -> str:
    """Decimal units like ``docker images`` (1 kB = 1000 B): ``1234`` → ``"1,23 kB"`` in
    Indonesian, ``"1.23 kB"`` in English."""
    if size is None:
        return tr("inspect.unknown")
    value = float(size)
    for unit in _UNITS:
        if abs(value) < 1000 or unit == _UNITS[-1]:
            return f"{int(value)} {unit}" if unit == "B" else f"{number(value, '.3g')} {unit}"
        value /= 1000
    return f"{size} B"  # pragma: no cover


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


class Removed(list):
    """What ``docker rmi`` did, as its own lines (``Untagged: my-app:latest``, ``Deleted:
    sha256:…``): still a list of those strings, shown one line each in the learner's language."""

    _WORDS = {"Untagged": "text.untagged", "Deleted": "text.deleted"}

    def __str__(self) -> str:
        lines = []
        for line in self:
            word, sep, what = str(line).partition(": ")
            key = self._WORDS.get(word) if sep else None
            lines.append(tr(key, what=what) if key else str(line))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)


__all__ = ["GAP", "Removed", "human_size", "number", "text_table", "whole"]
