"""Reading layer tars: streaming listing and safe unpacking (see the package docstring)."""

from __future__ import annotations

import os
import posixpath
import stat
import tarfile
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..errors import InvalidImage
from ..fsutil import remove_tree
from .entry import _TYPES, MAX_LINK_HOPS, OPAQUE, WHITEOUT_PREFIX, Entry, clean_path


def _open_stream(stream: BinaryIO, where: str) -> tarfile.TarFile:
    try:
        return tarfile.open(fileobj=stream, mode="r|*")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise InvalidImage("tar.bad_tar", where=where, error=exc) from None


def _members(tar: tarfile.TarFile, where: str) -> Iterator[tuple[tarfile.TarInfo, str]]:
    """``(member, normalised path)`` for every entry but the root; an escaping path is refused."""
    try:
        for info in tar:
            path = clean_path(info.name)
            if path is None:
                raise InvalidImage("tar.unsafe_path", where=where, name=info.name)
            if path:
                yield info, path
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise InvalidImage("tar.bad_tar", where=where, error=exc) from None


def _to_entry(info: tarfile.TarInfo, path: str) -> Entry:
    return Entry(path, _TYPES.get(info.type, "file"), stat.S_IMODE(info.mode), info.uid, info.gid,
                 info.size if info.isreg() else 0, info.linkname, int(info.mtime), info.devmajor, info.devminor)


def list_layer(stream: BinaryIO, *, where: str = "layer") -> Iterator[Entry]:
    """The entries of a layer tar (plain or gzip), streaming, paths normalised."""
    tar = _open_stream(stream, where)
    with tar:
        for info, path in _members(tar, where):
            yield _to_entry(info, path)
    _drain(stream)


def _drain(stream: BinaryIO) -> None:
    """Read what ``tarfile`` left (end-of-archive padding) so a verifying stream checks its digest."""
    while stream.read(1 << 20):
        pass


# ---------------------------------------------------------------- unpacking


class _Unpacker:
    """Apply layers to ``root`` with chroot-like path resolution (see the module docstring)."""

    def __init__(self, root: Path, *, same_owner: bool | None = None, devices: bool | None = None,
                 whiteouts: bool = True) -> None:
        self.root = os.path.realpath(root)
        self.whiteouts = whiteouts
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
            remove_tree(Path(path))  # a layer may hold 0555 directories
        else:
            os.unlink(path)

    def apply(self, stream: BinaryIO, where: str) -> None:
        tar = _open_stream(stream, where)
        written: set[str] = set()
        opaques: list[str] = []
        with tar:
            for info, path in _members(tar, where):
                parent, name = posixpath.split(path)
                is_whiteout = self.whiteouts and name.startswith(WHITEOUT_PREFIX)
                if is_whiteout and name == OPAQUE:
                    opaques.append(parent)
                    continue
                real_parent = self.resolve_dir(parent.split("/") if parent else [], where, path,
                                               create=not is_whiteout)
                if is_whiteout:
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


def extract_layer(stream: BinaryIO, target: str | os.PathLike[str], *, where: str = "layer",
                  same_owner: bool | None = None, devices: bool | None = None, whiteouts: bool = True) -> list[str]:
    """Apply one layer tar (plain or gzip) on top of ``target``; return the paths skipped.

    Whiteouts delete from what is already there (``whiteouts=False`` for a plain tar, as
    ``ADD archive.tar`` unpacks it: ``.wh.`` files are then ordinary files). ``same_owner``
    (default: when root) sets the entries' uid/gid; ``devices`` (default: when root) creates
    device nodes, else skips them.
    """
    return unpack_streams([(stream, where)], target, same_owner=same_owner, devices=devices, whiteouts=whiteouts)


def unpack_streams(streams: Iterable[tuple[BinaryIO, str]], target: str | os.PathLike[str], *,
                   same_owner: bool | None = None, devices: bool | None = None, whiteouts: bool = True) -> list[str]:
    """Apply several ``(stream, where)`` layers in order (base first) on ``target``."""
    Path(target).mkdir(parents=True, exist_ok=True)
    unpacker = _Unpacker(Path(target), same_owner=same_owner, devices=devices, whiteouts=whiteouts)
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

