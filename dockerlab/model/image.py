"""Read-only views: :class:`Layer`, :class:`Image`, :class:`ImageIndex`.

A view holds a :class:`~.blobs.BlobSource` and the parsed manifest; everything else (config,
layers paired with diff_ids and chain IDs, history paired with layers) is read when first asked
for and then remembered. A layer holds a way to reopen its content, never the bytes.

Every medium gives the same :class:`Image` (it is never subclassed). A medium that makes the
manifest only when asked (the Docker Engine: its listing knows an image's ID, layer count and
size, the manifest needs an export) passes an :class:`ImageCore` instead of the manifest, as
go-containerregistry's ``partial`` package lets a medium supply only a core. Whatever the medium,
``image.digest`` is the sha256 of ``image.manifest.raw`` and ``image.id`` its config's digest;
what a registry calls the image (Docker's RepoDigests) is ``image.repo_digests``.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, BinaryIO, Protocol

from ..errors import InvalidImage, PlatformMismatch
from . import mediatypes as mt
from .blobs import BlobSource, read_blob
from .config import History, ImageConfig
from .descriptor import Descriptor, Platform
from .digest import Digest, chain_ids
from .manifest import Index, Manifest


def _label(ref: Any) -> str:
    if ref is None:
        return "<none>"
    return getattr(ref, "familiar", None) or str(ref)


class _Closing(io.BufferedReader):
    """A decompressing reader that also closes the blob stream under it."""

    def __init__(self, stream: BinaryIO, inner: BinaryIO) -> None:
        super().__init__(stream)  # type: ignore[arg-type]
        self._inner = inner

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._inner.close()


@dataclass(frozen=True)
class Layer:
    """One layer of an image: its blob (``digest``), uncompressed identity (``diff_id``) and more."""

    source: BlobSource = field(repr=False, compare=False)
    index: int  # 0 = base layer
    descriptor: Descriptor
    diff_id: Digest | None
    chain_id: Digest | None
    history: History | None = None

    @property
    def digest(self) -> Digest:
        return self.descriptor.digest

    @property
    def size(self) -> int:
        """Size of the blob as stored or sent (compressed if ``compressed``)."""
        return self.descriptor.size

    @property
    def media_type(self) -> str:
        return self.descriptor.media_type

    @property
    def compressed(self) -> bool:
        return mt.compression(self.media_type) is not None

    def open_blob(self) -> BinaryIO:
        """The blob exactly as stored (maybe compressed)."""
        return self.source.open_blob(self.digest)

    def open(self) -> BinaryIO:
        """The uncompressed tar stream (checked against the blob digest as it is read)."""
        kind = mt.compression(self.media_type)
        blob = self.open_blob()
        if kind is None:
            return blob
        if kind == "gzip":
            return _Closing(gzip.GzipFile(fileobj=blob, mode="rb"), blob)  # type: ignore[arg-type]
        try:
            import zstandard  # type: ignore[import-not-found]
        except ImportError:
            blob.close()
            raise InvalidImage("model.zstd_unsupported", digest=self.digest) from None
        return _Closing(zstandard.ZstdDecompressor().stream_reader(blob), blob)

    def __repr__(self) -> str:
        return f"<Layer {self.index} {self.digest[:19]} size={self.size}>"

    def _repr_html_(self) -> str:
        from ..show.html import layer_html  # imported on first display: keeps the model light

        return layer_html(self)


@dataclass(frozen=True)
class HistoryItem:
    """A history entry and the layer it made (``None`` for ENV, CMD … entries)."""

    history: History
    layer: Layer | None

    @property
    def empty_layer(self) -> bool:
        return self.history.empty_layer


class ImageCore(Protocol):
    """What a medium supplies for an image whose manifest it makes only when asked: the ID (the
    config digest) and the layer count and size known without reading a blob, and the manifest."""

    id: Digest
    layer_count: int
    size: int  # before the manifest is made (Docker's listing figure); after, the layers' sum counts
    derived: bool  # the manifest is made from the config alone: the same ID gives the same manifest

    def manifest(self) -> Manifest: ...


class Image:
    """An image: manifest + config + layers (base first), read lazily from ``source``.

    ``manifest``: the parsed manifest, or a medium's :class:`ImageCore` that makes it on first
    need. ``repo_digests``: ``name@sha256:…`` of registry manifests a medium knows this image as
    (Docker's RepoDigests; the digest of a compressed form, so never ``digest``)."""

    def __init__(self, source: BlobSource, manifest: "Manifest | ImageCore", ref: Any = None, *,
                 repo_digests: tuple[str, ...] | list[str] = ()) -> None:
        self.source = source
        self.ref = ref
        self.repo_digests = tuple(repo_digests)
        if isinstance(manifest, Manifest):
            self.core: ImageCore | None = None
            self.__dict__["manifest"] = manifest
        else:
            self.core = manifest

    @classmethod
    def from_digest(cls, source: BlobSource, digest: Digest, ref: Any = None) -> "Image":
        return cls(source, Manifest.from_bytes(read_blob(source, digest)), ref)

    def with_ref(self, ref: Any) -> "Image":
        made = self.__dict__.get("manifest")
        return Image(self.source, self.core if self.core is not None else made, ref,
                     repo_digests=self.repo_digests)

    @cached_property
    def manifest(self) -> Manifest:
        """The manifest: given, or made by the medium's core on first need (then remembered)."""
        assert self.core is not None
        return self.core.manifest()

    @property
    def id(self) -> Digest:
        """The image ID: the config digest (what ``docker images`` shows)."""
        return self.core.id if self.core is not None else self.manifest.config.digest

    @property
    def digest(self) -> Digest:
        """The manifest digest (what ``name@sha256:…`` names): sha256 of ``manifest.raw``."""
        return self.manifest.digest

    @property
    def descriptor(self) -> Descriptor:
        return self.manifest.descriptor()

    @cached_property
    def config(self) -> ImageConfig:
        return ImageConfig.from_bytes(read_blob(self.source, self.id), where=f"config {self.id}")

    @cached_property
    def layers(self) -> tuple[Layer, ...]:
        diff_ids = list(self.config.rootfs.diff_ids)
        chains = chain_ids(diff_ids)
        built = [h for h in self.config.history if not h.empty_layer]
        out = []
        for i, desc in enumerate(self.manifest.layers):
            out.append(Layer(
                source=self.source, index=i, descriptor=desc,
                diff_id=diff_ids[i] if i < len(diff_ids) else None,
                chain_id=chains[i] if i < len(chains) else None,
                history=built[i] if i < len(built) else None,
            ))
        return tuple(out)

    @cached_property
    def history(self) -> list[HistoryItem]:
        layers = iter(self.layers)
        return [HistoryItem(h, None if h.empty_layer else next(layers, None)) for h in self.config.history]

    @property
    def platform(self) -> Platform:
        cfg = self.config
        return Platform(cfg.os, cfg.architecture, cfg.variant)

    @property
    def size(self) -> int:
        """Sum of the layer blob sizes (a core's figure until its manifest is made)."""
        if self.core is not None and "manifest" not in self.__dict__:
            return self.core.size
        return sum(d.size for d in self.manifest.layers)

    def _derived(self) -> bool:
        return self.core is not None and self.core.derived

    def __eq__(self, other: object) -> bool:
        """The same manifest. Two views whose cores derive it from the config alone are equal
        when their IDs are, without making it."""
        if not isinstance(other, Image) or other.id != self.id:
            return False
        return (self._derived() and other._derived()) or other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.id)  # the same manifest names the same config: equal views hash alike

    def __repr__(self) -> str:
        count = self.core.layer_count if self.core is not None and "manifest" not in self.__dict__ \
            else len(self.manifest.layers)
        return f"<Image {_label(self.ref)} sha256:{self.id.short} layers={count}>"

    def _repr_html_(self) -> str:
        from ..show.html import image_html  # imported on first display: keeps the model light

        return image_html(self)


