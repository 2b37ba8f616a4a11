"""What one layer contains: its tar entries as :class:`Entry` records, with whiteouts decoded.

Reads the uncompressed layer stream in one pass through the package's one tar reader
(:class:`dockerlab.tarutil.TarReader`, hand-written because stdlib ``tarfile`` costs ~60 µs per
entry, too slow for the 50 000-file target, and bounded so a hostile layer cannot hang a listing)
and keeps only headers (plus, on request, a sha256 of each regular file's bytes, so diffs can tell
equal-sized files apart). ``tarfile`` is the fallback for what that reader refuses to unpack (GNU
sparse files): such a layer can still be looked at, never unpacked.
Listings are memoised by ``diff_id``: a layer is content-addressed, so the same diff_id always
lists the same entries, on either engine.

Whiteouts follow the OCI image spec: ``dir/.wh.name`` deletes ``dir/name`` from the layers below,
``dir/.wh..wh..opq`` makes ``dir`` opaque (everything below it from lower layers is hidden).
"""

from __future__ import annotations

import hashlib
import io
import os
import posixpath
import tarfile
import threading
from collections import OrderedDict
from typing import IO, Any, Iterable, NamedTuple

from ..errors import DockerlabError, InvalidImage
from ..tarutil import OPAQUE as OPAQUE_MARKER, WHITEOUT_PREFIX, TarReader, clean_path, whiteout_of

FILE, DIR, SYMLINK, HARDLINK, OTHER = "file", "dir", "symlink", "hardlink", "other"


class Entry(NamedTuple):
    """One tar entry of a layer. ``path`` is absolute (``/etc/passwd``); ``/`` is the root.

    A ``NamedTuple`` rather than a frozen dataclass: it is built 50 000 times per large image and
    a tuple is several times cheaper to create; it is just as immutable.

    For a whiteout, ``path`` is the path it deletes and ``whiteout`` is true; for an opaque
    marker, ``path`` is the directory made opaque and ``opaque`` is true.
    """

    path: str
    kind: str = FILE
    size: int = 0
    mode: int = 0o644
    linkname: str = ""
    whiteout: bool = False
    opaque: bool = False
    sha256: str = ""  # hex digest of a regular file's content; "" when not hashed or not a file

    @property
    def marker(self) -> bool:
        """True for whiteouts and opaque markers (entries that delete rather than add)."""
        return self.whiteout or self.opaque


def normalise(name: str) -> str:
    """A tar member name as an absolute, clean path: ``./etc/`` → ``/etc``."""
    return posixpath.normpath("/" + name.lstrip("/"))


def parent_of(path: str) -> str:
    """The parent directory of an absolute path (``/`` for top-level entries)."""
    head = path.rsplit("/", 1)[0]
    return head or "/"


def _kind(member: tarfile.TarInfo) -> str:
    if member.isreg():
        return FILE
    if member.isdir():
        return DIR
    if member.issym():
        return SYMLINK
    if member.islnk():
        return HARDLINK
    return OTHER


def entry_from_member(member: tarfile.TarInfo, sha256: str = "") -> Entry:
    """Decode one tar header, turning whiteout names into whiteout/opaque entries."""
    path = normalise(member.name)
    base = path.rsplit("/", 1)[-1]
    if base == OPAQUE_MARKER:
        return Entry(parent_of(path), DIR, 0, member.mode, opaque=True)
    if base.startswith(WHITEOUT_PREFIX):
        target = posixpath.join(parent_of(path), base[len(WHITEOUT_PREFIX):])
        return Entry(target, OTHER, 0, member.mode, whiteout=True)
    kind = _kind(member)
    size = member.size if kind == FILE else 0
    link = member.linkname if kind in (SYMLINK, HARDLINK) else ""
    if kind == HARDLINK and link:
        link = normalise(link)
    return Entry(path, kind, size, member.mode, link, sha256=sha256)


_KIND = {"file": FILE, "dir": DIR, "symlink": SYMLINK, "hardlink": HARDLINK}


