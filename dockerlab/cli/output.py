"""What every verb group shares: the active engine, aligned tables, JSON for scripts."""

from __future__ import annotations

import json
from typing import Any, Sequence


def engine() -> Any:
    """The engine the verbs act on (``--engine`` has chosen it already, else the environment)."""
    from .. import engines

    return engines.current()


def table(rows: Sequence[Sequence[str]]) -> str:
    """Rows (the header first) as :func:`dockerlab.inspection.format.text_table` lays them out
    without a rule, like ``docker images`` and ``docker ps`` print them."""
    from ..textutil import text_table

    return text_table(rows[0], rows[1:], rule=False) if rows else ""


def print_json(data: Any) -> None:
    """``--json``: indented, non-ASCII kept, digests and paths as their text."""
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


# -- ``--format``: the part of Docker's Go templates that listings use ---------------------------
# Written by hand: Go's text/template has no Python implementation among our dependencies, and
# listings only need ``{{.Field}}``, ``{{json .}}``/``{{json .Field}}``, ``json`` and ``table``.
import re as _re

_FIELD = _re.compile(r"\{\{\s*(?:(json)\s+)?\.((?:[A-Za-z]\w*)(?:\.[A-Za-z]\w*)*)?\s*\}\}")


def _go_text(value: Any) -> str:
    """A value as Go's ``fmt`` prints it in a template: ``[a b]``, ``map[k:v]``, ``<no value>``."""
    if value is None:
        return "<no value>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + " ".join(_go_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{_go_text(v)}" for k, v in sorted(value.items())) + "]"
    return str(value)


def _render(template: str, row: dict[str, Any]) -> str:
    from ..errors import UsageError

    def one(match: "_re.Match[str]") -> str:
        as_json, path = match.group(1), match.group(2)
        value: Any = row
        for name in (path.split(".") if path else []):
            if isinstance(value, dict) and name in value:
                value = value[name]
            elif value is row:
                raise UsageError("cli.format.unknown_field", field=name, template=template,
                                 fields=", ".join(sorted(row)))
            else:
                value = None  # Go: a missing map key is <no value>
                break
        if as_json:
            return json.dumps(value, ensure_ascii=False)
        return _go_text(value) if value is not None or path else json.dumps(value)

    rest = _FIELD.sub("", template)
    if "{{" in rest or "}}" in rest:
        raise UsageError("cli.format.unsupported", template=template)
    return _FIELD.sub(one, template.replace("\\t", "\t").replace("\\n", "\n"))


def formatted(template: str, rows: Sequence[dict[str, Any]], headers: dict[str, str]) -> str:
    """``docker … --format TEMPLATE``: ``json`` gives one JSON object a line; ``table …`` an aligned
    table with Docker's column names; anything else one rendered line per row."""
    if template.strip() == "json":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    if template.startswith("table"):
        body = template[len("table"):].strip() or "\t".join("{{." + k + "}}" for k in headers)
        names = [m.group(2) for m in _FIELD.finditer(body) if m.group(2)]
        head = [headers.get(n, n.upper()) for n in names]
        lines = [_render(body, r).split("\t") for r in rows]
        return table([head, *lines]) if head else "\n".join("\t".join(x) for x in lines)
    return "\n".join(_render(template, r) for r in rows)
