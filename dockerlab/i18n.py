"""Learner-facing text in Indonesian (default) and English.

Every message a learner can read lives in a catalog of :mod:`dockerlab.messages` (data: one module
per part of the package), as a pair ``(indonesian, english)``, so a message cannot exist in one
language only. The catalogs are loaded as a whole on the first :func:`tr` (or :func:`catalog`), so
a message never depends on which modules were imported before. The language is taken
from :func:`dockerlab.set_language` (:mod:`dockerlab.language`) or ``DOCKERLAB_LANG`` — never from the system locale (Binder sets
``en_US`` for everyone, and the course is Indonesian first).

Written by hand: gettext would need compiled catalogs and a locale-driven lookup, which is exactly
the behaviour the course must not have; a dict of pairs is all that is needed.
"""

from __future__ import annotations

import os
import string

LANGUAGES = ("id", "en")
_CATALOG: dict[str, tuple[str, str]] = {}
_loaded = False
_language: str | None = None


def messages(catalog: dict[str, tuple[str, str]]) -> None:
    """Add ``key -> (indonesian, english)`` pairs (what loading a catalog does); a key may have
    only one text."""
    for key, pair in catalog.items():
        if key in _CATALOG and _CATALOG[key] != tuple(pair):
            raise ValueError(f"message key registered twice with different text: {key!r}")
        if len(pair) != 2 or not all(isinstance(p, str) and p.strip() for p in pair):
            raise ValueError(f"message {key!r} needs non-empty Indonesian and English text")
        _CATALOG[key] = (pair[0], pair[1])


def _load() -> dict[str, tuple[str, str]]:
    """Every catalog of :mod:`dockerlab.messages`, read once (on first use)."""
    global _loaded
    if not _loaded:
        import importlib
        import pkgutil

        # import_module, not ``from . import messages``: that would ask the package face's
        # __getattr__ first, which renders a message.
        package = importlib.import_module(f"{__package__}.messages")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            messages(importlib.import_module(f"{package.__name__}.{info.name}").MESSAGES)
        _loaded = True
    return _CATALOG


def get_language() -> str:
    """The active language code: ``"id"`` (default) or ``"en"``."""
    if _language is not None:
        return _language
    env = os.environ.get("DOCKERLAB_LANG", "").strip().lower()[:2]
    return env if env in LANGUAGES else "id"


def choose(code: str | None) -> None:
    """Make ``code`` (one of :data:`LANGUAGES`, already checked) the active language; None: the
    default again. Learners call :func:`dockerlab.language.set_language`, which checks it."""
    global _language
    _language = code


def tr(key: str, /, **params: object) -> str:
    """The message ``key`` in the active language, with ``params`` filled in."""
    try:
        pair = (_CATALOG if _loaded else _load())[key]
    except KeyError:
        raise KeyError(f"no message registered under {key!r}") from None
    language = get_language()
    text = pair[0] if language == "id" else pair[1]
    if not params:
        return text
    if ":," in text:  # a grouped number, written the learner's way (see _Grouped)
        return _Grouped(language).vformat(text, (), params)
    return text.format(**params)


class _Grouped(string.Formatter):
    """``{size:,}`` groups a number's thousands as the language writes them: ``2.129.920`` in
    Indonesian, ``2,129,920`` in English (a decimal part, ``{x:,.1f}``, takes the other mark).
    A value that is not a number (a message given ``None`` for a size not known) is written as
    it is."""

    def __init__(self, language: str) -> None:
        self.language = language

    def format_field(self, value: object, format_spec: str) -> str:
        if "," not in format_spec:
            return super().format_field(value, format_spec)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return str(value)
        text = format(value, format_spec)
        return text.translate(_SWAP) if self.language == "id" else text


_SWAP = str.maketrans(",.", ".,")


def placeholders(text: str) -> set[str]:
    """Names of the ``{fields}`` in a message (used by the catalog test)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def catalog() -> dict[str, tuple[str, str]]:
    """A copy of every message (for tests and tooling)."""
    return dict(_load())
