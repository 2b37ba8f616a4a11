"""The course registry from a cell, its HTTP API read with short helpers, and Docker Hub if it answers.

:func:`registry` starts the real ``registry`` server (:mod:`dockerlab.registry.server`) for the
lesson, with its storage in the lesson's folder, and returns a :class:`CourseRegistry`. It stops
when the kernel ends (``atexit``; the server is also tied to the kernel's process, so a killed
kernel takes it along) and when ``course.start`` runs again (:mod:`.lifetime`). Calling it twice
gives the same server.

:meth:`CourseRegistry.catalog`, :meth:`~CourseRegistry.tags`, :meth:`~CourseRegistry.manifest` and
:meth:`~CourseRegistry.blob` send one request of the distribution API each and show the request
and the answer (:class:`ApiAnswer`); every body is read bounded, as all registry answers are.

:func:`docker_hub` pulls a real public image when Docker Hub answers within a few seconds, and
otherwise says plainly that it cannot be reached (nothing waits longer than its bound).
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import zlib
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from ..errors import RegistryError, UsageError
from ..i18n import tr
from ..model import Digest
from . import lifetime
from .lesson import _wrap, current
from .workspace import _Note

#: The largest body an :class:`ApiAnswer` reads: manifests, tag lists and configs are far smaller,
#: and a layer of the course's images is a few MiB.
MAX_BODY = 64 << 20
MAX_SHOWN_JSON = 64 << 10
MAX_UNPACKED = 1 << 30  # a gzip blob is unpacked only to hash it: memory stays at 1 MiB pieces
HUB_HOST = "registry-1.docker.io"
HUB_SECONDS = 5.0


class CourseRegistry:
    """The lesson's running registry: its address, names for it, its HTTP API, :meth:`stop`."""

    def __init__(self, server: Any) -> None:
        self.server = server

    @property
    def address(self) -> str:
        """``127.0.0.1:PORT``: the registry part of an image name."""
        return self.server.address

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def running(self) -> bool:
        return self.server.running

    def name(self, repository: str) -> str:
        """``my-app:1`` → ``127.0.0.1:PORT/my-app:1``: a name that pushes to this registry."""
        return f"{self.address}/{str(repository).removeprefix(self.address + '/')}"

    def stop(self) -> None:
        self.server.stop()
        lifetime.forget(_key(self.server.storage))

    # --- the HTTP API ------------------------------------------------------------------------
    def _client(self):
        from ..registry import RegistryClient

        return RegistryClient(self.address)

    def _repository(self, name: str) -> str:
        from ..reference import Reference

        text = str(name).removeprefix(self.address + "/")
        try:
            ref = Reference.parse(f"{self.address}/{text}")
        except Exception:  # noqa: BLE001 - any bad name gets the one explanation
            ref = None
        if ref is None or ref.domain != self.address:
            raise UsageError("course.registry.bad_repository", name=str(name), address=self.address)
        return ref.path

    def get(self, path: str, *, accept: str | None = None, blob: Digest | None = None) -> "ApiAnswer":
        """``GET path`` on this registry (``/v2/...``), shown as request and answer."""
        from ..registry.client import MANIFEST_ACCEPT

        client = self._client()
        headers = {"Accept": accept or MANIFEST_ACCEPT}
        response = client.request("GET", path, (), headers=headers)
        try:
            data, cut = _read(response, MAX_BODY)
        finally:
            response.close()
        kept = {k: response.headers[k] for k in ("Content-Type", "Docker-Content-Digest", "Content-Length")
                if k in response.headers}
        return ApiAnswer(f"GET {path}", response.status_code, kept, data, cut, blob)

    def catalog(self) -> "ApiAnswer":
        """``GET /v2/_catalog``: every repository the registry holds."""
        return self.get("/v2/_catalog")

    def tags(self, repository: str) -> "ApiAnswer":
        """``GET /v2/<name>/tags/list``: the tags of one repository."""
        return self.get(f"/v2/{self._repository(repository)}/tags/list")

    def manifest(self, repository: str, reference: str = "latest") -> "ApiAnswer":
        """``GET /v2/<name>/manifests/<tag or digest>``: the manifest, as the registry stores it."""
        return self.get(f"/v2/{self._repository(repository)}/manifests/{reference}")

    def blob(self, repository: str, digest: str) -> "ApiAnswer":
        """``GET /v2/<name>/blobs/<digest>``: a layer or config, checked against its digest."""
        wanted = Digest(str(digest).strip())
        return self.get(f"/v2/{self._repository(repository)}/blobs/{wanted}", accept="*/*", blob=wanted)

    # --- display -------------------------------------------------------------------------------
    def __str__(self) -> str:
        if not self.running:
            return tr("course.registry.stopped", address=self.address)
        return tr("course.registry.running", address=self.address, example=self.name("my-app:1.0"))

    def __repr__(self) -> str:
        return f"<CourseRegistry {self.address} {'running' if self.running else 'stopped'}>"

    def _repr_html_(self) -> str:
        return _wrap(f"<div>{escape(str(self))}</div>")


