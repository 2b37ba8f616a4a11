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
