"""COPY and ADD: which entries the new layer holds, and the content key the cache compares.

The legacy builder's rules: sources are relative to the context (or, with ``--from``, to the root
of another stage or image); a directory source copies its *contents*; with several sources the
destination must end with ``/``; a file copied to a destination that ends with ``/`` or is an
existing directory in the image lands inside it, otherwise it *is* the destination; a relative
destination is relative to WORKDIR; parent directories that do not exist are created 0755 (owned
like ``--chown``); ADD unpacks local tar archives (plain, gzip, bzip2, xz) and downloads URLs.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import stat
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from .. import tarutil
from ..errors import BuildContextError, BuildError, DockerfileError, DockerlabError, InvalidImage
from ..executor.rootfs import lookup_id
from ..tarutil import Entry
from .context import BuildContext
from .dockerignore import clean
from .fsview import FsView

URL_TIMEOUT = 20.0


@dataclass(frozen=True)
class CopyPlan:
    entries: tuple[Entry, ...]
    source_label: str  # "file:<hex>" | "dir:<hex>" | "multi:<hex>" for history
    temp: tuple[Path, ...] = ()  # temporary files/dirs to remove after the layer is written


def parse_chmod(inst, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        mode = int(value, 8)
    except ValueError:
        raise DockerfileError("build.copy.bad_chmod", line=inst.line, value=value) from None
    if mode > 0o7777:
        raise DockerfileError("build.copy.bad_chmod", line=inst.line, value=value)
    return mode


def parse_chown(inst, value: str | None, rootfs: Path | None) -> tuple[int, int] | None:
    """Docker's ``--chown``: ``user[:group]``; a lone user is also used as the group."""
    if value is None:
        return None
    parts = value.split(":")
    if len(parts) > 2 or not parts[0]:
        raise DockerfileError("build.copy.bad_chown", line=inst.line, value=value, detail="format")
    user, group = parts[0], parts[1] if len(parts) == 2 else parts[0]

    def lookup(spec: str, table: str) -> int:
        if spec.isdigit():
            return int(spec)
        found = None if rootfs is None else lookup_id(rootfs, table, spec)
        if found is not None:
            return found
        raise DockerfileError("build.copy.bad_chown", line=inst.line, value=value,
                              detail=f"{spec!r} ∉ {table}")

    return lookup(user, "/etc/passwd"), lookup(group, "/etc/group")


def _is_archive(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(6)
    except OSError:
        return False
    if head[:2] == b"\x1f\x8b" or head[:3] == b"BZh" or head == b"\xfd7zXZ\x00":
        return True
    return tarfile_is_tar(path)


def tarfile_is_tar(path: Path) -> bool:
    """Whether ``path`` starts with a tar member (read by the package's one tar reader)."""
    try:
        with open(path, "rb") as f:
            return next(iter(tarutil.TarReader(f, str(path))), None) is not None
    except (DockerlabError, OSError):
        return False


def download(inst, url: str) -> Path:
    """Fetch ``url`` into a temporary file; a clear :class:`BuildError` when offline."""
    fd, name = tempfile.mkstemp(prefix="dockerlab-add-")
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=URL_TIMEOUT) as resp:
            while chunk := resp.read(1 << 20):
                out.write(chunk)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        os.unlink(name)
        reason = getattr(exc, "reason", exc)
        raise BuildError("build.copy.offline", line=inst.line, url=url, error=reason) from None
    return Path(name)


