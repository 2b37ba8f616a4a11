"""Turning what a learner passes into what a checker compares — or into an explanation.

Checkers accept the objects a cell naturally has at hand: an image, a build result holding one,
a list of build steps; digests with or without ``sha256:``, full or shortened to 12 digits;
choices as letters or numbers in any case and order. Everything else becomes an
:class:`~.result.Explain` that says what was expected.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ..i18n import messages, tr
from .result import Explain, wrong_type

messages({
    "ex.what.answer": ("Jawaban", "The answer"),
    "ex.what.image": ("Image yang diperiksa", "The image to check"),
    "ex.what.build": ("Hasil build", "The build result"),
    "ex.what.index": ("Index yang diperiksa", "The index to check"),
    "ex.expect.image": (
        "sebuah image (misalnya hasil dockerlab.image('nama:tag') atau dockerlab.build(...))",
        "an image (for example from dockerlab.image('name:tag') or dockerlab.build(...))",
    ),
    "ex.expect.steps": (
        "hasil dockerlab.build(...) atau daftar langkah build-nya",
        "the result of dockerlab.build(...) or its list of build steps",
    ),
    "ex.expect.index": ("sebuah index multi-arsitektur", "a multi-arch index"),
    "ex.expect.int": ("sebuah bilangan bulat, misalnya 3", "a whole number, for example 3"),
    "ex.expect.digest": (
        "teks digest: 'sha256:' lalu 64 digit heksadesimal, atau minimal 12 digit pertamanya",
        "a digest as text: 'sha256:' and 64 hex digits, or at least its first 12 digits",
    ),
    "ex.expect.choices": (
        "sekumpulan pilihan, misalnya {'a', 'c'} atau 'ac'",
        "a set of choices, for example {'a', 'c'} or 'ac'",
    ),
    "ex.expect.text": ("teks (string)", "text (a string)"),
    "ex.digest_too_short": (
        "Digest {value!r} terlalu pendek: tulis minimal 12 digit heksadesimal (seperti kolom IMAGE ID).",
        "Digest {value!r} is too short: write at least 12 hex digits (like the IMAGE ID column).",
    ),
    "ex.still_template": (
        "Jawaban masih berisi '...' dari templat. Ganti dengan jawaban Anda.",
        "The answer still holds the template's '...'. Replace it with your answer.",
    ),
})

_HEX = re.compile(r"^(?:sha256:)?([0-9a-f]+)$")


def not_template(value: Any) -> None:
    if value is Ellipsis or value is None or (isinstance(value, str) and value.strip() in ("", "...", "…")):
        raise Explain(tr("ex.still_template"))


def as_image(obj: Any, what: str = "ex.what.image") -> Any:
    """An Image from an Image, a build result (``.image``) or an index (this machine's image)."""
    not_template(obj)
    if hasattr(obj, "manifest") and hasattr(obj, "config") and hasattr(obj, "layers"):
        return obj
    inner = getattr(obj, "image", None)
    if inner is not None and not callable(inner) and hasattr(inner, "layers"):
        return inner
    raise wrong_type(tr(what), tr("ex.expect.image"), obj)


def as_index(obj: Any) -> Any:
    not_template(obj)
    if hasattr(obj, "manifests") and hasattr(obj, "image_for"):
        return obj
    raise wrong_type(tr("ex.what.index"), tr("ex.expect.index"), obj)


def as_steps(obj: Any) -> list[Any]:
    """Build steps from a build result (``.steps``) or a list of ``BuildStep``."""
    not_template(obj)
    steps = getattr(obj, "steps", obj)
    if isinstance(steps, (list, tuple)) and steps and all(hasattr(s, "cached") and hasattr(s, "number") for s in steps):
        return list(steps)
    raise wrong_type(tr("ex.what.build"), tr("ex.expect.steps"), obj)


def as_int(value: Any) -> int:
    not_template(value)
    if isinstance(value, bool):
        raise wrong_type(tr("ex.what.answer"), tr("ex.expect.int"), value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise wrong_type(tr("ex.what.answer"), tr("ex.expect.int"), value)


def as_text(value: Any) -> str:
    not_template(value)
    if not isinstance(value, str):
        raise wrong_type(tr("ex.what.answer"), tr("ex.expect.text"), value)
    return value


def as_hex(value: Any) -> str:
    """The hex digits of a digest answer (full or a prefix of at least 12 digits), lower case."""
    not_template(value)
    if not isinstance(value, str):
        raise wrong_type(tr("ex.what.answer"), tr("ex.expect.digest"), value)
    text = value.strip().lower()
    match = _HEX.match(text)
    if match is None:
        raise wrong_type(tr("ex.what.answer"), tr("ex.expect.digest"), value)
    digits = match.group(1)
    if len(digits) < 12 or len(digits) > 64:
        raise Explain(tr("ex.digest_too_short", value=value))
    return digits


def names(value: Any, hex_digest: str) -> bool:
    """Does the answer's hex (full or prefix) name ``hex_digest``?"""
    return str(hex_digest).split(":")[-1].startswith(value)


def as_choices(value: Any) -> set[str]:
    """A set of lower-case choice labels from ``{'a', 'b'}``, ``['A', 'b']``, ``'ab'``, ``'a, b'``."""
    not_template(value)
    items: Iterable[Any]
    if isinstance(value, str):
        items = re.findall(r"[0-9]+|[a-zA-Z]", value)
    elif isinstance(value, (set, frozenset, list, tuple)):
        items = value
    else:
        raise wrong_type(tr("ex.what.answer"), tr("ex.expect.choices"), value)
    out = set()
    for item in items:
        if not isinstance(item, (str, int)) or isinstance(item, bool):
            raise wrong_type(tr("ex.what.answer"), tr("ex.expect.choices"), value)
        out.add(str(item).strip().lower())
    return out
