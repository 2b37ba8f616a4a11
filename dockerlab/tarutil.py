"""Layer tars: deterministic writing, safe unpacking with OCI whiteouts, streaming listing.

Writing follows DESIGN §3: entries sorted by path, mtime = ``SOURCE_DATE_EPOCH`` or the course
epoch, owner 0:0 unless given, no user/group names, no atime/ctime (PAX format, whose extended
headers ``tarfile`` writes only for long or non-ASCII names), permission bits kept. Content is
streamed from disk and hashed while written, so the diff_id is known without a second pass.

Unpacking is written by hand on top of ``tarfile``'s reader: its extraction filters judge
symlinks against the host's ``/``, but in a root filesystem an absolute link such as
``bin/sh -> /bin/busybox`` means the *image's* ``/``. So every parent directory is resolved
inside the target like a chroot would, the last component is never followed, and nothing is
ever created outside the target, whatever the tar holds.
"""

from __future__ import annotations

import os
import posixpath
import stat
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from .errors import InvalidImage
from .i18n import messages
from .model import Descriptor, Hasher, mediatypes, source_date_epoch

messages({
    "tar.unsafe_path": (
        "{where} berisi entri {name!r} yang menunjuk ke luar root filesystem (path traversal). "
        "Layer ini tidak aman dan tidak dibongkar; jangan pakai image ini.",
        "{where} holds the entry {name!r}, which points outside the root filesystem (path traversal). "
        "This layer is unsafe and is not unpacked; do not use this image.",
    ),
    "tar.bad_hardlink": (
        "{where}: hardlink {name!r} menunjuk {target!r}, yang tidak ada di layer ini atau di bawahnya.",
        "{where}: hardlink {name!r} points at {target!r}, which is not in this layer or below it.",
    ),
    "tar.too_many_links": (
        "{where}: terlalu banyak symlink berantai saat mencari {name!r} (mungkin berputar).",
        "{where}: too many chained symlinks while resolving {name!r} (maybe a loop).",
    ),
    "tar.bad_tar": (
        "{where} bukan arsip tar yang bisa dibaca ({error}). Berkasnya rusak atau terpotong; "
        "ambil ulang image-nya.",
        "{where} is not a readable tar archive ({error}). The file is damaged or cut short; "
        "get the image again.",
    ),
    "tar.duplicate": (
        "Path {name!r} muncul dua kali dalam layer yang sedang ditulis.",
        "The path {name!r} appears twice in the layer being written.",
    ),
})

WHITEOUT_PREFIX = ".wh."
OPAQUE = ".wh..wh..opq"
_TYPES = {
    tarfile.REGTYPE: "file", tarfile.AREGTYPE: "file", tarfile.CONTTYPE: "file", tarfile.DIRTYPE: "dir",
    tarfile.SYMTYPE: "symlink", tarfile.LNKTYPE: "hardlink", tarfile.CHRTYPE: "char",
    tarfile.BLKTYPE: "block", tarfile.FIFOTYPE: "fifo",
}
_TARTYPES = {"file": tarfile.REGTYPE, "dir": tarfile.DIRTYPE, "symlink": tarfile.SYMTYPE,
             "hardlink": tarfile.LNKTYPE, "char": tarfile.CHRTYPE, "block": tarfile.BLKTYPE,
             "fifo": tarfile.FIFOTYPE}
MAX_LINK_HOPS = 40


@dataclass(frozen=True)
class Entry:
    """One tar entry, as listed from a layer or to be written into one."""

    path: str  # relative, no leading "/" or "./", no trailing "/"
    type: str  # file | dir | symlink | hardlink | char | block | fifo
    mode: int = 0o644  # permission bits (incl. setuid/setgid/sticky)
    uid: int = 0
    gid: int = 0
    size: int = 0
    linkname: str = ""
    mtime: int | None = None
    devmajor: int = 0
    devminor: int = 0
    source: Path | None = field(default=None, compare=False)  # file content, read at write time
    data: bytes | None = field(default=None, compare=False, repr=False)
    inode: tuple[int, int] | None = field(default=None, compare=False, repr=False)

    @property
    def name(self) -> str:
        return posixpath.basename(self.path)

    @property
    def opaque(self) -> bool:
        """``dir/.wh..wh..opq``: hide everything the lower layers had in ``dir``."""
        return self.name == OPAQUE

    @property
    def whiteout(self) -> bool:
        """``dir/.wh.name``: ``dir/name`` is deleted by this layer."""
        return self.name.startswith(WHITEOUT_PREFIX) and not self.opaque

    @property
    def target(self) -> str | None:
        """The path a whiteout deletes (for opaque: the directory made opaque)."""
        parent = posixpath.dirname(self.path)
        if self.opaque:
            return parent
        if self.whiteout:
            return posixpath.join(parent, self.name[len(WHITEOUT_PREFIX):])
        return None


