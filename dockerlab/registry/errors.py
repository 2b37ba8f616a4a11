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
from ..i18n import messages, tr

messages({
    "registry.error": (
        "Registry {registry} menolak {action} ({status} {code}): {explanation} {detail}",
        "Registry {registry} refused {action} ({status} {code}): {explanation} {detail}",
    ),
    "registry.unreachable": (
        "Registry {registry} tidak bisa dihubungi ({error}). Periksa alamatnya; untuk registry "
        "kursus jalankan `dockerlab registry start` lalu pakai alamat yang ditampilkannya.",
        "Registry {registry} cannot be reached ({error}). Check the address; for the course "
        "registry run `dockerlab registry start` and use the address it prints.",
    ),
    "registry.bad_digest_header": (
        "Registry {registry} melaporkan digest {reported} untuk {what}, padahal isinya ber-sha256 "
        "{actual}. Jangan pakai hasil ini; coba lagi atau periksa registry-nya.",
        "Registry {registry} reported digest {reported} for {what}, but its content hashes to "
        "{actual}. Do not use this result; try again or check the registry.",
    ),
    "registry.code.MANIFEST_UNKNOWN": (
        "manifest (tag atau digest) ini tidak ada di repository tersebut. Periksa ejaan tag-nya; "
        "lihat tag yang ada dengan `dockerlab tags <repository>`.",
        "this manifest (tag or digest) does not exist in that repository. Check the tag's "
        "spelling; list the tags with `dockerlab tags <repository>`.",
    ),
    "registry.code.NAME_UNKNOWN": (
        "repository ini tidak dikenal oleh registry. Periksa nama image-nya; repository baru "
        "muncul setelah push pertama.",
        "the registry does not know this repository. Check the image name; a repository "
        "appears after its first push.",
    ),
    "registry.code.UNAUTHORIZED": (
        "perlu login. Beri username dan password (auth=(user, password)) atau jalankan "
        "`docker login` untuk registry ini.",
        "authentication is required. Give a username and password (auth=(user, password)) or "
        "run `docker login` for this registry.",
    ),
    "registry.code.DENIED": (
        "akses ditolak: akun ini tidak boleh melakukan itu di repository ini. Periksa nama "
        "repository (push hanya ke repository milik Anda) dan hak akses akun.",
        "access denied: this account may not do that in this repository. Check the repository "
        "name (push only to repositories you own) and the account's permissions.",
    ),
    "registry.code.TOOMANYREQUESTS": (
        "terlalu banyak permintaan (batas laju registry). Tunggu beberapa menit lalu coba lagi, "
        "login agar batasnya lebih longgar, atau pakai mirror registry kelas.",
        "too many requests (the registry's rate limit). Wait a few minutes and try again, log "
        "in for a higher limit, or use the class's registry mirror.",
    ),
    "registry.code.BLOB_UNKNOWN": (
        "blob (layer atau config) ini tidak ada di registry. Push ulang image-nya secara utuh.",
        "this blob (layer or config) is not in the registry. Push the whole image again.",
    ),
    "registry.code.BLOB_UPLOAD_INVALID": (
        "unggahan blob tidak sah atau sudah kedaluwarsa. Ulangi push; blob yang sudah sampai "
        "tidak dikirim lagi.",
        "the blob upload is invalid or has expired. Push again; blobs already there are not "
        "sent again.",
    ),
    "registry.code.BLOB_UPLOAD_UNKNOWN": (
        "sesi unggahan blob tidak dikenal (mungkin kedaluwarsa). Ulangi push.",
        "the blob upload session is unknown (it may have expired). Push again.",
    ),
    "registry.code.DIGEST_INVALID": (
        "isi yang diterima registry tidak cocok dengan digest-nya (rusak di jalan?). Ulangi push.",
        "the content the registry received does not match its digest (damaged on the way?). "
        "Push again.",
    ),
    "registry.code.MANIFEST_BLOB_UNKNOWN": (
        "manifest menunjuk blob yang belum ada di registry. Push blob-nya dulu (push ulang "
        "seluruh image).",
        "the manifest names a blob the registry does not have yet. Push the blobs first (push "
        "the whole image again).",
    ),
    "registry.code.MANIFEST_INVALID": (
        "registry menganggap manifest ini tidak sah. Periksa image dengan dockerlab.validate().",
        "the registry considers this manifest invalid. Check the image with dockerlab.validate().",
    ),
    "registry.code.NAME_INVALID": (
        "nama repository tidak sah untuk registry ini. Pakai huruf kecil, angka, '.', '_', '-' dan '/'.",
        "the repository name is not valid for this registry. Use lowercase letters, digits, "
        "'.', '_', '-' and '/'.",
    ),
    "registry.code.TAG_INVALID": (
        "tag tidak sah untuk registry ini. Pakai huruf, angka, '_', '.' dan '-'.",
        "the tag is not valid for this registry. Use letters, digits, '_', '.' and '-'.",
    ),
    "registry.code.SIZE_INVALID": (
        "ukuran yang dikirim tidak cocok dengan yang diumumkan. Ulangi push.",
        "the size sent does not match the size announced. Push again.",
    ),
    "registry.code.UNSUPPORTED": (
        "registry ini tidak mendukung operasi tersebut (misalnya menghapus, atau media type ini).",
        "this registry does not support that operation (for example deleting, or this media type).",
    ),
    "registry.code.UNKNOWN": (
        "registry mengembalikan galat yang tidak dikenal. Lihat log registry-nya.",
        "the registry returned an unknown error. Look at the registry's log.",
    ),
    "registry.action.ping": ("pemeriksaan /v2/", "the /v2/ check"),
    "registry.action.manifest_get": ("pengambilan manifest {ref}", "fetching manifest {ref}"),
    "registry.action.manifest_put": ("pengiriman manifest {ref}", "sending manifest {ref}"),
    "registry.action.blob_get": ("pengambilan blob {digest}", "fetching blob {digest}"),
    "registry.action.blob_head": ("pemeriksaan blob {digest}", "checking blob {digest}"),
    "registry.action.blob_upload": ("pengunggahan blob {digest}", "uploading blob {digest}"),
    "registry.action.tags": ("daftar tag {repository}", "the tag list of {repository}"),
    "registry.action.token": ("pemberian token untuk {scope}", "issuing a token for {scope}"),
})

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
    trickling in byte by byte cannot stretch one read)."""
    deadline = time.monotonic() + seconds
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > limit:
        response.close()
        raise OverflowError(length)
    raw = getattr(response, "raw", None)
    read = getattr(raw, "read1", None)
    parts, size = [], 0
    try:
        if read is None:  # an already read or a foreign response
            data = response.content
            if len(data) > limit:
                raise OverflowError(len(data))
            return data
        while True:
            chunk = read(1 << 16)
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
            if size > limit:
                raise OverflowError(size)
            if time.monotonic() > deadline:
                raise TimeoutError(seconds)
    finally:
        response.close()
    return b"".join(parts)


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
