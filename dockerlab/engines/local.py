"""The embedded, daemonless engine: the local store plus the modules that do each verb.

``LocalEngine`` only delegates: builds to :mod:`dockerlab.builder`, images and tags to
:mod:`dockerlab.store`, ``save``/``load`` to :mod:`dockerlab.archive`, containers to
:mod:`dockerlab.container`, ``push``/``pull`` to :mod:`dockerlab.registry`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import EngineUnavailable
from ..i18n import messages, tr
from ..builder.result import ProgressCallback
from .base import Engine, EngineInfo

messages({
    "local.reason.default": (
        "Mesin bawaan dockerlab (tanpa daemon); image disimpan di {root}.",
        "dockerlab's embedded engine (no daemon); images are stored in {root}.",
    ),
    "local.no_registry": (
        "Mesin bawaan belum bisa {verb} {ref}: klien registry tidak tersedia ({error}).",
        "The embedded engine cannot {verb} {ref} yet: the registry client is not available ({error}).",
    ),
})


class LocalEngine(Engine):
    """``docker``'s verbs on the local OCI store, with no daemon."""

    name = "local"

    def __init__(self, store: Any = None, *, reason: str | None = None) -> None:
        if store is None or isinstance(store, (str, Path)):
            from ..store import Store

            store = Store(store)
        self.store = store
        self.reason = reason

    def __repr__(self) -> str:
        return f"<LocalEngine {self.store.root}>"

    # ------------------------------------------------------------ about

    def info(self) -> EngineInfo:
        from importlib.metadata import version  # the installed package's, as pyproject.toml says

        from ..executor import probe

        reason = self.reason or tr("local.reason.default", root=self.store.root)
        return EngineInfo("local", version("dockerlab"), reason,
                          {"store": str(self.store.root), "executor": probe().reason})

    # ------------------------------------------------------------ images (build/, store, archive)

    def build(self, path: str | Path = ".", tag: str | Sequence[str] | None = None, *,
              dockerfile: str | None = None, build_args: dict[str, str] | None = None,
              target: str | None = None, no_cache: bool = False, platform: str | None = None,
              progress: bool | ProgressCallback | None = None):
        """``docker build -t TAG PATH`` on the embedded engine; returns a ``BuildResult``."""
        from ..builder import build

        return build(self.store, path, tag, dockerfile=dockerfile, build_args=build_args, target=target,
                     no_cache=no_cache, platform=platform, progress=progress)

    def images(self) -> list[Any]:
        """``docker images``: every image and index in the store (tagged ones carry their ref)."""
        return self.store.images()

    def image(self, ref: str):
        """``docker image inspect REF``: the image (for an index, the one for this machine)."""
        from ..model import ImageIndex

        found = self.store.resolve(ref)
        return found.image_for(None) if isinstance(found, ImageIndex) else found

    def tag(self, source: str, target: str):
        """``docker tag SOURCE TARGET``."""
        return self.store.tag(target, self.store.resolve(source))

    def remove(self, ref: str, *, force: bool = False) -> list[str]:
        """``docker rmi [-f] REF``: what was untagged/deleted."""
        return self.store.remove(ref, force=force)

    def save(self, refs: str | Iterable[str], path: str | Path) -> Path:
        """``docker save -o PATH REF…``: a docker-archive tar (also an OCI layout)."""
        from .. import archive

        return archive.save(self.store, refs, path)

    def load(self, path: str | Path) -> list[Any]:
        """``docker load -i PATH``."""
        from .. import archive

        return archive.load(self.store, path)

    # ------------------------------------------------------------ containers (dockerlab.container)

    def run(self, image: str, command: str | Sequence[str] | None = None, **options: Any):
        """``docker run``: delegated to :func:`dockerlab.container.run`."""
        from ..container import run

        return run(self.store, image, command, **options)

    def containers(self, all: bool = True) -> list[Any]:  # noqa: A002 - mirrors `docker ps --all`
        """``docker ps [--all]``: delegated to :func:`dockerlab.container.containers`."""
        from ..container import containers

        return containers(self.store, all=all)

    # ------------------------------------------------------------ registry (dockerlab.registry)

    def push(self, ref: str, **options: Any):
        """``docker push REF``: delegated to ``dockerlab.registry.push(image, ref, …)``."""
        # resolve, not image(): a multi-platform tag must be pushed as its whole index.
        return self._registry("push", ref).push(self.store.resolve(ref), ref, **options)

    def pull(self, ref: str, **options: Any):
        """``docker pull REF``: delegated to ``dockerlab.registry.pull(ref, store=…, …)``."""
        return self._registry("pull", ref).pull(ref, store=self.store, **options)

    @staticmethod
    def _registry(verb: str, ref: str):
        from .. import registry

        if not hasattr(registry, verb):
            raise EngineUnavailable("local.no_registry", verb=verb, ref=ref, error=f"registry.{verb}")
        return registry


__all__ = ["LocalEngine"]
