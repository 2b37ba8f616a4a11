"""Operations that make new images from old ones, never changing them (go-containerregistry's
``mutate``): :func:`new_image`, :func:`with_config`, :func:`append_layer`.

The result is an ordinary :class:`~.image.Image` whose new blobs (config, manifest) are held in
memory until a store writes it (:meth:`dockerlab.store.Store.write`); its layers come from the
sources given. The builder's commit, a container's ``commit`` and the course's base image all
make their images here — the code counterpart of the lesson that an image is immutable.
"""

from __future__ import annotations

import io
from typing import Any, BinaryIO, Mapping, Sequence

from ..errors import BlobNotFound
from . import mediatypes as mt
from .blobs import BlobSource
from .config import History, ImageConfig
from .descriptor import Descriptor
from .digest import Digest, canonical_json
from .image import Image
from .manifest import Manifest


class MemorySource:
    """Blobs held as bytes (each named by its own sha256, so always intact)."""

    def __init__(self, *blobs: bytes) -> None:
        self.blobs = {Digest.of(b): b for b in blobs}

    def has_blob(self, digest: Digest) -> bool:
        return digest in self.blobs

    def blob_size(self, digest: Digest) -> int:
        if digest not in self.blobs:
            raise BlobNotFound("model.blob_missing", digest=digest, where="memory")
        return len(self.blobs[digest])

    def open_blob(self, digest: Digest) -> BinaryIO:
        if digest not in self.blobs:
            raise BlobNotFound("model.blob_missing", digest=digest, where="memory")
        return io.BytesIO(self.blobs[digest])

    def __repr__(self) -> str:
        return f"<MemorySource {len(self.blobs)} blobs>"


class OverlaySource:
    """Several sources as one: a blob comes from the first that has it."""

    def __init__(self, *sources: BlobSource) -> None:
        self.sources = [s for s in sources if s is not None]

    def source_of(self, digest: Digest) -> BlobSource:
        """The source a blob comes from (to name it in messages)."""
        return self._first(digest)

    def _first(self, digest: Digest) -> BlobSource:
        for source in self.sources:
            if source.has_blob(digest):
                return source
        raise BlobNotFound("model.blob_missing", digest=digest, where=repr(self))

    def has_blob(self, digest: Digest) -> bool:
        return any(s.has_blob(digest) for s in self.sources)

    def blob_size(self, digest: Digest) -> int:
        return self._first(digest).blob_size(digest)

    def open_blob(self, digest: Digest) -> BinaryIO:
        return self._first(digest).open_blob(digest)

    def __repr__(self) -> str:
        return f"<OverlaySource {self.sources}>"


def new_image(config: ImageConfig, layers: Sequence[Descriptor], source: BlobSource, *,
              annotations: Mapping[str, str] | None = None, ref: Any = None) -> Image:
    """An OCI image of ``config`` over ``layers`` (blobs from ``source``); not stored yet."""
    config_desc = Descriptor(mt.OCI_CONFIG, config.digest, len(config.raw))
    manifest = Manifest.build(config_desc, layers, annotations)
    return Image(OverlaySource(MemorySource(config.raw, manifest.raw), source), manifest, ref)


def with_config(image: Image, config: ImageConfig | Mapping[str, Any]) -> Image:
    """``image`` with another config (a parsed one, or the JSON as a dict); the same layers."""
    if not isinstance(config, ImageConfig):
        config = ImageConfig.from_bytes(canonical_json(dict(config)))
    return new_image(config, image.manifest.layers, image.source, annotations=image.manifest.annotations or None)


def append_layer(image: Image, layer: Descriptor, *, history: History, diff_id: Digest | None = None,
                 source: BlobSource | None = None, run_config: Mapping[str, Any] | None = None,
                 created: str | None = None, author: str | None = None) -> Image:
    """``image`` plus ``layer`` (on top), its ``history`` entry and diff_id (default: the layer's
    digest, an uncompressed layer), and optionally a new run config (Docker's ``config`` object),
    ``created`` and ``author``. ``source`` holds the new layer's blob when ``image``'s does not."""
    data = image.config.to_dict()
    rootfs = dict(data.get("rootfs") or {})
    rootfs["type"] = "layers"
    rootfs["diff_ids"] = [*map(str, image.config.diff_ids), str(diff_id or layer.digest)]
    data["rootfs"] = rootfs
    data["history"] = [*(dict(h) for h in data.get("history") or []), history.to_dict()]
    if run_config is not None:
        data["config"] = dict(run_config)
    if created is not None:
        data["created"] = created
    if author:
        data["author"] = author
    config = ImageConfig.from_bytes(canonical_json(data))
    blobs = OverlaySource(source, image.source) if source is not None else image.source
    return new_image(config, [*image.manifest.layers, layer], blobs)


__all__ = ["MemorySource", "OverlaySource", "append_layer", "new_image", "with_config"]
