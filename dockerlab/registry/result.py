"""What a push reports: the digest the registry gave, and local vs. pushed identities side by side.

The local store keeps layers uncompressed; a push compresses them. So the layer digests — and
with them the manifest digest — differ between here and the registry, while the image ID (the
config digest) and every diff_id stay the same. :class:`PushResult` lets a notebook cell show
exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..i18n import tr
from ..model import Digest
from ..textutil import human_size, text_table, whole


class _Text(str):
    """A table shown as itself (no quotes) when a cell ends with it."""

    def __repr__(self) -> str:
        return str(self)


@dataclass(frozen=True)
class BlobTransfer:
    """One blob of a push or pull: local and remote digests, and what happened to it."""

    kind: str  # "layer" | "config"
    local_digest: Digest
    remote_digest: Digest
    size: int  # bytes as in the registry
    local_size: int
    diff_id: Digest | None
    action: str  # "sent" | "skipped" | "mounted" | "fetched" | "present"
    media_type: str = ""


@dataclass(frozen=True)
class PushResult:
    """A finished push of one image: ``digest`` is what the registry reported (Docker-Content-Digest)."""

    ref: str
    digest: Digest
    local_digest: Digest
    image_id: Digest
    blobs: tuple[BlobTransfer, ...]
    media_type: str

    @property
    def layers(self) -> tuple[BlobTransfer, ...]:
        return tuple(b for b in self.blobs if b.kind == "layer")

    def count(self, action: str) -> int:
        return sum(1 for b in self.blobs if b.action == action)

    @property
    def pinned(self) -> str:
        """``name@sha256:…``: the reference that always means exactly this pushed image."""
        return self.ref.rsplit(":", 1)[0] + "@" + self.digest if "@" not in self.ref else self.ref

    def comparison(self) -> list[tuple[str, str, str, bool]]:
        """Rows ``(what, local, remote, same)``: image ID same, manifest and layer digests maybe not."""
        rows = [(tr("registry.cmp.image_id"), self.image_id, self.image_id, True),
                (tr("registry.cmp.manifest"), self.local_digest, self.digest, self.local_digest == self.digest)]
        for n, layer in enumerate(self.layers):
            rows.append((tr("registry.cmp.layer", n=n), layer.local_digest, layer.remote_digest,
                         layer.local_digest == layer.remote_digest))
            if layer.diff_id:
                rows.append((tr("registry.cmp.diff_id", n=n), layer.diff_id, layer.diff_id, True))
            rows.append((tr("registry.cmp.size", n=n), whole(layer.local_size), whole(layer.size),
                         layer.local_size == layer.size))
        return rows

    def transfers(self) -> str:
        """One row per blob of the push: which blob, its digest in the registry, its size and
        what happened to it (sent, or already there and skipped), in the learner's language."""
        rows, n = [], 0
        for blob in self.blobs:
            if blob.kind == "layer":
                what, n = tr("registry.blob.layer", n=n), n + 1
            else:
                what = tr("registry.blob.config")
            rows.append((what, _short(blob.remote_digest), human_size(blob.size),
                         tr(f"registry.action.{blob.action}")))
        return _Text(text_table((tr("registry.blob.kind"), tr("registry.blob.digest"), tr("registry.blob.size"),
                                 tr("registry.blob.action")), rows))

    def table(self) -> str:
        header = (tr("registry.cmp.what"), tr("registry.cmp.local"), tr("registry.cmp.remote"), tr("registry.cmp.same"))
        rows = [(w, _short(a), _short(b), tr("registry.cmp.yes") if s else tr("registry.cmp.no"))
                for w, a, b, s in self.comparison()]
        return text_table(header, rows, rule=False)

    def __str__(self) -> str:
        return tr("registry.push_done", ref=self.ref, digest=self.digest, image_id=self.image_id.short,
                  sent=self.count("sent"), skipped=self.count("skipped"), mounted=self.count("mounted"))

    def __repr__(self) -> str:
        return f"<PushResult {self.ref} {self.digest[:19]} sent={self.count('sent')}>"

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{escape(tr(k))}</th>" for k in
                       ("registry.cmp.what", "registry.cmp.local", "registry.cmp.remote", "registry.cmp.same"))
        body = "".join(
            f"<tr><td>{escape(w)}</td><td><code>{escape(_short(a))}</code></td>"
            f"<td><code>{escape(_short(b))}</code></td>"
            f"<td>{escape(tr('registry.cmp.yes') if s else tr('registry.cmp.no'))}</td></tr>"
            for w, a, b, s in self.comparison())
        return (f"<div class='dockerlab-push'><p>{escape(str(self))}</p>"
                f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


@dataclass(frozen=True)
class IndexPushResult:
    """A pushed multi-platform index and the push of each platform's image."""

    ref: str
    digest: Digest
    local_digest: Digest
    images: tuple[PushResult, ...]

    def __str__(self) -> str:
        return "\n".join([f"{self.ref}: index {self.digest}"] + [f"  {r}" for r in self.images])

    def __repr__(self) -> str:
        return f"<IndexPushResult {self.ref} {self.digest[:19]} images={len(self.images)}>"


def _short(value: str) -> str:
    return value[:19] + "…" if value.startswith("sha256:") else value
