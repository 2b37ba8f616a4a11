"""A client for one registry: the OCI distribution API over ``requests``.

Only the endpoints a push and a pull need: ``/v2/`` (ping), manifests (GET/HEAD/PUT), blobs
(HEAD/GET), blob uploads (POST, cross-repository mount, monolithic PUT, chunked PATCH + PUT) and
tag listing. Plain HTTP is used only for loopback registries; every other registry is HTTPS.
Every request carries the right ``Authorization`` (see :mod:`.auth`); registry errors become
:class:`~dockerlab.errors.RegistryError` (see :mod:`.errors`).

A registry is input from outside, so every answer is read bounded: bodies are streamed, never
taken whole; a manifest, an error or a tag list larger than its limit, or arriving slower than
:attr:`RegistryClient.body_seconds`, is refused with a clear error; a socket silent for the read
timeout ends the request; a missing ``Location`` or an unparsable digest header is named.
"""

from __future__ import annotations

import ipaddress
import json
import threading
import time
from typing import Any, BinaryIO, Iterable, Iterator
from urllib.parse import urljoin

import requests

from ..errors import DockerlabError, RegistryError
from ..model import Digest, mediatypes as mt
from ..model.manifest import MAX_MANIFEST
from ..reference import api_host
from .auth import Authenticator
from .errors import bad_answer, raise_for_response, read_body, short_error as _short


#: What we accept for a manifest: OCI and Docker, image manifests and indexes.
MANIFEST_ACCEPT = ", ".join([mt.OCI_INDEX, mt.OCI_MANIFEST, mt.DOCKER_MANIFEST_LIST, mt.DOCKER_MANIFEST])
TIMEOUT = (10, 60)  # connect, and the longest silence while reading
BODY_SECONDS = 120.0  # the longest a small body (manifest, tag list, config) may take to arrive
CHUNK = 1 << 20
MAX_TAG_PAGES = 100  # Docker Hub's pages hold 100 tags: 10 000 tags is more than any course meets


def is_loopback(registry: str) -> bool:
    """``localhost:5000``, ``127.0.0.1:5000``, ``[::1]:5000`` are loopback; the rest is not."""
    if registry.startswith("["):
        host = registry[1:registry.find("]")]
    else:
        host = registry.split(":")[0]
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def scope(repository: str, actions: str = "pull") -> str:
    return f"repository:{repository}:{actions}"


