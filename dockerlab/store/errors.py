"""The store's own errors (apart, so that every module of the store can raise them)."""

from __future__ import annotations

from ..errors import DockerlabError


class UnsafeStore(DockerlabError, PermissionError):
    """A store folder, its lock file or its tag history, that someone else could change or block."""


class StoreBusy(DockerlabError, TimeoutError):
    """The store stayed locked by another process longer than the bound."""
