"""Engines: the embedded daemonless one (``local``) and the real Docker Engine (``docker``).

Selection: ``DOCKERLAB_ENGINE=auto|local|docker`` or :func:`use`. ``auto`` takes the Docker Engine
when a daemon answers (honouring ``DOCKER_HOST``) within a short timeout, and the embedded engine
otherwise. :func:`engine` tells the learner which one is active and why.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..errors import EngineUnavailable, UsageError
from ..i18n import tr
from .base import EngineInfo, summary
from .daemon import PING_TIMEOUT, docker_host, ping_docker

if TYPE_CHECKING:  # pragma: no cover
    from .base import Engine

CHOICES = ("auto", "local", "docker")


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


def engine() -> EngineInfo:
    """Which engine is active, why, and its version — in the learner's language."""
    return current().info()

