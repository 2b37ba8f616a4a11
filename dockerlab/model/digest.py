"""Content identity: digests, streaming hashing, the one JSON serialisation, chain IDs, the epoch.

Everything an image is named by is a sha256 of some exact bytes, so this module is the root of
the model. Written by hand because it is a few lines over ``hashlib``/``json``: no library adds
the Go-compatible JSON escaping that keeps our config and manifest bytes identical to what the
Docker tools would hash.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from typing import Any, Iterable

from ..errors import InvalidImage, InvalidReference


#: The course epoch, 2024-01-01T00:00:00Z, used for every timestamp when SOURCE_DATE_EPOCH is unset.
EPOCH = 1704067200
EPOCH_ISO = "2024-01-01T00:00:00Z"

_ALGORITHMS = {"sha256": 64, "sha512": 128}
_DIGEST_RE = re.compile(r"^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([0-9a-f]+)$")


class Digest(str):
    """``"sha256:<64 hex>"`` — a ``str`` so it prints, compares and serialises as text."""

    __slots__ = ()

    def __new__(cls, text: str) -> "Digest":
        if isinstance(text, Digest):
            return text
        match = _DIGEST_RE.match(text) if isinstance(text, str) else None
        if not match or _ALGORITHMS.get(match.group(1)) != len(match.group(2)):
            raise InvalidReference("model.bad_digest", text=text)
        return super().__new__(cls, text)

    @classmethod
    def of(cls, data: bytes) -> "Digest":
        """The sha256 digest of ``data``."""
        return cls("sha256:" + hashlib.sha256(data).hexdigest())

    @classmethod
    def parse(cls, text: str) -> "Digest":
        """Parse ``sha256:<hex>``; a bare 64-digit hex string is taken as sha256."""
        text = str(text).strip()
        if re.fullmatch(r"[0-9a-f]{64}", text):
            text = "sha256:" + text
        return cls(text)

    @property
    def algorithm(self) -> str:
        return self.partition(":")[0]

    @property
    def hex(self) -> str:
        return self.partition(":")[2]

    @property
    def short(self) -> str:
        """The first 12 hex digits, as ``docker images`` prints an image ID."""
        return self.hex[:12]

    def __repr__(self) -> str:
        return f"Digest({str(self)!r})"


class Hasher:
    """Streaming sha256 that also counts bytes: ``update`` as data passes, then read ``digest``."""

    __slots__ = ("_h", "size")

    def __init__(self) -> None:
        self._h = hashlib.sha256()
        self.size = 0

    def update(self, data: bytes) -> None:
        self._h.update(data)
        self.size += len(data)

    @property
    def digest(self) -> Digest:
        return Digest("sha256:" + self._h.hexdigest())


_GO_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_GO_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


def canonical_json(obj: Any) -> bytes:
    """The one JSON serialisation: sorted keys, no spaces, UTF-8, Go's escaping of ``<>&``.

    These characters can only occur inside JSON strings, so replacing them after ``json.dumps``
    is exact.
    """
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return _GO_ESCAPE_RE.sub(lambda m: _GO_ESCAPES[m.group(0)], text).encode("utf-8")


def chain_ids(diff_ids: Iterable[str]) -> list[Digest]:
    """ChainID(L0) = DiffID(L0); ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln))."""
    out: list[Digest] = []
    for diff_id in diff_ids:
        diff_id = Digest(diff_id)
        out.append(diff_id if not out else Digest.of(f"{out[-1]} {diff_id}".encode()))
    return out


def source_date_epoch() -> int:
    """``SOURCE_DATE_EPOCH`` when set, else the course :data:`EPOCH`."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return EPOCH
    try:
        return int(value)
    except ValueError:
        raise InvalidImage("model.bad_epoch", value=value) from None


def rfc3339(seconds: int) -> str:
    """``2024-01-01T00:00:00Z`` for an epoch second (the form configs use for ``created``)."""
    import datetime as _dt

    return _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
