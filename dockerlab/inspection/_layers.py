"""The layers of an image as a table: digest, diff_id, sizes and the step that made each one.

``digest`` names the blob as stored or sent, ``diff_id`` the uncompressed tar; locally layers are
stored uncompressed so the two are equal, after a pull from a registry they differ. The
uncompressed size of a compressed layer is only known after reading it: ``measure=True`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..i18n import tr
from ..product import equivalent_command
from ..textutil import human_size, text_table
from .format import clip, display_name, short
from ._history import instruction_of


@dataclass(frozen=True)
class LayerRow:
    index: int
    digest: str
    diff_id: str | None
    chain_id: str | None
    media_type: str
    size: int | None  # uncompressed; None when compressed and not measured
    compressed_size: int | None  # None when stored uncompressed
    created_by: str
    instruction: str

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "digest": self.digest, "diff_id": self.diff_id,
                "chain_id": self.chain_id, "media_type": self.media_type, "size": self.size,
                "compressed_size": self.compressed_size, "created_by": self.created_by}


@dataclass(frozen=True)
class Layers:
    name: str
    rows: tuple[LayerRow, ...]
    program: str = "docker"  # the learner's command line (dockerlab.product.program)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __getitem__(self, i: int) -> LayerRow:
        return self.rows[i]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "layers": [r.to_dict() for r in self.rows]}

    def __repr__(self) -> str:
        return f"<Layers {self.name} count={len(self.rows)}>"

    def table(self) -> tuple[list[str], list[list[str]]]:
        headers = ["#", tr("inspect.col.digest"), tr("inspect.col.diff_id"),
                   tr("inspect.col.uncompressed"), tr("inspect.col.compressed"),
                   tr("inspect.col.created_by")]
        rows = [[str(r.index), short(r.digest), short(r.diff_id), human_size(r.size),
                 human_size(r.compressed_size) if r.compressed_size is not None else "-",
                 clip(r.instruction, 50)] for r in self.rows]
        return headers, rows

    @property
    def docker_command(self) -> str:
        return f"{self.program} image inspect --format '{{{{json .RootFS.Layers}}}}' {self.name}"

    def __str__(self) -> str:
        headers, rows = self.table()
        return "\n".join([tr("inspect.layers.title", name=self.name), text_table(headers, rows),
                          equivalent_command(self.docker_command, self.program)])

    def _repr_html_(self) -> str:
        from ..show.html import layers_html

        return layers_html(self)


def _measure(layer: Any) -> int:
    total = 0
    with layer.open() as stream:
        while chunk := stream.read(1 << 20):
            total += len(chunk)
    return total


def layers(image: Any, measure: bool = False, program: str = "docker") -> Layers:
    """One row per layer of ``image``, base first."""
    rows = []
    for layer in image.layers:
        created_by = layer.history.created_by if layer.history is not None else ""
        if layer.compressed:
            size = _measure(layer) if measure else None
            compressed = int(layer.size)
        else:
            size, compressed = int(layer.size), None
        rows.append(LayerRow(
            index=layer.index, digest=str(layer.digest),
            diff_id=str(layer.diff_id) if layer.diff_id else None,
            chain_id=str(layer.chain_id) if layer.chain_id else None,
            media_type=layer.media_type, size=size, compressed_size=compressed,
            created_by=created_by, instruction=instruction_of(created_by),
        ))
    return Layers(display_name(image), tuple(rows), program)
