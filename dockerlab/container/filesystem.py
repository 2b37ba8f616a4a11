"""A container's filesystem: the image unpacked once (read-only "lower"), copied per container.

``store.root / "rootfs" / <image id hex>`` holds each image's layers unpacked, made once under
the store lock and renamed into place complete. A container gets its own copy (``cp -a``, which
keeps owners, modes, times and hardlinks, and shares blocks where the filesystem can reflink) —
the image's blobs and the lower tree are never written. :func:`diff_trees` compares the copy to
the lower tree the way ``docker diff`` reports an overlay upper directory, and
:func:`layer_entries` turns those changes into a layer (with whiteouts for deletions).
Written by hand: overlayfs needs root, and proot cannot mount it.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

from ..fsutil import remove_tree  # re-exported: the one recursive delete lives in the leaf fsutil
from ..tarutil import Entry, tree_entries, unpack_layers, whiteout
from .base import Change

IGNORED = frozenset({"proc", "dev", "sys"})  # mount points: never part of the container's layer


def lower(store, image) -> Path:
    """The image's root filesystem, unpacked once into the store (do not write into it)."""
    root = Path(store.root) / "rootfs"
    target = root / image.id.hex
    if target.is_dir():
        return target
    root.mkdir(parents=True, exist_ok=True)
    with store.lock():
        if target.is_dir():
            return target
        tmp = Path(tempfile.mkdtemp(prefix=".unpack-", dir=root))
        try:
            unpack_layers(image.layers, tmp / "fs")
            os.replace(tmp / "fs", target)
        finally:
            remove_tree(tmp)
    return target


def copy_tree(source: Path, target: Path) -> None:
    """``target`` becomes an exact copy of ``source`` (owners, modes, times, links)."""
    cp = shutil.which("cp")
    if cp:
        subprocess.run([cp, "-a", "--reflink=auto", str(source), str(target)], check=True,
                       stdin=subprocess.DEVNULL, capture_output=True)
    else:  # pragma: no cover - every Linux we support has cp
        shutil.copytree(source, target, symlinks=True)


def _same(a: os.stat_result, b: os.stat_result, pa: str, pb: str) -> bool:
    if stat.S_IFMT(a.st_mode) != stat.S_IFMT(b.st_mode) or a.st_mode != b.st_mode:
        return False
    if (a.st_uid, a.st_gid) != (b.st_uid, b.st_gid):
        return False
    if stat.S_ISDIR(a.st_mode):
        return True  # a directory's own time changes with its children; those are reported
    if stat.S_ISLNK(a.st_mode):
        return os.readlink(pa) == os.readlink(pb)
    if stat.S_ISCHR(a.st_mode) or stat.S_ISBLK(a.st_mode):
        return a.st_rdev == b.st_rdev
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns


def _names(path: str) -> set[str]:
    try:
        return set(os.listdir(path))
    except (NotADirectoryError, FileNotFoundError):
        return set()


def _added(upper: str, rel: str, out: dict[str, str]) -> None:
    out[rel] = "A"
    full = upper + rel
    if os.path.isdir(full) and not os.path.islink(full):
        for name in os.listdir(full):
            _added(upper, f"{rel}/{name}", out)


def diff_trees(lower_dir: str | Path, upper_dir: str | Path) -> list[Change]:
    """``docker diff``: what ``upper`` added, changed or deleted relative to ``lower``.

    A deleted directory is one ``D`` (not its contents); an added one is ``A`` with all its
    contents; every existing directory above a change is ``C``, as overlayfs copies it up.
    """
    lo, up = str(lower_dir), str(upper_dir)
    out: dict[str, str] = {}
    todo = [""]
    while todo:
        rel = todo.pop()
        lnames, unames = _names(lo + rel), _names(up + rel)
        if not rel:
            lnames, unames = lnames - IGNORED, unames - IGNORED
        for name in unames - lnames:
            _added(up, f"{rel}/{name}", out)
        for name in lnames - unames:
            out[f"{rel}/{name}"] = "D"
        for name in lnames & unames:
            child = f"{rel}/{name}"
            pl, pu = lo + child, up + child
            sl, su = os.lstat(pl), os.lstat(pu)
            if not _same(sl, su, pl, pu):
                out[child] = "C"
                if stat.S_ISDIR(su.st_mode) and not stat.S_ISDIR(sl.st_mode):
                    for inner in os.listdir(pu):
                        _added(up, f"{child}/{inner}", out)
                    continue
            if stat.S_ISDIR(sl.st_mode) and stat.S_ISDIR(su.st_mode):
                todo.append(child)
    for path in list(out):  # parents of a change were copied up: "C" unless added themselves
        parent = os.path.dirname(path)
        while parent != "/" and parent not in out:
            out[parent] = "C"
            parent = os.path.dirname(parent)
    return [Change(kind, path) for path, kind in sorted(out.items())]


def layer_entries(upper_dir: str | Path, changes: list[Change], *, keep_owner: bool) -> list[Entry]:
    """The layer holding exactly ``changes``: files and directories as they are now, whiteouts for ``D``."""
    owner = {"uid": None, "gid": None} if keep_owner else {"uid": 0, "gid": 0}
    entries: list[Entry] = []
    for change in changes:
        rel = change.path.lstrip("/")
        if change.kind == "D":
            entries.append(whiteout(rel))
        else:
            entries.extend(tree_entries(upper_dir, [rel], recursive=False, **owner))
    return entries