def clean_path(name: str) -> str | None:
    """Normalise a tar member name (drop ``/``, ``.``, resolve ``..``); ``None`` if it escapes the root."""
    parts: list[str] = []
    for part in name.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def whiteout(path: str) -> Entry:
    """An entry deleting ``path`` (relative) in the layers below."""
    parent, name = posixpath.split(path.strip("/"))
    return Entry(posixpath.join(parent, WHITEOUT_PREFIX + name), "file", 0o644)


def opaque(directory: str) -> Entry:
    """An entry hiding the lower layers' content of ``directory``."""
    return Entry(posixpath.join(directory.strip("/"), OPAQUE), "file", 0o644)


# ---------------------------------------------------------------- writing


def _entry_from_stat(src: Path, path: str, st: os.stat_result, uid: int | None, gid: int | None) -> Entry | None:
    mode = stat.S_IMODE(st.st_mode)
    owner = {"uid": st.st_uid if uid is None else uid, "gid": st.st_gid if gid is None else gid}
    if stat.S_ISREG(st.st_mode):
        inode = (st.st_dev, st.st_ino) if st.st_nlink > 1 else None
        return Entry(path, "file", mode, size=st.st_size, source=src, inode=inode, **owner)
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


class _HashingWriter:
    """A write-only file that hashes what passes through (and counts it for ``tell``)."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.hasher = Hasher()

    def write(self, data: bytes) -> int:
        self.hasher.update(data)
        self.out.write(data)
        return len(data)

    def tell(self) -> int:
        return self.hasher.size

    def flush(self) -> None:
        self.out.flush()


def _sort_key(entry: Entry) -> tuple[str, ...]:
    return tuple(entry.path.split("/"))


def write_layer(out: BinaryIO, entries: Iterable[Entry], *, mtime: int | None = None) -> Descriptor:
    """Write a deterministic, uncompressed layer tar to ``out``; return its descriptor.

    The returned digest is the diff_id (the layer is not compressed). Memory stays bounded:
    file content is copied from ``Entry.source`` in chunks.
    """
    mtime = source_date_epoch() if mtime is None else mtime
    ordered = sorted(entries, key=_sort_key)
    writer = _HashingWriter(out)
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
                import io

                info.size = len(entry.data)
                tar.addfile(info, io.BytesIO(entry.data))
            elif entry.source is not None:
                with open(entry.source, "rb") as f:
                    info.size = os.fstat(f.fileno()).st_size
                    tar.addfile(info, f)
            else:
                tar.addfile(info)
    out.flush()
    return Descriptor(mediatypes.OCI_LAYER, writer.hasher.digest, writer.hasher.size)


# ---------------------------------------------------------------- listing


def _open_stream(stream: BinaryIO, where: str) -> tarfile.TarFile:
    try:
        return tarfile.open(fileobj=stream, mode="r|*")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise InvalidImage("tar.bad_tar", where=where, error=exc) from None


def _members(tar: tarfile.TarFile, where: str) -> Iterator[tarfile.TarInfo]:
    try:
        yield from tar
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise InvalidImage("tar.bad_tar", where=where, error=exc) from None


def _to_entry(info: tarfile.TarInfo, path: str) -> Entry:
    return Entry(path, _TYPES.get(info.type, "file"), stat.S_IMODE(info.mode), info.uid, info.gid,
                 info.size if info.isreg() else 0, info.linkname, int(info.mtime), info.devmajor, info.devminor)


def list_layer(stream: BinaryIO, *, where: str = "layer") -> Iterator[Entry]:
    """The entries of a layer tar (plain or gzip), streaming, paths normalised."""
    tar = _open_stream(stream, where)
    with tar:
        for info in _members(tar, where):
            path = clean_path(info.name)
            if path is None:
                raise InvalidImage("tar.unsafe_path", where=where, name=info.name)
            if path:
                yield _to_entry(info, path)
    _drain(stream)


def _drain(stream: BinaryIO) -> None:
    """Read what ``tarfile`` left (end-of-archive padding) so a verifying stream checks its digest."""
    while stream.read(1 << 20):
        pass


# ---------------------------------------------------------------- unpacking


class _Unpacker:
    """Apply layers to ``root`` with chroot-like path resolution (see the module docstring)."""

    def __init__(self, root: Path, *, same_owner: bool | None = None, devices: bool | None = None) -> None:
        self.root = os.path.realpath(root)
        self.same_owner = os.geteuid() == 0 if same_owner is None else same_owner
        self.devices = os.geteuid() == 0 if devices is None else devices
        self.dirs: dict[str, tuple[int, int]] = {}  # real dir path -> (mode, mtime), applied at the end
        self.skipped: list[str] = []

    def resolve_dir(self, parts: list[str], where: str, name: str, create: bool) -> str | None:
        """Real path of the directory ``parts`` inside root, following symlinks in scope."""
        current, todo, hops = self.root, list(parts), 0
        while todo:
            part = todo.pop(0)
            if part in ("", "."):
                continue
            if part == "..":
                if current != self.root:
                    current = os.path.dirname(current)
                continue
            candidate = os.path.join(current, part)
            try:
                st = os.lstat(candidate)
            except FileNotFoundError:
                if not create:
                    return None
                os.mkdir(candidate, 0o755)
                current = candidate
                continue
            if stat.S_ISLNK(st.st_mode):
                hops += 1
                if hops > MAX_LINK_HOPS:
                    raise InvalidImage("tar.too_many_links", where=where, name=name)
                link = os.readlink(candidate)
                if link.startswith("/"):
                    current = self.root
                todo[:0] = link.split("/")
                continue
            if not stat.S_ISDIR(st.st_mode):
                if not create:
                    return None
                os.unlink(candidate)
                os.mkdir(candidate, 0o755)
            current = candidate
        return current

    def _remove(self, path: str) -> None:
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return
        if stat.S_ISDIR(st.st_mode):
            _rmtree(path)
        else:
            os.unlink(path)

    def apply(self, stream: BinaryIO, where: str) -> None:
        tar = _open_stream(stream, where)
        written: set[str] = set()
        opaques: list[str] = []
        with tar:
            for info in _members(tar, where):
                path = clean_path(info.name)
                if path is None:
                    raise InvalidImage("tar.unsafe_path", where=where, name=info.name)
                if not path:
                    continue
                parent, name = posixpath.split(path)
                if name == OPAQUE:
                    opaques.append(parent)
                    continue
                real_parent = self.resolve_dir(parent.split("/") if parent else [], where, path,
                                               create=not name.startswith(WHITEOUT_PREFIX))
                if name.startswith(WHITEOUT_PREFIX):
                    if real_parent is not None:
                        self._remove(os.path.join(real_parent, name[len(WHITEOUT_PREFIX):]))
                    continue
                dest = os.path.join(real_parent, name)
                written.add(dest)
                self._write(tar, info, dest, path, where)
        _drain(stream)
        keep: set[str] = set()
        for kept in written:
            while kept != self.root and kept not in keep:
                keep.add(kept)
                kept = os.path.dirname(kept)
        for directory in opaques:
            real = self.resolve_dir(directory.split("/") if directory else [], where, directory, create=False)
            if real is not None:
                self._clear_except(real, keep)

    def _clear_except(self, directory: str, keep: set[str]) -> None:
        for child in os.listdir(directory):
            full = os.path.join(directory, child)
            if full not in keep:
                self._remove(full)
            elif os.path.isdir(full) and not os.path.islink(full):
                self._clear_except(full, keep)

    def _write(self, tar: tarfile.TarFile, info: tarfile.TarInfo, dest: str, path: str, where: str) -> None:
        mode = stat.S_IMODE(info.mode)
        if info.isdir():
            if not (os.path.isdir(dest) and not os.path.islink(dest)):
                self._remove(dest)
                os.mkdir(dest, 0o700)
            self.dirs[dest] = (mode, int(info.mtime))
            self._own(dest, info)
            return
        self._remove(dest)
        if info.isreg():
            fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as out:
                src = tar.extractfile(info)
                if src is not None:
                    while chunk := src.read(1 << 20):
                        out.write(chunk)
        elif info.issym():
            os.symlink(info.linkname, dest)
        elif info.islnk():
            target = clean_path(info.linkname)
            if target is None:
                raise InvalidImage("tar.unsafe_path", where=where, name=f"{path} -> {info.linkname}")
            t_parent, t_name = posixpath.split(target)
            real = self.resolve_dir(t_parent.split("/") if t_parent else [], where, target, create=False)
            source = os.path.join(real, t_name) if real else None
            if source is None or not os.path.lexists(source) or os.path.isdir(source):
                raise InvalidImage("tar.bad_hardlink", where=where, name=path, target=info.linkname)
            os.link(source, dest, follow_symlinks=False)
            return
        elif info.ischr() or info.isblk():
            if not self.devices:
                self.skipped.append(path)
                return
            kind = stat.S_IFCHR if info.ischr() else stat.S_IFBLK
            os.mknod(dest, mode | kind, os.makedev(info.devmajor, info.devminor))
        elif info.isfifo():
            os.mkfifo(dest, mode)
        else:
            self.skipped.append(path)
            return
        self._own(dest, info)
        if not info.issym():
            os.chmod(dest, mode)
        os.utime(dest, (info.mtime, info.mtime), follow_symlinks=False)

    def _own(self, dest: str, info: tarfile.TarInfo) -> None:
        if self.same_owner:
            try:
                os.lchown(dest, info.uid, info.gid)
            except PermissionError:
                pass

    def finish(self) -> None:
        for path in sorted(self.dirs, key=len, reverse=True):  # deepest first
            mode, mtime = self.dirs[path]
            if os.path.isdir(path) and not os.path.islink(path):
                os.chmod(path, mode)
                os.utime(path, (mtime, mtime))


def _rmtree(path: str) -> None:
    """Remove a tree even where directory modes forbid it (layers may hold 0555 dirs)."""
    import shutil

    def fix(func, p, _exc):  # type: ignore[no-untyped-def]
        os.chmod(os.path.dirname(p), 0o700)
        func(p)

    shutil.rmtree(path, onerror=fix)


def extract_layer(stream: BinaryIO, target: str | os.PathLike[str], *, where: str = "layer",
                  same_owner: bool | None = None, devices: bool | None = None) -> list[str]:
    """Apply one layer tar (plain or gzip) on top of ``target``; return the paths skipped.

    Whiteouts delete from what is already there. ``same_owner`` (default: when root) sets the
    entries' uid/gid; ``devices`` (default: when root) creates device nodes, else skips them.
    """
    return unpack_streams([(stream, where)], target, same_owner=same_owner, devices=devices)


def unpack_streams(streams: Iterable[tuple[BinaryIO, str]], target: str | os.PathLike[str], *,
                   same_owner: bool | None = None, devices: bool | None = None) -> list[str]:
    """Apply several ``(stream, where)`` layers in order (base first) on ``target``."""
    Path(target).mkdir(parents=True, exist_ok=True)
    unpacker = _Unpacker(Path(target), same_owner=same_owner, devices=devices)
    for stream, where in streams:
        unpacker.apply(stream, where)
    unpacker.finish()
    return unpacker.skipped


def unpack_layers(layers: Iterable["object"], target: str | os.PathLike[str], *,
                  same_owner: bool | None = None, devices: bool | None = None) -> list[str]:
    """Unpack model ``Layer`` objects (base first) into ``target``: the image's root filesystem."""

    def streams() -> Iterator[tuple[BinaryIO, str]]:
        for layer in layers:
            with layer.open() as f:  # type: ignore[attr-defined]
                yield f, f"layer {layer.digest}"  # type: ignore[attr-defined]

    return unpack_streams(streams(), target, same_owner=same_owner, devices=devices)


__all__ = ["Entry", "OPAQUE", "WHITEOUT_PREFIX", "clean_path", "extract_layer", "list_layer", "opaque",
           "tree_entries", "unpack_layers", "unpack_streams", "whiteout", "write_layer"]
