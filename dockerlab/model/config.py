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


def _strs(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _keys(value: Any) -> tuple[str, ...]:
    return tuple(sorted(value)) if isinstance(value, Mapping) else ()


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
    def from_dict(cls, data: Mapping[str, Any] | None) -> "RunConfig":
        data = data or {}
        return cls(
            env=_strs(data.get("Env")) or (),
            cmd=_strs(data.get("Cmd")),
            entrypoint=_strs(data.get("Entrypoint")),
            working_dir=data.get("WorkingDir") or "",
            user=data.get("User") or "",
            exposed_ports=_keys(data.get("ExposedPorts")),
            labels=dict(data.get("Labels") or {}),
            volumes=_keys(data.get("Volumes")),
            stop_signal=data.get("StopSignal") or None,
            healthcheck=dict(data["Healthcheck"]) if data.get("Healthcheck") else None,
            on_build=_strs(data.get("OnBuild")) or (),
            shell=_strs(data.get("Shell")),
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
    def from_dict(cls, data: Mapping[str, Any]) -> "History":
        return cls(
            created=data.get("created") or None,
            created_by=data.get("created_by") or "",
            comment=data.get("comment") or "",
            author=data.get("author") or "",
            empty_layer=bool(data.get("empty_layer")),
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
        data = parse_json_object(raw, "config", where)
        rootfs = data.get("rootfs")
        if not isinstance(rootfs, Mapping) or not isinstance(rootfs.get("diff_ids", []), list):
            raise InvalidImage("model.field.rootfs", what="config", where=where)
        try:
            diff_ids = tuple(Digest(d) for d in rootfs.get("diff_ids") or ())
        except ValueError:
            raise InvalidImage("model.field.not_digest", what="config", where=where,
                               field="rootfs.diff_ids") from None
        history = data.get("history") or []
        if not isinstance(history, list) or not all(isinstance(h, Mapping) for h in history):
            raise InvalidImage("model.field.not_object_list", what="config", where=where,
                               field="history")
        return cls(
            raw=raw,
            digest=digest,
            architecture=str(data.get("architecture") or ""),
            os=str(data.get("os") or ""),
            variant=data.get("variant") or None,
            created=data.get("created") or None,
            author=data.get("author") or "",
            config=RunConfig.from_dict(data.get("config") if isinstance(data.get("config"), Mapping) else None),
            rootfs=RootFS(str(rootfs.get("type") or "layers"), diff_ids),
            history=tuple(History.from_dict(h) for h in history),
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
