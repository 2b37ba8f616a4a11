"""The one tar reader of the package: every layer, image archive and ``ADD`` tar is read here.

:class:`TarReader` walks a tar stream (already decompressed, see :func:`open_tar_stream`) and
yields one :class:`Header` per member; while a member is current, :meth:`TarReader.chunks` gives
its content (skipped when not asked for). Extraction (:mod:`.read`), listing, the builder's
file-system view and inspection all read tars through it, so one set of rules and bounds holds
everywhere:

* formats: ustar/POSIX (prefix field), GNU (long names ``L``/``K``, base-256 numbers), PAX local
  and global records — what Go's ``archive/tar`` (Docker, containerd, BuildKit) and Python's
  ``tarfile`` write; every header's checksum is checked, so garbage is an error, not members;
* bounds: a PAX or long-name header over :attr:`Limits.header`, more than :attr:`Limits.entries`
  members, or more than :attr:`Limits.bytes` of tar read (a decompression bomb, a file claiming
  terabytes) is an :class:`~dockerlab.errors.InvalidImage` naming the tar and the limit;
  zero-length, overlong or malformed PAX records are refused (they used to loop forever);
* names: decoded as UTF-8 with ``surrogateescape`` (non-UTF-8 bytes survive to the file system);
  a NUL, a component over 255 bytes or a path over 4096 bytes is refused;
* GNU sparse files and multi-volume members, which Docker's tools never write, are refused by
  name rather than expanded.

Truncated or unreadable tars are :class:`~dockerlab.errors.InvalidImage` (``tar.bad_tar``) naming
``where`` — never a raw ``tarfile.ReadError`` or ``EOFError``.

Written by hand instead of on ``tarfile``: ``tarfile`` costs about 60 µs per member (the 50 000-file
layer target needs a few), has no bound on PAX headers or member counts, and its stream mode
cannot tell a checksum error from the end of an archive. ``tarfile`` writes our layers
(:mod:`.write`) and the tests compare this reader with it.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import zlib
from typing import BinaryIO, Iterator, NamedTuple

from ..errors import DockerlabError, InvalidImage
from .entry import Limits, check_name

BLOCK = 512
CHUNK = 1 << 22
_ZERO = b"\0" * BLOCK
_TYPES = {b"0": "file", b"\0": "file", b"7": "file", b"1": "hardlink", b"2": "symlink", b"3": "char",
          b"4": "block", b"5": "dir", b"6": "fifo", b"D": "dir"}
_HEADER_ONLY = frozenset({"hardlink", "symlink", "char", "block", "dir", "fifo"})
_REFUSED = {b"S": "GNU sparse", b"M": "GNU multi-volume"}
_SPARSE_KEYS = ("GNU.sparse.major", "GNU.sparse.minor", "GNU.sparse.name", "GNU.sparse.realsize",
                "GNU.sparse.size", "GNU.sparse.map", "GNU.sparse.numblocks", "GNU.sparse.offset")


class Header(NamedTuple):
    """One member as the tar says it (``name`` as written: not yet cleaned or confined)."""

    name: str
    type: str  # file | dir | symlink | hardlink | char | block | fifo
    mode: int
    uid: int
    gid: int
    size: int  # content bytes (0 for header-only types)
    mtime: int
    linkname: str
    devmajor: int
    devminor: int


def _bad(where: str, error: str) -> InvalidImage:
    return InvalidImage("tar.bad_tar", where=where, error=error)


def _text(field: bytes) -> str:
    end = field.find(b"\0")
    return (field if end < 0 else field[:end]).decode("utf-8", "surrogateescape")


def _number(field: bytes, what: str, where: str) -> int:
    """An octal header number, or GNU base-256 (first byte 0x80); negative is refused."""
    if field[:1] == b"\x80":
        return int.from_bytes(field[1:], "big")
    if field[:1] == b"\xff":
        raise _bad(where, f"{what} < 0")
    text = field.split(b"\0", 1)[0].strip(b" ")
    if not text:
        return 0
    try:
        return int(text, 8)
    except ValueError:
        raise _bad(where, f"{what} {text[:16]!r}") from None


def _pax(data: bytes, where: str) -> dict[str, str]:
    """PAX records ``"<length> <key>=<value>\\n"``, each checked (length counts the whole record)."""
    out: dict[str, str] = {}
    pos, end = 0, len(data)
    while pos < end:
        if data[pos] == 0:  # tarfile pads a PAX block with NULs
            break
        space = data.find(b" ", pos, min(end, pos + 24))
        digits = data[pos:space] if space > 0 else b""
        if not digits.isdigit():
            raise _bad(where, "PAX record length")
        length = int(digits)
        if length <= len(digits) + 3 or pos + length > end or data[pos + length - 1] != 0x0A:
            raise _bad(where, f"PAX record length {length}")
        key, eq, value = data[space + 1:pos + length - 1].partition(b"=")
        if not eq or not key:
            raise _bad(where, "PAX record without key")
        out[key.decode("utf-8", "replace")] = value.decode("utf-8", "surrogateescape")
        pos += length
    return out


def _pax_int(value: str, what: str, where: str) -> int:
    try:
        number = int(value.split(".", 1)[0]) if what == "mtime" else int(value)
    except ValueError:
        raise _bad(where, f"PAX {what}={value[:20]!r}") from None
    if number < 0 and what != "mtime":
        raise _bad(where, f"PAX {what} < 0")
    return number


class TarReader:
    """Iterate the members of an uncompressed tar stream (see the module docstring).

    ``seekable=True`` lets content nobody reads be skipped with ``seek`` (a local, already
    verified blob file); otherwise every byte is read, so a verifying stream checks its digest.
    """

    def __init__(self, stream: BinaryIO, where: str = "layer", *, limits: Limits | None = None,
                 seekable: bool = False) -> None:
        self._raw = stream
        self.where = where
        self.limits = limits or Limits.from_env()
        self._seek = seekable
        self._buf = b""
        self._pos = 0
        self._total = 0  # bytes taken from the stream
        self._left = 0  # content bytes of the current member not yet consumed
        self._pad = 0  # padding after the current member's content
        self._global: dict[str, str] = {}
        self.count = 0

    # ------------------------------------------------------------ raw bytes

    def _read(self, n: int) -> bytes:
        try:
            data = self._raw.read(n)
        except DockerlabError:
            raise  # a verifying stream's DigestMismatch, a limit
        except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error) as exc:
            raise _bad(self.where, str(exc) or type(exc).__name__) from None
        if data:
            self._total += len(data)
            if self._total > self.limits.bytes + 2 * BLOCK + CHUNK:
                raise self.limits.too_big(self.where)
        return data

    def _fill(self, need: int) -> bool:
        """At least ``need`` bytes buffered from ``_pos``; False at the end of the stream."""
        while len(self._buf) - self._pos < need:
            more = self._read(max(CHUNK, need))
            if not more:
                return False
            self._buf = self._buf[self._pos:] + more
            self._pos = 0
        return True

    def _take(self, n: int, what: str) -> bytes:
        if not self._fill(n):
            raise _bad(self.where, f"truncated ({what})")
        data = self._buf[self._pos:self._pos + n]
        self._pos += n
        return data

    def _skip(self, n: int) -> None:
        have = len(self._buf) - self._pos
        if n <= have:
            self._pos += n
            return
        n -= have
        self._buf, self._pos = b"", 0
        if self._seek and n > CHUNK:
            try:
                here = self._raw.tell()
                size = os.fstat(self._raw.fileno()).st_size
            except (OSError, AttributeError, io.UnsupportedOperation):
                size = None
            if size is not None:
                if here + n > size:
                    raise _bad(self.where, "truncated (content)")
                self._raw.seek(n, os.SEEK_CUR)
                self._total += n
                if self._total > self.limits.bytes + 2 * BLOCK + CHUNK:
                    raise self.limits.too_big(self.where)
                return
        while n > 0:
            data = self._read(min(n, CHUNK))
            if not data:
                raise _bad(self.where, "truncated (content)")
            n -= len(data)

    # ------------------------------------------------------------ content of the current member

    def chunks(self) -> Iterator[bytes]:
        """The current member's content, in pieces (each valid until the next one is asked for)."""
        while self._left > 0:
            have = len(self._buf) - self._pos
            if have <= 0:
                self._buf, self._pos = self._read(min(CHUNK, self._left)), 0
                if not self._buf:
                    raise _bad(self.where, "truncated (content)")
                continue
            n = min(have, self._left)
            piece = self._buf[self._pos:self._pos + n]
            self._pos += n
            self._left -= n
            yield piece

    def read(self) -> bytes:
        """The whole content of the current member (for small members only)."""
        return b"".join(self.chunks())

    def drain(self) -> None:
        """Skip the rest: trailing blocks and padding are read (within the byte limit), so a
        verifying stream reaches its end and checks its digest."""
        self._finish_member()
        self._buf, self._pos = b"", 0
        while self._read(CHUNK):
            pass

    def _finish_member(self) -> None:
        if self._left:
            self._skip(self._left)
            self._left = 0
        if self._pad:
            self._skip(self._pad)
            self._pad = 0

    # ------------------------------------------------------------ members

    def __iter__(self) -> Iterator[Header]:
        pending: dict[str, str] = {}
        where, limits = self.where, self.limits
        while True:
            self._finish_member()
            if not self._fill(BLOCK):
                if len(self._buf) - self._pos:
                    raise _bad(where, "truncated (header)")
                break  # the stream ended at a block boundary: accepted, like Go's reader
            pos = self._pos
            header = self._buf[pos:pos + BLOCK]
            self._pos = pos + BLOCK
            if header == _ZERO:
                break
            self._check_sum(header)
            flag = header[156:157]
            try:
                size = int(header[124:135], 8)
            except ValueError:
                size = _number(header[124:136], "size", where)
            if flag in (b"x", b"g", b"L", b"K"):
                if size > limits.header:
                    raise InvalidImage("tar.bad_tar", where=where, error=f"header {size} > {limits.header} byte")
                data = self._take(size, "header")
                self._skip((-size) % BLOCK)
                if flag == b"x":
                    pending.update(_pax(data, where))
                elif flag == b"g":
                    self._global.update(_pax(data, where))
                elif flag == b"L":
                    pending["path"] = data.split(b"\0", 1)[0].decode("utf-8", "surrogateescape")
                else:
                    pending["linkpath"] = data.split(b"\0", 1)[0].decode("utf-8", "surrogateescape")
                continue
            if flag == b"V":  # a volume label: not a member
                self._left, self._pad = size, (-size) % BLOCK
                continue
            if flag in _REFUSED:
                raise InvalidImage("tar.unsupported", where=where, name=_text(header[0:100]), kind=_REFUSED[flag])
            kind = _TYPES.get(flag, "file")  # POSIX: unknown types are read as regular files
            self.count += 1
            if self.count > limits.entries:
                raise limits.too_many(where)
            yield self._member(header, kind, size, {**self._global, **pending} if self._global else pending)
            pending = {}

    def _check_sum(self, header: bytes) -> None:
        stored = header[148:156].split(b"\0", 1)[0].strip(b" ")
        try:
            expected = int(stored, 8)
        except ValueError:
            raise _bad(self.where, "not a tar header") from None
        unsigned = sum(header) - sum(header[148:156]) + 8 * 32
        if expected != unsigned:  # some old tars summed signed bytes
            high = sum(1 for b in header[:148] if b > 127) + sum(1 for b in header[156:] if b > 127)
            if expected != unsigned - 256 * high:
                raise _bad(self.where, "header checksum")

    def _member(self, header: bytes, kind: str, size: int, pax: dict[str, str]) -> Header:
        where = self.where
        name = _text(header[0:100])
        if header[257:263] == b"ustar\0" and header[345]:
            name = _text(header[345:500]) + "/" + name
        link = _text(header[157:257]) if header[157] else ""
        try:
            mode = int(header[100:107], 8)
        except ValueError:
            mode = _number(header[100:108], "mode", where)
        try:
            uid, gid = int(header[108:115], 8), int(header[116:123], 8)
        except ValueError:
            uid, gid = _number(header[108:116], "uid", where), _number(header[116:124], "gid", where)
        try:
            mtime = int(header[136:147], 8)
        except ValueError:
            mtime = _number(header[136:148], "mtime", where)
        devmajor = devminor = 0
        if kind in ("char", "block"):
            devmajor = _number(header[329:337], "devmajor", where)
            devminor = _number(header[337:345], "devminor", where)
        if pax:
            if any(key in pax for key in _SPARSE_KEYS):
                raise InvalidImage("tar.unsupported", where=where, name=pax.get("path") or name, kind="GNU sparse")
            name = pax.get("path", name)
            link = pax.get("linkpath", link)
            if "size" in pax:
                size = _pax_int(pax["size"], "size", where)
            if "uid" in pax:
                uid = _pax_int(pax["uid"], "uid", where)
            if "gid" in pax:
                gid = _pax_int(pax["gid"], "gid", where)
            if "mtime" in pax:
                mtime = _pax_int(pax["mtime"], "mtime", where)
        if kind == "file" and flag_is_dir(header, name):
            kind = "dir"
        skip = 0
        if kind in _HEADER_ONLY:
            if header[156:157] == b"D":  # a GNU dump directory: its content is a listing, skipped
                if size > self.limits.header:
                    raise _bad(where, "GNU dumpdir")
                skip = size + (-size) % BLOCK
            size = 0  # as Go and tarfile: header-only types carry no content, whatever they claim
        elif size > self.limits.bytes:
            raise self.limits.too_big(where)
        check_name(name, where)
        if link:
            check_name(link, where)
        self._left, self._pad = size, (-size) % BLOCK + skip
        return Header(name, kind, mode & 0o7777, uid, gid, size, mtime, link, devmajor, devminor)


