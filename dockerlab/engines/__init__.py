"""Engines: the embedded daemonless one (``local``) and the real Docker Engine (``docker``).

Selection: ``DOCKERLAB_ENGINE=auto|local|docker`` or :func:`use`. ``auto`` takes the Docker Engine
when a daemon answers (honouring ``DOCKER_HOST``) within a short timeout, and the embedded engine
otherwise. :func:`engine` tells the learner which one is active and why.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..errors import EngineUnavailable, UsageError
from ..i18n import messages, tr
from .base import EngineInfo

if TYPE_CHECKING:  # pragma: no cover
    from .base import Engine

CHOICES = ("auto", "local", "docker")
PING_TIMEOUT = 3.0

messages({
    "engine.bad_choice": (
        "Pilihan mesin {choice!r} tidak dikenal (dari {source}). Pilih salah satu: auto, local, docker.",
        "Unknown engine choice {choice!r} (from {source}). Choose one of: auto, local, docker.",
    ),
    "engine.docker_unreachable": (
        "Docker Engine tidak menjawab di {host} ({error}). Jalankan Docker (misalnya "
        "`sudo systemctl start docker`), periksa DOCKER_HOST, atau pakai mesin bawaan: "
        "dockerlab.use_engine('local').",
        "The Docker Engine does not answer at {host} ({error}). Start Docker (e.g. "
        "`sudo systemctl start docker`), check DOCKER_HOST, or use the embedded engine: "
        "dockerlab.use_engine('local').",
    ),
    "engine.docker_no_socket": (
        "Docker Engine tidak menjawab di {host}: berkas socket-nya tidak ada. Jalankan Docker "
        "(misalnya `sudo systemctl start docker`), periksa DOCKER_HOST, atau pakai mesin bawaan: "
        "dockerlab.use_engine('local').",
        "The Docker Engine does not answer at {host}: the socket file does not exist. Start Docker "
        "(e.g. `sudo systemctl start docker`), check DOCKER_HOST, or use the embedded engine: "
        "dockerlab.use_engine('local').",
    ),
    "engine.reason.env_local": (
        "DOCKERLAB_ENGINE=local meminta mesin bawaan.",
        "DOCKERLAB_ENGINE=local asks for the embedded engine.",
    ),
    "engine.reason.env_docker": (
        "DOCKERLAB_ENGINE=docker meminta Docker Engine, dan Docker Engine menjawab di {host}.",
        "DOCKERLAB_ENGINE=docker asks for the Docker Engine, and it answers at {host}.",
    ),
    "engine.reason.code": (
        "Dipilih lewat dockerlab.use_engine({choice!r}).",
        "Chosen with dockerlab.use_engine({choice!r}).",
    ),
    "engine.reason.auto_docker": (
        "Mode otomatis: Docker Engine menjawab di {host}, jadi kursus memakai Docker sungguhan.",
        "Automatic mode: a Docker Engine answers at {host}, so the course uses real Docker.",
    ),
    "engine.reason.auto_local": (
        "Mode otomatis: tidak ada Docker Engine yang menjawab ({host}), jadi kursus memakai mesin "
        "bawaan dockerlab (tanpa daemon) — image yang dibuat tetap image OCI sungguhan.",
        "Automatic mode: no Docker Engine answers ({host}), so the course uses dockerlab's "
        "embedded engine (no daemon) — the images it makes are still real OCI images.",
    ),
    "engine.name.local": ("mesin bawaan dockerlab", "dockerlab embedded engine"),
    "engine.name.docker": ("Docker Engine", "Docker Engine"),
    "engine.summary": (
        "Mesin aktif: {title} (versi {version}). {reason}",
        "Active engine: {title} (version {version}). {reason}",
    ),
})

_current: "Engine | None" = None
_choice_in_code: str | None = None


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
        raise EngineUnavailable("engine.docker_unreachable", host=host, error=_cause(exc, timeout)) from exc


def _cause(exc: BaseException, timeout: float) -> str:
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


def _choice() -> tuple[str, str]:
    if _choice_in_code is not None:
        return _choice_in_code, "code"
    value = os.environ.get("DOCKERLAB_ENGINE", "auto").strip().lower() or "auto"
    if value not in CHOICES:
        raise UsageError("engine.bad_choice", choice=value, source="DOCKERLAB_ENGINE")
    return value, "env"


def _select() -> "Engine":
    choice, source = _choice()
    host = docker_host()
    if choice in ("docker", "auto"):
        try:
            client = ping_docker()
        except EngineUnavailable:
            if choice == "docker":
                raise
            client = None
        if client is not None:
            from .docker import DockerEngine

            reason = (tr("engine.reason.code", choice=choice) if source == "code" and choice == "docker"
                      else tr("engine.reason.env_docker", host=host) if choice == "docker"
                      else tr("engine.reason.auto_docker", host=host))
            return DockerEngine(client, reason=reason)
        reason = tr("engine.reason.auto_local", host=host)
    else:
        reason = tr("engine.reason.code", choice=choice) if source == "code" else tr("engine.reason.env_local")
    from .local import LocalEngine

    return LocalEngine(reason=reason)


def current() -> "Engine":
    """The active engine (chosen once, then kept until :func:`use` or :func:`reset`)."""
    global _current
    if _current is None:
        _current = _select()
    return _current


def use(choice: str) -> EngineInfo:
    """Choose the engine in code: ``"auto"``, ``"local"`` or ``"docker"``. Returns its info."""
    global _current, _choice_in_code
    value = str(choice).strip().lower()
    if value not in CHOICES:
        raise UsageError("engine.bad_choice", choice=choice, source="use_engine")
    previous = (_current, _choice_in_code)
    _current, _choice_in_code = None, value
    try:
        return current().info()
    except Exception:
        _current, _choice_in_code = previous
        raise


def reset(*, keep_choice: bool = False) -> None:
    """Forget the engine object; the next call chooses again.

    With ``keep_choice`` a choice made with :func:`use` stays (the engine is made anew, e.g. for
    a new store); otherwise the choice comes from the environment again.
    """
    global _current, _choice_in_code
    _current = None
    if not keep_choice:
        _choice_in_code = None


def engine() -> EngineInfo:
    """Which engine is active, why, and its version — in the learner's language."""
    return current().info()


def summary(info: EngineInfo) -> str:
    title = tr(f"engine.name.{info.name}")
    return tr("engine.summary", title=title, version=info.version, reason=info.reason)
