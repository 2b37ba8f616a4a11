"""The interface every engine offers, and what :func:`dockerlab.engine` reports.

An engine is a medium that can also *do* things (build, run, push). ``local`` is the embedded,
daemonless engine; ``docker`` drives a real Docker Engine. A notebook cell must not be able to tell
them apart except by asking :func:`dockerlab.engine`.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Protocol, Sequence

from ..i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    from ..builder.result import BuildResult, ProgressCallback
    from ..container.base import Container
    from ..model.image import Image, ImageIndex
    from ..registry.result import IndexPushResult, PushResult


@dataclass(frozen=True)
class EngineInfo:
    """What :func:`dockerlab.engine` reports: which engine, why it was chosen, its version."""

    name: str  # "local" or "docker"
    version: str
    reason: str  # learner-facing, in the active language
    details: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:  # short and stable: notebooks store it
        return f"<EngineInfo {self.name} {self.version}>"

    def __str__(self) -> str:
        return summary(self)

    def _repr_html_(self) -> str:
        from html import escape

        return f"<p class='dockerlab-engine'>{escape(str(self))}</p>"


class Medium(Protocol):
    """Where images live and can be written: an engine, or a :class:`~dockerlab.store.Store`.

    :func:`dockerlab.engines.transfer.copy` moves an image between any two of them with these two
    verbs alone (``dst.write(src.image(ref))``), so nothing has to ask which kind it was given."""

    name: str  # how messages name it: "local", "docker", "store"

    def image(self, ref: str) -> "Image | ImageIndex": ...

    def write(self, view: "Image | ImageIndex", *, tags: Sequence[str] = ()) -> "Image | ImageIndex": ...


class Engine(abc.ABC):
    """What both engines do (``docker``'s verbs). Every method is declared here with the keyword
    arguments both take, so :mod:`dockerlab.api` can spell them out; a verb an engine cannot do
    raises a DockerlabError saying why. An engine is a :class:`Medium` too (``image``, ``write``)."""

    name: str = "?"

    @abc.abstractmethod
    def info(self) -> EngineInfo: ...

    # -- images -----------------------------------------------------------------------------------

    @abc.abstractmethod
    def build(
        self,
        path: str | Path = ".",
        tag: str | Sequence[str] | None = None,
        *,
        dockerfile: str | None = None,
        build_args: dict[str, str] | None = None,
        target: str | None = None,
        no_cache: bool = False,
        platform: str | None = None,
        progress: bool | ProgressCallback | None = None,
    ) -> "BuildResult":
        """``docker build -t TAG PATH``."""

    @abc.abstractmethod
    def images(self) -> list["Image | ImageIndex"]:
        """``docker images``: one entry per tag, untagged images once."""

    @abc.abstractmethod
    def image(self, ref: str) -> "Image":
        """``docker image inspect REF``: the image (for an index, the one for this machine)."""

    @abc.abstractmethod
    def write(self, view: "Image | ImageIndex", *, tags: Sequence[str] = ()) -> "Image":
        """Put a model image from any medium into this engine, tagged ``tags``; returns it as held here."""

    @abc.abstractmethod
    def tag(self, source: str, target: str) -> "Image | ImageIndex":
        """``docker tag SOURCE TARGET``."""

    @abc.abstractmethod
    def remove(self, ref: str, *, force: bool = False) -> list[str]:
        """``docker rmi [-f] REF``: Docker's own lines (``Untagged: …``, ``Deleted: …``)."""

    @abc.abstractmethod
    def save(self, refs: str | Iterable[str], path: str | Path) -> Path:
        """``docker save -o PATH REF…``."""

    @abc.abstractmethod
    def load(self, path: str | Path) -> list["Image | ImageIndex"]:
        """``docker load -i PATH``."""

    @abc.abstractmethod
    def ensure_base_image(self) -> "Image":
        """The course's base image (``dockerlab.local/busybox``) in this engine, made from this
        machine's busybox the first time (nothing can be pulled in class)."""

    # -- containers -------------------------------------------------------------------------------

    @abc.abstractmethod
    def run(
        self,
        image: "str | Image",
        command: str | Sequence[str] | None = None,
        *,
        detach: bool = False,
        ports: Any = None,
        env: Mapping[str, str] | Iterable[str] | None = None,
        name: str | None = None,
        workdir: str | None = None,
        user: str | None = None,
        entrypoint: str | Sequence[str] | None = None,
        remove: bool = False,
        output: Callable[[str], Any] | None = None,
        timeout: float | None = None,
    ) -> "Container":
        """``docker run [-d] [-p PORT] [--name] [-e] [-w] [-u] [--entrypoint] [--rm] IMAGE [COMMAND]``;
        ``ports``: container ports a detached server is reached on (:mod:`dockerlab.container.ports`)."""

    @abc.abstractmethod
    def containers(self, all: bool = True) -> list["Container"]:  # noqa: A002 - `docker ps --all`
        """``docker ps [--all]``: newest first."""

    # -- registry ---------------------------------------------------------------------------------

    @abc.abstractmethod
    def push(
        self,
        ref: str,
        *,
        compression: str | None = "gzip",
        auth: tuple[str, str] | None = None,
        progress: bool = True,
        on_blob: Callable[[Any], Any] | None = None,
        jobs: int = 3,
    ) -> "PushResult | IndexPushResult":
        """``docker push REF``, through dockerlab's registry client."""

    @abc.abstractmethod
    def pull(
        self,
        ref: str,
        *,
        platform: str | None = None,
        all_platforms: bool = False,
        auth: tuple[str, str] | None = None,
        progress: bool = True,
        on_blob: Callable[[Any], Any] | None = None,
        jobs: int = 3,
    ) -> "Image | ImageIndex":
        """``docker pull REF``, through dockerlab's registry client."""


def summary(info: EngineInfo) -> str:
    """``info`` in one sentence of the learner's language: which engine, its version, why."""
    title = tr(f"engine.name.{info.name}")
    return tr("engine.summary", title=title, version=info.version, reason=info.reason)