class Planner:
    """Turns one COPY/ADD into layer entries against the stage's filesystem view."""

    def __init__(self, inst, fs: FsView, workdir: str, owner: tuple[int, int] | None,
                 mode: int | None) -> None:
        self.inst = inst
        self.fs = fs
        self.workdir = workdir or "/"
        self.uid, self.gid = owner if owner is not None else (0, 0)
        self.chown = owner is not None
        self.mode = mode
        self.out: dict[str, Entry] = {}
        # history labels, computed at finish(): file hashes may still be in the making while the
        # layer is planned and written (see steps.StepRunner._copy)
        self.labels: list[Callable[[], str]] = []
        self.temp: list[Path] = []
        self.source_owners: dict | None = None  # COPY --from: path -> Entry of the source's layers

    def destination(self, dest: str) -> tuple[str, bool]:
        """(absolute dest, must be a directory)."""
        as_dir = dest.endswith("/") or dest.endswith("/.") or dest in (".", "")
        if not dest.startswith("/"):
            dest = posixpath.join(self.workdir, dest)
        return clean(dest), as_dir

    def _target(self, dest: str) -> str:
        """Relative layer path for absolute ``dest``, symlinks in its parents resolved."""
        parent, name = posixpath.split(dest)
        base = self.fs.resolve(parent)
        return posixpath.join(base, name) if base else name

    def _add(self, entry: Entry, parents_owner: tuple[int, int] | None = None) -> None:
        uid, gid = parents_owner or (self.uid, self.gid)
        for parent in self.fs.parents(entry.path, uid, gid):
            self.out.setdefault(parent.path, parent)
        self.out[entry.path] = entry

    def _owner(self, st_uid: int = 0, st_gid: int = 0, keep: bool = False, rel: str | None = None) -> tuple[int, int]:
        if self.chown:
            return self.uid, self.gid
        if rel is not None and self.source_owners is not None:  # COPY --from keeps uid:gid (Docker)
            found = self.source_owners.get(rel)
            if found is not None:
                return found.uid, found.gid
        return (st_uid, st_gid) if keep else (0, 0)

    def add_file(self, target: str, path: Path | str, st: os.stat_result,
                 keep_owner: bool = False, mode: int | None = None, rel: str | None = None) -> None:
        uid, gid = self._owner(st.st_uid, st.st_gid, keep_owner, rel)
        bits = self.mode if self.mode is not None else (mode if mode is not None else stat.S_IMODE(st.st_mode))
        self._add(Entry(target, "file", bits, uid, gid, size=st.st_size, source=path))

    def add_tree(self, context: BuildContext, rel: str, target: str) -> Callable[[], str]:
        """Copy the contents of context directory ``rel`` into ``target``; returns its label."""
        uid, gid = self._owner()
        bits = self.mode if self.mode is not None else 0o755
        existing = self.fs.entries.get(target)
        if existing is not None and existing.type == "dir":
            # copying into an existing directory leaves the directory itself as it was (dockerd)
            uid, gid, bits = existing.uid, existing.gid, existing.mode
        if target:
            self._add(Entry(target, "dir", bits, uid, gid))
        parts: list[Callable[[], str] | str] = [f"{target}:d:{bits:o}:{uid}:{gid}"]
        prefix = "" if rel == "." else rel + "/"
        for child in context.children(rel):
            sub = child.rel[len(prefix):]
            path = posixpath.join(target, sub) if target else sub
            parts.append(self._child(context, child, path))

        def label() -> str:
            text = "\n".join(p if isinstance(p, str) else p() for p in parts)
            return "dir:" + hashlib.sha256(text.encode()).hexdigest()

        return label

    def _child(self, context: BuildContext, child, path: str) -> Callable[[], str] | str:
        uid, gid = self._owner(rel=child.rel)
        bits = self.mode if self.mode is not None else stat.S_IMODE(child.st.st_mode)
        if child.is_dir:
            self.out[path] = Entry(path, "dir", bits, uid, gid)
            return f"{path}:d:{bits:o}:{uid}:{gid}"
        if child.is_symlink:
            link = os.readlink(child.path)
            self.out[path] = Entry(path, "symlink", 0o777, uid, gid, linkname=link)
            return f"{path}:l:{uid}:{gid}:{link}"
        if child.is_file:
            self.out[path] = Entry(path, "file", bits, uid, gid, size=child.st.st_size, source=child.path)
            return lambda: f"{path}:f:{bits:o}:{uid}:{gid}:{context.digest(child)}"
        if stat.S_ISFIFO(child.st.st_mode):  # Docker copies a FIFO inside a folder as a FIFO
            self.out[path] = Entry(path, "fifo", bits, uid, gid)
            return f"{path}:p:{bits:o}:{uid}:{gid}"
        return f"{path}:skip"

    def add_archive(self, archive: Path | str, target: str) -> None:
        """ADD's tar extraction: the archive's entries land below ``target`` (owners kept).

        ``--chown`` does not apply, as in Docker's legacy builder (moby ``builder/dockerfile``
        ``performCopyForInfo`` untars with ``archiver.UntarPath``, no identity): the entries keep
        the archive's owners and the directories made on the way (the destination too) are root's.
        """
        tmp = Path(tempfile.mkdtemp(prefix="dockerlab-add-"))
        self.temp.append(tmp)
        try:  # the one tar reader; file contents spooled, nothing of the archive unpacked as a tree
            with open(archive, "rb") as f:
                listed = tarutil.spool_archive(f, tmp, where=str(archive))
        except InvalidImage as exc:
            raise BuildError("build.add.bad_archive", line=self.inst.line, detail=str(exc)) from None
        root = (0, 0)
        if target:  # an existing directory keeps its metadata, a new one is 0755 root's
            self._add(self.fs.parents(posixpath.join(target, "-"))[-1], parents_owner=root)
        for item in listed:  # a plain tar: ".wh." names are ordinary files here, as in Docker's Untar
            path = posixpath.join(target, item.path) if target else item.path
            bits = self.mode if self.mode is not None else item.mode
            link = item.linkname
            if item.type == "hardlink":  # an archive path: the same file below the target
                link = posixpath.join(target, link) if target else link
            self._add(Entry(path, item.type, bits, item.uid, item.gid, size=item.size, linkname=link,
                            source=item.source, devmajor=item.devmajor, devminor=item.devminor), parents_owner=root)

    def finish(self) -> CopyPlan:
        labels = [label() for label in self.labels]
        if len(labels) == 1:
            label = labels[0]
        else:
            label = "multi:" + hashlib.sha256("\n".join(labels).encode()).hexdigest()
        entries = tuple(sorted(self.out.values(), key=lambda e: e.path))
        return CopyPlan(entries, label, tuple(self.temp))

    def entries(self) -> list[Entry]:
        return sorted(self.out.values(), key=lambda e: e.path)


