"""The daemonless, reproducible Dockerfile builder of the embedded engine.

``build(store, path, tag)`` does what ``docker build -t tag path`` does with Docker's legacy
builder — same steps, same layers, same history strings, same cache behaviour — but without a
daemon, and reproducibly: the same Dockerfile, context and base image give the same image ID and
manifest digest on any machine (DESIGN §3). Modules: :mod:`.dockerfile` (front end),
:mod:`.lexer` (``$VAR`` substitution), :mod:`.dockerignore`, :mod:`.context` (context files and
their hashes), :mod:`.metadata` (ENV, CMD …), :mod:`.copy` (COPY/ADD), :mod:`.snapshot` (RUN
layers), :mod:`.cache`, :mod:`.steps`, :mod:`.builder` (the loop), :mod:`.result`.
Written by hand: no Python library builds OCI images from Dockerfiles without a daemon.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from .builder import Builder
from .dockerfile import Instruction, parse, read
from .dockerignore import DockerIgnore
from .result import BuildResult

__all__ = ["BuildResult", "Builder", "DockerIgnore", "Instruction", "build", "parse", "read"]


def build(store, path: str | Path = ".", tag: str | Sequence[str] | None = None, *,
          dockerfile: str | None = None, build_args: dict[str, str] | None = None,
          target: str | None = None, no_cache: bool = False, platform: str | None = None,
          progress: bool | Callable[[Any], Any] | None = None, executor: Any = "auto") -> BuildResult:
    """Build the Dockerfile in ``path`` into ``store``; tag the image with ``tag`` (one or more)."""
    return Builder(store, path, tag, dockerfile=dockerfile, build_args=build_args, target=target,
                   no_cache=no_cache, platform=platform, progress=progress, executor=executor).run()
