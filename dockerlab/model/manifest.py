"""Image manifests and indexes (OCI and Docker v2.2), parsed from raw bytes that are kept.

The digest of a manifest is the sha256 of its exact bytes, so the bytes travel with the parsed
object and are never re-serialised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ..errors import InvalidImage
from . import mediatypes as mt
from .descriptor import Descriptor
from .digest import Digest, canonical_json
from .schema import field as _field, parse_json, string_map

#: The largest manifest or index read (the distribution spec's and containerd's 4 MiB).
MAX_MANIFEST = 4 << 20


def parse_json_object(raw: bytes, what: str, where: str, limit: int | None = None) -> dict[str, Any]:
    """A JSON object from ``raw`` (bounded, see :func:`.schema.parse_json`), errors naming
    ``what`` and ``where``."""
    data = parse_json(raw, what, where, limit=limit)
    if not isinstance(data, dict):
        raise InvalidImage("model.field.not_object", what=what, where=where)
    return data


def _descriptors(data: Mapping[str, Any], key: str, what: str, where: str) -> tuple[Descriptor, ...]:
    if key not in data:
        raise InvalidImage("model.field.missing", what=what, where=where, field=key)
    items = data.get(key)
    if items is None:
        items = []
    if not isinstance(items, list):
        raise InvalidImage("model.field.not_list", what=what, where=where, field=key)
    return tuple(Descriptor.from_dict(d, where=f"{where} {key}[{i}]") for i, d in enumerate(items))


@dataclass(frozen=True)
class Manifest:
    """An image manifest: one config descriptor and the layer descriptors, base layer first."""

    raw: bytes = field(repr=False)
    digest: Digest
    media_type: str
    config: Descriptor
    layers: tuple[Descriptor, ...]
    annotations: Mapping[str, str] = field(default_factory=dict, hash=False)

    @classmethod
    def from_bytes(cls, raw: bytes, media_type: str | None = None, where: str | None = None) -> "Manifest":
        digest = Digest.of(raw)
        where = where or digest
        data = parse_json_object(raw, "manifest", where, MAX_MANIFEST)
        declared = _field(data, "mediaType", str, "manifest", where) or media_type
        if declared is None and "config" in data:
            declared = mt.OCI_MANIFEST
        if not mt.is_manifest(declared):
            raise InvalidImage("model.wrong_media_type", where=f"manifest {where}", media_type=declared,
                               expected=" / ".join(sorted(mt.MANIFESTS)))
        if data.get("schemaVersion") != 2:
            raise InvalidImage("model.field.schema_version", what="manifest", where=where,
                               value=data.get("schemaVersion"))
        if "config" not in data:
            raise InvalidImage("model.field.missing", what="manifest", where=where, field="config")
        return cls(
            raw=raw,
            digest=digest,
            media_type=declared,
            config=Descriptor.from_dict(data["config"], where=f"manifest {where} config"),
            layers=_descriptors(data, "layers", "manifest", where),
            annotations=string_map(data, "annotations", "manifest", where),
        )

    @classmethod
    def build(cls, config: Descriptor, layers: Iterable[Descriptor], annotations: Mapping[str, str] | None = None,
              media_type: str = mt.OCI_MANIFEST) -> "Manifest":
        """A new manifest serialised with :func:`canonical_json`."""
        data: dict[str, Any] = {
            "schemaVersion": 2,
            "mediaType": media_type,
            "config": config.to_dict(),
            "layers": [d.to_dict() for d in layers],
        }
        if annotations:
            data["annotations"] = dict(annotations)
        return cls.from_bytes(canonical_json(data))

    def descriptor(self, **extra: Any) -> Descriptor:
        """A descriptor pointing at this manifest."""
        return Descriptor(self.media_type, self.digest, len(self.raw), **extra)


@dataclass(frozen=True)
class Index:
    """An image index (OCI) or manifest list (Docker): manifests for several platforms."""

    raw: bytes = field(repr=False)
    digest: Digest
    media_type: str
    manifests: tuple[Descriptor, ...]
    annotations: Mapping[str, str] = field(default_factory=dict, hash=False)

    @classmethod
    def from_bytes(cls, raw: bytes, media_type: str | None = None, where: str | None = None) -> "Index":
        digest = Digest.of(raw)
        where = where or digest
        data = parse_json_object(raw, "index", where, MAX_MANIFEST)
        declared = _field(data, "mediaType", str, "index", where) or media_type or mt.OCI_INDEX
        if not mt.is_index(declared):
            raise InvalidImage("model.wrong_media_type", where=f"index {where}", media_type=declared,
                               expected=" / ".join(sorted(mt.INDEXES)))
        if data.get("schemaVersion") != 2:
            raise InvalidImage("model.field.schema_version", what="index", where=where,
                               value=data.get("schemaVersion"))
        return cls(
            raw=raw,
            digest=digest,
            media_type=declared,
            manifests=_descriptors(data, "manifests", "index", where),
            annotations=string_map(data, "annotations", "index", where),
        )

    @classmethod
    def build(cls, manifests: Iterable[Descriptor], annotations: Mapping[str, str] | None = None,
              media_type: str = mt.OCI_INDEX) -> "Index":
        data: dict[str, Any] = {
            "schemaVersion": 2,
            "mediaType": media_type,
            "manifests": [d.to_dict() for d in manifests],
        }
        if annotations:
            data["annotations"] = dict(annotations)
        return cls.from_bytes(canonical_json(data))

    def descriptor(self, **extra: Any) -> Descriptor:
        return Descriptor(self.media_type, self.digest, len(self.raw), **extra)
