"""Engines: the embedded daemonless one (``local``), the real Docker Engine (``docker``) and Podman
(``podman``: the same Docker-API backend with Podman's profile).

Selection: ``DOCKERLAB_ENGINE=auto|local|docker|podman`` or :func:`use`. ``auto`` takes the Docker
Engine when a daemon answers (honouring ``DOCKER_HOST``) within a short timeout, else a Podman API
service (``CONTAINER_HOST``, the rootless or the rootful socket), else the embedded engine. An
engine answering the Docker API is recognised as Podman by its ``/version``, wherever it was found.
:func:`engine` tells the learner which one is active and why.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..errors import EngineUnavailable, UsageError
from ..i18n import tr
from ..product import program
from .base import EngineInfo, summary
from .daemon import PING_TIMEOUT, docker_host, is_podman, ping_docker, ping_podman

if TYPE_CHECKING:  # pragma: no cover
    from .base import Engine

CHOICES = ("auto", "local", "docker", "podman")


_current: "Engine | None" = None
_choice_in_code: str | None = None


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
            podman = is_podman(client)
            reason = (tr("engine.reason.code", choice=choice) if source == "code" and choice == "docker"
                      else tr("engine.reason.env_docker_is_podman", host=host) if choice == "docker" and podman
                      else tr("engine.reason.env_docker", host=host) if choice == "docker"
                      else tr("engine.reason.auto_podman", host=host) if podman
                      else tr("engine.reason.auto_docker", host=host))
            return _docker_api(client, reason, podman)
    if choice in ("podman", "auto"):
        try:
            client, found = ping_podman()
        except EngineUnavailable:
            if choice == "podman":
                raise
            client = None
        if client is not None:
            reason = (tr("engine.reason.code", choice=choice) if source == "code" and choice == "podman"
                      else tr("engine.reason.env_podman", host=found) if choice == "podman"
                      else tr("engine.reason.auto_podman", host=found))
            return _docker_api(client, reason, True)
        reason = tr("engine.reason.auto_local", host=host)
    else:
        reason = tr("engine.reason.code", choice=choice) if source == "code" else tr("engine.reason.env_local")
    from .local import LocalEngine

    return LocalEngine(reason=reason)


def _docker_api(client: Any, reason: str, podman: bool) -> "Engine":
    from .docker import DockerEngine, PODMAN

    return DockerEngine(client, reason=reason, profile=PODMAN if podman else None)


def current() -> "Engine":
    """The active engine (chosen once, then kept until :func:`use` or :func:`reset`)."""
    global _current
    if _current is None:
        _current = _select()
    return _current


def use(choice: str) -> EngineInfo:
    """Choose the engine in code: ``"auto"``, ``"local"``, ``"docker"`` or ``"podman"``. Returns its info."""
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


def lookup(value: Any, store: Any = None) -> Any:
    """``value`` as the image it names: a name (``"halo:1.0"``, an ID) is looked up in ``store``
    when given, else in the active engine; anything else comes back as it is, for
    :func:`dockerlab.inspection.arguments.as_image` to check.

    The one place a name becomes an image. Only the public entry points call it
    (:mod:`dockerlab.api`, :mod:`dockerlab.show`'s diagrams and explorers, :mod:`dockerlab.platforms`,
    the course, the CLI), so :mod:`dockerlab.inspection` works on model objects alone."""
    if not isinstance(value, str):
        return value
    return store.resolve(value) if store is not None else current().image(value)


def product(medium: Any) -> str:
    """What an engine (or a store) is, for ``engine.name.<product>``: ``"podman"`` for the Docker-API
    backend on Podman, else its ``name`` (``"docker"``, ``"local"``, ``"store"``)."""
    return getattr(getattr(medium, "profile", None), "product", None) or medium.name


def command_name(medium: Any = None) -> str:
    """The command line a learner types (:func:`dockerlab.product.program`) for ``medium`` (an engine
    or a store), by default the active engine: ``"podman"`` on Podman, else ``"docker"`` (also
    before any engine was chosen: nothing is selected to answer this)."""
    medium = _current if medium is None else medium
    return program(product(medium)) if medium is not None else program(None)


def engine() -> EngineInfo:
    """Which engine is active, why, and its version — in the learner's language."""
    return current().info()

