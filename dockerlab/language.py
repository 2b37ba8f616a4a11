"""Choosing the language everything dockerlab shows: ``dockerlab.set_language("en")``.

Separate from :mod:`dockerlab.i18n` (the catalogs and :func:`~dockerlab.i18n.tr`) because an
unknown choice is a :class:`~dockerlab.errors.UsageError`, and the error types themselves need
:mod:`dockerlab.i18n`.
"""

from __future__ import annotations

from .errors import UsageError
from .i18n import LANGUAGES, choose, get_language


def set_language(lang: str | None) -> str:
    """Choose ``"id"`` or ``"en"`` for everything dockerlab shows; ``None`` goes back to the default.

    Returns the language now active.
    """
    if lang is None:
        choose(None)
        return get_language()
    code = str(lang).strip().lower()
    if code in ("indonesia", "indonesian", "bahasa", "id_id"):
        code = "id"
    if code in ("english", "inggris", "en_us", "en_gb"):
        code = "en"
    if code not in LANGUAGES:
        raise UsageError("i18n.unknown_language", lang=lang, choices=", ".join(LANGUAGES))
    choose(code)
    return code


__all__ = ["set_language"]
