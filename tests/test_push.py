"""Push to the session's real registry, checked by the registry itself and by skopeo."""

from __future__ import annotations

import gzip
import json
import subprocess
import tracemalloc

import pytest
import requests

from dockerlab.errors import DockerlabError, RegistryError
from dockerlab.model import Digest, mediatypes as mt
from dockerlab.registry import RegistryClient, inspect_remote, is_loopback, pull, push
from registry_helpers import random_image, random_layer, unique_repo

pytestmark = pytest.mark.registry


def skopeo_inspect(need_tool, ref: str, raw: bool = False) -> dict:
    skopeo = need_tool("skopeo")
    args = [skopeo, "inspect", "--tls-verify=false"] + (["--raw"] if raw else []) + [f"docker://{ref}"]
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True, timeout=120).stdout)


def fetch_blob(registry_url: str, repo: str, digest: str) -> bytes:
    response = requests.get(f"http://{registry_url}/v2/{repo}/blobs/{digest}", timeout=30)
    response.raise_for_status()
    return response.content


def test_push_compresses_keeps_image_id_and_skopeo_agrees(store, registry_url, need_tool):
    ref = f"{registry_url}/{unique_repo()}:1.0"
    image = random_image(store, ref)
    result = push(image, ref, progress=False)

    assert result.image_id == image.id
    assert result.digest != image.digest  # the layers were compressed, so the manifest changed
    assert [b.action for b in result.blobs] == ["sent", "sent", "sent"]
    for transfer, layer in zip(result.layers, image.layers):
        assert transfer.media_type == mt.OCI_LAYER_GZIP
        assert transfer.diff_id == layer.diff_id == layer.digest
        assert transfer.remote_digest != layer.digest

    info = skopeo_inspect(need_tool, ref)
    assert info["Digest"] == result.digest
    assert info["Layers"] == [b.remote_digest for b in result.layers]
    raw = skopeo_inspect(need_tool, ref, raw=True)
    assert raw["config"]["digest"] == image.id
    # The comparison a notebook shows: same image ID and diff_ids, other blob digests.
    rows = {what: same for what, _, _, same in result.comparison()}
    assert rows["ID image (digest config)"] is True and rows["digest manifest"] is False
    assert "ID image" in result.table() and result.pinned.endswith("@" + result.digest)
    assert "<table>" in result._repr_html_()


def test_gzip_is_deterministic_mtime_zero_no_name(store, registry_url):
    image = random_image(store, None, sizes=(20000,), seed=3)
    repo = unique_repo()
    first = push(image, f"{registry_url}/{repo}:a", progress=False)
    store2_result = push(image, f"{registry_url}/{unique_repo()}:b", progress=False)
    assert first.digest == store2_result.digest
    blob = fetch_blob(registry_url, repo, first.layers[0].remote_digest)
    assert blob[:2] == b"\x1f\x8b" and blob[4:8] == b"\0\0\0\0"  # magic, mtime 0
    assert blob[3] & 0x08 == 0  # FNAME flag unset: no file name
    assert Digest.of(gzip.decompress(blob)) == image.layers[0].diff_id


def test_uncompressed_push_keeps_local_digest(store, registry_url):
    ref = f"{registry_url}/{unique_repo()}:raw"
    image = random_image(store, ref, seed=4)
    result = push(image, ref, compression=None, progress=False)
    assert result.digest == image.digest
    assert all(b.remote_digest == b.local_digest for b in result.blobs)
    assert inspect_remote(ref).manifest.raw == image.manifest.raw


def test_blobs_already_there_are_skipped_or_mounted(store, registry_url):
    image = random_image(store, None, seed=5)
    ref = f"{registry_url}/{unique_repo()}:1"
    push(image, ref, progress=False)
    seen = []
    again = push(image, ref, progress=False, on_blob=seen.append)
    assert [b.action for b in again.blobs] == ["skipped"] * 3 and len(seen) == 3
    other = push(image, f"{registry_url}/{unique_repo()}:1", progress=False)
    assert {b.action for b in other.blobs} == {"mounted"}  # cross-repository mount, nothing uploaded
    assert other.digest == again.digest


