"""Builds on the Docker Engine: the legacy builder's JSON stream read as dockerlab build progress.

The legacy builder (BuildKit is not used: it is not available everywhere the course runs, and its
cache and history differ from what the embedded engine reproduces) streams lines such as
``Step 3/7 : RUN make``, `` ---> Using cache``, `` ---> Running in 1a2b…``, the step's output and
`` ---> 3c4d…`` (the image after the step). :class:`StreamReader` turns them into the same
:class:`~dockerlab.builder.result.BuildEvent` kinds the embedded engine emits (``step``, ``cached``,
``output``, ``done``, ``error``) and into one :class:`~dockerlab.builder.result.BuildStep` per
instruction, with the Dockerfile line found by parsing the Dockerfile with the builder's own front
end. A failing step raises :class:`~dockerlab.errors.BuildError` (or
:class:`~dockerlab.errors.DockerfileError` for what the engine rejects as syntax) with the
engine's message, the step and its line. Written by hand: the SDK yields the raw JSON messages only.

Podman's service builds with Buildah and streams its own spelling of the same lines:
``STEP 3/7: RUN make``, ``--> Using cache 1a2b…`` (the cached image, in full), ``--> 3c4d…``,
``COMMIT name`` and the final image ID alone on a line; the reader takes both.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from ..errors import BuildContextError, BuildError, DockerfileError
from ..i18n import tr
from ..builder.result import BuildStep


STEP = re.compile(r"^(?:Step|STEP) (\d+)/(\d+) ?: (.*)$")
ARROW = re.compile(r"^ ?---?> (.*)$")
PODMAN_CACHED = re.compile(r"^Using cache ([0-9a-f]{64})$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
IMAGE_ID = re.compile(r"^[0-9a-f]{11,64}$")  # Podman prints 11 digits
SOURCE_MISSING = re.compile(r"^(COPY|ADD) failed: .*(not found in build context|no source files were specified|"
                            r"no such file or directory|file does not exist)", re.I)
PODMAN_SOURCE_MISSING = re.compile(r'^building at STEP "(COPY|ADD) [^"]*": .*(no such file or directory|'
                                   r'no items matching glob|excluded by \.dockerignore)', re.I)
LINE_IN_ERROR = re.compile(r"\bline (\d+)\b")
NOISE = re.compile(r"^(Removing intermediate container \w+|Successfully built \w+|Successfully tagged \S+|"
                   r"Sending build context to Docker daemon.*|COMMIT( \S+)?|[0-9a-f]{64})$")


def _instructions(path: Path) -> list[Any]:
    """The Dockerfile's instructions as the builder's front end reads them; none when it cannot
    (the engine then reports what is wrong with the file, in its own words)."""
    from ..builder.dockerfile import read

    try:
        return read(path)[1]
    except Exception:  # noqa: BLE001 - the engine will report what is wrong with the file
        return []


def _from_parts(ins: Any) -> tuple[str, str | None]:
    """``(image, stage name)`` of a FROM, parsed like the embedded builder does; a FROM it refuses
    counts as an unnamed stage here, and the engine reports it."""
    from ..builder.dockerfile import from_parts
    from ..errors import DockerlabError

    try:
        return from_parts(ins)
    except DockerlabError:
        return (ins.args.split() or [""])[0], None


def dockerfile_lines(path: Path) -> list[tuple[int, str, str | None]]:
    """``(line, keyword, stage)`` of each instruction in Dockerfile order; empty if unreadable.

    ``stage`` is the stage's name, or its 0-based index when unnamed, ``None`` for the ARGs before
    the first FROM — as the embedded builder reports it.
    """
    out: list[tuple[int, str, str | None]] = []
    stage: str | None = None
    index = -1
    for ins in _instructions(path):
        if ins.keyword == "FROM":
            index += 1
            stage = _from_parts(ins)[1] or str(index)
        out.append((ins.line, ins.keyword, stage))
    return out


def _base_images(instructions: list[Any]) -> list[tuple[Any, str]]:
    """``(FROM instruction, image)`` for each FROM that names an image: not ``scratch``, not an
    earlier stage, not a ``$`` reference (resolved only by the engine)."""
    out, stages = [], set()
    for ins in instructions:
        if ins.keyword != "FROM":
            continue
        ref, name = _from_parts(ins)
        if ref and ref.lower() not in stages and "$" not in ref and ref.lower() != "scratch":
            out.append((ins, ref))
        if name:
            stages.add(name)
    return out


@dataclass
class _Open:
    number: int
    total: int
    instruction: str
    line: int | None
    stage: str | None
    started: float
    cached: bool = False
    image: str | None = None
    output: list[str] = field(default_factory=list)


class StreamReader:
    """Feed it the decoded JSON messages of ``/build``; it emits events and collects the steps."""

    def __init__(self, lines: list[tuple[int, str, str | None]], progress: Any = None,
                 path: str = "Dockerfile", engine: str | None = None) -> None:
        self.lines = lines
        self.engine = engine or tr("engine.name.docker")
        self.progress = progress
        self.path = path
        self.steps: list[_Open] = []
        self.image_id: str | None = None
        self._buffer = ""

    def _emit(self, kind: str, text: str = "") -> None:
        if self.progress is not None:
            current = self.steps[-1] if self.steps else None
            self.progress.emit(kind, current.number if current else 0, current.total if current else 0, text)

    def _place(self, number: int, instruction: str) -> tuple[int | None, str | None]:
        """The Dockerfile line and stage of step ``number`` (the legacy builder counts instructions)."""
        if 0 < number <= len(self.lines):
            line, keyword, stage = self.lines[number - 1]
            if instruction.split(None, 1)[0].upper() == keyword.upper():
                return line, stage
        return None, None

    def feed(self, message: dict[str, Any]) -> None:
        if "error" in message:
            self._fail(str(message.get("error") or (message.get("errorDetail") or {}).get("message")))
        if isinstance(message.get("aux"), dict) and message["aux"].get("ID"):
            self.image_id = message["aux"]["ID"]
        text = message.get("stream")
        if not text:
            return
        self._buffer += text
        while "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            self._line(line)

    def _line(self, line: str) -> None:
        line = ANSI.sub("", line)  # the engine colours its warnings; a step may follow on that line
        match = STEP.match(line)
        if match:
            number, total, instruction = int(match[1]), int(match[2]), match[3].strip()
            line, stage = self._place(number, instruction)
            self.steps.append(_Open(number, total, instruction, line, stage, time.monotonic()))
            self._emit("step", instruction)
            return
        arrow = ARROW.match(line)
        if arrow and self.steps:
            what = arrow[1].strip()
            podman_cached = PODMAN_CACHED.match(what)
            if podman_cached:
                self.steps[-1].cached = True
                self.steps[-1].image = podman_cached[1]
                self._emit("cached", tr("build.progress.cached"))
            elif what == "Using cache":
                self.steps[-1].cached = True
                self._emit("cached", tr("build.progress.cached"))
            elif IMAGE_ID.match(what):
                self.steps[-1].image = what
            return  # " ---> Running in …" is engine bookkeeping, not output
        if NOISE.match(line):
            return
        if self.steps:
            self.steps[-1].output.append(line)
        self._emit("output", line + "\n")

    def _fail(self, error: str) -> None:
        from ..builder.dockerfile import with_legacy_note

        current = self.steps[-1] if self.steps else None
        self._emit("error", error)
        if current is None:
            raise rejected(error, self.path, self.engine)
        error = with_legacy_note(error, self.path)  # a BuildKit feature this classic builder lacks
        where = dict(line=current.line if current.line is not None else "?", step=current.number,
                     total=current.total, instruction=current.instruction, error=error.strip(), engine=self.engine)
        if SOURCE_MISSING.search(error) or PODMAN_SOURCE_MISSING.search(error):  # the embedded engine's BuildContextError
            raise BuildContextError("docker.build.source_missing", **where)
        raise BuildError("docker.build.step_failed", **where)

    def finish(self, client: Any) -> list[BuildStep]:
        """The steps, each with the diff_id of the layer it added (asked from the engine)."""
        if self._buffer:
            self._line(self._buffer)
            self._buffer = ""
        out: list[BuildStep] = []
        previous: list[str] = []
        now = time.monotonic()
        for i, step in enumerate(self.steps):
            ends = self.steps[i + 1].started if i + 1 < len(self.steps) else now
            image = step.image or (_from_image(step.instruction) if i == 0 or step.instruction.upper().startswith("FROM")
                                   else None)
            layers = _diff_ids(client, image) if image else previous
            added = layers[-1] if len(layers) > len(previous) and not step.instruction.upper().startswith("FROM") else None
            size = 0
            out.append(BuildStep(
                number=step.number, total=step.total, instruction=step.instruction, line=step.line,
                stage=step.stage, cached=step.cached, layer_digest=added, size=size,
                output="".join(f"{o}\n" for o in step.output), duration=round(ends - step.started, 3),
            ))
            previous = layers
        return out


def _diff_ids(client: Any, image: str) -> list[str]:
    try:
        return list((client.api.inspect_image(image).get("RootFS") or {}).get("Layers") or [])
    except Exception:  # noqa: BLE001 - a FROM the reader could not name (a stage, scratch): no layers known
        return []


def _from_image(instruction: str) -> str | None:
    """The image a ``FROM`` step starts from, for an engine that prints no image after it
    (Podman): its first word that is not a flag; ``scratch`` has none."""
    words = [w for w in instruction.split()[1:] if not w.startswith("--")]
    if not instruction.upper().startswith("FROM") or not words or words[0].lower() == "scratch":
        return None
    return words[0]


def from_refs(path: Path) -> list[str]:
    """The image references the Dockerfile's FROM lines name (no stage names, no ``$`` ones)."""
    return [ref for _, ref in _base_images(_instructions(path))]


