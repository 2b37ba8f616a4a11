"""``docker inspect`` for the model: an image's manifest and config as readable, coloured JSON.

Pygments does the colouring: HTML in a notebook, ANSI in a terminal (when stdout is a TTY), plain
text otherwise. The JSON shown is the stored document re-indented; the digests printed beside it
are of the exact stored bytes, which is why re-indenting must never be fed back into a digest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..i18n import tr
from ..product import PODMAN, equivalent_command
from .format import display_name, short


@dataclass(frozen=True)
class Document:
    kind: str  # "manifest" | "config" | "index"
    digest: str
    data: Any

    @property
    def title(self) -> str:
        return tr(f"inspect.json.{self.kind}", digest=short(self.digest))

    @property
    def text(self) -> str:
        return json.dumps(self.data, indent=2, ensure_ascii=False, sort_keys=False)


@dataclass(frozen=True)
class Inspection:
    """Readable JSON documents of an image (manifest + config) or an index."""

    name: str
    documents: tuple[Document, ...]
    program: str = "docker"  # the learner's command line (dockerlab.product.program)

    def to_dict(self) -> dict[str, Any]:
        return {d.kind: d.data for d in self.documents}

    def __repr__(self) -> str:
        kinds = ",".join(d.kind for d in self.documents)
        return f"<Inspection {self.name} {kinds}>"

    @property
    def docker_command(self) -> str:
        if any(d.kind == "index" for d in self.documents):
            if self.program == PODMAN:  # reads a manifest list in Podman's own storage first
                return f"podman manifest inspect {self.name}"
            # The raw index of a local multi-platform image; `docker manifest inspect` asks a registry.
            return f"docker buildx imagetools inspect --raw {self.name}"
        return f"{self.program} image inspect {self.name}"

    def __str__(self) -> str:
        return "\n\n".join([f"# {d.title}\n{d.text}" for d in self.documents]
                           + [equivalent_command(self.docker_command, self.program)])

    def ansi(self) -> str:
        """Coloured for a terminal."""
        from pygments import highlight
        from pygments.formatters import TerminalFormatter
        from pygments.lexers import JsonLexer

        return "\n".join(f"\x1b[1m# {d.title}\x1b[0m\n" + highlight(d.text, JsonLexer(), TerminalFormatter())
                         for d in self.documents)

    def _repr_html_(self) -> str:
        from ..show.html import inspection_html

        return inspection_html(self)


def _load(raw: bytes) -> Any:
    return json.loads(raw.decode("utf-8"))


def inspect(obj: Any, program: str = "docker") -> Inspection:
    """The manifest and config of an Image (or the index of an ImageIndex) as readable JSON;
    ``program`` names the command line of the equivalent command."""
    if hasattr(obj, "index") and hasattr(obj, "manifests") and not hasattr(obj, "config"):
        doc = Document("index", str(obj.digest), _load(obj.index.raw))
        return Inspection(display_name(obj), (doc,), program)
    manifest = Document("manifest", str(obj.digest), _load(obj.manifest.raw))
    config = Document("config", str(obj.id), _load(obj.config.raw))
    return Inspection(display_name(obj), (manifest, config), program)