def test_upload_streams_without_holding_the_layer(store, registry_url):
    size = 40 << 20
    layer = random_layer(store, size, seed=99)
    image = random_image(store, None, layers=[layer])
    tracemalloc.start()
    try:
        push(image, f"{registry_url}/{unique_repo()}:big", progress=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 12 << 20, f"push of a {size}-byte layer peaked at {peak} bytes of Python memory"


def test_progress_bar_is_shown(store, registry_url, capsys):
    ref = f"{registry_url}/{unique_repo()}:bar"
    image = random_image(store, ref, seed=6)
    push(image, ref, progress=True)
    err = capsys.readouterr().err
    assert f"push {ref}" in err and "100%" in err


def test_interrupted_push_leaves_no_manifest_and_completes_next_time(store, registry_url, need_tool, tmp_path):
    ref = f"{registry_url}/{unique_repo()}:retry"
    image = random_image(store, ref, sizes=(300_000, 200_000, 100_000), seed=8)

    class Stop(Exception):
        pass

    def stop_after_first(transfer):
        raise Stop(transfer.local_digest)

    with pytest.raises(Stop):
        push(image, ref, progress=False, on_blob=stop_after_first, jobs=1)
    with pytest.raises(RegistryError) as info:
        inspect_remote(ref)
    assert info.value.code == "MANIFEST_UNKNOWN"  # the manifest goes last: nothing half-pushed is visible

    result = push(image, ref, progress=False, jobs=1)
    assert result.count("skipped") >= 1 and result.count("sent") >= 1
    from dockerlab.model import validate
    from dockerlab.store import Store

    pulled = pull(ref, store=Store(tmp_path / "back"), progress=False)
    assert pulled.digest == result.digest and pulled.id == image.id
    assert validate(pulled) == []
    assert skopeo_inspect(need_tool, ref)["Digest"] == result.digest


def test_skopeo_copy_gives_identical_blobs(store, registry_url, need_tool, tmp_path):
    skopeo = need_tool("skopeo")
    ref = f"{registry_url}/{unique_repo()}:copy"
    image = random_image(store, ref, seed=9)
    result = push(image, ref, progress=False)
    out = tmp_path / "copy"
    subprocess.run([skopeo, "copy", "--src-tls-verify=false", f"docker://{ref}", f"oci:{out}:copy"],
                   check=True, capture_output=True, timeout=120)
    index = json.loads((out / "index.json").read_text())
    assert index["manifests"][0]["digest"] == result.digest
    for transfer in result.blobs:
        blob = (out / "blobs" / "sha256" / Digest(transfer.remote_digest).hex).read_bytes()
        assert blob == fetch_blob(registry_url, ref.split("/", 1)[1].split(":")[0], transfer.remote_digest)
        assert Digest.of(blob) == transfer.remote_digest


def test_https_unless_loopback_and_unreachable_error():
    assert is_loopback("127.0.0.1:5000") and is_loopback("localhost:5000") and is_loopback("[::1]:5000")
    assert not is_loopback("registry.example.com") and not is_loopback("10.0.0.1:5000")
    assert RegistryClient("registry.example.com:5000").base == "https://registry.example.com:5000"
    assert RegistryClient("127.0.0.1:5000").base == "http://127.0.0.1:5000"
    from dockerlab.registry.server import free_port

    with pytest.raises(RegistryError) as info:
        inspect_remote(f"127.0.0.1:{free_port()}/nobody/here:1")
    assert "tidak bisa dihubungi" in str(info.value) and "dockerlab registry start" in str(info.value)


def test_registry_error_codes(registry_url):
    repo = unique_repo()
    with pytest.raises(RegistryError) as info:
        inspect_remote(f"{registry_url}/{repo}:nope")
    assert info.value.code in ("MANIFEST_UNKNOWN", "NAME_UNKNOWN")
    hint = {"MANIFEST_UNKNOWN": "dockerlab.list_tags(",  # the next step for each code
            "NAME_UNKNOWN": "repository baru muncul setelah push pertama"}[info.value.code]
    assert hint in str(info.value) and repo in str(info.value)
    assert "unknown" not in str(info.value)  # the registry's English words are not shown for a known code
    client = RegistryClient(registry_url)
    with pytest.raises(RegistryError) as info:
        client.open_blob(repo, Digest.of(b"nothing"))
    assert info.value.code == "BLOB_UNKNOWN"
    with pytest.raises(RegistryError) as info:
        client.tags(repo)
    assert info.value.code == "NAME_UNKNOWN"
    import dockerlab

    dockerlab.set_language("en")
    assert "does not know this repository" in str(info.value)
    assert isinstance(info.value, DockerlabError)


def test_error_codes_from_bare_statuses_and_unnamed_images(store):
    from dockerlab.errors import InvalidReference
    from dockerlab.registry.errors import error_code

    def response(status: int, body: bytes = b"") -> requests.Response:
        r = requests.Response()
        r.status_code, r._content = status, body
        return r

    assert error_code(response(429)) == ("TOOMANYREQUESTS", "")
    assert error_code(response(403)) == ("DENIED", "")
    assert error_code(response(401)) == ("UNAUTHORIZED", "")
    assert error_code(response(404), not_found="BLOB_UNKNOWN") == ("BLOB_UNKNOWN", "")
    assert error_code(response(500, b"<html>oops</html>")) == ("UNKNOWN", "")
    body = b'{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}'
    assert error_code(response(403, body)) == ("DENIED", "requested access to the resource is denied")
    with pytest.raises(InvalidReference) as info:
        push(random_image(store, None, seed=61), progress=False)
    assert "dockerlab.tag" in str(info.value)


CHILD_PUSH = """
import sys, time
from dockerlab.registry import push, streams
from dockerlab.store import Store
slow = streams.deflate_segment
def deflate_segment(data, level, primer):  # a slow link: the upload takes long enough to be cut midway
    time.sleep(0.03)
    return slow(data, level, primer)
streams.deflate_segment = deflate_segment
store = Store(sys.argv[1])
push(store.resolve(sys.argv[2]), sys.argv[2], progress=False, jobs=1)
"""


def test_push_killed_midway_then_completed(store, registry_server, need_tool, tmp_path):
    import os
    import signal
    import sys

    from dockerlab.model import validate
    from dockerlab.store import Store
    from dockerlab.waiting import wait_until

    repo = unique_repo("killed")
    ref = f"{registry_server.address}/{repo}:1"
    image = random_image(store, ref, sizes=(48 << 20,), seed=71)
    uploads = registry_server.storage / "data" / "docker" / "registry" / "v2" / "repositories" / repo / "_uploads"
    child = subprocess.Popen([sys.executable, "-c", CHILD_PUSH, str(store.root), ref], stderr=subprocess.PIPE)
    try:
        def upload_under_way() -> bool:
            # A child that died is a final answer: stop waiting (its error is reported below).
            return child.poll() is not None or any(
                p.name == "data" and p.stat().st_size > (1 << 20) for p in uploads.rglob("data"))

        wait_until(upload_under_way, timeout=60, what="a blob upload in progress")
        assert child.poll() is None, f"the pushing child exited early:\n{child.stderr.read().decode()}"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    with pytest.raises(RegistryError) as info:
        inspect_remote(ref)
    assert info.value.code == "MANIFEST_UNKNOWN"

    result = push(image, ref, progress=False)
    pulled = pull(ref, store=Store(tmp_path / "back"), progress=False)
    assert pulled.digest == result.digest and pulled.id == image.id and validate(pulled) == []
    assert skopeo_inspect(need_tool, ref)["Digest"] == result.digest
    assert os.path.isdir(uploads)  # the abandoned upload was real; the registry purges it later


@pytest.mark.parametrize("ghosts", [1, 2])
def test_refused_mount_reuses_its_upload_session(store, registry_server, ghosts):
    """A mount the registry refuses (202) opens a session: the blob goes there, no second POST."""
    from dockerlab.registry.streams import TransferMemo

    image = random_image(store, None, seed=81 + ghosts)
    repo = unique_repo("mount")
    session = requests.Session()
    posts: list[tuple[str, int]] = []
    session.hooks["response"].append(
        lambda r, *a, **k: posts.append((r.request.url, r.status_code)) if r.request.method == "POST" else None)
    client = RegistryClient(registry_server.address, session=session)
    memo = TransferMemo(store)
    blobs = [image.manifest.config.digest, *(d.digest for d in image.manifest.layers)]
    for digest in blobs:  # hints that the blob lives in repositories the registry never had
        for n in range(ghosts):
            memo.remember_seen(digest, client.registry, f"ghost/never-{n}")
    result = push(image, f"{registry_server.address}/{repo}:1", compression=None, progress=False,
                  client=client, jobs=1)
    assert [b.action for b in result.blobs] == ["sent"] * len(blobs)
    assert len(posts) == len(blobs) * ghosts and all(status == 202 for _, status in posts)
    assert all("mount=" in url for url, _ in posts)  # no plain POST after a refused mount
    uploads = registry_server.storage / "data" / "docker" / "registry" / "v2" / "repositories" / repo / "_uploads"
    # An open session holds "startedat"; a finished one is removed, a cancelled one keeps only
    # its empty hash state (this registry's DELETE leaves that behind).
    open_sessions = [p.parent for p in uploads.glob("*/startedat")] if uploads.exists() else []
    assert open_sessions == []
    assert inspect_remote(f"{registry_server.address}/{repo}:1").manifest.raw == image.manifest.raw