def check_platforms(client: Any, path: Path, platform: str | None) -> None:
    """Raise the embedded builder's ``PlatformMismatch`` for a FROM image of another platform.

    The legacy builder uses ``platform`` only to pull, and silently builds on a local image of
    another CPU; the embedded engine refuses at the FROM line, and so do we, before building.
    """
    from ..errors import PlatformMismatch
    from ..model import Platform

    for ins, ref in _base_images(_instructions(path)):
        wanted = ins.flag("platform") or platform
        if not wanted or "$" in wanted:
            continue
        try:
            attrs = client.api.inspect_image(ref)
        except Exception:  # noqa: BLE001 - not here: the engine will say so
            continue
        actual = Platform(attrs.get("Os") or "linux", attrs.get("Architecture") or "?", attrs.get("Variant"))
        if not actual.matches(Platform.parse(wanted)):
            raise PlatformMismatch("build.from.platform", line=ins.line, ref=ref, actual=str(actual),
                                   wanted=str(Platform.parse(wanted)))


def rejected(error: str, path: str, engine: str | None = None) -> DockerfileError:
    """The engine refused the Dockerfile before running a step (a syntax error)."""
    from ..builder.dockerfile import with_legacy_note

    match = LINE_IN_ERROR.search(error)
    line = int(match[1]) if match else "?"
    return DockerfileError("docker.build.rejected", path=path, line=line, error=with_legacy_note(error, path),
                           engine=engine or tr("engine.name.docker"))


def with_sizes(steps: Iterable[BuildStep], sizes: dict[str, int]) -> list[BuildStep]:
    """The steps with ``size`` filled in from ``diff_id -> uncompressed tar size``."""
    return [replace(s, size=sizes.get(s.layer_digest, 0)) if s.layer_digest else s for s in steps]
