"""Deterministic layer writing (DESIGN §3): sorted, fixed epoch, owner 0:0, PAX, streamed and hashed."""

from __future__ import annotations

import io
import os
import posixpath
import stat
import tarfile
from pathlib import Path
from typing import BinaryIO, Iterable

from ..errors import InvalidImage
from ..model import Descriptor, HashingWriter, mediatypes, source_date_epoch
from .entry import Entry


_TARTYPES = {"file": tarfile.REGTYPE, "dir": tarfile.DIRTYPE, "symlink": tarfile.SYMTYPE,
             "hardlink": tarfile.LNKTYPE, "char": tarfile.CHRTYPE, "block": tarfile.BLKTYPE,
             "fifo": tarfile.FIFOTYPE}


def _entry_from_stat(src: Path, path: str, st: os.stat_result, uid: int | None, gid: int | None) -> Entry | None:
    mode = stat.S_IMODE(st.st_mode)
    owner = {"uid": st.st_uid if uid is None else uid, "gid": st.st_gid if gid is None else gid}
    if stat.S_ISREG(st.st_mode):
        inode = (st.st_dev, st.st_ino) if st.st_nlink > 1 else None
        return Entry(path, "file", mode, size=st.st_size, source=src, inode=inode,
                     stat_id=(st.st_dev, st.st_ino), **owner)
    if stat.S_ISDIR(st.st_mode):
        return Entry(path, "dir", mode, **owner)
    if stat.S_ISLNK(st.st_mode):
        return Entry(path, "symlink", 0o777, linkname=os.readlink(src), **owner)
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        kind = "char" if stat.S_ISCHR(st.st_mode) else "block"
        return Entry(path, kind, mode, devmajor=os.major(st.st_rdev), devminor=os.minor(st.st_rdev), **owner)
    if stat.S_ISFIFO(st.st_mode):
        return Entry(path, "fifo", mode, **owner)
    return None  # sockets and the like have no place in a layer


def tree_entries(root: str | os.PathLike[str], paths: Iterable[str] | None = None, *, prefix: str = "",
                 uid: int | None = 0, gid: int | None = 0, recursive: bool = True) -> list[Entry]:
    """Entries for ``paths`` (relative to ``root``; default: everything under it).

    ``prefix`` is where they go inside the layer; ``uid``/``gid`` ``None`` keeps the file owner.
    Directories are walked when ``recursive``. Nothing is read yet: files are streamed by
    :func:`write_layer`.
    """
    root = Path(root)
    prefix = prefix.strip("/")
    todo = [""] if paths is None else [p.strip("/") for p in paths]
    out: list[Entry] = []
    while todo:
        rel = todo.pop()
        src = root / rel if rel else root
        st = os.lstat(src)
        if rel:
            entry = _entry_from_stat(src, posixpath.join(prefix, rel) if prefix else rel, st, uid, gid)
            if entry is not None:
                out.append(entry)
        if stat.S_ISDIR(st.st_mode) and (recursive or not rel):
            todo.extend(posixpath.join(rel, child) if rel else child for child in os.listdir(src))
    return out


def _sort_key(entry: Entry) -> tuple[str, ...]:
    return tuple(entry.path.split("/"))


def open_source(entry: Entry) -> BinaryIO:
    """The content of ``entry.source``: a regular file, opened without following a final symlink
    and without blocking (a FIFO put there instead is refused, never waited on), and — when the
    entry recorded which file it saw — that very file (a path swapped since is refused)."""
    try:
        fd = os.open(entry.source, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)  # type: ignore[arg-type]
    except OSError as exc:
        raise InvalidImage("tar.source_changed", name=entry.path, error=exc.strerror or exc) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or (entry.stat_id is not None and entry.stat_id != (st.st_dev, st.st_ino)):
        os.close(fd)
        raise InvalidImage("tar.source_changed", name=entry.path, error=stat.filemode(st.st_mode))
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def write_layer(out: BinaryIO, entries: Iterable[Entry], *, mtime: int | None = None) -> Descriptor:
    """Write a deterministic, uncompressed layer tar to ``out``; return its descriptor.

    The returned digest is the diff_id (the layer is not compressed). Memory stays bounded:
    file content is copied from ``Entry.source`` in chunks. Every entry gets the same ``mtime``
    (default :func:`~dockerlab.model.source_date_epoch`); ``Entry.mtime`` is not used.
    """
    mtime = source_date_epoch() if mtime is None else mtime
    ordered = sorted(entries, key=_sort_key)
    # a fresh hashing writer (the store's blob writer) is hashed once, not wrapped and hashed twice
    writer = out if isinstance(out, HashingWriter) and out.tell() == 0 else HashingWriter(out)
    seen: set[str] = set()
    first_of_inode: dict[tuple[int, int], str] = {}
    with tarfile.open(fileobj=writer, mode="w", format=tarfile.PAX_FORMAT,  # type: ignore[call-overload]
                      copybufsize=1 << 20) as tar:
        for entry in ordered:
            if entry.path in seen or not entry.path:
                raise InvalidImage("tar.duplicate", name=entry.path)
            seen.add(entry.path)
            info = tarfile.TarInfo(entry.path)
            info.mode, info.uid, info.gid, info.mtime = entry.mode, entry.uid, entry.gid, mtime
            info.uname = info.gname = ""
            info.devmajor, info.devminor = entry.devmajor, entry.devminor
            kind = entry.type
            if kind == "file" and entry.inode is not None:
                if entry.inode in first_of_inode:
                    kind, info.linkname = "hardlink", first_of_inode[entry.inode]
                else:
                    first_of_inode[entry.inode] = entry.path
            info.type = _TARTYPES[kind]
            if kind in ("symlink", "hardlink") and not info.linkname:
                info.linkname = entry.linkname
            if kind != "file":
                tar.addfile(info)
            elif entry.data is not None:
                info.size = len(entry.data)
                tar.addfile(info, io.BytesIO(entry.data))
            elif entry.source is not None:
                with open_source(entry) as f:
                    info.size = os.fstat(f.fileno()).st_size
                    tar.addfile(info, f)
            else:
                tar.addfile(info)
    out.flush()
    return Descriptor(mediatypes.OCI_LAYER, writer.hasher.digest, writer.hasher.size)

