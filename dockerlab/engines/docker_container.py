"""Containers of the Docker Engine behind the engine-neutral :class:`~.base.Container` interface.

A thin wrapper over ``docker.models.containers.Container``: the same verbs (``logs``, ``wait``,
``stop``, ``remove``, ``diff``, ``commit``) and the same errors as the embedded engine's
containers, so a notebook cell runs unchanged on both. Containers get no network
(``network_mode="none"``) unless asked: the course's daemons run without a bridge, and the lessons
never need one.

One difference is kept on purpose, because it is Docker's own lesson: the command is PID 1 (no
``--init`` unless ``init=True``), and PID 1 ignores SIGTERM unless it handles it, so ``stop`` of
``sleep 300`` ends with SIGKILL after the timeout (exit code 137). The embedded engine runs a tiny
init that forwards SIGTERM (143). ``init=True`` is not the default because Docker bind-mounts its
init at ``/sbin/docker-init``, which then shows up in ``diff()`` and ``commit()``.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..errors import ContainerError, DockerlabError
from ..reference import Reference
from ..container import local as _local
from ..container import ports as _ports
from ..container.base import Change, Container, command_argv, env_list, track
from .docker_medium import image_not_found, names


KINDS = {0: "C", 1: "A", 2: "D"}  # the engine's /containers/{id}/changes "Kind" values
STATUS = {"created": "created", "running": "running", "paused": "running", "restarting": "running",
          "removing": "exited", "exited": "exited", "dead": "exited"}


class DockerContainer(Container):
    """A container on a Docker Engine, read from the engine whenever asked."""

    def __init__(self, engine: Any, container: Any, image: str | None = None) -> None:
        self._engine = engine
        self._container = container
        self._removed: dict[str, Any] | None = None  # what was last known, once removed
        self.id = container.id
        self.name = container.name
        self.image = image or container.attrs.get("Config", {}).get("Image", "")

    @property
    def _state(self) -> dict[str, Any]:
        if self._removed is not None:
            return self._removed["state"]
        self._container.reload()
        return self._container.attrs.get("State") or {}

    @property
    def status(self) -> str:
        return STATUS.get(self._state.get("Status", ""), "exited")

    @property
    def exit_code(self) -> int | None:
        state = self._state
        if STATUS.get(state.get("Status", "")) != "exited":
            return None
        return int(state.get("ExitCode", 0))

    @property
    def image_id(self) -> str:
        return self._container.attrs.get("Image", "")

    @property
    def command(self) -> list[str]:
        """The process the container runs: entrypoint and command, as the engine resolved them."""
        attrs = self._container.attrs
        return [p for p in [attrs.get("Path"), *(attrs.get("Args") or [])] if p]

    @property
    def created(self) -> str:
        return str(self._container.attrs.get("Created", ""))

    @property
    def bindings(self) -> dict[str, Any]:
        """Published ports as the engine reports them (``{"80/tcp": [{"HostIp": …, "HostPort": …}]}``)."""
        if self._removed is None:
            self._container.reload()
        return dict((self._container.attrs.get("NetworkSettings") or {}).get("Ports") or {})

    @property
    def ports(self) -> dict[int, int]:
        """``docker port``: the container port → the loopback port Docker published it on."""
        published = self.bindings
        found = {}
        for key, bindings in published.items():
            for binding in bindings or ():
                if binding.get("HostIp") in (_ports.LOOPBACK, "0.0.0.0", "") and binding.get("HostPort"):
                    found[int(key.split("/")[0])] = int(binding["HostPort"])
                    break
        return found

    def logs(self) -> str:
        """What the container printed; still readable after :meth:`remove` (like the embedded engine)."""
        if self._removed is not None:
            return self._removed["logs"]
        return self._container.logs(stdout=True, stderr=True).decode("utf-8", "replace")

    def wait(self, timeout: float | None = 60.0) -> int:
        try:
            answer = self._container.wait(timeout=timeout)
        except Exception as exc:  # noqa: BLE001 - the SDK raises requests' timeout types
            if "Timeout" in type(exc).__name__ or "timed out" in str(exc):
                raise ContainerError("docker.container.wait_timeout", name=self.name, id=self.short_id,
                                     timeout=timeout) from None
            raise
        return int(answer.get("StatusCode", 0))

    def stop(self, timeout: float = 10.0) -> int:
        if self.status == "running":
            self._container.stop(timeout=max(0, int(round(timeout))))
        return self.wait(timeout + 30.0)

    def gone(self) -> bool:
        return self._removed is not None

    def remove(self, force: bool = False) -> None:
        if self._removed is not None:
            return
        if self.status == "running" and not force:
            raise ContainerError("container.running", name=self.name, id=self.short_id)
        logs = self.logs()
        self._container.remove(force=force)
        if self._container.attrs.get("State", {}).get("Status") == "running":  # force-killed just now
            self._container.attrs["State"].update(Status="exited", ExitCode=137)
        self._removed = {"logs": logs, "state": dict(self._container.attrs.get("State") or {})}

    def diff(self) -> list[Change]:
        changes = self._container.diff() or []
        return sorted((Change(KINDS[c["Kind"]], c["Path"]) for c in changes), key=lambda c: c.path)

    def commit(self, ref: str | None = None, message: str = "", author: str = "") -> Any:
        """``docker commit``: the image plus one layer of exactly :meth:`diff`; tagged ``ref`` if given."""
        options: dict[str, Any] = {"message": message or None, "author": author or None}
        if ref:
            parsed = Reference.parse(ref)
            options.update(repository=parsed.repository, tag=parsed.tag or "latest")
        image = self._container.commit(**options)
        return self._engine.image(str(Reference.parse(ref)) if ref else image.id)

    @classmethod
    def run(cls, engine: Any, image: str, command: str | Sequence[str] | None = None, *, detach: bool = False,
            env: Mapping[str, str] | Iterable[str] | None = None, name: str | None = None,
            workdir: str | None = None, user: str | None = None,
            entrypoint: str | Sequence[str] | None = None, remove: bool = False,
            output: Callable[[str], Any] | None = None, timeout: float | None = None,
            network_mode: str = "none", init: bool = False, ports: Any = None,
            ready_timeout: float = _ports.READY_TIMEOUT, publish: Mapping[str, Any] | None = None,
            **extra: Any) -> "DockerContainer":
        """``docker run``, with the embedded engine's options and behaviour (see ``container.local.run``).

        ``ports`` (e.g. ``8080``): ``docker run -d -p 127.0.0.1::8080`` on a network with a bridge
        (:meth:`DockerEngine.serving_network`); ``PORT`` is set to the container port, so an image
        written for the embedded engine (``httpd -p ${PORT:-8080}``) listens where Docker forwards;
        ``--init`` too, so that ``stop()`` ends the server with SIGTERM (143) as the embedded
        engine's init does, instead of waiting for SIGKILL. The call returns once the published port
        answers (at most ``ready_timeout`` seconds).

        ``publish``: Docker's own ``-p`` mapping as the CLI reads it (``{"80/tcp": ("127.0.0.1", None)}``),
        handed to the engine unchanged, with nothing waited for — ``docker run -p`` exactly."""
        label = str(getattr(image, "ref", None) and image.ref.familiar or getattr(image, "id", image))
        found = engine.image(label)  # ImageNotFound, in the learner's language, before anything is created
        if "@" in label:  # a pinned name the engine may not know itself (see DockerEngine.image)
            label = str(getattr(found, "id", label))
        wanted = _ports.normalise(ports)
        if wanted and not detach:
            raise ContainerError("container.ports.no_detach")
        environment = env_list(env)
        network = None
        if publish:
            extra["ports"] = dict(publish)
        if wanted:
            extra["ports"] = {f"{c}/tcp": (_ports.LOOPBACK, h) for c, h in wanted.items()}
            environment = [*(environment or []), f"PORT={next(iter(wanted))}"]
            init = True  # a server as PID 1 ignores SIGTERM: stop() would wait 10 s, then kill
            if network_mode == "none":
                network_mode, network = None, engine.serving_network()
        options: dict[str, Any] = dict(command=command_argv(command), environment=environment, name=name,
                                       working_dir=workdir, user=user, network_mode=network_mode, init=init or None,
                                       network=network, **extra)
        if entrypoint is not None:
            options["entrypoint"] = command_argv(entrypoint)
        try:
            raw = engine.client.containers.create(label, **{k: v for k, v in options.items() if v is not None})
        except Exception as exc:  # noqa: BLE001 - translated into the shared errors
            raise _create_error(exc, label, name, engine=engine) from None
        container = cls(engine, raw, label)
        try:
            raw.start()
        except Exception as exc:  # noqa: BLE001
            raw.remove(force=True)
            raise _create_error(exc, label, name, action="start", engine=engine) from None
        if detach:
            track(container)
            _ports.wait_until_served(container, wanted, timeout=ready_timeout)
            return container
        try:
            container._follow(output, timeout)
        except BaseException:
            _kill_quietly(raw)  # like the embedded engine: stopped, kept for logs() and rm
            raise
        if remove:
            container.remove(force=True)
        return container

    def _follow(self, output: Callable[[str], Any] | None, timeout: float | None) -> int:
        """Wait for the command; pass its output to ``output`` as it comes."""
        reader = None
        if output is not None:
            def pump() -> None:
                for chunk in self._container.logs(stream=True, follow=True, stdout=True, stderr=True):
                    output(chunk.decode("utf-8", "replace"))

            reader = threading.Thread(target=pump, daemon=True)
            reader.start()
        code = self.wait(timeout)
        if reader is not None:
            reader.join(30.0)  # the stream ends when the container does
        return code


def _kill_quietly(raw: Any) -> None:
    """Stop a container on the way out of a failed run; if it already exited, Docker answers
    409, which must not hide the error being raised."""
    with contextlib.suppress(Exception):
        raw.kill()


def _create_error(exc: Exception, image: str, name: str | None, action: str = "create",
                  engine: Any = None) -> DockerlabError:
    text = getattr(exc, "explanation", None) or str(exc)
    profile = getattr(engine, "profile", None)
    title = names(profile)["engine"]
    if getattr(exc, "status_code", None) == 404 and "No such image" in text:
        return image_not_found(image, profile)
    if getattr(exc, "status_code", None) == 409 and name:
        other = None
        if engine is not None:
            with contextlib.suppress(Exception):   # the message works without it ("?")
                other = get(engine, name)
        return _local.name_taken(name, other)
    if "no command specified" in text.lower():
        return ContainerError("container.no_command", image=image)
    if "rlimit" in text.lower():
        return ContainerError("docker.container.rlimit", image=image, error=text.strip(), engine=title)
    return ContainerError("docker.container.failed", action=action, image=image, error=text, engine=title)


def get(engine: Any, ref: str) -> DockerContainer:
    """A container by name, full ID or ID prefix (like Docker)."""
    try:
        return DockerContainer(engine, engine.client.containers.get(ref))
    except Exception as exc:  # noqa: BLE001
        if getattr(exc, "status_code", None) == 404:
            raise ContainerError("container.not_found", ref=ref) from None
        raise


__all__ = ["DockerContainer", "get"]
