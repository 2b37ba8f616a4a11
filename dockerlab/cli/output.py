"""What every verb group shares: the active engine, aligned tables, JSON for scripts."""

from __future__ import annotations

import json
from typing import Any, Sequence


def engine() -> Any:
    """The engine the verbs act on (``--engine`` has chosen it already, else the environment)."""
    from .. import engines

    return engines.current()


def table(rows: Sequence[Sequence[str]]) -> str:
    """Rows (the header first) in columns as wide as their widest cell, three spaces apart and
    without trailing blanks, like ``docker images`` and ``docker ps`` print them."""
    if not rows:
        return ""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("   ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


def print_json(data: Any) -> None:
    """``--json``: indented, non-ASCII kept, digests and paths as their text."""
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