def _read(response: Any, limit: int) -> tuple[bytes, bool]:
    """At most ``limit`` bytes of a streamed body; ``True`` when there was more."""
    parts, size = [], 0
    for chunk in response.iter_content(1 << 20):
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(parts)[:limit], True
    return b"".join(parts), False


@dataclass(frozen=True)
class ApiAnswer:
    """One request to the registry and what came back: status, key headers, body."""

    request: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = field(default=b"", repr=False)
    cut: bool = False
    blob: Digest | None = None

    def json(self) -> Any:
        """The body as JSON (``None`` when it is not JSON)."""
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None

    def _body_lines(self) -> list[str]:
        lines: list[str] = []
        if self.blob is not None:
            actual = Digest.of(self.body)
            verdict = tr("course.api.blob_ok" if actual == self.blob else "course.api.blob_bad")
            lines.append(tr("course.api.blob", size=len(self.body), actual=actual, verdict=verdict))
            unpacked = _gunzip(self.body)
            if unpacked is not None:
                lines.append(tr("course.api.gzip", size=unpacked[0], diff_id=unpacked[1]))
                return lines
            if self.json() is None:
                return lines
            lines.append(tr("course.api.json_blob"))
        value = self.json()
        text = (json.dumps(value, indent=2, ensure_ascii=False) if value is not None
                else self.body[:MAX_SHOWN_JSON].decode("utf-8", "replace"))
        if len(text) > MAX_SHOWN_JSON:
            text = text[:MAX_SHOWN_JSON] + "\n…"
        lines.append(text)
        if self.cut:
            lines.append(tr("course.api.too_big", limit=MAX_BODY))
        return lines

    def __str__(self) -> str:
        head = [f"{tr('course.api.request')}: {self.request}", f"{tr('course.api.answer')}: {self.status}"]
        head += [f"  {k}: {v}" for k, v in self.headers.items()]
        return "\n".join(head + self._body_lines())

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        rows = "".join(f"<dt>{escape(k)}</dt><dd><code>{escape(v)}</code></dd>" for k, v in self.headers.items())
        body = "".join(f"<pre class='dl-mono' style='margin:4px 0'>{escape(line)}</pre>"
                       for line in self._body_lines())
        return _wrap(f"<div class='dl-header'><code>{escape(self.request)}</code> → {self.status}</div>"
                     f"<dl class='dl-attrs'>{rows}</dl>{body}")


def _gunzip(data: bytes) -> tuple[int, Digest] | None:
    """``(size, sha256)`` of ``data`` uncompressed when it is one whole gzip stream, else ``None``.
    Streamed in 1 MiB pieces (memory stays small) and bounded at :data:`MAX_UNPACKED` bytes."""
    if not data.startswith(b"\x1f\x8b"):
        return None
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    hasher, size, pending = hashlib.sha256(), 0, data
    try:
        while pending and not unpacker.eof:
            piece = unpacker.decompress(pending, 1 << 20)
            hasher.update(piece)
            size += len(piece)
            if size > MAX_UNPACKED:
                return None
            pending = unpacker.unconsumed_tail
    except zlib.error:
        return None
    if not unpacker.eof:
        return None
    return size, Digest("sha256:" + hasher.hexdigest())


def _key(storage: Path) -> str:
    return f"registry:{storage}"


def registry() -> CourseRegistry:
    """Start the course registry for this lesson (or return the one already running)."""
    from ..registry import start_registry

    lesson = current()
    storage = (lesson.root / "registry") if lesson is not None else None
    server = start_registry(storage, preexec_fn=lifetime.tie_to_parent)
    lifetime.keep(_key(server.storage), server.stop)
    return CourseRegistry(server)


# --- Docker Hub --------------------------------------------------------------------------------

def _reachable(host: str, port: int, seconds: float) -> bool:
    """Whether a TCP connection to ``host:port`` opens within ``seconds`` (DNS included: it runs in
    a thread, because a resolver may stall longer than any socket timeout)."""
    outcome: list[bool] = []

    def attempt() -> None:
        try:
            with socket.create_connection((host, port), timeout=seconds):
                outcome.append(True)
        except OSError:
            outcome.append(False)

    worker = threading.Thread(target=attempt, daemon=True, name="dockerlab-hub-probe")
    worker.start()
    worker.join(seconds)
    return bool(outcome and outcome[0])


def docker_hub(ref: str = "busybox:latest", *, seconds: float = HUB_SECONDS) -> Any:
    """``docker pull REF`` from Docker Hub when it answers within ``seconds``; else a plain note."""
    from .. import engines
    from ..reference import Reference

    reference = Reference.parse(ref)
    if not _reachable(HUB_HOST, 443, seconds):
        return _Note(tr("course.hub.offline", seconds=f"{seconds:g}", ref=reference.familiar))
    try:
        image = engines.current().pull(reference.familiar, progress=False)
    except (RegistryError, OSError) as exc:
        return _Note(tr("course.hub.failed", ref=reference.familiar, error=exc))
    image = image.image_for(None) if hasattr(image, "image_for") else image
    return _Note(tr("course.hub.pulled", ref=reference.familiar, full=reference.full, digest=image.digest,
                    image_id=image.id, layers=len(image.layers)))
