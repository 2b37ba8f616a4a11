"""Tar entries as the model sees them: paths, types, the one whiteout rule, limits; the messages.

Every reader of layer tars in the package (extraction, listing, the builder's file-system view,
inspection) decodes names with :func:`clean_path` and whiteouts with :func:`whiteout_of`, so a
name means the same everywhere.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InvalidImage


WHITEOUT_PREFIX = ".wh."
OPAQUE = ".wh..wh..opq"
META_PREFIX = ".wh..wh."  # aufs metadata (.wh..wh.plnk …): never a file, skipped (as moby does)
TYPES = ("file", "dir", "symlink", "hardlink", "char", "block", "fifo")
MAX_LINK_HOPS = 40
NAME_MAX = 255  # bytes per path component (Linux)
PATH_MAX = 4096  # bytes per path (Linux)


def _size_from_env(variable: str, default: int) -> int:
    text = os.environ.get(variable, "").strip().lower()
    if not text:
        return default
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
    scale = 1
    text = text.removesuffix("ib").removesuffix("b")
    if text and text[-1] in units:
        scale, text = units[text[-1]], text[:-1]
    try:
        return max(0, int(float(text) * scale))
    except ValueError:
        return default


def human(size: int) -> str:
    for unit, scale in (("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:g} {unit}"
    return f"{size} B"


@dataclass(frozen=True)
class Limits:
    """How much one tar may hold before it is refused (a decompression bomb, a lying header).

    ``bytes``: uncompressed bytes read from one tar (``DOCKERLAB_MAX_LAYER_SIZE``, default 4 GiB);
    ``entries``: members of one tar (``DOCKERLAB_MAX_LAYER_ENTRIES``, default 1 000 000);
    ``header``: one PAX or GNU long-name header (1 MiB, far above any real name).
    """

    bytes: int = 4 << 30
    entries: int = 1_000_000
    header: int = 1 << 20
    variable: str = "DOCKERLAB_MAX_LAYER_SIZE"  # the one that sets ``bytes``

    SIZE_VARIABLE = "DOCKERLAB_MAX_LAYER_SIZE"
    ENTRIES_VARIABLE = "DOCKERLAB_MAX_LAYER_ENTRIES"
    ARCHIVE_VARIABLE = "DOCKERLAB_MAX_ARCHIVE_SIZE"

    @classmethod
    def from_env(cls) -> "Limits":
        return cls(_size_from_env(cls.SIZE_VARIABLE, 4 << 30), _size_from_env(cls.ENTRIES_VARIABLE, 1_000_000))

    @classmethod
    def for_archives(cls) -> "Limits":
        """An image archive (``docker save``) holds every layer: ``DOCKERLAB_MAX_ARCHIVE_SIZE``
        (default 32 GiB) bounds it instead."""
        return cls(_size_from_env(cls.ARCHIVE_VARIABLE, 32 << 30), _size_from_env(cls.ENTRIES_VARIABLE, 1_000_000),
                   variable=cls.ARCHIVE_VARIABLE)

    def too_big(self, where: str) -> InvalidImage:
        return InvalidImage("tar.too_big", where=where, limit=human(self.bytes), variable=self.variable,
                            suggestion=human(self.bytes * 4).replace(" ", "").removesuffix("iB"))

    def too_many(self, where: str) -> InvalidImage:
        return InvalidImage("tar.too_many", where=where, limit=self.entries, variable=self.ENTRIES_VARIABLE,
                            suggestion=self.entries * 4)


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
    inode: tuple[int, int] | None = field(default=None, compare=False, repr=False)  # hardlink groups
    stat_id: tuple[int, int] | None = field(default=None, compare=False, repr=False)  # (dev, ino) seen

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
        return self.name.startswith(WHITEOUT_PREFIX) and not self.name.startswith(META_PREFIX)

    @property
    def target(self) -> str | None:
        """The path a whiteout deletes (for opaque: the directory made opaque)."""
        kind, target = whiteout_of(self.path)
        return target if kind in ("whiteout", "opaque") else None


def whiteout_of(path: str, where: str = "layer") -> tuple[str | None, str | None]:
    """The one whiteout rule: ``(kind, target)`` for a clean relative ``path``.

    ``kind`` is ``None`` (an ordinary entry), ``"whiteout"`` (``target`` is deleted from the
    layers below), ``"opaque"`` (``target``, a directory, hides its lower content; ``""`` is the
    root) or ``"meta"`` (aufs metadata such as ``.wh..wh.plnk``: skipped). A whiteout of ``.``,
    ``..`` or the root (``.wh.``, ``.wh..``, ``.wh...``) is refused: it deletes nothing a layer may
    delete, and joined naively it names the root's parent.
    """
    parent, name = posixpath.split(path)
    if not name.startswith(WHITEOUT_PREFIX):
        return None, None
    if name == OPAQUE:
        return "opaque", parent
    if name.startswith(META_PREFIX):
        return "meta", None
    victim = name[len(WHITEOUT_PREFIX):]
    if victim in ("", ".", "..") or "/" in victim:
        raise InvalidImage("tar.bad_whiteout", where=where, name=path)
    return "whiteout", posixpath.join(parent, victim) if parent else victim


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


def check_name(name: str, where: str) -> None:
    """Refuse names no file system can hold: NUL bytes, components > 255 or paths > 4096 bytes."""
    if "\0" in name:
        raise InvalidImage("tar.bad_name", where=where, name=name[:120], problem="NUL")
    raw = os.fsencode(name)
    if len(raw) > PATH_MAX:
        raise InvalidImage("tar.bad_name", where=where, name=name[:120] + "…", problem=f"{len(raw)} > {PATH_MAX} byte")
    if len(raw) > NAME_MAX and any(len(part) > NAME_MAX for part in raw.split(b"/")):
        raise InvalidImage("tar.bad_name", where=where, name=name[:120] + "…", problem=f"> {NAME_MAX} byte")


# What Docker's overlay2 driver writes (moby archive_linux.go, read back from ``docker save``):
# a whiteout is an empty regular file, mode 0600, owned 0:0; an opaque marker is an empty regular
# file with its directory's permission bits (``mode & 0o777``) and owner.
WHITEOUT_MODE = 0o600


def whiteout(path: str) -> Entry:
    """An entry deleting ``path`` (relative) in the layers below (Docker's bytes: 0600, 0:0)."""
    parent, name = posixpath.split(path.strip("/"))
    return Entry(posixpath.join(parent, WHITEOUT_PREFIX + name), "file", WHITEOUT_MODE)


def opaque(directory: str, mode: int = 0o755, uid: int = 0, gid: int = 0) -> Entry:
    """An entry hiding the lower layers' content of ``directory`` (pass the directory's own
    ``mode``/``uid``/``gid``: Docker's marker carries them, without setuid/setgid/sticky bits)."""
    return Entry(posixpath.join(directory.strip("/"), OPAQUE), "file", mode & 0o777, uid, gid)
