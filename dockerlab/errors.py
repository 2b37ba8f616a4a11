"""The error types a learner (or a caller) can meet.

One base, :class:`DockerlabError`; each subclass also inherits the matching built-in so ordinary
``except ValueError`` code keeps working. The message is rendered from an i18n key when the error
is raised, so it is in the learner's language and always names the input, the place and the fix.
"""

from __future__ import annotations

from .i18n import tr


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
    """A build context path that is missing or outside the context."""


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
