"""A registry that lies: every answer of a pull or a push is hostile input, read bounded.

The tests start a small threaded HTTP server on 127.0.0.1 (:class:`hostile_support.LyingRegistry`)
that serves one honest image and lies in one place per case: endless or slow bodies, bodies longer
or shorter than their descriptor, wrong digests and headers, decompression bombs, a missing
``Location``, an index that answers for its own child, endless error bodies and tag lists. Each
case ends in a clear dockerlab error within a bound (no hang, no ``MemoryError``), nothing is
tagged, the sentinels are unchanged and the store validates.
"""

from __future__ import annotations

import gzip
import json
import time
from typing import Any

import pytest

from hostile_support import (
    LyingRegistry, answer, assert_clear, config_for, endless, f, guarded, manifest_for, registry_routes, tar_of,
)

from dockerlab.errors import DockerlabError
from dockerlab.model import Digest, canonical_json, mediatypes as mt
from dockerlab.registry import RegistryClient, list_tags, pull, push
from dockerlab.store import Store

REPO = "lab/hostile"
LAYER = tar_of(f("a", b"x" * 1000))
GZ = gzip.compress(LAYER, mtime=0)
CONFIG = config_for([LAYER])
MANIFEST = manifest_for(CONFIG, [LAYER])
BOUND = 30.0  # seconds any case may take: the client's own limits are far below it


def _client(address: str) -> RegistryClient:
    return RegistryClient(address, timeout=(5, 2), body_seconds=2)


def _honest() -> dict:
    return registry_routes(REPO, MANIFEST, {Digest.of(LAYER): LAYER, Digest.of(CONFIG): CONFIG})


def _manifest_route(routes: dict, handler: Any, ref: str = "1") -> dict:
    routes[("GET", f"/v2/{REPO}/manifests/{ref}")] = handler
    return routes


def _blob_route(routes: dict, digest: Digest, handler: Any) -> dict:
    routes[("GET", f"/v2/{REPO}/blobs/{digest}")] = handler
    return routes


def _with_manifest(manifest: bytes, blobs: dict[Digest, bytes], media_type: str = mt.OCI_MANIFEST) -> dict:
    return registry_routes(REPO, manifest, blobs, manifest_type=media_type)


def _index_self() -> dict:
    """An index whose child, asked for by digest, is answered with the index itself."""
    child = {"mediaType": mt.OCI_MANIFEST, "digest": str(Digest.of(MANIFEST)), "size": len(MANIFEST),
             "platform": {"os": "linux", "architecture": "amd64"}}
    index = canonical_json({"schemaVersion": 2, "mediaType": mt.OCI_INDEX, "manifests": [child]})
    routes = registry_routes(REPO, index, {}, manifest_type=mt.OCI_INDEX)
    routes[("GET", f"/v2/{REPO}/manifests/{Digest.of(MANIFEST)}")] = lambda r: answer(r, index, content_type=mt.OCI_INDEX)
    return routes


def _bomb_layer() -> dict:
    bomb = gzip.compress(b"\0" * (3 << 20), 9)
    cfg = config_for([b"\0" * (3 << 20)])
    manifest = manifest_for(cfg, [bomb], layer_type=mt.OCI_LAYER_GZIP)
    return _with_manifest(manifest, {Digest.of(bomb): bomb, Digest.of(cfg): cfg})


def _gzip_wrong_diff() -> dict:
    cfg = config_for([b"some other layer"])
    manifest = manifest_for(cfg, [GZ], layer_type=mt.OCI_LAYER_GZIP)
    return _with_manifest(manifest, {Digest.of(GZ): GZ, Digest.of(cfg): cfg})


def _count_mismatch() -> dict:
    cfg = config_for([LAYER, LAYER])
    manifest = manifest_for(cfg, [LAYER])
    return _with_manifest(manifest, {Digest.of(LAYER): LAYER, Digest.of(cfg): cfg})


def _stall(request: Any) -> None:
    request.send_response(200)
    request.send_header("Content-Length", str(len(LAYER)))
    request.end_headers()
    request.wfile.write(LAYER[:10])
    request.wfile.flush()
    request.server_stop.wait(20)  # then silence: the client's read timeout must end it


