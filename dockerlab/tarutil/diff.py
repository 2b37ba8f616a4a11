"""What a command changed in a root filesystem: one diff for ``RUN`` layers, ``docker diff`` and
``docker commit``.

:func:`snapshot` records every path's ``lstat`` (never opening anything). :func:`changes` compares
two snapshots the way ``docker diff`` reports an overlay upper directory: ``A`` added (a new
directory with all it holds), ``C`` changed (and every existing directory above a change, as
overlayfs copies it up), ``D`` deleted (a deleted directory once, not its contents).
:func:`layer_entries` turns the same comparison into a layer: the added and changed paths as they
are on disk, one whiteout (``.wh.name``) per deleted name, never an opaque marker (see below).

Two comparisons, one rule: ``same_tree=True`` compares the same directory before and after a
``RUN`` (every ``lstat`` field, ctime and inode included: a write always changes ctime, which the
command cannot set back); ``same_tree=False`` compares an image's unpacked tree with a container's
copy of it (``cp -a`` keeps type, mode, owner, size, mtime, link targets and device numbers, not
inodes or ctimes; a directory differs only by its own metadata).

Left out of both, as Docker leaves them out (checked against ``dockerd``: a container that writes
them shows nothing in ``docker diff`` or in the committed layer, and neither does a ``RUN``):
``/proc``, ``/sys`` and ``/dev`` (mounts), and the files Docker bind-mounts or keeps in its init
layer, ``/etc/hosts``, ``/etc/hostname``, ``/etc/resolv.conf``, ``/etc/mtab``.

Deletions are one whiteout per deleted name. Which whiteouts a layer holds then depends only on
which names exist before and after, so the layer is the same on every build; an opaque marker
(overlay2's answer for "removed and made again") needs the inode, and filesystems reuse a freed
inode for the next ``mkdir`` some of the time, which gave two digests for one Dockerfile. It is
exactly what Docker's own snapshot diff does (moby ``archive.ChangesDirs``/``ExportChanges``, used
by the vfs and naive diff drivers).
"""

from __future__ import annotations

import os
import posixpath
import stat
from typing import Callable, Iterable

from .entry import Entry, whiteout
from .write import tree_entries

IGNORED = frozenset({"proc", "sys", "dev", "etc/hosts", "etc/hostname", "etc/resolv.conf", "etc/mtab"})
_IGNORED_TREES = ("proc/", "sys/", "dev/")

Row = tuple  # (type, mode, uid, gid, size, mtime_ns, ctime_ns, inode, link, rdev)
Snapshot = dict[str, Row]
Change = tuple[str, str]  # ("A" | "C" | "D", "/path")
Owner = Callable[[Entry], tuple[int, int]]


def ignored(rel: str) -> bool:
    return rel in IGNORED or rel.startswith(_IGNORED_TREES)


def snapshot(root: str | os.PathLike[str]) -> Snapshot:
    """``relative path -> lstat row`` for the tree (mount points and Docker's init files left out)."""
    out: Snapshot = {}
    root_s = os.fspath(root)
    for directory, dirs, files in os.walk(root_s):
        rel_dir = os.path.relpath(directory, root_s)
        rel_dir = "" if rel_dir == "." else rel_dir
        if rel_dir and ignored(rel_dir):
            dirs[:] = []
            continue
        for name in dirs + files:
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if ignored(rel):
                continue
            full = os.path.join(directory, name)
            try:
                st = os.lstat(full)
                link = os.readlink(full) if stat.S_ISLNK(st.st_mode) else ""
            except OSError:
                continue
            out[rel] = (stat.S_IFMT(st.st_mode), st.st_mode, st.st_uid, st.st_gid, st.st_size,
                        st.st_mtime_ns, st.st_ctime_ns, st.st_ino, link, st.st_rdev)
    return out


def _same_copy(a: Row, b: Row) -> bool:
    """Two rows of different trees (an image and a ``cp -a`` copy of it) describe the same thing."""
    if a[:4] != b[:4]:
        return False
    kind = a[0]
    if kind == stat.S_IFDIR:
        return True  # a directory's own time changes with its children; those are reported
    if kind == stat.S_IFLNK:
        return a[8] == b[8]
    if kind in (stat.S_IFCHR, stat.S_IFBLK):
        return a[9] == b[9]
    return a[4] == b[4] and a[5] == b[5]


def _is_dir(row: Row | None) -> bool:
    return row is not None and row[0] == stat.S_IFDIR


def changes(before: Snapshot, after: Snapshot, *, same_tree: bool = True) -> list[Change]:
    """``docker diff`` of two snapshots, sorted by path (see the module docstring)."""
    out: dict[str, str] = {}
    for path, now in after.items():
        old = before.get(path)
        if old is None:
            out[path] = "A"
        elif (old != now) if same_tree else not _same_copy(old, now):
            out[path] = "C"
    for path in before:
        if path not in after:
            parent = posixpath.dirname(path)
            if not parent or (_is_dir(before.get(parent)) and _is_dir(after.get(parent))):
                out[path] = "D"  # below a deleted (or replaced) directory: that entry says it all
    for path in list(out):
        parent = posixpath.dirname(path)
        while parent and parent not in out:
            out[parent] = "C"
            parent = posixpath.dirname(parent)
    return [(out[path], "/" + path) for path in sorted(out)]


def layer_entries(root: str | os.PathLike[str], found: Iterable[Change], *,
                  owner: Owner | tuple[int, int] | None = None) -> list[Entry]:
    """The layer holding exactly ``found`` (from :func:`changes`): the ``A``/``C`` paths as they are
    under ``root`` now, a whiteout for each ``D``. ``owner``: ``None`` keeps the owners on disk,
    a ``(uid, gid)`` pair sets them, a callable maps each entry (a ``RUN`` without root)."""
    rows = list(found)
    present = [path.lstrip("/") for kind, path in rows if kind != "D"]
    fixed = owner if isinstance(owner, tuple) else (None, None)
    entries: dict[str, Entry] = {}
    for entry in tree_entries(root, present, uid=fixed[0], gid=fixed[1], recursive=False):
        if callable(owner):
            uid, gid = owner(entry)
            entry = Entry(entry.path, entry.type, entry.mode, uid, gid, entry.size, entry.linkname,
                          None, entry.devmajor, entry.devminor, entry.source, entry.data, entry.inode,
                          entry.stat_id)
        entries[entry.path] = entry
    for kind, path in rows:
        if kind == "D":
            wh = whiteout(path.lstrip("/"))
            entries[wh.path] = wh
    return sorted(entries.values(), key=lambda e: e.path)
