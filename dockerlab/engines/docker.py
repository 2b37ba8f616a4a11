"""The real Docker Engine, driven through the ``docker`` SDK, behind the same interface as ``local``.

Every verb returns the same model objects as the embedded engine: images are model
:class:`~dockerlab.model.Image` views over a :class:`~.docker_medium.DockerCore` (read lazily from
the engine's export stream), builds return the builder's ``BuildResult`` with one
:class:`~dockerlab.builder.result.BuildStep` per instruction, containers
are :class:`dockerlab.engines.docker_container.DockerContainer`. Push and pull go through dockerlab's own
registry client, like the embedded engine, so both engines talk to a registry the same way.

Podman answers the same API (``podman system service``): one backend serves both, and a small
:class:`Profile` holds what differs where a learner sees it — the name (``Podman``), the command line
(``podman``), and the container limits Podman's runtime would otherwise raise past the machine's.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from ..errors import BuildContextError, DockerfileError, DockerlabError, EngineUnavailable, ImageNotFound
from ..fsutil import remove_tree
from ..i18n import tr
from ..product import program
from ..builder.result import ProgressCallback
from .base import Engine, EngineInfo
from .daemon import cause
from .docker_build import StreamReader, check_platforms, dockerfile_lines, from_refs, rejected, with_sizes
from ..model import Image
from .docker_medium import api_error, blob_cache, default_cache_dir, docker_image, names


@dataclass(frozen=True)
class Profile:
    """What differs between engines that answer the Docker API, as a learner sees it."""

    product: str            # EngineInfo.name and the message key engine.name.<product>
    host_ulimits: bool      # give containers this machine's open-files limit (Podman raises it)

    @property
    def title(self) -> str:
        return tr(f"engine.name.{self.product}")

    @property
    def command(self) -> str:
        """The command line a learner types (:func:`dockerlab.product.program`)."""
        return program(self.product)


DOCKER = Profile("docker", host_ulimits=False)
PODMAN = Profile("podman", host_ulimits=True)


class DockerEngine(Engine):
    """A Docker Engine (or Podman, with ``profile=PODMAN``) reached through a ``docker.DockerClient``."""

    name = "docker"  # the backend: what answers is ``profile.product``
    #: Seconds a single read from the engine may take: selection pings with a short timeout, but a
    #: build step or a container may stay silent much longer than that.
    OPERATION_TIMEOUT = 600

    def __init__(self, client: Any, *, reason: str | None = None, cache_dir: str | Path | None = None,
                 profile: Profile | None = None) -> None:
        self.profile = profile or DOCKER
        if (getattr(client.api, "timeout", None) or 0) < self.OPERATION_TIMEOUT:
            client.api.timeout = self.OPERATION_TIMEOUT
        self.client = client
        self.reason = reason
        self.cache = blob_cache(cache_dir if cache_dir is not None else default_cache_dir())
        from ..store import TagLog

        # What dockerlab did through this engine (the engine keeps no tag history of its own).
        self.history = TagLog(self.cache.root.with_name(self.cache.root.name + "-tag-history.jsonl"))
        self._recording = threading.local()

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
        return EngineInfo(self.profile.product, str(version.get("Version", "?")), self.reason or tr("docker.reason.direct"),
                          details)

    # -- tag history -----------------------------------------------------------------------------

    def _tag_targets(self) -> dict[str, Any]:
        """``{tag: image ID}`` as the engine lists them now (one ``/images/json`` call)."""
        from ..model import Digest
        from ..reference import Reference

        out: dict[str, Any] = {}
        for summary in self.client.api.images():
            for tag in summary.get("RepoTags") or []:
                if tag != "<none>:<none>":
                    with contextlib.suppress(DockerlabError):
                        out[Reference.parse(tag).familiar] = Digest(summary["Id"])
        return out

    @contextlib.contextmanager
    def recording(self, command: str) -> Iterator[None]:
        """Record the tags ``command`` changes in this engine: the engine's tags before and after,
        compared (outermost command only). The log is opened first, so a hostile one stops the
        command before it changes anything."""
        from ..store.history import event, recording

        if getattr(self._recording, "active", False):
            yield
            return
        log = self.history.open()
        self._recording.active = True
        try:
            before = self._tag_targets()
            with recording(command):
                yield
        finally:
            self._recording.active = False
            try:
                after = self._tag_targets()
                changes = [event(name, (before.get(name), None), (after.get(name), None), command)
                           for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)]
                self.history.append(log, changes)
            except Exception:  # noqa: BLE001 - the engine went away: the command's own error says why
                pass
            finally:
                os.close(log)

    def tag_history(self, name: str | None = None):
        """Every tag dockerlab set, moved or removed in this engine, oldest first (a tag changed
        with the `docker` command in a terminal is not in it: the engine keeps no history)."""
        return self.history.read(name)

    # -- images -----------------------------------------------------------------------------------

    def _image(self, attrs: dict[str, Any], ref: Any = None) -> Image:
        return docker_image(self.client, self.cache, attrs, ref, profile=self.profile)

    def image(self, ref: str) -> Image:
        from ..reference import Reference

        text = str(ref)
        try:
            attrs = self.client.api.inspect_image(text)
        except Exception as exc:  # noqa: BLE001 - translated below
            error = api_error(exc, "inspect", text, self.profile)
            if "@" in text and isinstance(error, ImageNotFound):
                found = self._by_content_digest(text)
                if found is not None:
                    return found
            raise error from None
        named = None
        if not text.startswith("sha256:") and "@" not in text:
            try:
                candidate = Reference.parse(text)
            except DockerlabError:
                candidate = None
            if candidate is not None and any(_same_tag(t, candidate) for t in attrs.get("RepoTags") or []):
                named = candidate
        return self._image(attrs, named)

    #: The most images a pinned reference is compared with (each may need one export).
    MAX_PIN_CANDIDATES = 20

    def _by_content_digest(self, text: str) -> Image | None:
        """``name@sha256:…`` that the engine itself does not know (it knows only the digests of
        images pushed or pulled by `docker`, its ``RepoDigests``): the image of that repository —
        tagged now, or named by the tag history, or untagged — whose manifest, as dockerlab
        writes it for both engines, has that digest. Bounded: at most
        :attr:`MAX_PIN_CANDIDATES` images are compared."""
        from ..reference import Reference

        try:
            wanted = Reference.parse(text)
        except DockerlabError:
            return None
        if wanted.digest is None:
            return None
        repository = wanted.repository
        history = {str(d) for e in self.history.read(repository) for d in (e.old_id, e.new_id) if d}
        candidates: list[str] = []
        for summary in self.client.api.images():
            tags = [t for t in summary.get("RepoTags") or [] if t != "<none>:<none>"]
            mine = any(_same_repository(t, repository) for t in tags)
            if mine or summary["Id"] in history or not tags:
                candidates.append(summary["Id"])
        for image_id in candidates[: self.MAX_PIN_CANDIDATES]:
            try:
                image = self._image(self.client.api.inspect_image(image_id))
                if image.manifest.digest == wanted.digest:
                    return image.with_ref(wanted)
            except DockerlabError:
                continue
        return None

    def images(self) -> list[Image]:
        """One entry per tag (like ``docker images``); untagged images once, without a name."""
        from ..reference import Reference

        out: list[Image] = []
        for summary in self.client.api.images():
            attrs = self.client.api.inspect_image(summary["Id"])
            tags = [t for t in attrs.get("RepoTags") or [] if t != "<none>:<none>"]
            if not tags:
                out.append(self._image(attrs))
            out.extend(self._image(attrs, Reference.parse(t)) for t in sorted(tags))
        return out

    def tag(self, source: str, target: str) -> Image:
        from ..reference import Reference

        ref = Reference.parse(target)
        with self.recording("tag"):
            try:
                self.client.api.tag(str(source), ref.repository, ref.tag or "latest")
            except Exception as exc:  # noqa: BLE001
                raise api_error(exc, "tag", str(source), self.profile) from None
        return self.image(str(ref))

    def remove(self, ref: str, *, force: bool = False) -> list[str]:
        with self.recording("rmi"):
            try:
                answer = self.client.api.remove_image(str(ref), force=force)
            except Exception as exc:  # noqa: BLE001
                raise api_error(exc, "rmi", str(ref), self.profile) from None
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

    def load(self, path: str | Path) -> list[Image]:
        """``docker load -i path``: a docker-archive tar (or an OCI layout tar the engine accepts)."""
        with self.recording("load"), open(path, "rb") as data:
            messages_ = list(self.client.api.load_image(data))
        loaded: list[Image] = []
        for message in messages_:
            if "error" in message:
                raise DockerlabError("docker.api_error", action="load", ref=str(path), error=message["error"],
                                     engine=self.profile.title)
            text = str(message.get("stream", "")).strip()
            for prefix in ("Loaded image ID: ", "Loaded image: "):
                if text.startswith(prefix):
                    loaded.append(self.image(text[len(prefix):].strip()))
        return loaded

    def write(self, view, *, tags: Sequence[str] = ()) -> Image:
        """A model image from any medium into the engine: written as a docker-archive (the one
        archive writer) to a temporary file, then ``docker load`` — the engine's only way in."""
        import tempfile

        from .transfer import write_archive

        with tempfile.TemporaryDirectory(prefix="dockerlab-transfer-") as tmp:
            path = write_archive(view, Path(tmp) / "image.tar", list(tags))
            loaded = self.load(path)
        return self.image(tags[0]) if tags else (loaded[0] if loaded else self.image(view.id))

    def ensure_base_image(self) -> Image:
        """The course's base image, built into the local store (``$DOCKERLAB_HOME``) from this
        machine's busybox and copied in with :func:`dockerlab.engines.transfer.copy` when missing —
        the same bytes, the same image ID as on the embedded engine; both of its names (the busybox
        version and ``latest``), as the embedded engine lists them."""
        from .. import baseimage
        from ..errors import ImageNotFound
        from ..store import Store
        from .transfer import copy

        store = Store()
        base = baseimage.ensure_base_image(store)
        latest = f"{baseimage.REPOSITORY}:latest"
        try:
            image = self.image(latest)
        except ImageNotFound:
            image = copy(latest, store, self)
        version = base.config.config.labels.get("org.opencontainers.image.version")
        if version:
            try:
                self.image(f"{baseimage.REPOSITORY}:{version}")
            except ImageNotFound:
                self.tag(latest, f"{baseimage.REPOSITORY}:{version}")
        return image

    def _provide(self, ref: str) -> None:
        """Before a build's FROM or a run: the base image when ``ref`` names it and it is missing
        (nothing can be pulled in class; the embedded engine builds it on first use likewise)."""
        from .. import baseimage

        if not baseimage.is_base_ref(ref):
            return
        try:
            self.client.api.inspect_image(str(ref))
        except Exception:  # noqa: BLE001 - missing: provide it
            self.ensure_base_image()

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
        with self.recording("build"):
            from ..builder.dockerfile import locate
            from ..builder.result import BuildResult, Progress, context_argument  # shared with the embedded engine

            context = Path(path)
            tags = [tag] if isinstance(tag, str) else list(tag or [])
            if not context.is_dir():
                raise BuildContextError("build.context.missing", path=str(context))
            dockerfile_path = locate(context, dockerfile)  # as the embedded builder: context first, then cwd
            if not dockerfile_path.is_file():
                raise DockerfileError("build.dockerfile.missing", path=str(dockerfile_path))
            for ref in from_refs(dockerfile_path):
                self._provide(ref)
            check_platforms(self.client, dockerfile_path, platform)
            printer = Progress(progress)
            reader = StreamReader(dockerfile_lines(dockerfile_path), printer, str(dockerfile_path),
                                  engine=self.profile.title)
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
                    raise rejected(getattr(exc, "explanation", None) or str(exc), str(dockerfile_path),
                                   self.profile.title) from None
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
                               context=context_argument(context),  # as typed here, now
                               program=self.profile.command)

    # -- containers -------------------------------------------------------------------------------

    def run(self, image, command: str | Sequence[str] | None = None, *, detach: bool = False,
            ports: Any = None, env: Mapping[str, str] | Iterable[str] | None = None, name: str | None = None,
            workdir: str | None = None, user: str | None = None,
            entrypoint: str | Sequence[str] | None = None, remove: bool = False,
            output: Callable[[str], Any] | None = None, timeout: float | None = None,
            network_mode: str = "none", init: bool = False, publish: Mapping[str, Any] | None = None):
        """``docker run``: a container with no network (``network_mode="none"``) unless asked.
        ``ports`` (``8080``): served on 127.0.0.1 as on the embedded engine (see
        ``DockerContainer.run``); ``publish`` (``-p`` as the CLI reads it, the docker SDK's mapping
        ``{"80/tcp": 8080}``) goes to the engine as given and needs a network such as
        ``network_mode="bridge"``. Only the Docker Engine has the last three."""
        from .docker_container import DockerContainer

        self._provide(str(getattr(image, "ref", None) or image))
        extra: dict[str, Any] = {}
        if self.profile.host_ulimits:
            extra["ulimits"] = _host_ulimits()
        return DockerContainer.run(self, image, command, detach=detach, env=env, name=name, workdir=workdir,
                                   user=user, entrypoint=entrypoint, remove=remove, output=output,
                                   timeout=timeout, network_mode=network_mode, init=init, ports=ports,
                                   publish=publish, **extra)

    #: The network a serving container joins when the engine has no default ``bridge`` (a daemon
    #: started with ``--bridge=none``, as the tests' is): a user-defined bridge, made on first use.
    SERVING_NETWORK = "dockerlab"

    def serving_network(self) -> str:
        """A network on which ``-p`` publishing works: ``bridge`` when the engine has it (every
        ordinary installation), else :attr:`SERVING_NETWORK`, created once."""
        existing = {n.name for n in self.client.networks.list()}
        if "bridge" in existing:
            return "bridge"
        if self.SERVING_NETWORK not in existing:
            try:
                self.client.networks.create(self.SERVING_NETWORK, driver="bridge",
                                            labels={"org.dockerlab.purpose": "serving"})
            except Exception as exc:  # noqa: BLE001 - another process made it meanwhile: use it
                if getattr(exc, "status_code", None) != 409:  # not ImageNotFound, whatever the status
                    raise DockerlabError("docker.serving_network", network=self.SERVING_NETWORK,
                                         error=getattr(exc, "explanation", None) or str(exc),
                                         **names(self.profile)) from None
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

    def push(self, ref: str, *, compression: str | None = "gzip", auth: tuple[str, str] | None = None,
             progress: bool = True, on_blob: Callable[[Any], Any] | None = None, jobs: int = 3):
        """``docker push``: the image, read from this engine, sent by dockerlab's registry client."""
        from .. import registry

        return registry.push(self.image(ref), ref, compression=compression, auth=auth, progress=progress,
                             on_blob=on_blob, jobs=jobs)

    def pull(self, ref: str, *, platform: str | None = None, all_platforms: bool = False,
             auth: tuple[str, str] | None = None, progress: bool = True,
             on_blob: Callable[[Any], Any] | None = None, jobs: int = 3):
        """``docker pull``: fetched by dockerlab's registry client, then loaded into this engine."""
        from .. import registry
        from .transfer import load_image

        pulled = registry.pull(ref, platform=platform, all_platforms=all_platforms, auth=auth,
                               progress=progress, on_blob=on_blob, jobs=jobs)
        # A digest reference cannot be a RepoTag in `docker load`: the image is loaded by its ID
        # (the engine knows RepoDigests only of images it pulled itself).
        from ..reference import Reference

        with self.recording("pull"):
            return load_image(pulled, self, "" if Reference.parse(ref).digest else ref)

    def prune_cache(self) -> None:
        """Forget the exported layer tars (they are re-read from the engine when next asked for).

        A failure is raised, not hidden: the caller asked for the space back."""
        remove_tree(self.cache.root)

    def __repr__(self) -> str:
        kind = "" if self.profile is DOCKER else f" {self.profile.product}"
        return f"<DockerEngine{kind} {self.client.api.base_url}>"


