"""``docker history``, but clearer: each step, the layer it made (or none), its size, the cache.

Works on the model only (``image.history`` pairs config history entries with layers), so both
engines give the same table. Whether a step came from the build cache is not stored in an image;
pass the build result (or its list of :class:`~dockerlab.builder.result.BuildStep`) to know it.

One numbering, the build's: with a build result, each row carries the number of the build step
that made it (``Langkah 4/7`` in the build log, ``[4/7]`` in BuildKit's), and the rows the base
image brought carry the number of the ``FROM`` step. Layers keep their own position (0 = the
base layer), as ``tree(image, layer=i)`` and ``docker inspect``'s ``RootFS.Layers`` count them.
The size is what ``docker history`` shows: the bytes of the files the layer holds (``0 B`` for a
layer that only makes a folder), not the size of its tar (which rounds up to 10 240-byte blocks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from ..i18n import tr
from ..product import equivalent_command
from ..textutil import human_size, text_table
from .format import clip, display_name, short


_NOP = re.compile(r"^/bin/sh -c #\(nop\)\s*")
_SHELL = re.compile(r"^/bin/sh -c\s+")


def instruction_of(created_by: str) -> str:
    """The Dockerfile instruction behind a history ``created_by`` (classic builder or BuildKit)."""
    text = (created_by or "").strip()
    if _NOP.match(text):
        return _NOP.sub("", text).strip()
    if _SHELL.match(text):
        return "RUN " + _SHELL.sub("", text).strip()
    if text.startswith("|"):  # classic builder's "|2 ARG=… /bin/sh -c …" form
        parts = text.split(" /bin/sh -c ", 1)
        return "RUN " + parts[1].strip() if len(parts) == 2 else text
    text = text.removesuffix(" # buildkit").strip()
    if text.startswith("RUN /bin/sh -c "):  # BuildKit's form of a shell-form RUN
        text = "RUN " + text[len("RUN /bin/sh -c "):].strip()
    return text


@dataclass(frozen=True)
class HistoryRow:
    """One history entry: ``layer`` is the layer digest (None for metadata-only steps),
    ``layer_index`` its position (0 = base), ``step`` the build step that made it (None when no
    build result was given), ``size`` the layer blob's bytes and ``content_size`` the bytes of the
    files in it (what ``docker history`` shows)."""

    index: int
    instruction: str
    created_by: str
    layer: str | None
    diff_id: str | None
    size: int
    cached: bool | None  # None: not known
    created: str | None = None
    comment: str = ""
    layer_index: int | None = None
    step: int | None = None
    content_size: int = 0

    @property
    def empty(self) -> bool:
        return self.layer is None

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "instruction": self.instruction, "created_by": self.created_by,
                "layer": self.layer, "layer_index": self.layer_index, "diff_id": self.diff_id,
                "size": self.size, "content_size": self.content_size, "step": self.step,
                "cached": self.cached, "created": self.created, "comment": self.comment}


def cache_label(cached: bool | None, known: bool = False) -> str:
    """"dari cache" / "dijalankan" (the build log's words). Unpaired rows: with a build result
    (``known``) they came with the base image; without one, an image does not record it."""
    if cached is None:
        return tr("inspect.cache.base") if known else tr("inspect.cache.unknown")
    return tr("inspect.cache.hit") if cached else tr("inspect.cache.miss")


@dataclass(frozen=True)
class History:
    """The steps of an image, base first. ``str()`` is a table; Jupyter shows HTML."""

    name: str
    rows: tuple[HistoryRow, ...]
    cache_known: bool = False
    program: str = "docker"  # the learner's command line (dockerlab.product.program)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __getitem__(self, i: int) -> HistoryRow:
        return self.rows[i]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "steps": [r.to_dict() for r in self.rows]}

    def __repr__(self) -> str:
        layers = sum(1 for r in self.rows if not r.empty)
        return f"<History {self.name} steps={len(self.rows)} layers={layers}>"

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Columns: the build step (with a build result), the instruction, the layer's position
        and digest (or "tanpa layer"), the files' size as ``docker history`` shows it, the cache."""
        headers = [tr("inspect.col.instruction"), tr("inspect.col.layer"), tr("inspect.col.digest"),
                   tr("inspect.col.size"), tr("inspect.col.cache")]
        rows = [[clip(r.instruction, 60),
                 str(r.layer_index) if r.layer else tr("inspect.no_layer"),
                 short(r.layer) if r.layer else "",
                 human_size(r.content_size), cache_label(r.cached, self.cache_known)]
                for r in self.rows]
        if self.cache_known:
            headers.insert(0, tr("inspect.col.step"))
            for row, r in zip(rows, self.rows):
                row.insert(0, str(r.step) if r.step is not None else "")
        return headers, rows

    @property
    def docker_command(self) -> str:
        return f"{self.program} history {self.name}"

    def __str__(self) -> str:
        headers, rows = self.table()
        out = [tr("inspect.history.title", name=self.name), text_table(headers, rows)]
        if not self.cache_known:
            out.append(tr("inspect.history.cache_note"))
        out.append(equivalent_command(self.docker_command, self.program))
        return "\n".join(out)

    def _repr_html_(self) -> str:
        from ..show.html import history_html

        return history_html(self)


def _steps(build: Any) -> list[Any]:
    if build is None:
        return []
    steps = list(getattr(build, "steps", build))
    if steps and getattr(steps[-1], "stage", None) is not None:  # multi-stage: the final stage only
        steps = [s for s in steps if s.stage == steps[-1].stage]
    return [s for s in steps if not str(getattr(s, "instruction", "")).upper().startswith("FROM")]


def _from_step(build: Any) -> int | None:
    """The number of the FROM step that started the final stage (it brought the base's rows)."""
    steps = list(getattr(build, "steps", build) or [])
    froms = [s for s in steps if str(getattr(s, "instruction", "")).upper().startswith("FROM")]
    return getattr(froms[-1], "number", None) if froms else None


def _match_steps(items: Sequence[Any], steps: Sequence[Any]) -> list[Any]:
    """Pair build steps with history items: by layer diff_id first, then from the end (the
    build's own steps are the last history entries). Unpaired items: ``None``."""
    paired: list[Any] = [None] * len(items)
    by_diff = {str(s.layer_digest): s for s in steps if getattr(s, "layer_digest", None)}
    used = set()
    for i, item in enumerate(items):
        diff_id = str(item.layer.diff_id) if item.layer is not None and item.layer.diff_id else None
        step = by_diff.get(diff_id) if diff_id else None
        if step is not None:
            paired[i] = step
            used.add(id(step))
    remaining = list(reversed(steps))
    for offset, i in enumerate(range(len(items) - 1, -1, -1)):
        if offset >= len(remaining):
            break
        step = remaining[offset]
        if paired[i] is None and id(step) not in used:
            paired[i] = step
    return paired


def content_size(layer: Any) -> int:
    """What ``docker history`` reports as a layer's SIZE: the bytes of its regular files plus,
    for each symbolic link, the length of its target (what ``lstat`` gives; Docker adds both up);
    folders, whiteouts and a second name of a hard-linked file count 0."""
    from .entries import SYMLINK, layer_entries

    return sum(len(entry.linkname.encode()) if entry.kind == SYMLINK else entry.size
               for entry in layer_entries(layer))


def history(image: Any, build: Any = None, program: str = "docker") -> History:
    """The history of ``image``: one row per step, with its layer (or "tanpa layer") and size;
    ``program`` names the command line of the equivalent command.

    ``build``: a build result with ``.steps`` or a list of ``BuildStep`` — then the cache column
    says "dari cache" or "dijalankan" for the build's own steps and "bagian image dasar" for the
    base image's; without it, "tidak tercatat" (an image does not record cache use).
    """
    items = list(image.history)
    steps = _steps(build)
    paired = _match_steps(items, steps) if steps else [None] * len(items)
    base_step = _from_step(build) if steps else None
    rows = []
    for i, item in enumerate(items):
        layer, step = item.layer, paired[i]
        rows.append(HistoryRow(
            index=i,
            instruction=instruction_of(item.history.created_by),
            created_by=item.history.created_by,
            layer=str(layer.digest) if layer is not None else None,
            diff_id=str(layer.diff_id) if layer is not None and layer.diff_id else None,
            size=int(layer.size) if layer is not None else 0,
            cached=bool(step.cached) if step is not None else None,
            created=item.history.created,
            comment=item.history.comment,
            layer_index=layer.index if layer is not None else None,
            step=step.number if step is not None else base_step,
            content_size=content_size(layer) if layer is not None else 0,
        ))
    return History(display_name(image), tuple(rows), cache_known=bool(steps), program=program)
