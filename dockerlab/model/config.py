"""The image config: the runtime defaults, the layer diff_ids (rootfs) and the history.

The same JSON shape serves OCI (``application/vnd.oci.image.config.v1+json``) and Docker
(``application/vnd.docker.container.image.v1+json``). The image ID is the sha256 of these bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ..errors import InvalidImage
from .digest import Digest, canonical_json
from .manifest import parse_json_object
from .schema import field as _field, string_map

#: The largest image config read (real ones are a few KiB; long histories reach a few hundred).
MAX_CONFIG = 8 << 20


def _strs(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...] | None:
    """A list of strings (Docker also wrote a lone string for ``Cmd``/``Entrypoint`` once)."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    return tuple(_field(data, key, list, "config", where, items=str))


def _keys(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    return tuple(sorted(_field(data, key, dict, "config", where, default={})))


@dataclass(frozen=True)
class RunConfig:
    """What a container starts with (the ``config`` object inside the image config)."""

    env: tuple[str, ...] = ()
    cmd: tuple[str, ...] | None = None
    entrypoint: tuple[str, ...] | None = None
    working_dir: str = ""
    user: str = ""
    exposed_ports: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict, hash=False)
    volumes: tuple[str, ...] = ()
    stop_signal: str | None = None
    healthcheck: Mapping[str, Any] | None = field(default=None, hash=False)
    on_build: tuple[str, ...] = ()
    shell: tuple[str, ...] | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None, where: str = "config") -> "RunConfig":
        data = data or {}
        return cls(
            env=_strs(data, "Env", where) or (),
            cmd=_strs(data, "Cmd", where),
            entrypoint=_strs(data, "Entrypoint", where),
            working_dir=_field(data, "WorkingDir", str, "config", where, default=""),
            user=_field(data, "User", str, "config", where, default=""),
            exposed_ports=_keys(data, "ExposedPorts", where),
            labels=string_map(data, "Labels", "config", where),
            volumes=_keys(data, "Volumes", where),
            stop_signal=_field(data, "StopSignal", str, "config", where) or None,
            healthcheck=dict(_field(data, "Healthcheck", dict, "config", where, default={})) or None,
            on_build=_strs(data, "OnBuild", where) or (),
            shell=_strs(data, "Shell", where),
        )

    def to_dict(self) -> dict[str, Any]:
        """Docker's key names; empty fields left out as Docker's ``omitempty`` does."""
        out: dict[str, Any] = {}
        if self.user:
            out["User"] = self.user
        if self.exposed_ports:
            out["ExposedPorts"] = {p: {} for p in self.exposed_ports}
        if self.env:
            out["Env"] = list(self.env)
        if self.entrypoint is not None:
            out["Entrypoint"] = list(self.entrypoint)
        if self.cmd is not None:
            out["Cmd"] = list(self.cmd)
        if self.volumes:
            out["Volumes"] = {v: {} for v in self.volumes}
        if self.working_dir:
            out["WorkingDir"] = self.working_dir
        if self.labels:
            out["Labels"] = dict(self.labels)
        if self.stop_signal:
            out["StopSignal"] = self.stop_signal
        if self.healthcheck:
            out["Healthcheck"] = dict(self.healthcheck)
        if self.on_build:
            out["OnBuild"] = list(self.on_build)
        if self.shell is not None:
            out["Shell"] = list(self.shell)
        return out


@dataclass(frozen=True)
class History:
    """One history entry; ``empty_layer`` entries (ENV, CMD …) have no layer."""

    created: str | None = None
    created_by: str = ""
    comment: str = ""
    author: str = ""
    empty_layer: bool = False

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "config") -> "History":
        return cls(
            created=_field(data, "created", str, "config", where) or None,
            created_by=_field(data, "created_by", str, "config", where, default=""),
            comment=_field(data, "comment", str, "config", where, default=""),
            author=_field(data, "author", str, "config", where, default=""),
            empty_layer=_field(data, "empty_layer", bool, "config", where, default=False),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.created:
            out["created"] = self.created
        if self.created_by:
            out["created_by"] = self.created_by
        if self.author:
            out["author"] = self.author
        if self.comment:
            out["comment"] = self.comment
        if self.empty_layer:
            out["empty_layer"] = True
        return out


@dataclass(frozen=True)
class RootFS:
    type: str = "layers"
    diff_ids: tuple[Digest, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "diff_ids": [str(d) for d in self.diff_ids]}


@dataclass(frozen=True)
class ImageConfig:
    """A parsed image config, with its exact bytes (``raw``) and their digest (the image ID)."""

    raw: bytes = field(repr=False)
    digest: Digest
    architecture: str
    os: str
    variant: str | None
    created: str | None
    author: str
    config: RunConfig
    rootfs: RootFS
    history: tuple[History, ...]
    data: Mapping[str, Any] = field(default_factory=dict, hash=False, repr=False, compare=False)

    @classmethod
    def from_bytes(cls, raw: bytes, where: str | None = None) -> "ImageConfig":
        digest = Digest.of(raw)
        where = where or digest
        data = parse_json_object(raw, "config", where, MAX_CONFIG)
        rootfs = data.get("rootfs")
        if not isinstance(rootfs, Mapping) or not isinstance(rootfs.get("diff_ids", []), (list, type(None))):
            raise InvalidImage("model.field.rootfs", what="config", where=where)
        if _field(rootfs, "type", str, "config", where, default="layers") != "layers":
            raise InvalidImage("model.field.rootfs", what="config", where=where)
        try:
            diff_ids = tuple(Digest(d) for d in rootfs.get("diff_ids") or ())
        except (ValueError, TypeError):
            raise InvalidImage("model.field.not_digest", what="config", where=where,
                               field="rootfs.diff_ids") from None
        history = data.get("history") or []
        if not isinstance(history, list) or not all(isinstance(h, Mapping) for h in history):
            raise InvalidImage("model.field.not_object_list", what="config", where=where,
                               field="history")
        return cls(
            raw=raw,
            digest=digest,
            architecture=_field(data, "architecture", str, "config", where, default=""),
            os=_field(data, "os", str, "config", where, default=""),
            variant=_field(data, "variant", str, "config", where) or None,
            created=_field(data, "created", str, "config", where) or None,
            author=_field(data, "author", str, "config", where, default=""),
            config=RunConfig.from_dict(_field(data, "config", dict, "config", where), where),
            rootfs=RootFS("layers", diff_ids),
            history=tuple(History.from_dict(h, where) for h in history),
            data=data,
        )

    @classmethod
    def create(cls, *, architecture: str, os: str = "linux", variant: str | None = None,
               config: RunConfig = RunConfig(), diff_ids: Iterable[str] = (),
               history: Iterable[History] = (), created: str | None = None, author: str = "",
               extra: Mapping[str, Any] | None = None) -> "ImageConfig":
        """A new config serialised with :func:`canonical_json` (``extra``: further top-level keys)."""
        data: dict[str, Any] = dict(extra or {})
        data.update({"architecture": architecture, "os": os, "config": config.to_dict(),
                     "rootfs": RootFS("layers", tuple(Digest(d) for d in diff_ids)).to_dict(),
                     "history": [h.to_dict() for h in history]})
        if variant:
            data["variant"] = variant
        if created:
            data["created"] = created
        if author:
            data["author"] = author
        return cls.from_bytes(canonical_json(data))

    def to_dict(self) -> dict[str, Any]:
        """The parsed JSON as it was read (a copy)."""
        return dict(self.data)

    @property
    def diff_ids(self) -> tuple[Digest, ...]:
        return self.rootfs.diff_ids