def _fast_entries(stream: IO[bytes], hash_files: bool, where: str = "layer") -> list[Entry]:
    """Every entry of an uncompressed layer tar, read by the package's one tar reader
    (:class:`dockerlab.tarutil.TarReader`: bounded, names confined, whiteouts by its one rule),
    as this module's records; ``hash_files`` also hashes each regular file's content."""
    reader = TarReader(stream, where)
    out: list[Entry] = []
    append = out.append
    sha = hashlib.sha256
    for header in reader:
        rel = clean_path(header.name)
        if rel is None:
            raise InvalidImage("tar.unsafe_path", where=where, name=header.name)
        path = "/" + rel
        if rel and rel.rpartition("/")[2].startswith(WHITEOUT_PREFIX):
            kind, target = whiteout_of(rel, where)
            if kind == "opaque":
                append(Entry("/" + (target or ""), DIR, 0, header.mode, opaque=True))
            elif kind == "whiteout":
                append(Entry("/" + (target or ""), OTHER, 0, header.mode, whiteout=True))
            continue
        kind = _KIND.get(header.type, OTHER)
        link = ""
        if kind == SYMLINK:
            link = header.linkname
        elif kind == HARDLINK:
            target = clean_path(header.linkname)
            if target is None:
                raise InvalidImage("tar.unsafe_path", where=where, name=f"{header.name} -> {header.linkname}")
            link = "/" + target
        digest = ""
        if kind == FILE and hash_files:
            h = sha()
            for chunk in reader.chunks():
                h.update(chunk)
            digest = h.hexdigest()
        append(Entry(path, kind, header.size if kind == FILE else 0, header.mode, link, sha256=digest))
    reader.drain()  # a verifying stream checks its digest at the end
    return out


def read_entries(stream: IO[bytes], *, hash_files: bool = True) -> tuple[Entry, ...]:
    """Every entry of an uncompressed layer tar, in archive order (via ``tarfile``): the fallback
    for a layer the one reader refuses to unpack (GNU sparse members)."""
    out: list[Entry] = []
    with tarfile.open(fileobj=stream, mode="r|") as archive:
        for member in archive:
            digest = ""
            if hash_files and member.isreg() and not member.name.rsplit("/", 1)[-1].startswith(
                WHITEOUT_PREFIX
            ):
                handle = archive.extractfile(member)
                h = hashlib.sha256()
                if handle is not None:
                    while chunk := handle.read(1 << 20):
                        h.update(chunk)
                digest = h.hexdigest()
            out.append(entry_from_member(member, digest))
    return tuple(out)


def _buffered(stream: IO[bytes]) -> IO[bytes]:
    if isinstance(stream, io.BufferedIOBase):
        return stream
    return io.BufferedReader(stream, 1 << 20)  # type: ignore[arg-type]


_CACHE: "OrderedDict[tuple, tuple[tuple[Entry, ...], bool]]" = OrderedDict()
_CACHE_SIZE = 128
_LOCK = threading.Lock()


def _cache_key(layer: Any) -> tuple:
    """The memo key of a layer: its diff_id, plus the blob file's identity when it has one.

    A store-backed layer adds (path, size, mtime_ns) so that a blob changed on disk (the
    course's tampering lesson) is read again and its DigestMismatch surfaces.
    """
    diff_id = str(getattr(layer, "diff_id", "") or "")
    if not diff_id:
        return ()
    source = getattr(layer, "source", None)
    blob_path = getattr(source, "blob_path", None)
    if blob_path is None:
        return (diff_id,)
    try:
        path = blob_path(layer.digest)
        st = os.stat(path)
    except (OSError, AttributeError, TypeError, ValueError):
        return ()  # unreadable here: don't memoise, let open() report it
    return (diff_id, str(path), st.st_size, st.st_mtime_ns)


def layer_entries(layer: Any, *, content: bool = False) -> tuple[Entry, ...]:
    """The entries of a model ``Layer`` (anything with ``diff_id`` and ``open()``), memoised.

    ``content=True`` also hashes each regular file (``Entry.sha256``), which diffs need to tell
    equal-sized files apart; trees and efficiency only need the headers.
    """
    key = _cache_key(layer)
    with _LOCK:
        cached = _CACHE.get(key) if key else None
        if cached is not None and (cached[1] or not content):
            _CACHE.move_to_end(key)
            return cached[0]
    where = f"layer {getattr(layer, 'digest', '')}".strip()
    try:
        with layer.open() as stream:
            entries = tuple(_fast_entries(_buffered(stream), content, where))
    except InvalidImage as exc:
        if exc.key != "tar.unsupported":
            raise
        try:
            with layer.open() as stream:
                entries = read_entries(stream, hash_files=content)
        except (tarfile.TarError, ValueError, EOFError, OSError) as fallback:
            if isinstance(fallback, DockerlabError):
                raise
            raise exc from None  # not even tarfile reads it: the reader's own reason
    if key:
        with _LOCK:
            _CACHE[key] = (entries, content)
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
    return entries


def entries_of(layers: Iterable[Any], *, content: bool = False) -> list[tuple[Entry, ...]]:
    """Listings for several layers; plain entry sequences pass through unchanged (for tests)."""
    out = []
    for layer in layers:
        if isinstance(layer, (list, tuple)):
            out.append(tuple(layer))
        else:
            out.append(layer_entries(layer, content=content))
    return out


def clear_cache() -> None:
    """Forget memoised listings (benchmarks use this to time a cold read)."""
    with _LOCK:
        _CACHE.clear()
