"""Image references (``halo:1.0``, ``localhost:5000/app@sha256:…``): Docker's grammar and normalisation.

The grammar is distribution/reference's::

    reference := name [ ":" tag ] [ "@" digest ]
    name      := [domain "/"] path-component ["/" path-component]*
    domain    := host [":" port]          (a first component with "." or ":", "localhost",
                                           or an upper-case letter is a domain)
    path-component := [a-z0-9]+ ( ( [._] | "__" | "-"+ ) [a-z0-9]+ )*
    tag       := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}

Normalised as Docker does: no domain means ``docker.io``; a one-component Docker Hub name gets
``library/``; no tag and no digest means ``:latest``. Written by hand: the Python ports of this
grammar are unmaintained, and the learner-facing errors must say (in Indonesian) which part is
wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InvalidReference
from .model.digest import Digest


DEFAULT_DOMAIN = "docker.io"
LEGACY_DEFAULT_DOMAIN = "index.docker.io"
OFFICIAL_PREFIX = "library/"
DEFAULT_TAG = "latest"
NAME_TOTAL_MAX = 255

# Images on Docker Hub are named ``docker.io/…``, but its distribution API answers at another host,
# as Docker's own client knows.
DOCKER_HUB_NAMES = (DEFAULT_DOMAIN, LEGACY_DEFAULT_DOMAIN)
DOCKER_HUB_API = "registry-1.docker.io"


def api_host(registry: str) -> str:
    """The host that serves the distribution API for the registry named in a reference."""
    return DOCKER_HUB_API if registry in DOCKER_HUB_NAMES else registry


_PATH_COMPONENT = re.compile(r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*")
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = re.compile(rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?")
_TAG = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")
_HEX64 = re.compile(r"[a-f0-9]{64}")


def _is_domain(first: str) -> bool:
    return "." in first or ":" in first or first == "localhost" or first.lower() != first


@dataclass(frozen=True)
class Reference:
    """A normalised reference: ``domain``/``path``, optional ``tag`` and ``digest``."""

    domain: str
    path: str
    tag: str | None = None
    digest: Digest | None = None

    @classmethod
    def parse(cls, text: "str | Reference", *, default_tag: bool = True) -> "Reference":
        """Parse and normalise ``text``; add ``:latest`` when neither tag nor digest is given."""
        if isinstance(text, Reference):
            return text
        original = str(text)
        text = original.strip()
        if not text:
            raise InvalidReference("ref.empty")
        if _HEX64.fullmatch(text):
            raise InvalidReference("ref.hex_name", text=text)
        rest, at, digest_text = text.partition("@")
        digest = None
        if at:
            try:
                digest = Digest(digest_text)
            except ValueError:
                raise InvalidReference("ref.bad_digest", digest=digest_text, text=original) from None
        tag = None
        colon = rest.rfind(":")
        if colon > rest.rfind("/"):
            rest, tag = rest[:colon], rest[colon + 1:]
            if not _TAG.fullmatch(tag):
                raise InvalidReference("ref.bad_tag", tag=tag, text=original)
        if len(rest) > NAME_TOTAL_MAX:
            raise InvalidReference("ref.too_long", name=rest[:40] + "…", length=len(rest))
        first, slash, remainder = rest.partition("/")
        if slash and _is_domain(first):
            domain, path = first, remainder
            if not _DOMAIN.fullmatch(domain):
                raise InvalidReference("ref.bad_domain", domain=domain, text=original)
        else:
            domain, path = DEFAULT_DOMAIN, rest
        if path.lower() != path:
            lowered = path.lower()
            if all(_PATH_COMPONENT.fullmatch(c) for c in lowered.split("/")):
                suggestion = (f"{domain}/" if slash and domain == first else "") + lowered + (
                    f":{tag}" if tag is not None else "") + (f"@{digest_text}" if at else "")
                raise InvalidReference("ref.uppercase", name=path, text=original, lower=suggestion)
            raise InvalidReference("ref.uppercase_invalid", name=path, text=original)
        for component in path.split("/"):
            if not _PATH_COMPONENT.fullmatch(component):
                raise InvalidReference("ref.bad_component", component=component, text=original)
        if domain == LEGACY_DEFAULT_DOMAIN:
            domain = DEFAULT_DOMAIN
        if domain == DEFAULT_DOMAIN and "/" not in path:
            path = OFFICIAL_PREFIX + path
        if len(domain) + 1 + len(path) > NAME_TOTAL_MAX:
            raise InvalidReference("ref.too_long", name=rest[:40] + "…", length=len(domain) + 1 + len(path))
        if tag is None and digest is None and default_tag:
            tag = DEFAULT_TAG
        return cls(domain, path, tag, digest)

    @property
    def name(self) -> str:
        """The full repository name: ``docker.io/library/halo``."""
        return f"{self.domain}/{self.path}"

    @property
    def repository(self) -> str:
        """The short repository name as ``docker images`` prints it: ``halo``, ``localhost:5000/app``."""
        if self.domain != DEFAULT_DOMAIN:
            return self.name
        path = self.path
        if path.startswith(OFFICIAL_PREFIX) and "/" not in path[len(OFFICIAL_PREFIX):]:
            return path[len(OFFICIAL_PREFIX):]
        return path

    def _suffix(self) -> str:
        return (f":{self.tag}" if self.tag else "") + (f"@{self.digest}" if self.digest else "")

    @property
    def familiar(self) -> str:
        """The short form ``docker`` prints: ``halo:latest``, ``localhost:5000/app:1``."""
        return self.repository + self._suffix()

    @property
    def full(self) -> str:
        """The fully qualified form: ``docker.io/library/halo:latest``."""
        return self.name + self._suffix()

    def with_tag(self, tag: str) -> "Reference":
        if not _TAG.fullmatch(tag):
            raise InvalidReference("ref.bad_tag", tag=tag, text=tag)
        return Reference(self.domain, self.path, tag, None)

    def with_digest(self, digest: str) -> "Reference":
        return Reference(self.domain, self.path, self.tag, Digest(digest))

    def __str__(self) -> str:
        return self.full

    def __repr__(self) -> str:
        return f"Reference({self.familiar!r})"


def parse(text: "str | Reference") -> Reference:
    """Shorthand for :meth:`Reference.parse`."""
    return Reference.parse(text)
