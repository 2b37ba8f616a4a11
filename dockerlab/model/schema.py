"""Strict reading of image JSON: size and depth bounds, and type checks that name the field.

Every manifest, index, config, ``index.json`` and ``manifest.json`` the package reads is parsed
with :func:`parse_json` and its fields taken with :func:`field`, so a wrong type, a missing field,
a body that is too large or nested too deep is an :class:`~dockerlab.errors.InvalidImage` naming
the file or digest and the field — never a raw ``TypeError``, ``RecursionError`` or ``MemoryError``.
Go's ``encoding/json`` (what Docker uses) accepts ``null`` for any field; so does this.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

from ..errors import InvalidImage


MAX_DEPTH = 64  # nesting of JSON arrays/objects; image JSON needs about 5

_EXPECTED = {str: "string", int: "integer", bool: "true/false", list: "list", dict: "object"}


def _depth_ok(raw: bytes, limit: int) -> bool:
    """Whether no array/object nests deeper than ``limit`` (strings skipped), in one pass."""
    depth, in_string, escaped = 0, False, False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return False
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return True


def parse_json(raw: bytes, what: str, where: str, *, limit: int | None = None) -> Any:
    """``json.loads`` bounded in size (``limit`` bytes) and depth, errors naming ``what``/``where``."""
    if limit is not None and len(raw) > limit:
        raise InvalidImage("model.too_big", what=what, where=where, size=len(raw), limit=limit)
    if raw.count(b"[") + raw.count(b"{") > MAX_DEPTH and not _depth_ok(raw, MAX_DEPTH):
        raise InvalidImage("model.bad_json", what=what, where=where, error=f"nested deeper than {MAX_DEPTH}")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise InvalidImage("model.bad_json", what=what, where=where, error=str(exc)[:80]) from None


def kind_of(value: Any) -> str:
    return {str: "string", bool: "bool", int: "int", float: "float", list: "list", dict: "object",
            type(None): "null"}.get(type(value), type(value).__name__)


def field(data: Mapping[str, Any], key: str, kind: type, what: str, where: str, *, default: Any = None,
          required: bool = False, items: type | None = None) -> Any:
    """``data[key]`` checked to be a ``kind`` (``None`` → ``default``); a list's or object's
    values checked to be ``items``. Missing and ``required`` → ``model.field.missing``."""
    value = data.get(key)
    if value is None:
        if required:
            raise InvalidImage("model.field.missing", what=what, where=where, field=key)
        return default
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if ok and items is not None:
        values = value.values() if isinstance(value, dict) else value
        ok = all(isinstance(v, items) and not (items is int and isinstance(v, bool)) for v in values)
        if not ok:
            raise InvalidImage("model.field.wrong_type", what=what, where=where, field=key,
                               expected=f"{_EXPECTED.get(kind, kind.__name__)} / {_EXPECTED.get(items, items.__name__)}",
                               given=kind_of(value))
    if not ok:
        raise InvalidImage("model.field.wrong_type", what=what, where=where, field=key,
                           expected=_EXPECTED.get(kind, kind.__name__), given=kind_of(value))
    return value


def string_map(data: Mapping[str, Any], key: str, what: str, where: str) -> dict[str, str]:
    """An ``annotations``/``Labels``-like object of strings (``null`` → ``{}``)."""
    value = field(data, key, dict, what, where, default={}, items=str)
    return dict(value)
