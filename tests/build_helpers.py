"""Helpers for the builder tests: contexts on disk, layer listings, the executor requirement."""

from __future__ import annotations

import os
import tarfile
from pathlib import Path

import pytest

from dockerlab.builder import build as _build


def need_executor():
    """The executor RUN needs; skips without one (fails under CI=true)."""
    from dockerlab.executor import probe

    found = probe()
    if found.executor is None:
        message = f"no executor for RUN: {found.reason} (install proot or run as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found.executor


def make_context(root: Path, files: dict[str, str | bytes], dockerfile: str | None = None) -> Path:
    """Write ``files`` (and the Dockerfile) under ``root`` with fixed permission bits."""
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o755)
    if dockerfile is not None:
        files = {**files, "Dockerfile": dockerfile}
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(root).parents:
            os.chmod(root / parent, 0o755)
        if isinstance(content, str):
            content = content.encode()
        path.write_bytes(content)
        os.chmod(path, 0o644)
    return root


def build(store, ctx, tag=None, **options):
    options.setdefault("progress", False)
    return _build(store, ctx, tag, **options)


def layer_listing(store, digest) -> list[tuple[str, str, int, int, int, int]]:
    """``(name, type, mode, uid, gid, mtime)`` of every entry of a stored layer."""
    out = []
    with store.open_blob(digest) as f, tarfile.open(fileobj=f, mode="r|") as tar:
        for info in tar:
            kind = "dir" if info.isdir() else "link" if info.issym() else "file"
            out.append((info.name.rstrip("/"), kind, info.mode, info.uid, info.gid, int(info.mtime)))
    return out


def layer_file(store, digest, name: str) -> bytes:
    with store.open_blob(digest) as f, tarfile.open(fileobj=f, mode="r|") as tar:
        for info in tar:
            if info.name.rstrip("/") == name:
                return tar.extractfile(info).read()
    raise KeyError(name)