class RegistryClient:
    """Talks to one registry (``host[:port]``). Thread-safe enough for parallel blob transfers."""

    def __init__(self, registry: str, *, auth: tuple[str, str] | None = None,
                 session: requests.Session | None = None, timeout: tuple[float, float] = TIMEOUT,
                 body_seconds: float = BODY_SECONDS) -> None:
        self.registry = registry
        self.timeout = timeout
        self.body_seconds = body_seconds
        self.scheme = "http" if is_loopback(registry) else "https"
        self.base = f"{self.scheme}://{api_host(registry)}"
        self.session = session or requests.Session()
        self.auth = Authenticator(registry, auth, from_docker_config=True, timeout=timeout,
                                  body_seconds=body_seconds)
        self._pinged = False
        self._ping_lock = threading.Lock()

    # --- plumbing ------------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return urljoin(self.base + "/", path.lstrip("/")) if not path.startswith("http") else path

    def ping(self) -> None:
        """``GET /v2/``: learn how the registry wants us to authenticate."""
        with self._ping_lock:
            if self._pinged:
                return
            try:
                response = self.session.get(self.url("/v2/"), timeout=self.timeout, stream=True)
            except requests.RequestException as exc:
                raise RegistryError("registry.unreachable", registry=self.registry, error=_short(exc)) from None
            try:
                if response.status_code == 401:
                    self.auth.learn(response.headers.get("WWW-Authenticate"))
                elif response.status_code != 404:  # some registries answer 404 on /v2/ yet work
                    raise_for_response(response, self.registry, "registry.action.ping")
            finally:
                response.close()
            self._pinged = True

    def request(self, method: str, path: str, scopes: tuple[str, ...], **kwargs: Any) -> requests.Response:
        """One request with authorization; a 401 teaches a new challenge and is retried once
        (only when the body can be sent again)."""
        self.ping()
        headers = dict(kwargs.pop("headers", None) or {})
        for attempt in (1, 2):
            auth = self.auth.header(self.session, scopes)
            if auth:
                headers["Authorization"] = auth
            try:
                response = self.session.request(method, self.url(path), headers=headers, stream=True,
                                                timeout=kwargs.pop("timeout", self.timeout), **kwargs)
            except requests.RequestException as exc:
                raise RegistryError("registry.unreachable", registry=self.registry, error=_short(exc)) from None
            replayable = kwargs.get("data") is None or isinstance(kwargs.get("data"), bytes)
            if response.status_code == 401 and attempt == 1 and replayable:
                old = self.auth.challenge
                if self.auth.learn(response.headers.get("WWW-Authenticate")) is not None and (
                        old is None or old != self.auth.challenge or self.auth.challenge.scheme == "bearer"):
                    response.close()
                    self.auth.forget_tokens()
                    continue
            return response
        return response

    # --- answers --------------------------------------------------------------------------------
    def bad_answer(self, action_key: str, problem: str, **params: object) -> RegistryError:
        return bad_answer(self.registry, action_key, problem, **params)

    def body(self, response: requests.Response, limit: int, action_key: str, **params: object) -> bytes:
        """A small body, read bounded in size (``limit``) and time (:attr:`body_seconds`)."""
        return read_body(response, limit, self.body_seconds, self.registry, action_key, **params)

    def reported_digest(self, response: requests.Response, action_key: str, **params: object) -> Digest | None:
        reported = response.headers.get("Docker-Content-Digest")
        if not reported:
            return None
        try:
            return Digest(reported.strip())
        except DockerlabError:
            raise self.bad_answer(action_key, f"Docker-Content-Digest {reported[:80]!r}", **params) from None

    def location(self, response: requests.Response, action_key: str, **params: object) -> str:
        """The ``Location`` an upload answer must carry (its absence is named, never a KeyError)."""
        location = response.headers.get("Location")
        response.close()
        if not location:
            raise self.bad_answer(action_key, "Location", **params)
        return self.url(location)

    # --- manifests -----------------------------------------------------------------------------
    def get_manifest(self, repository: str, reference: str) -> tuple[bytes, str, Digest | None]:
        """``(raw, media_type, reported digest)`` of a manifest or index, by tag or digest (bounded)."""
        response = self.request("GET", f"/v2/{repository}/manifests/{reference}",
                                (scope(repository),), headers={"Accept": MANIFEST_ACCEPT})
        ref = f"{repository}:{reference}"
        raise_for_response(response, self.registry, "registry.action.manifest_get",
                           not_found="MANIFEST_UNKNOWN", ref=ref)
        media_type = response.headers.get("Content-Type", "").split(";")[0].strip()
        reported = self.reported_digest(response, "registry.action.manifest_get", ref=ref)
        raw = self.body(response, MAX_MANIFEST, "registry.action.manifest_get", ref=ref)
        return raw, media_type, reported

    def put_manifest(self, repository: str, reference: str, raw: bytes, media_type: str) -> Digest | None:
        """Send a manifest (or index); returns the digest the registry reports."""
        response = self.request("PUT", f"/v2/{repository}/manifests/{reference}",
                                (scope(repository, "pull,push"),), data=raw,
                                headers={"Content-Type": media_type})
        ref = f"{repository}:{reference}"
        raise_for_response(response, self.registry, "registry.action.manifest_put", ref=ref)
        response.close()
        return self.reported_digest(response, "registry.action.manifest_put", ref=ref)

    # --- blobs ---------------------------------------------------------------------------------
    def has_blob(self, repository: str, digest: Digest) -> bool:
        response = self.request("HEAD", f"/v2/{repository}/blobs/{digest}", (scope(repository),))
        response.close()
        if response.status_code == 404:
            return False
        raise_for_response(response, self.registry, "registry.action.blob_head", digest=digest)
        return True

    def open_blob(self, repository: str, digest: Digest) -> requests.Response:
        """A streaming response for a blob (the caller reads ``iter_content`` and closes it)."""
        response = self.request("GET", f"/v2/{repository}/blobs/{digest}", (scope(repository),))
        raise_for_response(response, self.registry, "registry.action.blob_get", not_found="BLOB_UNKNOWN",
                           digest=digest)
        return response

    def start_upload(self, repository: str, *, mount: Digest | None = None,
                     mount_from: str | None = None) -> str | None:
        """Open an upload session; ``None`` when a cross-repository mount made the upload needless."""
        scopes = (scope(repository, "pull,push"),)
        params = {}
        if mount and mount_from and mount_from != repository:
            params = {"mount": str(mount), "from": mount_from}
            scopes += (scope(mount_from),)
        response = self.request("POST", f"/v2/{repository}/blobs/uploads/", scopes, params=params)
        if response.status_code == 201 and params:
            response.close()
            return None
        raise_for_response(response, self.registry, "registry.action.blob_upload", digest=mount or "-")
        return self.location(response, "registry.action.blob_upload", digest=mount or "-")

    def cancel_upload(self, repository: str, location: str) -> None:
        """Abandon an upload session (best effort: the registry purges stale ones anyway)."""
        try:
            self.request("DELETE", location, (scope(repository, "pull,push"),)).close()
        except (requests.RequestException, RegistryError):
            pass

    def put_blob(self, repository: str, location: str, digest: Digest, body: BinaryIO, size: int) -> None:
        """Monolithic upload: one PUT streaming ``body`` (a file object, never all in memory)."""
        response = self.request("PUT", location, (scope(repository, "pull,push"),), data=body,
                                params={"digest": str(digest)},
                                headers={"Content-Type": "application/octet-stream", "Content-Length": str(size)})
        raise_for_response(response, self.registry, "registry.action.blob_upload", digest=digest)
        response.close()

    def stream_blob(self, repository: str, location: str, chunks: Iterable[bytes], digest_after: Any) -> Digest:
        """Chunked upload of content whose digest is known only at its end (compressed on the fly).

        ``chunks`` is sent as one PATCH (HTTP chunked transfer); then ``digest_after()`` names the
        content in the closing PUT, and the registry checks it.
        """
        scopes = (scope(repository, "pull,push"),)
        response = self.request("PATCH", location, scopes, data=iter(chunks),
                                headers={"Content-Type": "application/octet-stream"})
        digest = digest_after()
        raise_for_response(response, self.registry, "registry.action.blob_upload", digest=digest)
        location = self.location(response, "registry.action.blob_upload", digest=digest)
        response = self.request("PUT", location, scopes, params={"digest": str(digest)}, data=b"")
        raise_for_response(response, self.registry, "registry.action.blob_upload", digest=digest)
        response.close()
        return digest

    # --- tags ----------------------------------------------------------------------------------
    def tags(self, repository: str) -> list[str]:
        """Every tag of ``repository`` (following ``Link`` pagination)."""
        out: list[str] = []
        path: str | None = f"/v2/{repository}/tags/list"
        pages = 0
        while path:
            response = self.request("GET", path, (scope(repository),))
            raise_for_response(response, self.registry, "registry.action.tags", not_found="NAME_UNKNOWN",
                               repository=repository)
            raw = self.body(response, MAX_MANIFEST, "registry.action.tags", repository=repository)
            try:
                tags = json.loads(raw).get("tags") or []
            except (ValueError, AttributeError, RecursionError):
                tags = None
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise self.bad_answer("registry.action.tags", "tags", repository=repository)
            out.extend(tags)
            path = response.links.get("next", {}).get("url")
            pages += 1
            if pages > MAX_TAG_PAGES:
                raise self.bad_answer("registry.action.tags", f"> {MAX_TAG_PAGES} pages (Link)", repository=repository)
        return sorted(out)


def iter_response(response: requests.Response, registry: str = "?") -> Iterator[bytes]:
    """A streamed body in chunks; a connection that breaks or falls silent is a RegistryError."""
    try:
        yield from response.iter_content(CHUNK)
    except requests.RequestException as exc:
        raise RegistryError("registry.unreachable", registry=registry, error=_short(exc)) from None
    finally:
        response.close()
