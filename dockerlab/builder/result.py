"""What a build returns (:class:`BuildResult`, one :class:`BuildStep` per instruction) and how its
progress is shown while it runs (:class:`BuildEvent`, :class:`Progress`). Both engines make these:
the builder here, ``engines/docker_build.py`` from the Docker Engine's build stream."""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass
from typing import Any, Callable

from ..i18n import tr
from ..textutil import number, text_table


@dataclass(frozen=True)
class BuildStep:
    """One Dockerfile instruction as the build executed it."""

    number: int  # 1-based over the whole build, like "Step 3/7"
    total: int
    instruction: str  # the instruction as written, e.g. "COPY app.py /app/"
    line: int | None  # 1-based Dockerfile line
    stage: str | None  # the stage name or index, for multi-stage builds
    cached: bool  # reused from the build cache
    layer_digest: str | None  # diff_id of the layer it added, None for a metadata-only step
    size: int = 0  # uncompressed size of the layer it added
    output: str = ""  # what RUN printed
    duration: float = 0.0


@dataclass(frozen=True)
class BuildEvent:
    """A progress event, streamed while a build runs (both engines emit the same kinds)."""

    kind: str  # "step" | "cached" | "output" | "done" | "error"
    step: int
    total: int
    text: str = ""


ProgressCallback = Callable[[BuildEvent], None]


def _nothing_to_build(step: BuildStep) -> bool:
    """FROM and the ARGs before it only choose things: there is nothing to build or reuse."""
    return step.instruction.split(" ", 1)[0].upper() == "FROM" or step.stage is None


class Progress:
    """Sends :class:`BuildEvent` objects to a callable, prints them, or drops them."""

    def __init__(self, progress: bool | Callable[[BuildEvent], Any] | None) -> None:
        if callable(progress):
            self.callback: Callable[[BuildEvent], Any] | None = progress
        elif progress is False:
            self.callback = None
        else:
            self.callback = self.print_event

    def emit(self, kind: str, step: int, total: int, text: str = "") -> None:
        if self.callback is not None:
            self.callback(BuildEvent(kind, step, total, text))

    @staticmethod
    def print_event(event: BuildEvent) -> None:
        """Plain streamed prints: they update live in a terminal and in a notebook cell."""
        if event.kind == "step":
            line = tr("build.progress.step", step=event.step, total=event.total, text=event.text)
        elif event.kind == "output":
            sys.stdout.write(event.text)
            sys.stdout.flush()
            return
        elif event.kind == "error":
            line = tr("build.progress.error", text=event.text)
        else:
            line = event.text
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


@dataclass(frozen=True)
class BuildResult:
    """The image a build made, its tags and, step by step, what was built or taken from cache."""

    image: Any  # dockerlab.model.Image
    steps: tuple[BuildStep, ...]
    tags: tuple[str, ...] = ()
    # The build context as the caller gave it (``"contoh/my-app"``), or its resolved path: the
    # equivalent ``docker build`` command shows it relative to the current folder.
    context: str | os.PathLike[str] = "."
    # The learner's command line (dockerlab.product.program): the engine that built says.
    program: str = "docker"

    @property
    def id(self) -> str:
        return self.image.id

    @property
    def digest(self) -> str:
        return self.image.digest

    @property
    def cached(self) -> list[bool]:
        """For every step: was it taken from the build cache?"""
        return [s.cached for s in self.steps]

    def __repr__(self) -> str:
        name = self.tags[0] if self.tags else "<none>"
        cached = sum(s.cached for s in self.steps)
        return f"<BuildResult {name} {self.image.id.short} steps={len(self.steps)} cached={cached}>"

    def _rows(self) -> list[list[str]]:
        rows = []
        for s in self.steps:
            layer = s.layer_digest[7:19] if s.layer_digest else tr("build.table.none")
            rows.append([f"{s.number}/{s.total}", s.instruction if len(s.instruction) <= 60 else
                         s.instruction[:57] + "...", str(s.line or ""),
                         "-" if _nothing_to_build(s) else
                         tr("build.table.cached") if s.cached else tr("build.table.built"),
                         layer, f"{number(s.duration, '.2f')} s"])
        return rows

    def _headers(self) -> list[str]:
        # No size column: a layer blob's size (tar blocks) is not what `docker history` shows;
        # dockerlab.history(image, build) gives the files' size.
        return [tr(f"build.table.{k}") for k in ("step", "instruction", "line", "cache", "layer", "time")]

    def _summary(self) -> str:
        return tr("build.table.summary", id=self.image.id.short, count=len(self.steps),
                  cached=sum(s.cached for s in self.steps),
                  layers=sum(1 for s in self.steps if s.layer_digest and not s.cached))

    def table(self) -> str:
        """A plain-text table of the steps (what ``print(result)`` shows)."""
        return "\n".join([self._summary(), text_table(self._headers(), self._rows())])

    __str__ = table

    def _repr_html_(self) -> str:
        """The step table with the package stylesheet: cached rows and built rows coloured apart."""
        from ..show import html as h

        classes = ["dl-cache-hit" if s.cached else "dl-cache-miss" for s in self.steps]
        name = ", ".join(self.tags) or "<none>"
        body = h.header(self._summary(), name) + h.table(self._headers(), self._rows(), classes, (5,))
        body += h.docker_note(self.docker_command, self.program)
        return h.wrap(body, self.table())

    @property
    def docker_command(self) -> str:
        """The ``docker build`` (``podman build``) command that does the same."""
        words = [self.program, "build"]
        for t in self.tags:
            words += ["-t", t]
        return shlex.join(words + [context_argument(self.context)])


def context_argument(context: str | os.PathLike[str]) -> str:
    """The context path as a learner would type it in the current folder: a relative path as
    given (``contoh/my-app``), an absolute one inside the current folder made relative, and one
    outside it left absolute."""
    path = os.fspath(context)
    if not os.path.isabs(path):
        return os.path.normpath(path)
    cwd = os.getcwd()
    try:
        inside = os.path.commonpath([cwd, path]) == cwd
    except ValueError:  # different drives
        inside = False
    return os.path.relpath(path, cwd) if inside else os.path.normpath(path)
