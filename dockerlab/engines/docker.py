"""The real Docker Engine, driven through the ``docker`` SDK, behind the same interface as ``local``.

Every verb returns the same model objects as the embedded engine: images are
:class:`~.docker_medium.DockerImage` views (read lazily from the engine's export stream), builds
return the builder's ``BuildResult`` with one :class:`~.base.BuildStep` per instruction, containers
are :class:`dockerlab.engines.docker_container.DockerContainer`. Push and pull go through dockerlab's own
registry client, like the embedded engine, so both engines talk to a registry the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import BuildContextError, DockerfileError, DockerlabError, EngineUnavailable
from ..fsutil import remove_tree
from ..i18n import messages, tr
from ..builder.result import ProgressCallback
from .base import Engine, EngineInfo
from .daemon import cause
from .docker_build import StreamReader, check_platforms, dockerfile_lines, from_refs, rejected, with_sizes
from .docker_medium import BlobCache, DockerImage, DockerSource, api_error, default_cache_dir

messages({
    "docker.reason.direct": (
        "DockerEngine dibuat langsung dari kode dengan klien Docker yang diberikan.",
        "DockerEngine was created directly in code with the given Docker client.",
    ),
    "docker.no_registry_client": (
        "{verb} lewat Docker Engine memakai klien registry dockerlab, yang belum tersedia di "
        "instalasi ini ({error}). Perbarui dockerlab, atau pakai `docker {verb} {ref}` di terminal.",
        "{verb} through the Docker Engine uses dockerlab's registry client, which is not available "
        "in this installation ({error}). Update dockerlab, or use `docker {verb} {ref}` in a terminal.",
    ),
})


class DockerEngine(Engine):
    """A Docker Engine reached through a ``docker.DockerClient``."""

    name = "docker"
    #: Seconds a single read from the engine may take: selection pings with a short timeout, but a
    #: build step or a container may stay silent much longer than that.
    OPERATION_TIMEOUT = 600

    def __init__(self, client: Any, *, reason: str | None = None, cache_dir: str | Path | None = None) -> None:
        if (getattr(client.api, "timeout", None) or 0) < self.OPERATION_TIMEOUT:
            client.api.timeout = self.OPERATION_TIMEOUT
        self.client = client
        self.reason = reason
        self.cache = BlobCache(Path(cache_dir) if cache_dir is not None else default_cache_dir())

    # -- about the engine -------------------------------------------------------------------------

    def info(self) -> EngineInfo:
        try:
            version = self.client.version()
        except Exception as exc:  # noqa: BLE001 - the daemon went away since selection
            raise EngineUnavailable("engine.docker_unreachable", host=self.client.api.base_url,
                                    error=cause(exc, self.client.api.timeout)) from exc
        details = {
            "api_version": version.get("ApiVersion"),
            "os": version.get("Os"),
            "architecture": version.get("Arch"),
            "host": self.client.api.base_url,
            "builder": "legacy",
            "cache": str(self.cache.root),
        }
        return EngineInfo("docker", str(version.get("Version", "?")), self.reason or tr("docker.reason.direct"),
                          details)

    # -- images -----------------------------------------------------------------------------------

    def _image(self, attrs: dict[str, Any], ref: Any = None) -> DockerImage:
        return DockerImage(DockerSource(self.client, self.cache, attrs["Id"]), attrs, ref)

    def image(self, ref: str) -> DockerImage:
        from ..reference import Reference

        text = str(ref)
        try:
            attrs = self.client.api.inspect_image(text)
        except Exception as exc:  # noqa: BLE001 - translated below
            raise api_error(exc, "inspect", text) from None
        named = None
        if not text.startswith("sha256:") and "@" not in text:
            try:
                candidate = Reference.parse(text)
            except DockerlabError:
                candidate = None
            if candidate is not None and any(_same_tag(t, candidate) for t in attrs.get("RepoTags") or []):
                named = candidate
        return self._image(attrs, named)

    def images(self) -> list[DockerImage]:
        """One entry per tag (like ``docker images``); untagged images once, without a name."""
        from ..reference import Reference

        out: list[DockerImage] = []
        for summary in self.client.api.images():
            attrs = self.client.api.inspect_image(summary["Id"])
            tags = [t for t in attrs.get("RepoTags") or [] if t != "<none>:<none>"]
            if not tags:
                out.append(self._image(attrs))
            out.extend(self._image(attrs, Reference.parse(t)) for t in sorted(tags))
        return out

    def tag(self, source: str, target: str) -> DockerImage:
        from ..reference import Reference

        ref = Reference.parse(target)
        try:
            self.client.api.tag(str(source), ref.repository, ref.tag or "latest")
        except Exception as exc:  # noqa: BLE001
            raise api_error(exc, "tag", str(source)) from None
        return self.image(str(ref))

    def remove(self, ref: str, *, force: bool = False) -> list[str]:
        try:
            answer = self.client.api.remove_image(str(ref), force=force)
        except Exception as exc:  # noqa: BLE001
            raise api_error(exc, "rmi", str(ref)) from None
        return [f"{k}: {v}" for item in answer for k, v in item.items()]

    def save(self, refs: str | Iterable[str], path: str | Path) -> Path:
        """``docker save -o path refs…``: the engine's own docker-archive tar."""
        names = [refs] if isinstance(refs, str) else [str(r) for r in refs]
        path = Path(path)
        for name in names:
            self.image(name)  # a clear ImageNotFound before writing anything
        api = self.client.api
        response = api._get(api._url("/images/get"), params={"names": names}, stream=True)
        api._raise_for_status(response)
        tmp = path.with_name(path.name + ".part")
        with open(tmp, "wb") as out:
            for chunk in response.iter_content(chunk_size=1 << 20):
                out.write(chunk)
        tmp.replace(path)
        return path

    def load(self, path: str | Path) -> list[DockerImage]:
        """``docker load -i path``: a docker-archive tar (or an OCI layout tar the engine accepts)."""
        with open(path, "rb") as data:
            messages_ = list(self.client.api.load_image(data))
        loaded: list[DockerImage] = []
        for message in messages_:
            if "error" in message:
                raise DockerlabError("docker.api_error", action="load", ref=str(path), error=message["error"])
            text = str(message.get("stream", "")).strip()
            for prefix in ("Loaded image ID: ", "Loaded image: "):
                if text.startswith(prefix):
                    loaded.append(self.image(text[len(prefix):].strip()))
        return loaded

    def provide_base_image(self, ref: str) -> bool:
        """Copy the course's base image into the engine when ``ref`` names it and it is missing.

        Nothing can be pulled in class, so (like the embedded engine, which builds it on first use)
        the image is built into the course store from this machine's busybox and moved in with
        :func:`dockerlab.engines.transfer.copy` — the same bytes, the same image ID. True if it was copied.
        """
        from .. import baseimage

        if not baseimage.is_base_ref(ref):
            return False
        try:
            self.client.api.inspect_image(str(ref))
            return False
        except Exception:  # noqa: BLE001 - missing: provide it below
            pass
        from ..store import Store
        from .transfer import copy

        store = Store()
        baseimage.ensure_base_image(store)
        copy(str(ref), store, self)
        return True

    # -- build ------------------------------------------------------------------------------------

    def build(
        self,
        path: str | Path = ".",
        tag: str | Sequence[str] | None = None,
        *,
        dockerfile: str | None = None,
        build_args: dict[str, str] | None = None,
        target: str | None = None,
        no_cache: bool = False,
        platform: str | None = None,
        progress: bool | ProgressCallback | None = None,
    ) -> Any:
        """``docker build`` with the legacy builder; same events, result and errors as ``local``."""
        from ..builder import context as _context, dockerfile as _dockerfile  # noqa: F401 - their messages
        from ..builder.result import BuildResult, Progress, context_argument  # shared with the embedded engine

        context = Path(path)
        tags = [tag] if isinstance(tag, str) else list(tag or [])
        if not context.is_dir():
            raise BuildContextError("build.context.missing", path=str(context))
        dockerfile_path = Path(dockerfile) if dockerfile else context / "Dockerfile"
        if dockerfile and not dockerfile_path.is_absolute() and (context / dockerfile_path).exists():
            dockerfile_path = context / dockerfile_path  # like the embedded builder: context first, then cwd
        if not dockerfile_path.is_file():
            raise DockerfileError("build.dockerfile.missing", path=str(dockerfile_path))
        for ref in from_refs(dockerfile_path):
            self.provide_base_image(ref)
        check_platforms(self.client, dockerfile_path, platform)
        printer = Progress(progress)
        reader = StreamReader(dockerfile_lines(dockerfile_path), printer, str(dockerfile_path))
        options: dict[str, Any] = dict(path=str(context), rm=True, forcerm=True, decode=True, nocache=no_cache,
                                       buildargs=dict(build_args or {}), target=target, platform=platform)
        if dockerfile:
            options["dockerfile"] = str(dockerfile_path.resolve())
        if tags:
            options["tag"] = tags[0]
        try:
            for message in self.client.api.build(**options):
                reader.feed(message)
        except DockerlabError:
            raise
        except Exception as exc:  # noqa: BLE001 - an API error before any step: a rejected Dockerfile
            if getattr(exc, "status_code", None) in (400, 500):
                raise rejected(getattr(exc, "explanation", None) or str(exc), str(dockerfile_path)) from None
            raise
        image_id = reader.image_id or (reader.steps[-1].image if reader.steps else None)
        steps = reader.finish(self.client)
        for extra in tags[1:]:
            self.tag(image_id, extra)
        image = self.image(tags[0]) if tags else self.image(image_id)
        sizes = {layer.diff_id: layer.descriptor.size for layer in image.layers}
        last = steps[-1] if steps else None
        printer.emit("done", last.number if last else 0, last.total if last else 0,
                     tr("build.progress.done", id=image.id.short))
        for name in tags:
            printer.emit("done", last.number if last else 0, last.total if last else 0,
                         tr("build.progress.tagged", tag=name))
        return BuildResult(image=image, steps=tuple(with_sizes(steps, sizes)), tags=tuple(tags),
                           context=context_argument(context))  # as typed here, now

    # -- containers -------------------------------------------------------------------------------

    def run(self, image: str, command: str | Sequence[str] | None = None, **options: Any):
        """``docker run``: a container with no network (``network_mode="none"``) unless asked."""
        from .docker_container import DockerContainer

        self.provide_base_image(str(getattr(image, "ref", None) or image))
        return DockerContainer.run(self, image, command, **options)

    #: The network a serving container joins when the engine has no default ``bridge`` (a daemon
    #: started with ``--bridge=none``, as the tests' is): a user-defined bridge, made on first use.
    SERVING_NETWORK = "dockerlab"

    def serving_network(self) -> str:
        """A network on which ``-p`` publishing works: ``bridge`` when the engine has it (every
        ordinary installation), else :attr:`SERVING_NETWORK`, created once."""
        names = {n.name for n in self.client.networks.list()}
        if "bridge" in names:
            return "bridge"
        if self.SERVING_NETWORK not in names:
            try:
                self.client.networks.create(self.SERVING_NETWORK, driver="bridge",
                                            labels={"org.dockerlab.purpose": "serving"})
            except Exception as exc:  # noqa: BLE001 - another process made it meanwhile: use it
                if getattr(exc, "status_code", None) != 409:
                    raise _api_error(exc, "network create", self.SERVING_NETWORK) from None
        return self.SERVING_NETWORK

    def containers(self, all: bool = True) -> list[Any]:  # noqa: A002 - mirrors `docker ps --all`
        """``docker ps [--all]``: newest first."""
        from .docker_container import DockerContainer

        return [DockerContainer(self, c) for c in self.client.containers.list(all=all)]

    def container(self, ref: str) -> Any:
        """A container by name, full ID or ID prefix (``ContainerError`` when there is none)."""
        from .docker_container import get

        return get(self, ref)

    # -- registry ---------------------------------------------------------------------------------

    def push(self, ref: str, **options: Any):
        """``docker push``: the image, read from this engine, sent by dockerlab's registry client."""
        registry = _registry("push", ref)
        return registry.push(self.image(ref), ref, **options)

    def pull(self, ref: str, **options: Any):
        """``docker pull``: fetched by dockerlab's registry client, then loaded into this engine."""
        from .transfer import load_image

        from ..reference import Reference

        registry = _registry("pull", ref)
        # A digest reference cannot be a RepoTag in `docker load`: the image is loaded by its ID
        # (the engine knows RepoDigests only of images it pulled itself).
        name = "" if Reference.parse(ref).digest else ref
        return load_image(registry.pull(ref, **options), self, name)

    def prune_cache(self) -> None:
        """Forget the exported layer tars (they are re-read from the engine when next asked for).

        A failure is raised, not hidden: the caller asked for the space back."""
        remove_tree(self.cache.root)

    def __repr__(self) -> str:
        return f"<DockerEngine {self.client.api.base_url}>"


def _same_tag(tag: str, ref: Any) -> bool:
    from ..reference import Reference

    try:
        return Reference.parse(tag) == ref
    except DockerlabError:
        return False


def _registry(verb: str, ref: str):
    try:
        from .. import registry
    except ImportError as exc:  # pragma: no cover - the registry package ships with dockerlab
        raise EngineUnavailable("docker.no_registry_client", verb=verb, ref=ref, error=str(exc)) from None
    if not hasattr(registry, verb):
        raise EngineUnavailable("docker.no_registry_client", verb=verb, ref=ref, error=f"registry.{verb}")
    return registry
