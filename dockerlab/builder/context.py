"""The build context: which files a build may see, where COPY sources are, and their hashes.

The context is a directory filtered by ``.dockerignore`` (Docker's rules, see
:mod:`.dockerignore`). COPY/ADD sources are resolved as the legacy builder does: relative to the
context root, ``..`` may not leave it, a symlink given as a source is followed inside the context,
wildcards use Go ``filepath.Match`` against every context path. A source that is a FIFO, socket
or device is refused at its line (Docker's daemon blocks reading it); inside a copied folder a FIFO
is copied as a FIFO, as Docker does. Symlinks inside a copied folder are copied as symlinks,
never followed out of the context.

Content hashes (for the build cache) are sha256 of the bytes plus the permission bits, never the
mtime. They are remembered in a stat-keyed cache (device, inode, size, mtime and ctime in
nanoseconds): a file whose stat is unchanged has unchanged bytes, because every write updates
ctime, which no user call can set back. Entries younger than two seconds are not remembered
(git's "racy" rule), so a write within the clock's granularity cannot be missed.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildContextError
from .dockerignore import DockerIgnore, clean, has_wildcards, match
from .fsview import follow_links


HASH_CHUNK = 1 << 20
_RACY_SECONDS = 2.0


@dataclass(frozen=True)
class Entry:
    """One context path: ``rel`` is ``/``-separated relative to the context root (``"."`` = root)."""

    rel: str
    path: str  # absolute path on disk
    st: os.stat_result
    name: str = ""  # the name it was asked for, when that was a symlink to ``rel``

    @property
    def basename(self) -> str:
        """The file name a COPY gives it at the destination (a symlink's own name)."""
        return self.name or posixpath.basename(self.rel)

    @property
    def is_dir(self) -> bool:
        return stat.S_ISDIR(self.st.st_mode)

    @property
    def is_file(self) -> bool:
        return stat.S_ISREG(self.st.st_mode)

    @property
    def is_symlink(self) -> bool:
        return stat.S_ISLNK(self.st.st_mode)


class HashCache:
    """Persistent ``stat key -> sha256`` memory for context files (see the module docstring)."""

    LIMIT = 200_000  # entries kept on disk

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.data: dict[str, str] = {}
        self.used: set[str] = set()
        self.dirty = False
        if file is not None and file.is_file():
            try:
                self.data = json.loads(file.read_text())
            except (OSError, ValueError):
                self.data = {}

    @staticmethod
    def key(path: str, st: os.stat_result) -> str:
        return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{path}"

    def digest(self, path: str, st: os.stat_result) -> str:
        key = self.key(path, st)
        self.used.add(key)
        known = self.data.get(key)
        if known is not None:
            return known
        h = hashlib.sha256()
        with open(path, "rb") as f:
            while chunk := f.read(HASH_CHUNK):
                h.update(chunk)
        value = h.hexdigest()
        now = time.time()
        if now - st.st_mtime_ns / 1e9 > _RACY_SECONDS and now - st.st_ctime_ns / 1e9 > _RACY_SECONDS:
            self.data[key] = value
            self.dirty = True
        return value

    def prefetch(self, items: list[tuple[str, os.stat_result]]) -> None:
        """Hash the files not yet known, several at a time (hashlib and reads release the GIL)."""
        todo = [(p, st) for p, st in items if self.key(p, st) not in self.data]
        if len(todo) < 2:
            return
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
            # largest first, so one big file does not finish alone at the end
            list(pool.map(lambda item: self.digest(*item), sorted(todo, key=lambda i: -i[1].st_size)))

    def save(self) -> None:
        if not self.dirty or self.file is None:
            return
        if len(self.data) > self.LIMIT:  # forget entries of files not seen by this build first
            keep = {k: v for k, v in self.data.items() if k in self.used}
            for key, value in self.data.items():
                if len(keep) >= self.LIMIT:
                    break
                keep.setdefault(key, value)
            self.data = keep
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.data, sort_keys=True))
        os.replace(tmp, self.file)
        self.dirty = False


