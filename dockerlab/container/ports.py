"""Containers that serve: published ports, a free loopback port, waiting until a port answers.

``run(image, detach=True, ports=8080)`` works on both engines, each the way it must:

* **Docker Engine**: the container has a network of its own; its port 8080 is *published*
  (``docker run -p 127.0.0.1::8080``) on a port of this machine's loopback that Docker picks.
* **Embedded engine**: the container shares this machine's network (``--network host``), so two
  containers cannot both listen on 8080. dockerlab picks a free loopback port and gives it to the
  container in the environment variable ``PORT``; the image's command listens on ``${PORT}``
  (``httpd -f -p ${PORT:-8080}``), as on hosting platforms that hand a program its port.

Either way :attr:`Container.ports` maps the container port to the host port and
:meth:`Container.url` gives the address to open. :func:`wait_for_port` is the bounded wait that
``run`` does before it returns: the port must *answer* (a connection accepted and kept open, not
closed at once as Docker's port proxy does while nothing listens behind it), or the container has
ended (an error with its last output).
"""

from __future__ import annotations

import socket
import time
from typing import Any, Iterable, Mapping

from ..errors import ContainerError
from ..waiting import wait_until

LOOPBACK = "127.0.0.1"
READY_TIMEOUT = 30.0


def _port(value: Any) -> int:
    text = str(value).strip()
    if text.endswith("/tcp"):
        text = text[:-4]
    if isinstance(value, bool) or not text.isdigit() or not 1 <= int(text) <= 65535:
        raise ContainerError("container.ports.bad", value=value)
    return int(text)


def normalise(ports: Any) -> dict[int, int | None]:
    """``8080``, ``"8080/tcp"``, ``[8080, 9090]`` or ``{8080: None, 9090: 19090}`` as
    ``{container port: host port or None}`` (``None``: chosen when the container starts)."""
    if ports is None:
        return {}
    if isinstance(ports, Mapping):
        return {_port(k): (None if v is None else _port(v)) for k, v in ports.items()}
    if isinstance(ports, (int, str)):
        return {_port(ports): None}
    if isinstance(ports, Iterable):
        return {_port(p): None for p in ports}
    raise ContainerError("container.ports.bad", value=ports)


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port nothing listens on right now (the kernel's choice for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def answers(port: int, host: str = LOOPBACK, patience: float = 0.2) -> bool:
    """True when something listens on ``host:port`` and keeps the connection open (or speaks).

    A refused connection is "not yet"; so is one accepted and closed at once, which is what
    Docker's port proxy does while no server listens inside the container yet."""
    try:
        with socket.create_connection((host, port), timeout=1.0) as sock:
            sock.settimeout(patience)
            try:
                return sock.recv(1) != b""
            except socket.timeout:
                return True  # accepted and waiting for our request: a server is there
    except OSError:
        return False


def _tail(container: Any, lines: int = 10) -> str:
    try:
        text = container.logs()
    except Exception:  # noqa: BLE001 - the explanation must not fail on the logs
        return ""
    return "\n".join(text.rstrip("\n").splitlines()[-lines:]) or "-"


def wait_for_port(container: Any, port: int, *, timeout: float = READY_TIMEOUT) -> int:
    """Wait (at most ``timeout`` seconds) until host ``port`` answers; an error if the container
    ends first (with its last output) or time runs out (the container is then stopped)."""
    def ready() -> str:
        # The state is read after the port: a connection held open by Docker's proxy while it
        # dials a container that has just ended is not taken for a server.
        answered = answers(port)
        if container.status == "exited":
            return "exited"
        return "ready" if answered else ""

    started = time.monotonic()
    try:
        state = wait_until(ready, timeout=timeout, interval=0.05, what=f"port {port}")
    except TimeoutError:
        state = "exited" if container.status == "exited" else "timeout"
    if state == "exited":
        raise ContainerError("container.ports.exited", name=container.name, code=container.exit_code,
                             port=port, tail=_tail(container))
    if state == "timeout":
        tail = _tail(container)
        container.stop(0)
        raise ContainerError("container.ports.timeout", name=container.name, port=port,
                             timeout=round(time.monotonic() - started), tail=tail)
    return port


def wait_until_served(container: Any, wanted: Iterable[int], *, timeout: float = READY_TIMEOUT) -> None:
    """:func:`wait_for_port` for every container port in ``wanted``. A container that ended before
    its ports were published (Docker then reports none) is explained the same way."""
    published = container.ports
    for port in wanted:
        if port not in published:
            if container.status == "exited":
                raise ContainerError("container.ports.exited", name=container.name, code=container.exit_code,
                                     port=port, tail=_tail(container))
            continue
        wait_for_port(container, published[port], timeout=timeout)


__all__ = ["LOOPBACK", "READY_TIMEOUT", "answers", "free_port", "normalise", "wait_for_port",
           "wait_until_served"]
