"""What a stage's filesystem holds, from layer tar headers only (no unpacking).

COPY needs to know whether its destination already exists as a directory (``COPY f /tmp`` copies
*into* ``/tmp``), which parent directories exist (they are written into the layer with their own
metadata, as Docker's copy-up does) and where symlinks in the destination path lead. WORKDIR needs
to know whether it creates a directory (only then is there a layer). Reading headers is cheap:
local layers are uncompressed and ``tarfile`` skips file content.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .. import tarutil
from ..tarutil import Entry

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Store

_MAX_HOPS = 40


def follow_links(path: str, link_of: Callable[[list[str]], str | None],
                 on_escape: Callable[[], None] | None = None) -> str:
    """``path`` with every symlink in it followed, the last component too (Docker's
    ``FollowSymlinkInScope``), as a relative path ("" is the root). ``link_of(parts)`` is the
    target of the symlink at ``parts`` or None; an absolute target restarts at the root. A ".."
    above the root calls ``on_escape`` (which may raise), else stays at the root. The one walk
    for an image's file system (:class:`FsView`) and a build context."""
    def split(text: str) -> list[str]:
        return [p for p in text.split("/") if p not in ("", ".")]

    parts, done, hops = split(path), [], 0
    while parts:
        part = parts.pop(0)
        if part == "..":
            if done:
                done.pop()
            elif on_escape is not None:
                on_escape()
            continue
        target = link_of(done + [part]) if hops < _MAX_HOPS else None
        if target is not None:
            hops += 1
            if target.startswith("/"):
                done = []
            parts = split(target) + parts
            continue
        done.append(part)
    return "/".join(done)


class FsView:
    """``path -> Entry`` for every path in the merged filesystem (paths relative, no ``/``)."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}

    def copy(self) -> "FsView":
        view = FsView()
        view.entries = dict(self.entries)
        return view

    @classmethod
    def from_layers(cls, store: "Store", layers: Iterable) -> "FsView":
        """The view of ``layers`` (descriptors, base first) read from ``store``."""
        view = cls()
        for layer in layers:
            view.apply(_headers(store, layer))
        return view

    def apply(self, entries: Iterable[Entry]) -> None:
        """Apply one layer's entries on top (whiteouts delete, opaque markers empty a directory)."""
        for entry in entries:
            if entry.opaque:
                self._remove_below(entry.target or "")
            elif entry.whiteout:
                target = entry.target or ""
                self.entries.pop(target, None)
                self._remove_below(target)
            else:
                old = self.entries.get(entry.path)
                if old is not None and old.type == "dir" and entry.type != "dir":
                    self._remove_below(entry.path)
                self.entries[entry.path] = entry

    def _remove_below(self, directory: str) -> None:
        prefix = directory + "/" if directory else ""
        for path in [p for p in self.entries if p.startswith(prefix)]:
            del self.entries[path]

    def resolve(self, path: str) -> str:
        """``path`` (absolute or relative) with symlinks in it followed inside the image's root.

        The last component is followed too (Docker copies *through* a symlink to a directory).
        Returns a relative path ("" is the root).
        """
        def link_of(parts: list[str]) -> str | None:
            entry = self.entries.get("/".join(parts))
            return entry.linkname if entry is not None and entry.type == "symlink" else None

        return follow_links(path, link_of)  # ".." above the root stays at the root

    def get(self, path: str) -> Entry | None:
        """The entry at ``path`` after resolving symlinks (``None``: nothing there)."""
        rel = self.resolve(path)
        if rel == "":
            return Entry("", "dir", 0o755)
        return self.entries.get(rel)

    def is_dir(self, path: str) -> bool:
        entry = self.get(path)
        return entry is not None and entry.type == "dir"

    def parents(self, rel: str, uid: int = 0, gid: int = 0) -> list[Entry]:
        """Directory entries for every parent of relative ``rel`` (existing metadata or new 0755)."""
        out: list[Entry] = []
        parent = posixpath.dirname(rel)
        chain: list[str] = []
        while parent:
            chain.append(parent)
            parent = posixpath.dirname(parent)
        for directory in reversed(chain):
            existing = self.entries.get(directory)
            if existing is not None and existing.type == "dir":
                out.append(Entry(directory, "dir", existing.mode, existing.uid, existing.gid))
            else:
                out.append(Entry(directory, "dir", 0o755, uid, gid))
        return out


def _headers(store: "Store", layer) -> Iterator[Entry]:
    """A layer's entries, through the package's one tar reader. An uncompressed local blob is
    read with seeking over file contents instead of reading (and hashing) a large layer just for
    its names; the store verified the blob when it was written, and a blob changed since is found
    when the image is committed (:meth:`~dockerlab.store.Store.write` checks what it reuses)."""
    where = f"layer {layer.digest}"
    path = store.blob_path(layer.digest)
    if layer.media_type.endswith(".tar"):
        try:
            stream = open(path, "rb")
        except OSError:
            stream = None
        if stream is not None:
            with stream:
                yield from tarutil.list_layer(stream, where=where, seekable=True)
            return
    with store.open_blob(layer.digest) as stream:
        yield from tarutil.list_layer(stream, where=where)