class BuildContext:
    """A context directory with its ``.dockerignore``; lists and hashes what COPY may read."""

    def __init__(self, root: str | Path, hash_cache: HashCache | None = None,
                 ignore: DockerIgnore | None = None) -> None:
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise BuildContextError("build.context.missing", path=str(root))
        self.ignore = DockerIgnore.read(self.root) if ignore is None else ignore
        self.hashes = hash_cache or HashCache(None)
        self._walk: list[Entry] | None = None
        # for COPY --from: the owners the source's layers record, path -> tarutil Entry (the
        # unpacked files' own owners are the unpacking user's without root)
        self.owners: dict | None = None

    def walk(self) -> list[Entry]:
        """Every included path, sorted, directories before their contents (root excluded)."""
        if self._walk is None:
            out: list[Entry] = []
            self._scan(str(self.root), "", out)
            self._walk = out
        return self._walk

    def _scan(self, directory: str, prefix: str, out: list[Entry]) -> None:
        try:
            with os.scandir(directory) as it:
                items = sorted(it, key=lambda d: d.name)
        except OSError:
            return
        ignore = self.ignore if self.ignore else None
        for item in items:
            rel = prefix + item.name
            try:
                st = item.stat(follow_symlinks=False)
            except OSError:
                continue
            skipped = ignore is not None and ignore.ignored(rel)
            if stat.S_ISDIR(st.st_mode):
                if skipped and not ignore.may_contain_exceptions(rel):
                    continue
                if not skipped:
                    out.append(Entry(rel, item.path, st))
                self._scan(item.path, rel + "/", out)
            elif not skipped:
                out.append(Entry(rel, item.path, st))

    def entry(self, rel: str) -> Entry | None:
        rel = clean(rel)
        if rel == ".":
            return Entry(".", str(self.root), os.lstat(self.root))
        if self.ignore.ignored(rel):
            return None
        path = os.path.join(self.root, rel)
        try:
            return Entry(rel, path, os.lstat(path))
        except OSError:
            return None

    def children(self, rel: str) -> list[Entry]:
        """Included paths below directory ``rel`` (recursively, sorted)."""
        rel = clean(rel)
        if rel == ".":
            return self.walk()
        prefix = rel + "/"
        return [e for e in self.walk() if e.rel.startswith(prefix)]

    def _follow(self, rel: str, *, line: int, keyword: str, source: str) -> str:
        """Resolve symlinks in ``rel`` inside the context (``FollowSymlinkInScope``)."""
        def link_of(parts: list[str]) -> str | None:
            candidate = self.root.joinpath(*parts)
            return os.readlink(candidate) if candidate.is_symlink() else None

        def outside() -> None:
            raise BuildContextError("build.context.outside", line=line, source=source,
                                    context=str(self.root), keyword=keyword)

        return follow_links(rel, link_of, outside) or "."

    def sources(self, source: str, *, line: int, keyword: str) -> list[Entry]:
        """The context entries one COPY/ADD source names (a wildcard may name several)."""
        text = source[1:] if source.startswith("/") else source
        normal = posixpath.normpath(text) if text else "."
        if normal == ".." or normal.startswith("../"):
            raise BuildContextError("build.context.outside", line=line, source=source,
                                    context=str(self.root), keyword=keyword)
        if has_wildcards(normal):
            # a wildcard may match nothing (Docker: fine while another source names something;
            # the caller refuses a step left with no source at all)
            names = [e.rel for e in self.walk() if match(normal, e.rel)]
        else:
            names = [normal]
        found = []
        for name in names:  # a source that is a symlink is followed inside the context (Docker)
            rel = self._follow(name, line=line, keyword=keyword, source=source)
            entry = self.entry(rel)
            if entry is None:
                raise BuildContextError("build.context.not_found", line=line, source=source,
                                        context=str(self.root), keyword=keyword)
            if rel != name and name != ".":
                entry = Entry(entry.rel, entry.path, entry.st, posixpath.basename(name))
            if not (entry.is_file or entry.is_dir or entry.is_symlink):
                raise BuildContextError("build.context.special", line=line, source=source, keyword=keyword,
                                        kind=stat.filemode(entry.st.st_mode))
            found.append(entry)
        return found

    def digest(self, entry: Entry) -> str:
        """sha256 of a regular file's bytes (through the stat-keyed cache)."""
        return self.hashes.digest(entry.path, entry.st)