def flag_is_dir(header: bytes, name: str) -> bool:
    """An old-style (``\\0`` type) regular member whose name ends in ``/`` is a directory."""
    return header[156:157] == b"\0" and name.endswith("/")


# ---------------------------------------------------------------- compressed streams

_MAGIC = ((b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"), (b"\x28\xb5\x2f\xfd", "zstd"))


def compression_of(head: bytes) -> str | None:
    """``"gzip"``/``"bzip2"``/``"xz"``/``"zstd"`` from a stream's first bytes, else ``None``."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def open_tar_stream(stream: BinaryIO, where: str = "layer") -> BinaryIO:
    """``stream`` decompressed when its first bytes say gzip, bzip2, xz (or zstd, with the
    ``zstandard`` package); the tar reader's byte limit then bounds what decompression yields."""
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream, 1 << 16)  # type: ignore[arg-type]
    try:
        head = buffered.peek(6)[:6]  # type: ignore[union-attr]
    except (OSError, ValueError) as exc:
        raise _bad(where, str(exc)) from None
    kind = compression_of(head)
    if kind is None:
        return buffered  # type: ignore[return-value]
    if kind == "gzip":
        return gzip.GzipFile(fileobj=buffered, mode="rb")  # type: ignore[return-value]
    if kind == "bzip2":
        return bz2.BZ2File(buffered)  # type: ignore[return-value]
    if kind == "xz":
        return lzma.LZMAFile(buffered)  # type: ignore[return-value]
    try:
        import zstandard  # type: ignore[import-not-found]
    except ImportError:
        raise InvalidImage("model.zstd_unsupported", digest=where) from None
    return zstandard.ZstdDecompressor().stream_reader(buffered)  # type: ignore[no-any-return]


def drain(stream: BinaryIO, where: str = "layer", limit: int | None = None) -> None:
    """Read what follows the end-of-archive blocks so a verifying stream checks its digest
    (at most ``limit`` bytes: trailing data past that is refused, not read forever)."""
    left = Limits.from_env().bytes if limit is None else limit
    try:
        while chunk := stream.read(CHUNK):
            left -= len(chunk)
            if left < 0:
                raise Limits.from_env().too_big(where)
    except DockerlabError:
        raise
    except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error) as exc:
        raise _bad(where, str(exc) or type(exc).__name__) from None
