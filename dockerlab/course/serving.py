"""The capstone's helpers: fetch a container's page over HTTP, and say where it is served.

:func:`fetch` is ``curl http://127.0.0.1:PORT/`` from a cell: one bounded HTTP GET with the
standard library (no library is needed for a GET of a page on loopback) that shows the status
and the page. :func:`where` says in one sentence how this engine serves a container's port (see
:mod:`dockerlab.container.ports`).

:func:`registry` is a thin stand-in for the course registry helper (the real ``registry``
server on a free loopback port, stopped with the lesson), kept until the course's own
``course.registry`` lands.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from html import escape
from typing import Any

from ..errors import UsageError
from ..i18n import messages, tr
from .lesson import _wrap, at_lesson_end, current

messages({
    "course.fetch.ok": ("HTTP {status} dari {url}", "HTTP {status} from {url}"),
    "course.fetch.failed": (
        "Halaman {url} tidak bisa diambil: {error}. Apakah kontainernya masih berjalan "
        "(`kontainer.status`) dan dijalankan dengan ports=8080?",
        "The page {url} could not be fetched: {error}. Is the container still running "
        "(`container.status`) and was it run with ports=8080?",
    ),
    "course.fetch.bad": (
        "course.fetch perlu kontainer yang berjalan dengan ports=… atau alamat http://…; yang diberikan: {value!r}.",
        "course.fetch needs a container run with ports=… or an http://… address; given: {value!r}.",
    ),
    "course.where.local": (
        "Mesin bawaan: kontainer memakai jaringan komputer ini, jadi dockerlab memilih port yang "
        "bebas dan memberikannya lewat variabel PORT (CMD image mendengarkan di ${{PORT}}); port "
        "{port} kontainer = 127.0.0.1:{host}.",
        "Embedded engine: the container uses this computer's network, so dockerlab picked a free "
        "port and gave it in the PORT variable (the image's CMD listens on ${{PORT}}); container "
        "port {port} = 127.0.0.1:{host}.",
    ),
    "course.where.docker": (
        "Docker Engine: kontainer punya jaringan sendiri; port {port}-nya diteruskan (publish, `-p`) ke "
        "127.0.0.1:{host} di komputer ini.",
        "Docker Engine: the container has a network of its own; its port {port} is published (`-p`) "
        "on 127.0.0.1:{host} of this computer.",
    ),
    "course.registry.ready": (
        "Registry kursus berjalan di {address}. Nama image untuk registry ini diawali alamatnya, "
        "misalnya {example}. Registry berhenti sendiri saat kernel berhenti atau course.start dijalankan lagi.",
        "The course registry runs at {address}. Image names for it start with its address, for "
        "example {example}. It stops by itself when the kernel stops or course.start runs again.",
    ),
})

MAX_PAGE = 1 << 20


@dataclass(frozen=True)
class Page:
    """One fetched page: the address, the HTTP status and the text."""

    url: str
    status: int
    text: str

    def __str__(self) -> str:
        return f"{tr('course.fetch.ok', status=self.status, url=self.url)}\n{self.text.rstrip()}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return _wrap(f"<div class='dl-sub'>{escape(tr('course.fetch.ok', status=self.status, url=self.url))}"
                     f"</div><pre>{escape(self.text.rstrip())}</pre>")


def _url(target: Any, path: str) -> str:
    if isinstance(target, str) and target.startswith("http://"):
        return target
    url = getattr(target, "url", None)
    if not callable(url):
        raise UsageError("course.fetch.bad", value=target)
    return url(path)


def fetch(target: Any, path: str = "/", *, timeout: float = 10.0) -> Page:
    """``curl URL``: GET ``path`` from a serving container (or an ``http://`` address)."""
    url = _url(target, path)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 - loopback http only
            return Page(url, answer.status, answer.read(MAX_PAGE).decode("utf-8", "replace"))
    except urllib.error.HTTPError as exc:
        return Page(url, exc.code, exc.read(MAX_PAGE).decode("utf-8", "replace"))
    except OSError as exc:
        raise UsageError("course.fetch.failed", url=url, error=exc) from None


class _Sentence(str):
    def __repr__(self) -> str:
        return str(self)


def where(container: Any) -> str:
    """One sentence: how this engine serves the container's port, and where it is."""
    from .. import engines

    port, host = next(iter(container.ports.items()))
    key = "course.where.local" if engines.current().name == "local" else "course.where.docker"
    return _Sentence(tr(key, port=port, host=host))


class LessonRegistry:
    """The lesson's running registry: its address, names for it, :meth:`stop`."""

    def __init__(self, server: Any) -> None:
        self.server = server

    @property
    def address(self) -> str:
        return self.server.address

    def name(self, repository: str) -> str:
        """``my-app:1`` → ``127.0.0.1:PORT/my-app:1``."""
        return f"{self.address}/{str(repository).removeprefix(self.address + '/')}"

    def stop(self) -> None:
        self.server.stop()

    def __str__(self) -> str:
        return tr("course.registry.ready", address=self.address, example=self.name("my-app:1"))

    def __repr__(self) -> str:
        return str(self)


_servers: dict[str, Any] = {}


def registry() -> LessonRegistry:
    """Start the course registry for this lesson (or return the one running); it stops when the
    kernel ends or :func:`dockerlab.course.start` runs again."""
    import atexit

    from ..registry import start_registry

    lesson = current()
    storage = (lesson.root / "registry") if lesson is not None else None
    key = str(storage)
    server = _servers.get(key)
    if server is None or not server.running:
        server = start_registry(storage)
        if not _servers:
            atexit.register(stop_registries)
            at_lesson_end(stop_registries)
        _servers[key] = server
    return LessonRegistry(server)


def stop_registries() -> None:
    """Stop every registry :func:`registry` started in this process."""
    while _servers:
        _, server = _servers.popitem()
        try:
            server.stop()
        except Exception:  # noqa: BLE001 - already gone
            pass


__all__ = ["LessonRegistry", "Page", "fetch", "registry", "stop_registries", "where"]
