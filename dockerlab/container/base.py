"""What a container is, whichever engine runs it: the engine-neutral interface and ``Change``.

The embedded engine implements it in :mod:`dockerlab.container.local`; the Docker engine wraps
``docker.models.containers.Container`` behind the same methods
(:mod:`dockerlab.engines.docker_container`), so a notebook cell works unchanged on both. Both read
``docker run``'s command and environment arguments with :func:`command_argv` and :func:`env_list`.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
import shlex
from typing import Any, Iterable, Mapping, Sequence

from ..errors import ContainerError
from ..i18n import tr
from . import ports as _ports


def command_argv(command: str | Sequence[str] | None) -> list[str] | None:
    """A command as ``docker run`` takes it: a list as given, a string split like a shell (the
    docker SDK's rule), None for the image's own."""
    if command is None:
        return None
    return shlex.split(command) if isinstance(command, str) else [str(c) for c in command]


def env_list(values: Mapping[str, str] | Iterable[str] | None) -> list[str] | None:
    """``-e`` values as ``["K=V", …]`` from a mapping or a list; None when none were given."""
    if values is None:
        return None
    if isinstance(values, Mapping):
        return [f"{k}={v}" for k, v in values.items()]
    return [str(v) for v in values]

KINDS = ("A", "C", "D")


@dataclass(frozen=True)
class Change:
    """One line of ``docker diff``: ``A`` added, ``C`` changed, ``D`` deleted, and the path.

    Lists of changes are sorted by ``path`` (``sorted(changes, key=lambda c: c.path)``).
    """

    kind: str
    path: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ContainerError("container.change.bad_kind", kind=self.kind, path=self.path)

    def __str__(self) -> str:
        return f"{self.kind} {self.path}"

    def describe(self) -> str:
        """``A /tmp/x`` in words, in the active language (``ditambah /tmp/x``)."""
        return f"{tr('container.change.' + self.kind)} {self.path}"

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "path": self.path}


class Container(abc.ABC):
    """A container of either engine. IDs are 64 hex digits, shown short (12) like Docker."""

    id: str
    name: str
    image: str  # the image reference the container was started from, as given

    @property
    def short_id(self) -> str:
        return self.id[:12]

    def gone(self) -> bool:
        """Whether the container was removed already (an engine whose ``remove`` of a removed
        container raises needs not say)."""
        return False

    @property
    @abc.abstractmethod
    def status(self) -> str:
        """``"created"``, ``"running"`` or ``"exited"`` (Docker's words)."""

    @property
    @abc.abstractmethod
    def exit_code(self) -> int | None:
        """The exit code once exited; ``None`` while running."""

    @abc.abstractmethod
    def logs(self) -> str:
        """Everything the container printed (stdout and stderr merged)."""

    @abc.abstractmethod
    def wait(self, timeout: float | None = 60.0) -> int:
        """Wait at most ``timeout`` seconds for the container to end; its exit code."""

    @abc.abstractmethod
    def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM, then SIGKILL after ``timeout`` seconds; the exit code."""

    @abc.abstractmethod
    def remove(self, force: bool = False) -> None:
        """Delete the container (its writable layer and logs); ``force`` kills it first."""

    @abc.abstractmethod
    def diff(self) -> list[Change]:
        """What the container changed compared to its image, sorted by path."""

    @abc.abstractmethod
    def commit(self, ref: str | None = None, message: str = "", author: str = "") -> Any:
        """A new image: the container's image plus one layer holding exactly :meth:`diff`."""

    @property
    def ports(self) -> dict[int, int]:
        """``{container port: host port}`` of a container run with ``ports=`` (``docker port``)."""
        return {}

    def url(self, path: str = "/", port: int | None = None) -> str:
        """``http://127.0.0.1:HOSTPORT/path``: where this machine reaches the container's server
        (``port``: the container port, when it publishes more than one)."""
        published = self.ports
        if not published:
            raise ContainerError("container.ports.none", name=self.name)
        if port is None:
            port = next(iter(published))
        if int(port) not in published:
            raise ContainerError("container.ports.unknown", name=self.name, port=port,
                                 ports=", ".join(map(str, published)))
        return f"http://{_ports.LOOPBACK}:{published[int(port)]}/{str(path).lstrip('/')}"

    def status_text(self) -> str:
        """The status in the active language (``berhenti (kode keluar 0)``)."""
        status = self.status
        if status == "exited":
            return tr("container.status.exited", code=self.exit_code)
        return tr(f"container.status.{status}")

    def __repr__(self) -> str:
        status = self.status
        shown = f"exited({self.exit_code})" if status == "exited" else status
        return f"<Container {self.short_id} {self.name} {self.image} {shown}>"


# Detached containers this process started: a lesson stops them when it starts again or its
# kernel ends (``dockerlab.course.start`` calls :func:`stop_started` and registers it at exit).
_STARTED: list[Container] = []


def track(container: Container) -> Container:
    """Remember a detached container so that :func:`stop_started` can end it."""
    _STARTED.append(container)
    return container


def started() -> list[Container]:
    """The detached containers this process started and :func:`stop_started` has not ended yet
    (one the learner removed meanwhile included), oldest first."""
    return list(_STARTED)


def stop_started() -> list[str]:
    """Stop and remove every detached container this process started that still exists; their
    short IDs. Nothing of a lesson keeps running after it."""
    done = []
    while _STARTED:
        container = _STARTED.pop()
        if container.gone():
            continue
        try:
            container.remove(force=True)
        except Exception:  # noqa: BLE001 - already removed (by the learner, or its engine went away)
            continue
        done.append(container.short_id)
    return done
