"""The interface every engine offers, and what :func:`dockerlab.engine` reports.

An engine is a medium that can also *do* things (build, run, push). ``local`` is the embedded,
daemonless engine; ``docker`` drives a real Docker Engine. A notebook cell must not be able to tell
them apart except by asking :func:`dockerlab.engine`.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ..i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    from ..builder.result import ProgressCallback
    from ..model.image import Image


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


class Engine(abc.ABC):
    """What both engines do. Methods a given engine cannot do raise a DockerlabError saying why."""

    name: str = "?"

    @abc.abstractmethod
    def info(self) -> EngineInfo: ...

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
    ) -> Any: ...

    @abc.abstractmethod
    def images(self) -> list[Any]: ...

    @abc.abstractmethod
    def image(self, ref: str) -> "Image": ...

    @abc.abstractmethod
    def tag(self, source: str, target: str) -> "Image": ...

    @abc.abstractmethod
    def remove(self, ref: str, *, force: bool = False) -> list[str]: ...

    @abc.abstractmethod
    def save(self, refs: str | Iterable[str], path: str | Path) -> Path: ...

    @abc.abstractmethod
    def load(self, path: str | Path) -> list["Image"]: ...


def summary(info: EngineInfo) -> str:
    """``info`` in one sentence of the learner's language: which engine, its version, why."""
    title = tr(f"engine.name.{info.name}")
    return tr("engine.summary", title=title, version=info.version, reason=info.reason)
