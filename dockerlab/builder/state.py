"""The state of one build stage while its instructions run (the legacy builder's ``dispatchState``)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Descriptor, History, Platform
from .fsview import FsView
from .lexer import env_map

DEFAULT_SHELL = ("/bin/sh", "-c")
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


@dataclass
class Stage:
    """Mutable while the stage builds; frozen into an image at the end."""

    index: int
    name: str | None
    platform: Platform
    base_ref: str  # "scratch", a stage name, or the image reference as written
    config: dict[str, Any] = field(default_factory=dict)  # Docker's "config" object
    author: str = ""
    layers: list[Descriptor] = field(default_factory=list)
    history: list[History] = field(default_factory=list)
    args: dict[str, str | None] = field(default_factory=dict)  # ARGs declared in this stage
    key: str = ""  # cache chain key of the last step
    cmd_set: bool = False
    fs: FsView | None = None  # lazily read from the layers
    rootfs: Path | None = None  # unpacked root filesystem, once a RUN needed it
    rootfs_layers: int = 0  # how many of ``layers`` are applied to ``rootfs``

    @classmethod
    def begin(cls, index: int, name: str | None, platform: Platform, base_ref: str,
              config: dict[str, Any] | None, layers=(), history=(), author: str = "") -> "Stage":
        cfg = copy.deepcopy(config or {})
        env = list(cfg.get("Env") or [])
        if not any(e.split("=", 1)[0] == "PATH" for e in env):
            env.append("PATH=" + DEFAULT_PATH)  # setDefaultPath in the legacy builder
        cfg["Env"] = env
        cfg.pop("OnBuild", None)
        return cls(index, name, platform, base_ref, cfg, author, list(layers), list(history))

    @property
    def shell(self) -> list[str]:
        return list(self.config.get("Shell") or DEFAULT_SHELL)

    @property
    def env(self) -> dict[str, str]:
        return env_map(self.config.get("Env") or [])

    def allowed_args(self) -> dict[str, str]:
        """Declared ARGs with a value and not overridden by ENV (``FilterAllowed``)."""
        env = self.env
        return {k: v for k, v in self.args.items() if v is not None and k not in env}

    def expansion_env(self) -> dict[str, str]:
        """What ``$VAR`` sees: ENV wins over ARG."""
        return {**self.allowed_args(), **self.env}

    def set_env(self, key: str, value: str) -> None:
        env = list(self.config.get("Env") or [])
        for i, item in enumerate(env):
            if item.split("=", 1)[0] == key:
                env[i] = f"{key}={value}"
                break
        else:
            env.append(f"{key}={value}")
        self.config["Env"] = env

    def nop(self, comment: str) -> str:
        """``created_by`` of a metadata step: ``/bin/sh -c #(nop)  CMD ["sh"]``."""
        return " ".join(self.shell + ["#(nop) ", comment])

    def nop_string(self, comment: str) -> str:
        """``created_by`` of WORKDIR/COPY/ADD: one ``#(nop) …`` word (single space)."""
        return " ".join(self.shell + ["#(nop) " + comment])