PULL_CASES: dict[str, Any] = {
    "manifest_endless": lambda: _manifest_route(_honest(), lambda r: endless(r, content_type=mt.OCI_MANIFEST)),
    "manifest_length_huge": lambda: _manifest_route(_honest(), lambda r: answer(r, b"{}", length=100 << 20)),
    "manifest_slow": lambda: _manifest_route(_honest(), lambda r: endless(r, chunk=b" ", delay=0.2)),
    "manifest_digest_header_lies": lambda: _manifest_route(_honest(), lambda r: answer(
        r, MANIFEST, content_type=mt.OCI_MANIFEST, headers={"Docker-Content-Digest": str(Digest.of(b"x"))})),
    "manifest_digest_header_garbage": lambda: _manifest_route(_honest(), lambda r: answer(
        r, MANIFEST, content_type=mt.OCI_MANIFEST, headers={"Docker-Content-Digest": "sha256:../../etc"})),
    "manifest_not_json": lambda: _manifest_route(_honest(), lambda r: answer(r, b"<html>", content_type=mt.OCI_MANIFEST)),
    "manifest_deep": lambda: _manifest_route(_honest(), lambda r: answer(r, b"[" * 200_000 + b"]" * 200_000)),
    "manifest_type_lies": lambda: _manifest_route(_honest(), lambda r: answer(r, MANIFEST, content_type=mt.OCI_INDEX)),
    "config_endless": lambda: _blob_route(_honest(), Digest.of(CONFIG), lambda r: endless(r)),
    "config_longer": lambda: _blob_route(_honest(), Digest.of(CONFIG), lambda r: answer(r, CONFIG + b" " * 100)),
    "config_shorter": lambda: _blob_route(_honest(), Digest.of(CONFIG), lambda r: answer(r, CONFIG[:-5])),
    "config_other_content": lambda: _blob_route(_honest(), Digest.of(CONFIG), lambda r: answer(r, CONFIG.replace(b"amd64", b"arm64") if b"amd64" in CONFIG else CONFIG[::-1])),
    "layer_endless": lambda: _blob_route(_honest(), Digest.of(LAYER), lambda r: endless(r, chunk=b"\0" * 65536)),
    "layer_longer": lambda: _blob_route(_honest(), Digest.of(LAYER), lambda r: answer(r, LAYER + b"\0" * 1024)),
    "layer_shorter": lambda: _blob_route(_honest(), Digest.of(LAYER), lambda r: answer(r, LAYER[:-512])),
    "layer_other_content": lambda: _blob_route(_honest(), Digest.of(LAYER), lambda r: answer(r, bytes(reversed(LAYER)))),
    "layer_stalls": lambda: _blob_route(_honest(), Digest.of(LAYER), _stall),
    "gzip_layer_wrong_diff_id": _gzip_wrong_diff,
    "gzip_bomb_layer": _bomb_layer,
    "layer_count_mismatch": _count_mismatch,
    "index_answers_for_its_child": _index_self,
    "error_body_endless": lambda: _manifest_route(_honest(), lambda r: (r.send_response(500), r.send_header("Transfer-Encoding", "chunked"), r.end_headers(), endless(r) if False else _endless_chunks(r))),
    "blob_unknown": lambda: _blob_route(_honest(), Digest.of(LAYER), lambda r: answer(r, b'{"errors":[{"code":"BLOB_UNKNOWN"}]}', status=404)),
}


def _endless_chunks(request: Any) -> None:
    while True:
        request.wfile.write(b"10000\r\n" + b"x" * 65536 + b"\r\n")


@pytest.mark.parametrize("name", sorted(PULL_CASES))
def test_a_lying_registry_is_refused_by_pull(name, tmp_path, monkeypatch):
    if name == "gzip_bomb_layer":
        monkeypatch.setenv("DOCKERLAB_MAX_LAYER_SIZE", "1m")
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        registry = LyingRegistry(PULL_CASES[name]())
        registry.server.RequestHandlerClass.server_stop = registry.stop_event  # type: ignore[attr-defined]
        with registry:
            started = time.monotonic()
            with pytest.raises(DockerlabError) as exc:
                pull(f"{registry.address}/{REPO}:1", store=store, progress=False, client=_client(registry.address))
            took = time.monotonic() - started
        assert_clear(exc.value)
        assert took < BOUND, f"{name} took {took:.1f} s"
        assert store.tags() == []


def test_the_honest_registry_pulls(tmp_path, monkeypatch):
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        with LyingRegistry(_honest()) as registry:
            image = pull(f"{registry.address}/{REPO}:1", store=store, progress=False, client=_client(registry.address))
        assert image.digest == Digest.of(MANIFEST) and [r.familiar for r, _ in store.tags()] == [f"{registry.address}/{REPO}:1"]


TAG_CASES: dict[str, Any] = {
    "tags_endless": lambda r: endless(r),
    "tags_not_json": lambda r: answer(r, b"nope"),
    "tags_wrong_types": lambda r: answer(r, json.dumps({"tags": [1, {"a": 2}]}).encode()),
    "tags_link_loop": lambda r: answer(r, b'{"tags":["a"]}', headers={"Link": f'</v2/{REPO}/tags/list>; rel="next"'}),
}


@pytest.mark.parametrize("name", sorted(TAG_CASES))
def test_a_lying_tag_list_is_refused(name, tmp_path, monkeypatch):
    with guarded(tmp_path, monkeypatch):
        routes = {("GET", "/v2/"): lambda r: answer(r, b"{}"), ("GET", f"/v2/{REPO}/tags/list"): TAG_CASES[name]}
        with LyingRegistry(routes) as registry:
            started = time.monotonic()
            with pytest.raises(DockerlabError) as exc:
                list_tags(f"{registry.address}/{REPO}", client=_client(registry.address))
            assert time.monotonic() - started < BOUND
        assert_clear(exc.value, registry.address)


