"""The metadata gate: what an image or index must be before any of it is stored or tagged.

Parsing (:mod:`.manifest`, :mod:`.config`, :mod:`.descriptor`) already refuses wrong types,
missing fields, bodies too large or nested too deep. The gate adds what holds between the
pieces, so that nothing enters the store that :func:`~.validate.validate` would then reject:
media types of the config and each layer, sha256 digests, a config of sane size, as many
``diff_ids`` as layers, as many history entries that made a layer as layers, and — for an
uncompressed layer, whose digest *is* its diff_id — the two the same. What only the bytes can
tell (digests, sizes, the diff_id of a compressed layer) is checked while they are written
(:meth:`dockerlab.store.Store.write`).
"""

from __future__ import annotations

from ..errors import InvalidImage
from . import mediatypes as mt
from .config import MAX_CONFIG, ImageConfig
from .descriptor import Descriptor
from .manifest import MAX_MANIFEST, Index, Manifest


MAX_DEPTH = 4  # index → index → … → manifest


def _sha256(desc: Descriptor, what: str, where: str) -> None:
    if desc.digest.algorithm != "sha256":
        raise InvalidImage("model.gate.algorithm", where=where, what=what, digest=desc.digest)


def check_manifest(manifest: Manifest, where: str | None = None) -> None:
    """The manifest's own descriptors: a config and layers of known media types, sha256."""
    where = where or f"manifest {manifest.digest}"
    config = manifest.config
    if not mt.is_config(config.media_type):
        raise InvalidImage("model.wrong_media_type", where=f"{where}: config {config.digest}",
                           media_type=config.media_type, expected=" / ".join(sorted(mt.CONFIGS)))
    _sha256(config, "config", where)
    if config.size > MAX_CONFIG:
        raise InvalidImage("model.gate.too_big", where=where, what="config", digest=config.digest,
                           size=config.size, limit=MAX_CONFIG)
    for i, layer in enumerate(manifest.layers):
        if not mt.is_layer(layer.media_type):
            raise InvalidImage("model.wrong_media_type", where=f"{where}: layer {i} {layer.digest}",
                               media_type=layer.media_type, expected=" / ".join(sorted(mt.LAYERS)))
        _sha256(layer, f"layer {i}", where)
        if mt.compression(layer.media_type) == "zstd":
            try:
                import zstandard  # type: ignore[import-not-found]  # noqa: F401
            except ImportError:
                raise InvalidImage("model.zstd_unsupported", digest=layer.digest) from None


def check_config(manifest: Manifest, config: ImageConfig) -> None:
    """Manifest and config agree: counts of layers, diff_ids and history; plain layers' diff_ids."""
    layers, diff_ids = manifest.layers, config.rootfs.diff_ids
    if len(layers) != len(diff_ids):
        raise InvalidImage("model.gate.layer_count", digest=manifest.digest, layers=len(layers),
                           diff_ids=len(diff_ids))
    built = sum(1 for h in config.history if not h.empty_layer)
    if config.history and built != len(layers):
        raise InvalidImage("model.gate.history_count", digest=config.digest, entries=built, layers=len(layers))
    for i, (layer, diff_id) in enumerate(zip(layers, diff_ids)):
        if mt.compression(layer.media_type) is None and layer.digest != diff_id:
            raise InvalidImage("model.gate.diff_id", index=i, digest=layer.digest, diff_id=diff_id)


def check_index(index: Index, where: str | None = None, depth: int = 0) -> None:
    """An index's children: manifests or indexes, sha256, of sane size, not nested too deep."""
    where = where or f"index {index.digest}"
    if depth > MAX_DEPTH:
        raise InvalidImage("model.gate.too_deep", digest=index.digest, limit=MAX_DEPTH)
    for i, child in enumerate(index.manifests):
        if not (mt.is_manifest(child.media_type) or mt.is_index(child.media_type)):
            raise InvalidImage("model.wrong_media_type", where=f"{where}: manifests[{i}] {child.digest}",
                               media_type=child.media_type,
                               expected=" / ".join(sorted(mt.MANIFESTS | mt.INDEXES)))
        _sha256(child, f"manifests[{i}]", where)
        if child.size > MAX_MANIFEST:
            raise InvalidImage("model.gate.too_big", where=where, what="manifest", digest=child.digest,
                               size=child.size, limit=MAX_MANIFEST)
