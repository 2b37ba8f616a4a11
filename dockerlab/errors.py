"""The error types a learner (or a caller) can meet.

One base, :class:`DockerlabError`; each subclass also inherits the matching built-in so ordinary
``except ValueError`` code keeps working. The message is rendered from an i18n key when the error
is raised, so it is in the learner's language and always names the input, the place and the fix.

In IPython (the course's notebooks) an uncaught error is shown short — ``❌ Type: message`` and
how to see more — since the message already says what and where; ``DOCKERLAB_TRACEBACK=1``
(``%env DOCKERLAB_TRACEBACK=1`` in a cell) brings back IPython's full traceback.
"""

from __future__ import annotations

import os

from .i18n import tr


TRACEBACK_SWITCH = "DOCKERLAB_TRACEBACK"


def full_tracebacks() -> bool:
    """Whether ``DOCKERLAB_TRACEBACK`` asks for IPython's full traceback of dockerlab errors."""
    return os.environ.get(TRACEBACK_SWITCH, "").strip().lower() not in ("", "0", "false", "no", "off")


class DockerlabError(Exception):
    """Base of every dockerlab error. ``key`` and ``params`` say which message it carries."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(tr(key, **params))

    def __str__(self) -> str:  # re-render: the language may have changed since raising
        try:
            return tr(self.key, **self.params)
        except KeyError:
            return super().__str__()

    @property
    def _render_traceback_(self):
        """IPython shows what this returns instead of the traceback (see ``showtraceback``).

        A property: when ``DOCKERLAB_TRACEBACK`` is on it raises AttributeError, so IPython's
        ``hasattr`` check fails and its own full traceback (in the ``%xmode`` chosen) is shown.
        """
        if full_tracebacks():
            raise AttributeError("_render_traceback_")
        return self._short_traceback

    def _short_traceback(self) -> list[str]:
        return [f"❌ {type(self).__name__}: {self}", tr("errors.full_traceback")]


class UsageError(DockerlabError, ValueError):
    """A call or setting with a value dockerlab does not accept (an unknown option choice)."""


class InvalidReference(DockerlabError, ValueError):
    """An image reference that breaks Docker's grammar."""


class ImageNotFound(DockerlabError, LookupError):
    """No image under that reference or digest."""


class BlobNotFound(DockerlabError, FileNotFoundError):
    """A blob that a manifest names is missing from the store."""


class DigestMismatch(DockerlabError, ValueError):
    """Content whose sha256 differs from the digest that names it (corruption or tampering)."""


class InvalidImage(DockerlabError, ValueError):
    """A manifest, config or index that is not a valid image description."""


class DockerfileError(DockerlabError, ValueError):
    """A Dockerfile that cannot be built as written (carries ``line``)."""

    @property
    def line(self) -> int | None:
        value = self.params.get("line")
        return int(value) if isinstance(value, int) else None


class BuildContextError(DockerlabError, FileNotFoundError):
    """A build context path (or a file of a lesson's working folder) that is missing or outside it."""


class BuildError(DockerlabError, RuntimeError):
    """A build step that ran and failed (for example ``RUN`` exiting non-zero)."""


class ExecutorUnavailable(DockerlabError, RuntimeError):
    """No way to run a process inside an image here (no root namespaces, no proot)."""


class ToolMissing(DockerlabError, FileNotFoundError):
    """A system program the call needs is not installed."""


class EngineUnavailable(DockerlabError, ConnectionError):
    """The engine asked for does not answer."""


class RegistryError(DockerlabError, RuntimeError):
    """A registry answered with an error (``code`` holds the OCI error code)."""

    @property
    def code(self) -> str | None:
        value = self.params.get("code")
        return str(value) if value else None


class ContainerError(DockerlabError, RuntimeError):
    """A container operation that cannot be done (not running, not found, …)."""


class PlatformMismatch(DockerlabError, RuntimeError):
    """An image built for another platform than the one asked for or running here."""


def no_attribute(module: str, name: str, public: list[str]) -> AttributeError:
    """The error for ``module.name`` that does not exist: for a public-looking name, in the
    learner's language with the closest public name (``dockerlab.bulid`` → ``build``,
    :func:`difflib.get_close_matches`), or where to look. Still an ``AttributeError``, so
    ``hasattr`` and IPython's completion work; a name starting with ``_`` (``__path__``,
    ``_ipython_display_``: probes by tools) gets Python's own short message, without any lookup.
    Used by the ``__getattr__`` of :mod:`dockerlab`, :mod:`dockerlab.exercises` and
    :mod:`dockerlab.course`."""
    import sys

    if name.startswith("_"):
        return AttributeError(f"module {module!r} has no attribute {name!r}")
    import difflib

    close = difflib.get_close_matches(name, public, n=1)
    text = (tr("api.no_attribute.close", module=module, name=name, match=close[0]) if close
            else tr("api.no_attribute.far", module=module, name=name))
    # ``obj`` set and ``name`` left unset: Python then adds no English "Did you mean" of its own.
    return AttributeError(text, obj=sys.modules.get(module))