class ImageIndex:
    """A multi-platform index: one manifest per platform."""

    def __init__(self, source: BlobSource, index: Index, ref: Any = None) -> None:
        self.source = source
        self.index = index
        self.ref = ref

    @classmethod
    def from_digest(cls, source: BlobSource, digest: Digest, ref: Any = None) -> "ImageIndex":
        return cls(source, Index.from_bytes(read_blob(source, digest)), ref)

    def with_ref(self, ref: Any) -> "ImageIndex":
        return ImageIndex(self.source, self.index, ref)

    @property
    def digest(self) -> Digest:
        return self.index.digest

    @property
    def manifests(self) -> tuple[Descriptor, ...]:
        return self.index.manifests

    @property
    def descriptor(self) -> Descriptor:
        return self.index.descriptor()

    @property
    def platforms(self) -> list[Platform]:
        return [d.platform for d in self.manifests if d.platform is not None]

    def images(self) -> list[Image]:
        return [Image.from_digest(self.source, d.digest, self.ref)
                for d in self.manifests if mt.is_manifest(d.media_type)]

    def image_for(self, platform: Platform | str | None = None) -> Image:
        """The image for ``platform`` (default: this machine's)."""
        wanted = Platform.host() if platform is None else platform
        wanted = Platform.parse(wanted) if isinstance(wanted, str) else wanted
        for desc in self.manifests:
            if desc.platform is not None and desc.platform.matches(wanted):
                if mt.is_index(desc.media_type):
                    return ImageIndex.from_digest(self.source, desc.digest, self.ref).image_for(wanted)
                return Image.from_digest(self.source, desc.digest, self.ref)
        available = ", ".join(str(p) for p in self.platforms) or "-"
        raise PlatformMismatch("model.no_platform", digest=self.digest, platform=wanted, available=available)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ImageIndex) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __repr__(self) -> str:
        return f"<ImageIndex {_label(self.ref)} sha256:{self.digest.short} manifests={len(self.manifests)}>"

    def _repr_html_(self) -> str:
        from ..show.html import index_html  # imported on first display: keeps the model light

        return index_html(self)
