"""Registry authentication: basic auth and the bearer-token dance Docker Hub uses.

A registry that wants credentials answers ``401`` with ``WWW-Authenticate``:

* ``Basic realm="…"`` — send ``Authorization: Basic`` with the user's credentials;
* ``Bearer realm="https://auth…/token",service="registry…",scope="repository:x:pull"`` — ask the
  realm for a token (anonymously, or with basic credentials), then send
  ``Authorization: Bearer <token>``. Tokens are cached per scope until they expire.

Written by hand: requests has no bearer-challenge support and the few lines here are the whole
protocol (distribution's ``docs/spec/auth/token.md``).

Stored credentials come from Docker's own client configuration, read by the docker SDK's auth
module (``docker.auth.load_config`` / ``resolve_authconfig``), not by hand: ``auths`` entries
(what ``docker login`` writes without a helper), ``credsStore`` (the helper for every registry,
what Docker Desktop writes) and ``credHelpers`` (a helper per registry), with Docker's lookup
order (``DOCKER_CONFIG``, then ``~/.docker/config.json``). Helpers are the real
``docker-credential-*`` programs, run by the SDK. The lookup happens only when a registry asks
for credentials (a 401 challenge), so a broken helper cannot stop a push to a registry without
auth — where the docker CLI fails already before asking. An identity token (``docker login`` to
a registry with OAuth) is exchanged at the token server with ``grant_type=refresh_token``
(distribution's ``docs/spec/auth/oauth.md``).
"""

from __future__ import annotations

import base64
import json
import os
import re
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import RegistryError
from .errors import bad_answer, raise_for_response, read_body, short_error

MAX_TOKEN_ANSWER = 1 << 20  # a token answer is a few KiB (a JWT); a MiB is far past any real one


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


TOKEN_USERNAME = "<token>"  # the user name Docker's helpers store beside an identity token


@dataclass(frozen=True)
class Credentials:
    """What Docker's configuration holds for one registry: user and password, or an identity token."""

    username: str = ""
    password: str = ""
    identity_token: str = ""


def docker_config_path() -> Path:
    """The file Docker's client reads (the docker SDK's own lookup), for messages."""
    from docker.utils.config import find_config_file

    found = find_config_file()
    if found:
        return Path(found)
    return Path(os.environ.get("DOCKER_CONFIG") or Path.home() / ".docker") / "config.json"


def docker_config_credentials(registry: str) -> Credentials | None:
    """Credentials Docker's client has for ``registry`` (``host[:port]``; Docker Hub by any of its
    names), through the docker SDK's auth module: ``credHelpers``, then ``credsStore``, then
    ``auths`` — Docker's order. ``None`` when there are none."""
    from docker import auth as docker_auth, errors as docker_errors

    from ..reference import DOCKER_HUB_API, DOCKER_HUB_NAMES

    if registry in DOCKER_HUB_NAMES or registry == DOCKER_HUB_API:
        registry = docker_auth.INDEX_NAME
    config = docker_config_path()
    try:
        with warnings.catch_warnings():  # a helper that is not installed: our error below says it
            warnings.simplefilter("ignore", UserWarning)
            loaded = docker_auth.load_config()
            helper = loaded.get_credential_store(registry)
            found = loaded.resolve_authconfig(registry)
    except docker_errors.InvalidConfigFile as exc:
        raise RegistryError("registry.docker_config_bad", config=config, reason=exc, registry=registry) from None
    except docker_errors.DockerException as exc:  # the helper failed or is not installed
        reason = str(exc).replace("Credentials store error: ", "")
        raise RegistryError("registry.credential_helper", helper=helper, config=config, registry=registry,
                            reason=reason) from None
    if not found:
        return None
    fields = {k.lower(): v for k, v in found.items()}
    token = fields.get("identitytoken") or ""
    if token:
        return Credentials(identity_token=str(token))
    if not fields.get("username") and not fields.get("password"):
        return None  # an empty entry: `docker login` stored the secret in a helper that has none
    return Credentials(str(fields.get("username") or ""), str(fields.get("password") or ""))


