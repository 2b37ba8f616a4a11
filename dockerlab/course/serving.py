"""The capstone's helpers: fetch a container's page over HTTP, and say where it is served.

:func:`fetch` is ``curl http://127.0.0.1:PORT/`` from a cell: one bounded HTTP GET with the
standard library (no library is needed for a GET of a page on loopback) that shows the status
and the page. :func:`where` says in one sentence how this engine serves a container's port (see
:mod:`dockerlab.container.ports`).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from html import escape
from typing import Any

from ..errors import UsageError
from ..i18n import tr
from .lesson import _wrap, current
from .workspace import _Note

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
    engine = engines.current()
    if engine.name == "local":
        return _Sentence(tr("course.where.local", port=port, host=host))
    title = tr(f"engine.name.{engines.product(engine)}")  # Docker Engine, Podman
    return _Sentence(tr("course.where.docker", port=port, host=host, engine=title))


__all__ = ["Page", "fetch", "where"]


def clean() -> _Note:
    """``docker rm -f`` for every container this lesson started in the background — the
    learner's own included — and what was removed (as the kernel's end would do anyway)."""
    from ..container import started, stop_started

    named = {c.short_id: getattr(c, "name", None) or c.short_id for c in started()}
    names = [named.get(short, short) for short in reversed(stop_started())]  # those still there, oldest first
    if not names:
        return _Note(tr("course.clean.nothing"))
    return _Note(tr("course.clean.done", count=len(names), names=", ".join(names)))