def _push_routes(case: str) -> dict:
    uploads = "/v2/lab/hostile/blobs/uploads/"

    def post(r: Any) -> None:
        headers = {} if case == "post_without_location" else {"Location": "/upload/1"}
        answer(r, b"", status=202, headers=headers)

    def patch(r: Any) -> None:
        headers = {} if case == "patch_without_location" else {"Location": "/upload/1"}
        answer(r, b"", status=202, headers=headers)

    def put_manifest(r: Any) -> None:
        digest = str(Digest.of(b"not what was sent")) if case == "manifest_digest_lies" else "sha256:" + "0" * 64
        if case == "manifest_digest_garbage":
            digest = "garbage"
        answer(r, b"", status=201, headers={"Docker-Content-Digest": digest})

    return {
        ("GET", "/v2/"): lambda r: answer(r, b"{}"),
        ("HEAD", "*"): lambda r: answer(r, b"", status=404),
        ("POST", uploads): post,
        ("PATCH", "/upload/1"): patch,
        ("PUT", "/upload/1"): lambda r: answer(r, b"", status=201),
        ("PUT", "/v2/lab/hostile/manifests/1"): put_manifest,
    }


@pytest.mark.parametrize("case", ["post_without_location", "patch_without_location", "manifest_digest_lies",
                                  "manifest_digest_garbage"])
def test_a_lying_registry_is_refused_by_push(case, tmp_path, monkeypatch):
    from registry_helpers import random_image

    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        image = random_image(store, "local:1", seed=7)
        with LyingRegistry(_push_routes(case)) as registry:
            with pytest.raises(DockerlabError) as exc:
                push(image, f"{registry.address}/{REPO}:1", progress=False, jobs=1, client=_client(registry.address))
        assert_clear(exc.value, registry.address)
        if "location" in case:
            assert "Location" in str(exc.value)


def _challenge(request: Any) -> None:
    """``/v2/``: a registry asking for a bearer token from its own ``/token``."""
    port = request.server.server_address[1]
    answer(request, b'{"errors":[{"code":"UNAUTHORIZED"}]}', status=401, headers={
        "WWW-Authenticate": f'Bearer realm="http://127.0.0.1:{port}/token",service="lab"'})


TOKEN_CASES: dict[str, Any] = {
    "token_endless": lambda r: endless(r),
    "token_slow": lambda r: endless(r, chunk=b" ", delay=0.2),
    "token_length_huge": lambda r: answer(r, b"{}", length=100 << 20),
    "token_not_json": lambda r: answer(r, b"<html>login</html>"),
    "token_deep": lambda r: answer(r, b"[" * 200_000 + b"]" * 200_000),
    "token_a_list": lambda r: answer(r, b'["token"]'),
    "token_wrong_type": lambda r: answer(r, b'{"token": {"a": 1}}'),
    "token_not_printable": lambda r: answer(r, b'{"token": "abc\\r\\nX-Evil: 1"}'),
    "expires_in_wrong_type": lambda r: answer(r, b'{"token": "abc", "expires_in": "soon"}'),
    "token_missing": lambda r: answer(r, b'{"expires_in": 60}'),
    "token_gzip_bomb": lambda r: answer(r, gzip.compress(b'{"token": "' + b"a" * (8 << 20) + b'"}'),
                                        headers={"Content-Encoding": "gzip"}),
    "token_gzip_garbage": lambda r: answer(r, b"not gzip at all", headers={"Content-Encoding": "gzip"}),
}


@pytest.mark.parametrize("name", sorted(TOKEN_CASES))
def test_a_lying_token_server_is_refused(name, tmp_path, monkeypatch):
    """The token server is input from outside too: bounded, typed, refused clearly, nothing tagged."""
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        routes = _honest()
        routes[("GET", "/v2/")] = _challenge
        routes[("GET", "/token")] = TOKEN_CASES[name]
        registry = LyingRegistry(routes)
        with registry:
            started = time.monotonic()
            with pytest.raises(DockerlabError) as exc:
                pull(f"{registry.address}/{REPO}:1", store=store, progress=False, client=_client(registry.address))
            took = time.monotonic() - started
        assert_clear(exc.value, "token")
        assert took < BOUND, f"{name} took {took:.1f} s"
        assert store.tags() == []


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_an_honest_token_server_is_used(encoding, tmp_path, monkeypatch):
    """The same registry with a token server that answers well pulls (the cases above can fail),
    also when a proxy in front of it compresses the answer."""
    seen: list[str] = []

    def token(request: Any) -> None:
        seen.append(request.path)
        body = b'{"token": "t0k3n", "expires_in": 300}'
        if encoding == "gzip":
            answer(request, gzip.compress(body), headers={"Content-Encoding": "gzip"})
        else:
            answer(request, body)

    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        routes = _honest()
        routes[("GET", "/v2/")] = _challenge
        routes[("GET", "/token")] = token
        with LyingRegistry(routes) as registry:
            image = pull(f"{registry.address}/{REPO}:1", store=store, progress=False, client=_client(registry.address))
        assert image.digest == Digest.of(MANIFEST)
        assert seen and "scope=repository%3Alab%2Fhostile%3Apull" in seen[0]
