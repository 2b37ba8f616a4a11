"""Reading layer tars: streaming listing and the one extraction path (see the package docstring).

Every layer that becomes files on disk — a build's ``FROM``/``RUN`` root filesystem, a container's
unpacked image, ``ADD`` of a local archive — is written by :class:`_Unpacker`. It reaches the
target only through directory file descriptors, one path component at a time
(``openat``/``mkdirat``/``unlinkat``/``linkat`` with ``O_NOFOLLOW``), so PEP 706's ``data`` filter
holds as a floor and more:

* nothing is created, deleted, chmodded, timestamped or read outside the target: a symlink in a
  parent is followed *inside* the target as a chroot would (``/`` is the target's root, ``..``
  stops there), the last component is never followed, and deferred directory modes are applied
  through the same walk at the end (a parent replaced by a symlink later is left alone);
* one whiteout rule (:func:`~.entry.whiteout_of`): ``.wh.`` of ``.``/``..``/the root is refused,
  aufs ``.wh..wh.*`` metadata is skipped, a whiteout deletes only from the layers below (never what
  the same layer wrote) and resolves its parent inside the target;
* hardlinks must name an earlier non-directory inside the target;
* device nodes are never created (they would give a container the host device they name — a
  loop device is a host disk — and this engine has no device cgroup to stop that; ``/dev`` is
  the executor's own); they are returned as *skipped*. FIFOs are made (they name no host object);
  every reader of a root filesystem in the package opens only regular files;
* setuid/setgid bits are kept (a container needs them), and every root filesystem lives below the
  store's owner-only (``0700``) folder, so no other user of the machine can reach — let alone
  run — a setuid file from an image;
* names, sizes and counts are bounded by the reader (:mod:`.headers`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import posixpath
import stat
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..errors import DockerlabError, InvalidImage
from ..fsutil import remove_tree
from .entry import MAX_LINK_HOPS, Entry, Limits, clean_path, whiteout_of
from .headers import Header, TarReader, open_tar_stream


_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def _entry(header: Header, path: str) -> Entry:
    return Entry(path, header.type, header.mode, header.uid, header.gid, header.size, header.linkname,
                 header.mtime, header.devmajor, header.devminor)


def iter_members(reader: TarReader, *, whiteouts: bool = True) -> Iterator[tuple[Header, str]]:
    """``(header, clean relative path)`` for every member but the root; an escaping path or
    (with ``whiteouts``) a bad whiteout is refused."""
    for header in reader:
        path = clean_path(header.name)
        if path is None:
            raise InvalidImage("tar.unsafe_path", where=reader.where, name=header.name)
        if not path:
            continue
        if whiteouts:
            whiteout_of(path, reader.where)
        yield header, path


def list_layer(stream: BinaryIO, *, where: str = "layer", whiteouts: bool = True,
               seekable: bool = False) -> Iterator[Entry]:
    """The entries of a layer tar (plain or compressed), streaming, paths normalised.

    ``seekable``: content is skipped with ``seek`` (a local blob file, verified when written).
    """
    raw = open_tar_stream(stream, where) if not seekable else stream
    reader = TarReader(raw, where, seekable=seekable)
    for header, path in iter_members(reader, whiteouts=whiteouts):
        yield _entry(header, path)
    if not seekable:
        reader.drain()


def spool_archive(stream: BinaryIO, directory: str | os.PathLike[str], *, where: str) -> list[Entry]:
    """The entries of a plain archive (``ADD``), each regular file's content copied into a new file
    in ``directory`` (its ``source``), whiteout names kept as ordinary names.

    Nothing of the archive becomes a tree on disk, so no name, symlink or hardlink in it can reach
    anything: the entries go into the new layer and are applied by the one extraction path. As in
    a tar unpack, a later entry replaces an earlier one of the same path (and what was below it).
    A hardlink stays a hardlink (``linkname``: the archive path of the earlier file it names, as
    Docker's unpack keeps it) unless that file is replaced later in the archive: then it becomes a
    copy of the file it named, which is what the unpack leaves.
    """
    reader = TarReader(open_tar_stream(stream, where), where)
    out: dict[str, Entry] = {}
    dirs: set[str] = set()

    def replaced(path: str) -> None:
        old = out.pop(path, None)
        if old is not None and old.type == "file":
            for name, entry in list(out.items()):
                if entry.type == "hardlink" and entry.linkname == path:
                    out[name] = dataclasses.replace(old, path=name)

    for header, path in iter_members(reader, whiteouts=False):
        if path in dirs and header.type != "dir":
            prefix = path + "/"
            for below in [p for p in out if p.startswith(prefix)]:
                replaced(below)
            dirs.discard(path)
        replaced(path)
        if header.type == "file":
            spool = os.path.join(directory, f"{reader.count:09d}")
            with open(spool, "xb") as f:
                for chunk in reader.chunks():
                    f.write(chunk)
            out[path] = dataclasses.replace(_entry(header, path), source=Path(spool))
        elif header.type == "hardlink":
            target = clean_path(header.linkname)
            original = out.get(target) if target else None
            if original is not None and original.type == "hardlink":
                target, original = original.linkname, out.get(original.linkname)
            if original is None or original.type != "file":
                raise InvalidImage("tar.bad_hardlink", where=where, name=path, target=header.linkname)
            out[path] = dataclasses.replace(original, path=path, type="hardlink", linkname=target,
                                            size=0, source=None)
        else:
            if header.type == "dir":
                dirs.add(path)
            out[path] = _entry(header, path)
    reader.drain()
    # a tar names a hardlink's file before the link: the first path of each group holds the data
    groups: dict[str, list[str]] = {}
    for name, entry in out.items():
        if entry.type == "hardlink":
            groups.setdefault(entry.linkname, [entry.linkname]).append(name)
    for file_path, names in groups.items():
        first = min(names)
        if first != file_path:
            out[first] = dataclasses.replace(out[file_path], path=first)
        for name in names:
            if name != first:
                out[name] = dataclasses.replace(out[file_path] if name == file_path else out[name], path=name,
                                                type="hardlink", linkname=first, size=0, source=None)
    return list(out.values())


# ---------------------------------------------------------------- the confined tree


class _Tree:
    """A directory tree reached only through directory file descriptors (see the module docstring)."""

    def __init__(self, root: str, where: str) -> None:
        self.root_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        self.where = where
        self.root_user = os.geteuid() == 0
        self._cache: dict[str, tuple[int, str]] = {}
        self._stale: list[int] = []
        self.opened: dict[str, int] = {}  # real dir -> original mode, for dirs we had to open up

    def close(self) -> None:
        self.forget()
        self.release()
        os.close(self.root_fd)

    def forget(self) -> None:
        """Something that was a directory or a symlink changed: resolve parents afresh."""
        self._stale.extend(fd for fd, _ in self._cache.values())
        self._cache.clear()

    def release(self) -> None:
        for fd in self._stale:
            os.close(fd)
        self._stale.clear()

    def _open_dir(self, parent: int, name: str, real: str) -> int:
        try:
            return os.open(name, _DIR, dir_fd=parent)
        except PermissionError:
            if self.root_user:
                raise
            mode = stat.S_IMODE(os.lstat(name, dir_fd=parent).st_mode)
            os.chmod(name, mode | 0o700, dir_fd=parent)  # ours: a directory an earlier layer closed
            self.opened.setdefault(real, mode)
            return os.open(name, _DIR, dir_fd=parent)

    def writable(self, fd: int, real: str) -> None:
        """Without root, a 0555 directory of an earlier layer must be opened up to change it."""
        if self.root_user:
            return
        mode = stat.S_IMODE(os.fstat(fd).st_mode)
        if mode & 0o300 != 0o300:
            os.fchmod(fd, mode | 0o700)
            self.opened.setdefault(real, mode)

    def _mkdir(self, parent: int, parent_real: str, name: str) -> None:
        self.writable(parent, parent_real)
        os.mkdir(name, 0o755, dir_fd=parent)

    def directory(self, rel: str, *, create: bool, follow: bool = True, name: str = "") -> tuple[int, str] | None:
        """``(fd, real relative path)`` of directory ``rel`` resolved inside the root; ``None`` when
        it is missing (or, with ``follow=False``, passes through a symlink). ``create`` makes
        missing parents (0755) and replaces non-directories on the way, as a tar unpack does."""
        if not rel:
            return self.root_fd, ""
        hit = self._cache.get(rel)
        if hit is not None:
            return hit
        head, _, last = rel.rpartition("/")
        start = self._cache.get(head) if head else (self.root_fd, "")
        if start is not None and last not in ("", ".", ".."):
            fd, real = start
            try:
                st = os.lstat(last, dir_fd=fd)
            except FileNotFoundError:
                st = None
            if st is not None and stat.S_ISDIR(st.st_mode):
                child_real = f"{real}/{last}" if real else last
                found = (self._open_dir(fd, last, child_real), child_real)
                self._remember(rel, found)
                return found
        found = self._walk(rel.split("/"), create, follow, name or rel)
        if found is not None:
            self._remember(rel, found)
        return found

    def _remember(self, rel: str, found: tuple[int, str]) -> None:
        if found[0] == self.root_fd:
            return
        if len(self._cache) >= 512:
            self.forget()
        self._cache[rel] = found

    def _walk(self, parts: list[str], create: bool, follow: bool, name: str) -> tuple[int, str] | None:
        stack: list[tuple[int, str]] = []  # the real directories below the root, opened
        todo, hops = list(parts), 0
        try:
            while todo:
                part = todo.pop(0)
                if part in ("", "."):
                    continue
                if part == "..":
                    if stack:
                        os.close(stack.pop()[0])
                    continue
                cur, real = stack[-1] if stack else (self.root_fd, "")
                child_real = f"{real}/{part}" if real else part
                try:
                    st = os.lstat(part, dir_fd=cur)
                except FileNotFoundError:
                    if not create:
                        return None
                    self._mkdir(cur, real, part)
                    st = os.lstat(part, dir_fd=cur)
                if stat.S_ISLNK(st.st_mode):
                    if not follow:
                        return None
                    hops += 1
                    if hops > MAX_LINK_HOPS:
                        raise InvalidImage("tar.too_many_links", where=self.where, name=name)
                    target = os.readlink(part, dir_fd=cur)
                    if target.startswith("/"):
                        for fd, _ in stack:
                            os.close(fd)
                        stack = []
                    todo[:0] = target.split("/")
                    continue
                if not stat.S_ISDIR(st.st_mode):
                    if not create:
                        return None
                    self.writable(cur, real)
                    os.unlink(part, dir_fd=cur)
                    os.mkdir(part, 0o755, dir_fd=cur)
                stack.append((self._open_dir(cur, part, child_real), child_real))
            if not stack:
                return self.root_fd, ""
            found = stack.pop()
            return found
        finally:
            for fd, _ in stack:
                os.close(fd)

    def remove(self, parent: int, parent_real: str, name: str) -> bool:
        """Delete ``name`` in ``parent`` (a whole tree for a directory); True if it was there."""
        try:
            st = os.lstat(name, dir_fd=parent)
        except FileNotFoundError:
            return False
        self.writable(parent, parent_real)
        if stat.S_ISDIR(st.st_mode):
            self.forget()
            remove_tree(f"/proc/self/fd/{parent}/{name}")  # the fd's own directory: no path lookup above it
        else:
            if stat.S_ISLNK(st.st_mode):
                self.forget()
            os.unlink(name, dir_fd=parent)
        return True


class _Unpacker:
    """Apply layers to ``root`` through a :class:`_Tree` (see the module docstring)."""

    def __init__(self, root: Path, *, same_owner: bool | None = None, whiteouts: bool = True,
                 limits: Limits | None = None) -> None:
        self.root = os.path.realpath(root)
        self.whiteouts = whiteouts
        self.same_owner = os.geteuid() == 0 if same_owner is None else same_owner
        self.limits = limits
        self.dirs: dict[str, tuple[int, int]] = {}  # real dir path -> (mode, mtime), applied at the end
        self.skipped: list[str] = []
        self._skipped: set[str] = set()
        self.tree = _Tree(self.root, "layer")

    def close(self) -> None:
        self.tree.close()

    def apply(self, stream: BinaryIO, where: str) -> None:
        tree = self.tree
        tree.where = where
        reader = TarReader(open_tar_stream(stream, where), where, limits=self.limits)
        written: set[str] = set()
        opaques: list[str] = []
        for header, path in iter_members(reader, whiteouts=self.whiteouts):
            tree.release()
            kind, target = whiteout_of(path, where) if self.whiteouts else (None, None)
            try:
                if kind == "opaque":
                    opaques.append(target or "")
                elif kind == "whiteout":
                    self._whiteout(target or "", written)
                elif kind is None:
                    parent, name = posixpath.split(path)
                    found = tree.directory(parent, create=True, name=path)
                    assert found is not None
                    fd, real = found
                    written.add(f"{real}/{name}" if real else name)
                    self._write(fd, real, name, header, path, reader)
            except DockerlabError:
                raise
            except (OSError, ValueError, OverflowError) as exc:
                raise InvalidImage("tar.cannot_unpack", where=where, name=path,
                                   error=getattr(exc, "strerror", None) or exc) from None
        reader.drain()
        if opaques:
            keep: set[str] = set()
            for kept in written:
                while kept and kept not in keep:
                    keep.add(kept)
                    kept = posixpath.dirname(kept)
            for directory in opaques:
                found = tree.directory(directory, create=False)
                if found is not None:
                    self._clear_except(found[0], found[1], keep)
        tree.release()

    def _whiteout(self, target: str, written: set[str]) -> None:
        parent, name = posixpath.split(target)
        found = self.tree.directory(parent, create=False)
        if found is None:
            return
        fd, real = found
        victim = f"{real}/{name}" if real else name
        if victim in written:  # a whiteout hides the layers below, never its own layer's files
            return
        if self.tree.remove(fd, real, name):
            self._forget_below(victim)

    def _forget_below(self, real: str) -> None:
        prefix = real + "/"
        for path in [p for p in self.dirs if p == real or p.startswith(prefix)]:
            del self.dirs[path]

    def _clear_except(self, fd: int, real: str, keep: set[str]) -> None:
        with os.scandir(fd) as it:
            children = [(e.name, e.is_dir(follow_symlinks=False)) for e in it]
        for name, is_dir in children:
            full = f"{real}/{name}" if real else name
            if full not in keep:
                if self.tree.remove(fd, real, name):
                    self._forget_below(full)
            elif is_dir:
                child = os.open(name, _DIR, dir_fd=fd)
                try:
                    self._clear_except(child, full, keep)
                finally:
                    os.close(child)

    def _write(self, parent: int, parent_real: str, name: str, header: Header, path: str,
               reader: TarReader) -> None:
        tree = self.tree
        real = f"{parent_real}/{name}" if parent_real else name
        try:
            existing = os.lstat(name, dir_fd=parent)
        except FileNotFoundError:
            existing = None
        kind = header.type
        if kind == "dir":
            if existing is None or not stat.S_ISDIR(existing.st_mode):
                if existing is not None:
                    tree.remove(parent, parent_real, name)
                tree.writable(parent, parent_real)
                os.mkdir(name, 0o700, dir_fd=parent)
            self._own(parent, name, header)
            self.dirs[real] = (header.mode, header.mtime)
            return
        if kind in ("char", "block"):  # the path is now a device: what was there goes, nothing is made
            if existing is not None:
                tree.remove(parent, parent_real, name)
                self._forget_below(real)
            self.skipped.append(path)
            self._skipped.add(path)
            return
        if kind == "hardlink":
            source = self._link_source(header, path)
            if source is None:
                return
        if existing is not None:
            tree.remove(parent, parent_real, name)
            self._forget_below(real)
        tree.writable(parent, parent_real)
        if kind == "file":
            fd = os.open(name, _NEW_FILE, 0o600, dir_fd=parent)
            with open(fd, "wb", buffering=0, closefd=True) as out:
                for chunk in reader.chunks():
                    out.write(chunk)
                if self.same_owner:
                    with contextlib.suppress(PermissionError):
                        os.fchown(out.fileno(), header.uid, header.gid)
                os.fchmod(out.fileno(), header.mode)
                with contextlib.suppress(OSError, OverflowError, ValueError):
                    os.utime(out.fileno(), (header.mtime, header.mtime))
            return
        if kind == "symlink":
            os.symlink(header.linkname, name, dir_fd=parent)
        elif kind == "hardlink":
            source_fd, source_name = source  # type: ignore[misc]
            os.link(source_name, name, src_dir_fd=source_fd, dst_dir_fd=parent, follow_symlinks=False)
            return
        elif kind == "fifo":
            os.mkfifo(name, header.mode & 0o777, dir_fd=parent)
        self._own(parent, name, header)
        if kind != "symlink":
            os.chmod(name, header.mode, dir_fd=parent)
        with contextlib.suppress(OSError, OverflowError, ValueError, NotImplementedError):
            os.utime(name, (header.mtime, header.mtime), dir_fd=parent, follow_symlinks=False)

    def _link_source(self, header: Header, path: str) -> tuple[int, str] | None:
        where = self.tree.where
        target = clean_path(header.linkname)
        if target is None:
            raise InvalidImage("tar.unsafe_path", where=where, name=f"{path} -> {header.linkname}")
        if target == path:
            raise InvalidImage("tar.bad_hardlink", where=where, name=path, target=header.linkname)
        if target in self._skipped:  # a link to a device node that was not made
            self.skipped.append(path)
            return None
        t_parent, t_name = posixpath.split(target)
        found = self.tree.directory(t_parent, create=False) if t_name else None
        st = None
        if found is not None:
            with contextlib.suppress(FileNotFoundError):
                st = os.lstat(t_name, dir_fd=found[0])
        if found is None or st is None or stat.S_ISDIR(st.st_mode):
            raise InvalidImage("tar.bad_hardlink", where=where, name=path, target=header.linkname)
        return found[0], t_name

    def _own(self, parent: int, name: str, header: Header) -> None:
        if self.same_owner:
            with contextlib.suppress(PermissionError):
                os.chown(name, header.uid, header.gid, dir_fd=parent, follow_symlinks=False)

    def finish(self) -> None:
        """Directory modes and times, deepest first, each reached again through the confined
        walk (never following a symlink a later entry put on the way)."""
        tree = self.tree
        tree.forget()
        todo = dict(tree.opened)
        todo.update({path: mode for path, (mode, _) in self.dirs.items()})
        for path in sorted(todo, key=lambda p: p.count("/"), reverse=True):
            parent, name = posixpath.split(path)
            found = tree.directory(parent, create=False, follow=False)
            if found is None:
                continue
            try:
                fd = os.open(name, _DIR, dir_fd=found[0])
            except OSError:  # gone, or no longer a directory
                continue
            try:
                os.fchmod(fd, todo[path])
                if path in self.dirs:
                    mtime = self.dirs[path][1]
                    with contextlib.suppress(OSError, OverflowError, ValueError):
                        os.utime(fd, (mtime, mtime))
            finally:
                os.close(fd)
            tree.release()
        tree.release()


def extract_layer(stream: BinaryIO, target: str | os.PathLike[str], *, where: str = "layer",
                  same_owner: bool | None = None, whiteouts: bool = True) -> list[str]:
    """Apply one layer tar (plain or compressed) on top of ``target``; return the paths skipped.

    Whiteouts delete from what is already there (``whiteouts=False`` for a plain tar, as
    ``ADD archive.tar`` unpacks it: ``.wh.`` files are then ordinary files). ``same_owner``
    (default: when root) sets the entries' uid/gid. Device nodes are skipped (see above).
    """
    return unpack_streams([(stream, where)], target, same_owner=same_owner, whiteouts=whiteouts)


def unpack_streams(streams: Iterable[tuple[BinaryIO, str]], target: str | os.PathLike[str], *,
                   same_owner: bool | None = None, whiteouts: bool = True) -> list[str]:
    """Apply several ``(stream, where)`` layers in order (base first) on ``target``."""
    Path(target).mkdir(parents=True, exist_ok=True)
    unpacker = _Unpacker(Path(target), same_owner=same_owner, whiteouts=whiteouts)
    try:
        for stream, where in streams:
            unpacker.apply(stream, where)
        unpacker.finish()
    finally:
        unpacker.close()
    return unpacker.skipped


def unpack_layers(layers: Iterable["object"], target: str | os.PathLike[str], *,
                  same_owner: bool | None = None) -> list[str]:
    """Unpack model ``Layer`` objects (base first) into ``target``: the image's root filesystem."""

    def streams() -> Iterator[tuple[BinaryIO, str]]:
        for layer in layers:
            with layer.open() as f:  # type: ignore[attr-defined]
                yield f, f"layer {layer.digest}"  # type: ignore[attr-defined]

    return unpack_streams(streams(), target, same_owner=same_owner)
