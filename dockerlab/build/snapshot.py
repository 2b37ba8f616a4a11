"""The layer a RUN step makes: the difference between the root filesystem before and after.

Before the command runs, every path's ``lstat`` is recorded. Files were unpacked with the fixed
epoch mtime, so any write shows up as a change of mtime, size, inode or ctime (ctime changes on
every write and chmod/chown and cannot be set back by the command, which settles the doubtful
cases without hashing). The layer then holds, like an overlay upper directory: added and changed
paths with their parent directories, a whiteout (``.wh.name``) for each deleted path whose parent
still exists, and an opaque marker (``.wh..wh..opq``) in a directory that was deleted and made
again. Mount points the executor provides (``/proc``, ``/dev``, ``/sys``, ``/etc/hosts`` …) are
left out, as Docker keeps them in its init layer.
"""

from __future__ import annotations

import os
import posixpath
import stat
from pathlib import Path

from .. import tarutil
from ..tarutil import Entry

# Docker's init layer: never part of a RUN layer.
_IGNORED = {"proc", "sys", "dev", "etc/hosts", "etc/hostname", "etc/resolv.conf", "etc/mtab",
            ".dockerenv", ".dockerinit"}
_IGNORED_TREES = ("proc/", "sys/", "dev/")

Snapshot = dict[str, tuple]


def take(root: Path) -> Snapshot:
    """``path -> (kind, mode, uid, gid, size, mtime_ns, ctime_ns, inode, link)`` for the tree."""
    out: Snapshot = {}
    root_s = str(root)
    for directory, dirs, files in os.walk(root_s):
        rel_dir = os.path.relpath(directory, root_s)
        rel_dir = "" if rel_dir == "." else rel_dir
        if rel_dir in _IGNORED or rel_dir.startswith(_IGNORED_TREES):
            dirs[:] = []
            continue
        for name in dirs + files:
            rel = f"{rel_dir}/{name}" if rel_dir else name
            try:
                st = os.lstat(os.path.join(directory, name))
            except OSError:
                continue
            link = os.readlink(os.path.join(directory, name)) if stat.S_ISLNK(st.st_mode) else ""
            out[rel] = (stat.S_IFMT(st.st_mode), st.st_mode, st.st_uid, st.st_gid, st.st_size,
                        st.st_mtime_ns, st.st_ctime_ns, st.st_ino, link)
    return out


def diff(root: Path, before: Snapshot, after: Snapshot, *, map_owner: tuple[int, int] | None = None) -> list[Entry]:
    """Layer entries turning ``before`` into ``after`` (``map_owner``: host uid/gid that mean root)."""
    changed: set[str] = set()
    opaque: set[str] = set()
    for path, now in after.items():
        if path in _IGNORED:
            continue
        old = before.get(path)
        if old is None:
            changed.add(path)
        elif old != now:
            if stat.S_ISDIR(old[0]) and stat.S_ISDIR(now[0]) and old[7] != now[7]:
                opaque.add(path)  # the directory was removed and made again
            changed.add(path)
    deleted = [p for p in before if p not in after and p not in _IGNORED]
    entries: dict[str, Entry] = {}
    names = set(changed)
    for path in list(changed) + deleted:
        parent = posixpath.dirname(path)
        while parent:
            if parent in after:
                names.add(parent)
            parent = posixpath.dirname(parent)
    wanted = sorted(names)
    for entry in tarutil.tree_entries(root, wanted, uid=None, gid=None, recursive=False):
        if map_owner is not None:
            uid = 0 if entry.uid == map_owner[0] else entry.uid
            gid = 0 if entry.gid == map_owner[1] else entry.gid
            entry = Entry(entry.path, entry.type, entry.mode, uid, gid, entry.size, entry.linkname,
                          None, entry.devmajor, entry.devminor, entry.source, entry.data, entry.inode)
        entries[entry.path] = entry
    deleted_set = set(deleted)
    for path in deleted:
        parent = posixpath.dirname(path)
        if parent in deleted_set or (parent and parent not in after):
            continue
        if parent in opaque:
            continue
        if path in after:  # replaced by another kind: the new entry replaces it
            continue
        wh = tarutil.whiteout(path)
        entries[wh.path] = wh
    for directory in opaque:
        marker = tarutil.opaque(directory)
        entries[marker.path] = marker
        for path, now in after.items():  # everything in it is new to this layer
            if path.startswith(directory + "/") and path not in entries:
                for entry in tarutil.tree_entries(root, [path], uid=None, gid=None, recursive=False):
                    entries[entry.path] = entry
    return sorted(entries.values(), key=lambda e: e.path)
