"""Tar entries as the model sees them: paths, types, whiteouts; the messages of the package."""

from __future__ import annotations

import posixpath
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import messages

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

