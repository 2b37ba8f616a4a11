"""Where tags live: the entries of the lesson store's ``index.json`` that name a repository."""

from __future__ import annotations

import json

from ..i18n import tr
from .lesson import store
from .workspace import ShownFile

def index_json(repository: str | None = None) -> ShownFile:
    """The lesson store's ``index.json`` (the embedded engine's tag list), only the entries of
    ``repository`` (``web`` → ``web:*``) when given, as the file holds them."""
    from ..store import REF_NAME

    local = store()
    data = json.loads((local.layout / "index.json").read_bytes())
    entries = data.get("manifests") or []
    shown = [e for e in entries if repository is None
             or str((e.get("annotations") or {}).get(REF_NAME, "")).rpartition(":")[0] == repository]
    shown.sort(key=lambda e: str((e.get("annotations") or {}).get(REF_NAME, "")))
    text = json.dumps({**data, "manifests": shown}, indent=2, ensure_ascii=False)
    return ShownFile("oci/index.json", text, tr("course.index.note", shown=len(shown), total=len(entries)))
