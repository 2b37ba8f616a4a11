"""Descriptors (media type + digest + size: how one blob points at another) and platforms."""

from __future__ import annotations

import platform as _platform
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..errors import InvalidImage
from .digest import Digest


# platform.machine() -> (GOARCH, variant) as Docker names them
_MACHINES = {
    "x86_64": ("amd64", None), "amd64": ("amd64", None),
    "aarch64": ("arm64", "v8"), "arm64": ("arm64", "v8"),
    "armv7l": ("arm", "v7"), "armv6l": ("arm", "v6"),
    "i386": ("386", None), "i686": ("386", None),
    "ppc64le": ("ppc64le", None), "s390x": ("s390x", None), "riscv64": ("riscv64", None),
}


@dataclass(frozen=True)
class Platform:
    """Where an image can run: ``linux/amd64``, ``linux/arm64/v8`` …"""

    os: str
    architecture: str
    variant: str | None = None
    os_version: str | None = None
    os_features: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> "Platform":
        parts = str(text).strip().lower().split("/")
        if not 2 <= len(parts) <= 3 or not all(parts):
            raise InvalidImage("model.bad_platform", text=text)
        return cls(parts[0], parts[1], parts[2] if len(parts) == 3 else None)

    @classmethod
    def host(cls) -> "Platform":
        """The platform of this machine, in Docker's words."""
        machine = _platform.machine().lower()
        arch, variant = _MACHINES.get(machine, (machine, None))
        return cls("linux", arch, variant)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Platform":
        features = data.get("os.features")
        return cls(
            os=str(data.get("os", "")),
            architecture=str(data.get("architecture", "")),
            variant=str(data.get("variant") or "") or None,
            os_version=str(data.get("os.version") or "") or None,
            os_features=tuple(str(f) for f in features) if isinstance(features, list) else (),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"architecture": self.architecture, "os": self.os}
        if self.variant:
            out["variant"] = self.variant
        if self.os_version:
            out["os.version"] = self.os_version
        if self.os_features:
            out["os.features"] = list(self.os_features)
        return out

    def normalized(self) -> "Platform":
        """arm64 means arm64/v8 unless said otherwise (as containerd compares them)."""
        if self.architecture == "arm64" and not self.variant:
            return Platform(self.os, self.architecture, "v8", self.os_version, self.os_features)
        return self

    def matches(self, other: "Platform | str") -> bool:
        other = Platform.parse(other) if isinstance(other, str) else other
        a, b = self.normalized(), other.normalized()
        return (a.os, a.architecture, a.variant or "") == (b.os, b.architecture, b.variant or "")

    def __str__(self) -> str:
        return "/".join(p for p in (self.os, self.architecture, self.variant) if p)


@dataclass(frozen=True)
class Descriptor:
    """A pointer to a blob: what it is (``media_type``), its ``digest`` and ``size`` in bytes."""

    media_type: str
    digest: Digest
    size: int
    annotations: Mapping[str, str] = field(default_factory=dict, hash=False)
    platform: Platform | None = None
    urls: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: Any, where: str = "descriptor") -> "Descriptor":
        if not isinstance(data, Mapping):
            raise InvalidImage("model.bad_descriptor", where=where, problem=f"{type(data).__name__}")
        media_type = data.get("mediaType")
        size = data.get("size")
        if not isinstance(media_type, str) or not media_type:
            raise InvalidImage("model.bad_descriptor", where=where, problem="mediaType")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise InvalidImage("model.bad_descriptor", where=where, problem=f"size={size!r}")
        try:
            digest = Digest(data.get("digest"))
        except (ValueError, TypeError):
            raise InvalidImage("model.bad_descriptor", where=where, problem=f"digest={data.get('digest')!r}") from None
        platform = data.get("platform")
        annotations = data.get("annotations") or {}
        if not isinstance(annotations, Mapping) or not all(isinstance(v, str) for v in annotations.values()):
            raise InvalidImage("model.bad_descriptor", where=where, problem="annotations")
        urls = data.get("urls") or []
        if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
            raise InvalidImage("model.bad_descriptor", where=where, problem="urls")
        if platform is not None and not (isinstance(platform, Mapping) and isinstance(platform.get("os"), str)
                                         and isinstance(platform.get("architecture"), str)
                                         and isinstance(platform.get("variant") or "", str)):
            raise InvalidImage("model.bad_descriptor", where=where, problem="platform")
        return cls(
            media_type=media_type,
            digest=digest,
            size=size,
            annotations=dict(annotations),
            platform=Platform.from_dict(platform) if platform is not None else None,
            urls=tuple(urls),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"mediaType": self.media_type, "digest": str(self.digest), "size": self.size}
        if self.urls:
            out["urls"] = list(self.urls)
        if self.annotations:
            out["annotations"] = dict(self.annotations)
        if self.platform is not None:
            out["platform"] = self.platform.to_dict()
        return out

    def with_annotations(self, annotations: Mapping[str, str]) -> "Descriptor":
        return Descriptor(self.media_type, self.digest, self.size, dict(annotations), self.platform, self.urls)

    def with_platform(self, platform: Platform | None) -> "Descriptor":
        return Descriptor(self.media_type, self.digest, self.size, dict(self.annotations), platform, self.urls)
