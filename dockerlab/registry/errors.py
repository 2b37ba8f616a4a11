"""Registry errors: the distribution API's error codes, explained in the learner's language.

A registry answers a failed request with ``{"errors": [{"code": "MANIFEST_UNKNOWN", ...}]}``
(or, for HEAD requests and some proxies, only a status code). :func:`raise_for_response` turns
either into a :class:`~dockerlab.errors.RegistryError` whose ``code`` is the registry's code and
whose message says what it means and what to do next.
"""

from __future__ import annotations

import json
import time
from typing import Any

from ..errors import RegistryError
from ..i18n import tr


# Status codes that mean something even without a JSON body (HEAD answers have none).
_STATUS_CODES = {401: "UNAUTHORIZED", 403: "DENIED", 429: "TOOMANYREQUESTS"}
KNOWN_CODES = frozenset({
    "MANIFEST_UNKNOWN", "NAME_UNKNOWN", "UNAUTHORIZED", "DENIED", "TOOMANYREQUESTS", "BLOB_UNKNOWN",
    "BLOB_UPLOAD_INVALID", "BLOB_UPLOAD_UNKNOWN", "DIGEST_INVALID", "MANIFEST_BLOB_UNKNOWN",
    "MANIFEST_INVALID", "NAME_INVALID", "TAG_INVALID", "SIZE_INVALID", "UNSUPPORTED", "UNKNOWN",
})


def read_bounded(response: Any, limit: int, seconds: float) -> bytes:
    """A streamed response's body: ``OverflowError`` past ``limit`` bytes, ``TimeoutError`` past
    ``seconds`` (checked after every read; ``read1`` returns what has arrived, so a body
    trickling in byte by byte cannot stretch one read). A body sent with ``Content-Encoding:
    gzip`` or ``deflate`` (a token server behind a proxy may, whatever we ask for) is decoded
    here, and ``limit`` holds for the decoded bytes: a small bomb cannot grow past it."""
    import zlib

    deadline = time.monotonic() + seconds
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > limit:
        response.close()
        raise OverflowError(length)
    encoding = str(response.headers.get("Content-Encoding", "")).strip().lower()
    decoder = zlib.decompressobj(47) if encoding in ("gzip", "x-gzip", "deflate") else None  # 47: gzip or zlib
    raw = getattr(response, "raw", None)
    read = getattr(raw, "read1", None)
    parts, size = [], 0
    try:
        if read is None:  # an already read or a foreign response (requests decoded it)
            data = response.content
            if len(data) > limit:
                raise OverflowError(len(data))
            return data
        while True:
            chunk = read(1 << 16)
            if not chunk:
                break
            if decoder is not None:
                try:
                    chunk = decoder.decompress(chunk, limit + 1 - size)
                except zlib.error:
                    raise ValueError(encoding) from None
            parts.append(chunk)
            size += len(chunk)
            if size > limit or (decoder is not None and decoder.unconsumed_tail):
                raise OverflowError(size)
            if time.monotonic() > deadline:
                raise TimeoutError(seconds)
    finally:
        response.close()
    return b"".join(parts)

def bad_answer(registry: str, action_key: str, problem: str, **params: object) -> RegistryError:
    """An answer that cannot be used (``problem`` names the part: a header, a size, ``JSON``)."""
    return RegistryError("registry.bad_answer", registry=registry, action=tr(action_key, **params), problem=problem)


def short_error(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 200 else text[:200] + "…"


def read_body(response: Any, limit: int, seconds: float, registry: str, action_key: str, **params: object) -> bytes:
    """:func:`read_bounded`, with every way it can fail turned into a clear :class:`RegistryError`."""
    import requests

    try:
        return read_bounded(response, limit, seconds)
    except OverflowError:
        raise bad_answer(registry, action_key, f"> {limit} byte", **params) from None
    except TimeoutError:
        raise bad_answer(registry, action_key, f"> {seconds:g} s", **params) from None
    except ValueError as exc:  # a Content-Encoding that does not decode
        raise bad_answer(registry, action_key, f"Content-Encoding {str(exc)[:20]}", **params) from None
    except requests.RequestException as exc:
        raise RegistryError("registry.unreachable", registry=registry, error=short_error(exc)) from None


def error_code(response: Any, not_found: str | None = None) -> tuple[str, str]:
    """``(code, detail)`` from a failed response: the first JSON error, else a code from the status."""
    code, detail = "", ""
    try:
        body = read_bounded(response, 64 << 10, 10.0)
        errors = json.loads(body).get("errors") or []
        if errors and isinstance(errors, list) and isinstance(errors[0], dict):
            code = str(errors[0].get("code") or "")[:64]
            detail = str(errors[0].get("message") or "")[:300]
    except (ValueError, AttributeError, OverflowError, TimeoutError, RecursionError, OSError):
        pass
    except Exception:  # noqa: BLE001 - a broken connection while reading an error: the status says enough
        pass
    if not code:
        code = _STATUS_CODES.get(response.status_code) or (not_found if response.status_code == 404 else "") or "UNKNOWN"
    if code == "UNAUTHORIZED" and "insufficient_scope" in str(getattr(response, "headers", {}).get("WWW-Authenticate", "")):
        code = "DENIED"  # logged in, but the token does not grant this (token auth, spec: auth/token.md)
    return code, detail


class RegistryRequestError(RegistryError):
    """A :class:`RegistryError` whose action and explanation follow the current language."""

    def __str__(self) -> str:
        p = dict(self.params)
        action = p.pop("action_key", None)
        action_params = p.pop("action_params", {})
        if action:
            p["action"] = tr(action, **action_params)
        code = str(p.get("code"))
        p["explanation"] = tr(f"registry.code.{code}" if code in KNOWN_CODES else "registry.code.UNKNOWN")
        return tr(self.key, **p)


def registry_error(registry: str, action_key: str, status: int, code: str, detail: str = "",
                   **action_params: object) -> RegistryError:
    key = f"registry.code.{code}" if code in KNOWN_CODES else "registry.code.UNKNOWN"
    if code in KNOWN_CODES and code != "UNKNOWN":
        detail = ""  # the registry's own English words for a code the explanation already says
    return RegistryRequestError("registry.error", registry=registry, action=tr(action_key, **action_params),
                                status=status, code=code, explanation=tr(key),
                                detail=f"({detail})" if detail else "", action_key=action_key,
                                action_params=action_params)


def raise_for_response(response: Any, registry: str, action_key: str, *, not_found: str | None = None,
                       **params: object) -> None:
    """Raise :class:`RegistryError` unless the response succeeded (2xx)."""
    if 200 <= response.status_code < 300:
        return
    code, detail = error_code(response, not_found)
    raise registry_error(registry, action_key, response.status_code, code, detail, **params)