def _same_tag(tag: str, ref: Any) -> bool:
    from ..reference import Reference

    try:
        return Reference.parse(tag) == ref
    except DockerlabError:
        return False
def _same_repository(tag: str, repository: str) -> bool:
    from ..reference import Reference

    try:
        return Reference.parse(tag).repository == repository
    except DockerlabError:
        return False


#: The open-files and process limits a container gets on Podman: ample for the course's
#: containers, and below what any machine that runs Podman allows.
CONTAINER_LIMIT = 4096


def _host_ulimits() -> list[Any]:
    """Open-files and process-count limits for a container on Podman. For root, Podman asks its
    OCI runtime to raise RLIMIT_NOFILE and RLIMIT_NPROC to 1048576 and more, which fails
    ("error setting rlimit type 6/7: operation not permitted") wherever the service itself may
    not go that high (Podman inside a container, a classroom server with limits). The service's
    own limits cannot be asked through the API, so the container gets :data:`CONTAINER_LIMIT`,
    or this process's limit when that is lower."""
    import resource

    import docker.types

    out = []
    for name, which in (("nofile", resource.RLIMIT_NOFILE), ("nproc", resource.RLIMIT_NPROC)):
        _, hard = resource.getrlimit(which)
        value = CONTAINER_LIMIT if hard == resource.RLIM_INFINITY else min(hard, CONTAINER_LIMIT)
        out.append(docker.types.Ulimit(name=name, soft=value, hard=value))
    return out