class Authenticator:
    """Turns challenges into ``Authorization`` headers for one registry; thread-safe."""

    def __init__(self, registry: str, credentials: tuple[str, str] | Credentials | None = None, *,
                 from_docker_config: bool = False, timeout: tuple[float, float] = (10.0, 30.0),
                 body_seconds: float = 30.0) -> None:
        """``credentials`` as given by the caller; else, with ``from_docker_config``, Docker's
        stored ones, looked up when the registry first asks for them. A token server is input
        from outside like the registry: its answer is read within ``timeout`` (connect, read)
        and ``body_seconds``, and at most :data:`MAX_TOKEN_ANSWER` bytes."""
        self.registry = registry
        self.timeout = timeout
        self.body_seconds = body_seconds
        if isinstance(credentials, tuple):
            credentials = Credentials(*credentials)
        self._credentials = credentials
        self._lookup = from_docker_config and credentials is None
        self.challenge: Challenge | None = None
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self._lookup_lock = threading.Lock()

    @property
    def credentials(self) -> Credentials | None:
        with self._lookup_lock:  # parallel layer uploads ask at once: one lookup, all see its answer
            if self._lookup:
                self._credentials = docker_config_credentials(self.registry)
                self._lookup = False
        return self._credentials

    def _basic(self) -> str | None:
        found = self.credentials
        if not found or found.identity_token:
            return None
        return "Basic " + base64.b64encode(f"{found.username}:{found.password}".encode()).decode()

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
        scope_text = " ".join(scopes) or "-"
        found = self.credentials
        if found and found.identity_token:  # OAuth2: the refresh token docker login stored
            form = {"grant_type": "refresh_token", "refresh_token": found.identity_token,
                    "client_id": "dockerlab", "scope": " ".join(scopes)}
            if self.challenge.params.get("service"):
                form["service"] = self.challenge.params["service"]
            response = self._ask(session.post, realm, data=form)
        else:
            headers = {}
            basic = self._basic()
            if basic:
                headers["Authorization"] = basic
            response = self._ask(session.get, realm, params=params, headers=headers)
        raise_for_response(response, self.registry, "registry.action.token", scope=scope_text)
        body = self._answer(response, scope_text)
        token = body.get("token") or body.get("access_token")
        if not token:
            raise RegistryError("registry.token_missing", realm=realm, scope=scope_text)
        if not isinstance(token, str) or not token.isprintable() or len(token) > MAX_TOKEN_ANSWER:
            raise self._bad(scope_text, f"token {str(token)[:40]!r}")
        lifetime = body.get("expires_in") or 60
        if isinstance(lifetime, bool) or not isinstance(lifetime, (int, float)) or not 0 < lifetime < 1e9:
            raise self._bad(scope_text, f"expires_in {str(lifetime)[:40]!r}")
        return token, float(lifetime)

    def _ask(self, send: Any, realm: str, **kwargs: Any) -> Any:
        """One request to the token server, streamed (its body is then read bounded)."""
        import requests

        try:
            return send(realm, stream=True, timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            raise RegistryError("registry.unreachable", registry=realm or self.registry,
                                error=short_error(exc)) from None

    def _answer(self, response: Any, scope_text: str) -> dict:
        """The token server's JSON object, read bounded in size and time."""
        raw = read_body(response, MAX_TOKEN_ANSWER, self.body_seconds, self.registry, "registry.action.token",
                        scope=scope_text)
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError):
            body = None
        if not isinstance(body, dict):
            raise self._bad(scope_text, "JSON")
        return body

    def _bad(self, scope_text: str, problem: str) -> RegistryError:
        return bad_answer(self.registry, "registry.action.token", problem, scope=scope_text)

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
