"""Reaching a Docker daemon: where it is (``DOCKER_HOST``) and whether it answers, quickly.

Engine selection (:mod:`dockerlab.engines`) pings it with a short timeout; the Docker engine and
the course explain a daemon that went away with the same root :func:`cause`.
"""

from __future__ import annotations

import os

from ..errors import EngineUnavailable


PING_TIMEOUT = 3.0


def docker_host() -> str:
    return os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"


def ping_docker(timeout: float = PING_TIMEOUT):
    """A connected ``docker.DockerClient``, or raise :class:`EngineUnavailable` quickly."""
    host = docker_host()
    if host.startswith("unix://") and not os.path.exists(host[len("unix://"):]):
        raise EngineUnavailable("engine.docker_no_socket", host=host)
    import docker  # heavy: imported on first use

    client = None
    try:
        client = docker.DockerClient(base_url=host, timeout=timeout)
        client.ping()
        return client
    except Exception as exc:  # noqa: BLE001 - any failure means "does not answer"
        if client is not None:
            client.close()  # its pooled connection would stay open until garbage collection
        raise EngineUnavailable("engine.docker_unreachable", host=host, error=cause(exc, timeout)) from exc


def cause(exc: BaseException, timeout: float) -> str:
    """The root cause of a failed ping, short: refused, silent (timed out), not allowed, …"""
    seen: list[BaseException] = []
    while exc is not None and exc not in seen and len(seen) < 20:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    for kind in (ConnectionRefusedError, PermissionError, FileNotFoundError):
        for item in seen:
            if isinstance(item, kind):
                return f"{kind.__name__}: {getattr(item, 'strerror', None) or item}"
    if any(isinstance(item, TimeoutError) or "Timeout" in type(item).__name__ for item in seen):
        return f"TimeoutError: > {timeout:g} s"
    return type(seen[-1]).__name__ if seen else "?"
