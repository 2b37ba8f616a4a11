"""The layer a RUN step makes: the difference between the root filesystem before and after.

Before the command runs, every path's ``lstat`` is recorded. Files were unpacked with the fixed
epoch mtime, so any write shows up as a change of mtime, size, inode or ctime (ctime changes on
every write and chmod/chown and cannot be set back by the command, which settles the doubtful
cases without hashing). The layer then holds added and changed paths with their parent
directories, and a whiteout (``.wh.name``) for each deleted path whose parent directory is a
directory both before and after. Mount points the executor provides (``/proc``, ``/dev``,
``/sys``, ``/etc/hosts`` …) are left out, as Docker keeps them in its init layer.

Deletions are always written as one whiteout per deleted name, never as an opaque marker
(``.wh..wh..opq``). Which whiteouts a layer holds depends only on which names exist before and
after, so the layer is the same on every build. Deciding "this directory was removed and made
again" (overlay2's reason for an opaque marker) needs the inode, and filesystems reuse a freed
inode for the next ``mkdir`` some of the time: ``RUN rm -rf /d && mkdir /d …`` then gave a marker
in one build and a whiteout in the next, so two digests for one Dockerfile. A rule on names alone
("every lower child is gone") would instead mark ``rm -rf /var/lib/apt/lists/*`` opaque, where
every Docker driver writes per-child whiteouts. One whiteout per deleted name is exactly what
Docker's own snapshot diff does (moby ``archive.ChangesDirs``/``ExportChanges``, used by the vfs
driver and the naive diff driver, which also ignores inodes); overlay2 writes a marker only for
a directory removed and made again, with the same result once applied.
"""

from __future__ import annotations

import os
import posixpath
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

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


@dataclass(frozen=True)
class OwnerMap:
    """Owners for a layer made without root (proot): every file on disk belongs to the host user.

    A path the lower layers had keeps their owner (a copy-up keeps it in Docker; a ``chown`` the
    command made was never real), a new path gets the RUN user's ``uid:gid`` (what Docker gives
    a file that user creates).
    """

    host: tuple[int, int]  # the host uid/gid every file on disk has
    user: tuple[int, int]  # the RUN's --user, resolved in the image
    lower: Mapping[str, Entry] = field(default_factory=dict)  # path -> entry of the layers below

    def owner(self, entry: Entry) -> tuple[int, int]:
        old = self.lower.get(entry.path)
        uid, gid = (old.uid, old.gid) if old is not None and old.type == entry.type else self.user
        return (uid if entry.uid == self.host[0] else entry.uid, gid if entry.gid == self.host[1] else entry.gid)


def diff(root: Path, before: Snapshot, after: Snapshot, *, map_owner: OwnerMap | None = None) -> list[Entry]:
    """Layer entries turning ``before`` into ``after`` (``map_owner``: the owners without root)."""
    changed: set[str] = set()
    for path, now in after.items():
        if path in _IGNORED:
            continue
        old = before.get(path)
        if old is None or old != now:  # a replacement also changes ctime, inode reuse or not
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
            uid, gid = map_owner.owner(entry)
            entry = Entry(entry.path, entry.type, entry.mode, uid, gid, entry.size, entry.linkname,
                          None, entry.devmajor, entry.devminor, entry.source, entry.data, entry.inode)
        entries[entry.path] = entry
    for path in deleted:
        parent = posixpath.dirname(path)
        if parent and not (_is_dir(before.get(parent)) and _is_dir(after.get(parent))):
            continue  # the parent is gone or no longer a directory: its own entry says it all
        wh = tarutil.whiteout(path)
        entries[wh.path] = wh
    return sorted(entries.values(), key=lambda e: e.path)


def _is_dir(row: tuple | None) -> bool:
    return row is not None and stat.S_ISDIR(row[0])
