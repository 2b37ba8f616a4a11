"""Registry authentication: basic auth and the bearer-token dance Docker Hub uses.

A registry that wants credentials answers ``401`` with ``WWW-Authenticate``:

* ``Basic realm="…"`` — send ``Authorization: Basic`` with the user's credentials;
* ``Bearer realm="https://auth…/token",service="registry…",scope="repository:x:pull"`` — ask the
  realm for a token (anonymously, or with basic credentials), then send
  ``Authorization: Bearer <token>``. Tokens are cached per scope until they expire.

Written by hand: requests has no bearer-challenge support and the few lines here are the whole
protocol (distribution's ``docs/spec/auth/token.md``).
"""

from __future__ import annotations

import base64
import json
import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RegistryError
from .errors import raise_for_response


_PARAM = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')


@dataclass(frozen=True)
class Challenge:
    """One ``WWW-Authenticate`` challenge: ``scheme`` (``basic``/``bearer``) and its parameters."""

    scheme: str
    params: dict[str, str] = field(default_factory=dict, hash=False)

    @classmethod
    def parse(cls, header: str | None) -> "Challenge | None":
        if not header:
            return None
        scheme, _, rest = header.strip().partition(" ")
        params = {m.group(1).lower(): (m.group(2) if m.group(2) is not None else m.group(3))
                  for m in _PARAM.finditer(rest)}
        return cls(scheme.lower(), params)


def docker_config_credentials(registry: str) -> tuple[str, str] | None:
    """Credentials ``docker login`` stored for ``registry`` in ``~/.docker/config.json``, if any."""
    path = Path(os.environ.get("DOCKER_CONFIG", Path.home() / ".docker")) / "config.json"
    try:
        auths = json.loads(path.read_text()).get("auths") or {}
    except (OSError, ValueError):
        return None
    for key in (registry, f"https://{registry}", f"http://{registry}"):
        entry = auths.get(key) or {}
        if entry.get("auth"):
            user, _, password = base64.b64decode(entry["auth"]).decode().partition(":")
            return user, password
    return None


class Authenticator:
    """Turns challenges into ``Authorization`` headers for one registry; thread-safe."""

    def __init__(self, registry: str, credentials: tuple[str, str] | None = None) -> None:
        self.registry = registry
        self.credentials = credentials
        self.challenge: Challenge | None = None
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def _basic(self) -> str | None:
        if not self.credentials:
            return None
        user, password = self.credentials
        return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def header(self, session: Any, scopes: tuple[str, ...]) -> str | None:
        """The ``Authorization`` header for ``scopes`` (fetching a token when needed)."""
        if self.challenge is None:
            return None
        if self.challenge.scheme == "basic":
            return self._basic()
        if self.challenge.scheme != "bearer":
            return None
        key = " ".join(sorted(scopes))
        with self._lock:
            token, expires = self._tokens.get(key, ("", 0.0))
            if token and time.monotonic() < expires:
                return "Bearer " + token
            token, lifetime = self._fetch_token(session, scopes)
            self._tokens[key] = (token, time.monotonic() + max(lifetime - 10, 1))
        return "Bearer " + token

    def _fetch_token(self, session: Any, scopes: tuple[str, ...]) -> tuple[str, float]:
        assert self.challenge is not None
        realm = self.challenge.params.get("realm", "")
        params: list[tuple[str, str]] = []
        if self.challenge.params.get("service"):
            params.append(("service", self.challenge.params["service"]))
        params.extend(("scope", s) for s in scopes)
        headers = {}
        basic = self._basic()
        if basic:
            headers["Authorization"] = basic
        response = session.get(realm, params=params, headers=headers, timeout=30)
        scope_text = " ".join(scopes) or "-"
        raise_for_response(response, self.registry, "registry.action.token", scope=scope_text)
        body = response.json()
        token = body.get("token") or body.get("access_token")
        if not token:
            raise RegistryError("registry.token_missing", realm=realm, scope=scope_text)
        return str(token), float(body.get("expires_in") or 60)

    def forget_tokens(self) -> None:
        """Drop cached tokens (after a 401: the scopes they carry were not enough)."""
        with self._lock:
            self._tokens.clear()

    def learn(self, header: str | None) -> Challenge | None:
        """Remember the challenge of a 401 answer; returns it (``None`` if unusable)."""
        challenge = Challenge.parse(header)
        if challenge is not None and challenge.scheme in ("basic", "bearer"):
            self.challenge = challenge
            return challenge
        return None