def plan(inst, keyword: str, sources: list[str], dest: str, *, context: BuildContext, fs: FsView,
         workdir: str, owner: tuple[int, int] | None, mode: int | None, from_context: bool,
         contents: Sequence[tuple[str, bytes]] = ()) -> Planner:
    """Plan one COPY/ADD layer (``sources``/``dest`` already expanded): ``.entries()`` to write,
    then ``.finish()`` for the history label. Planning itself hashes no file. ``contents`` are
    heredoc sources (``COPY <<EOF /dest``): files named like the heredoc, mode 0644 as in BuildKit
    (unless ``--chmod``), never unpacked by ADD."""
    planner = Planner(inst, fs, workdir, owner, mode)
    planner.source_owners = None if from_context else context.owners
    absolute, as_dir = planner.destination(dest)
    resolved: list[tuple[str, object]] = []  # ("url", url) | ("entry", Entry)
    for source in sources:
        if keyword == "ADD" and urllib.parse.urlsplit(source).scheme in ("http", "https"):
            resolved.append(("url", source))
        else:
            resolved.extend(("entry", e) for e in context.sources(source, line=inst.line, keyword=keyword))
    if not resolved and not contents:  # every source a wildcard that matched nothing
        raise BuildContextError("build.copy.no_sources", line=inst.line, keyword=keyword,
                                sources=" ".join(sources))
    if len(resolved) + len(contents) > 1 and not as_dir:
        raise DockerfileError("build.copy.multi_dest", line=inst.line, keyword=keyword, dest=dest)
    into_dir = as_dir or fs.is_dir(absolute)
    for name, data in contents:
        fd, temp = tempfile.mkstemp(prefix="dockerlab-heredoc-")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        planner.temp.append(Path(temp))
        base = posixpath.basename(name.rstrip("/"))
        base = base if base not in ("", ".", "..") else "heredoc"
        target = planner._target(posixpath.join(absolute, base) if into_dir else absolute)
        planner.add_file(target, temp, os.stat(temp), mode=0o644)
        digest = hashlib.sha256(data).hexdigest()
        planner.labels.append(lambda digest=digest: "file:" + digest)
    for kind, item in resolved:
        if kind == "url":
            url = str(item)
            path = download(inst, url)
            planner.temp.append(path)
            name = posixpath.basename(urllib.parse.urlsplit(url).path) or "download"
            target = planner._target(posixpath.join(absolute, name) if into_dir else absolute)
            st = os.stat(path)
            digest = _sha256(path)
            planner.add_file(target, path, st, mode=0o600)
            planner.labels.append(lambda digest=digest: "file:" + digest)
            continue
        entry = item
        if entry.is_dir:
            target = fs.resolve(absolute)
            planner.labels.append(planner.add_tree(context, entry.rel, target))
        elif keyword == "ADD" and from_context and entry.is_file and _is_archive(entry.path):
            target = fs.resolve(absolute)
            planner.labels.append(lambda entry=entry: "file:" + context.digest(entry))
            planner.add_archive(entry.path, target)
        else:
            name = entry.basename
            target = planner._target(posixpath.join(absolute, name) if into_dir else absolute)
            if entry.is_symlink:
                link = os.readlink(entry.path)
                uid, gid = planner._owner(rel=entry.rel)
                planner._add(Entry(target, "symlink", 0o777, uid, gid, linkname=link))
                planner.labels.append(lambda link=link: "file:" + hashlib.sha256(link.encode()).hexdigest())
            else:
                planner.add_file(target, entry.path, entry.st, rel=entry.rel)
                planner.labels.append(lambda entry=entry: "file:" + context.digest(entry))
    return planner


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()
