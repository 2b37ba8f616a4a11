"""The embedded, daemonless engine: the local store plus the modules that do each verb.

``LocalEngine`` only delegates: builds to :mod:`dockerlab.builder`, images and tags to
:mod:`dockerlab.store`, ``save``/``load`` to :mod:`dockerlab.archive`, containers to
:mod:`dockerlab.container`, ``push``/``pull`` to :mod:`dockerlab.registry`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..i18n import tr
from ..builder.result import ProgressCallback
from .base import Engine, EngineInfo


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

        with self.store.recording("build"):
            return build(self.store, path, tag, dockerfile=dockerfile, build_args=build_args, target=target,
                         no_cache=no_cache, platform=platform, progress=progress)

    def images(self) -> list[Any]:
        """``docker images``: every image and index in the store (tagged ones carry their ref)."""
        return self.store.images()

    def image(self, ref: str):
        """``docker image inspect REF``: the image (for an index, the one for this machine)."""
        from ..model import ImageIndex

        found = self.store.image(ref)
        return found.image_for(None) if isinstance(found, ImageIndex) else found

    def write(self, view, *, tags: Sequence[str] = ()):
        """Into the store's one sink (:meth:`dockerlab.store.Store.write`)."""
        return self.store.write(view, tags=tags)

    def tag(self, source: str, target: str):
        """``docker tag SOURCE TARGET``."""
        with self.store.recording("tag"):
            return self.store.tag(target, self.store.image(source))

    def remove(self, ref: str, *, force: bool = False) -> list[str]:
        """``docker rmi [-f] REF``: what was untagged/deleted."""
        with self.store.recording("rmi"):
            return self.store.remove(ref, force=force)

    def save(self, refs: str | Iterable[str], path: str | Path) -> Path:
        """``docker save -o PATH REF…``: a docker-archive tar (also an OCI layout)."""
        from .. import archive

        return archive.save(self.store, refs, path)

    def load(self, path: str | Path) -> list[Any]:
        """``docker load -i PATH``."""
        from .. import archive

        with self.store.recording("load"):
            return archive.load(self.store, path)

    def ensure_base_image(self):
        """Built into the store from this machine's busybox (:func:`dockerlab.baseimage.ensure_base_image`)."""
        from .. import baseimage

        return baseimage.ensure_base_image(self.store)

    # ------------------------------------------------------------ containers (dockerlab.container)

    def run(self, image, command: str | Sequence[str] | None = None, *, detach: bool = False,
            ports: Any = None, env: Mapping[str, str] | Iterable[str] | None = None, name: str | None = None,
            workdir: str | None = None, user: str | None = None,
            entrypoint: str | Sequence[str] | None = None, remove: bool = False,
            output: Callable[[str], Any] | None = None, timeout: float | None = None):
        """``docker run``: delegated to :func:`dockerlab.container.run`."""
        from ..container import run

        return run(self.store, image, command, detach=detach, ports=ports, env=env, name=name, workdir=workdir,
                   user=user, entrypoint=entrypoint, remove=remove, output=output, timeout=timeout)

    def containers(self, all: bool = True) -> list[Any]:  # noqa: A002 - mirrors `docker ps --all`
        """``docker ps [--all]``: delegated to :func:`dockerlab.container.containers`."""
        from ..container import containers

        return containers(self.store, all=all)

    # ------------------------------------------------------------ registry (dockerlab.registry)

    def push(self, ref: str, *, compression: str | None = "gzip", auth: tuple[str, str] | None = None,
             progress: bool = True, on_blob: Callable[[Any], Any] | None = None, jobs: int = 3):
        """``docker push REF``: delegated to ``dockerlab.registry.push(image, ref, …)``."""
        from .. import registry

        # the store's view, not image(): a multi-platform tag must be pushed as its whole index.
        return registry.push(self.store.image(ref), ref, compression=compression, auth=auth,
                             progress=progress, on_blob=on_blob, jobs=jobs)

    def pull(self, ref: str, *, platform: str | None = None, all_platforms: bool = False,
             auth: tuple[str, str] | None = None, progress: bool = True,
             on_blob: Callable[[Any], Any] | None = None, jobs: int = 3):
        """``docker pull REF``: delegated to ``dockerlab.registry.pull(ref, store=…, …)``."""
        from .. import registry

        with self.store.recording("pull"):
            return registry.pull(ref, store=self.store, platform=platform, all_platforms=all_platforms,
                                 auth=auth, progress=progress, on_blob=on_blob, jobs=jobs)

    # ------------------------------------------------------------ tag history (dockerlab.store)

    def tag_history(self, name: str | None = None):
        """Every tag set, moved or removed in the store, oldest first (``Store.tag_history``)."""
        return self.store.tag_history(name)


__all__ = ["LocalEngine"]
