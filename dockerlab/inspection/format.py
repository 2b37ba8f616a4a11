"""Shared wording for inspection results: labels (Indonesian/English), status marks, short digests,
an image's :func:`display_name`; sizes and tables come from the leaf :mod:`dockerlab.textutil`.

Labels are looked up with :func:`dockerlab.i18n.tr` each time something is rendered, so
``dockerlab.set_language("en")`` changes every table and diagram drawn after it.
"""

from __future__ import annotations

from ..i18n import tr
from ..textutil import GAP


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
