"""Pull from real registries into the store; images crossing between the embedded engine and dockerd."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from dockerlab.errors import DigestMismatch, ImageNotFound
from dockerlab.model import Digest, hash_stream, mediatypes as mt, validate
from dockerlab.registry import inspect_remote, pull, push
from dockerlab.registry.server import RegistryServer
from dockerlab.store import Store
from registry_helpers import random_image, unique_repo

pytestmark = pytest.mark.registry


def test_pull_stores_layers_as_they_came_and_diff_ids_check_out(store, registry_url, tmp_path):
    ref = f"{registry_url}/{unique_repo()}:1"
    image = random_image(store, ref, seed=11)
    pushed = push(image, ref, progress=False)
    other = Store(tmp_path / "other")
    events = []
    pulled = pull(ref, store=other, progress=False, on_blob=events.append)

    assert pulled.digest == pushed.digest  # manifest kept byte for byte: name@sha256 works here and there
    assert pulled.id == image.id
    assert other.resolve(f"{ref.rsplit(':', 1)[0]}@{pushed.digest}").id == image.id
    assert [e.action for e in events].count("fetched") == 3
    for layer, original in zip(pulled.layers, image.layers):
        assert layer.media_type == mt.OCI_LAYER_GZIP and other.has_blob(layer.digest)
        assert layer.diff_id == original.diff_id
        with layer.open() as f:
            assert hash_stream(f).digest == layer.diff_id
    assert validate(pulled) == []

    events.clear()
    again = pull(ref, store=other, progress=False, on_blob=events.append)
    assert again.digest == pulled.digest
    assert [e.action for e in events] == ["present"] * 3  # nothing fetched twice (config neither)


def test_inspect_remote_gives_size_before_pulling(store, registry_url):
    ref = f"{registry_url}/{unique_repo()}:size"
    image = random_image(store, ref, sizes=(50_000, 70_000), seed=12)
    pushed = push(image, ref, progress=False)
    remote = inspect_remote(ref)
    assert remote.size == sum(b.size for b in pushed.layers)
    assert remote.id == image.id and str(remote.platform) == "linux/amd64"
    assert remote.config.history[0].created_by == "test layer 0"


def test_corrupt_blob_in_registry_never_enters_the_store(tmp_path, need_tool):
    need_tool("docker-registry")
    source = Store(tmp_path / "source")
    with RegistryServer(tmp_path / "registry") as server:
        ref = f"{server.address}/kelas/rusak:1"
        image = random_image(source, ref, sizes=(40_000,), seed=13)
        pushed = push(image, ref, progress=False)
        digest = pushed.layers[0].remote_digest
        data = tmp_path / "registry" / "data" / "docker" / "registry" / "v2" / "blobs" / "sha256" / \
            digest.hex[:2] / digest.hex / "data"
        blob = bytearray(data.read_bytes())
        blob[len(blob) // 2] ^= 0xFF
        data.write_bytes(bytes(blob))

        target = Store(tmp_path / "target")
        with pytest.raises(DigestMismatch) as info:
            pull(ref, store=target, progress=False)
        assert digest in str(info.value)
        assert not target.has_blob(digest)
        assert not list(target.tmp.iterdir())  # the temporary file is gone too
        with pytest.raises(ImageNotFound):
            target.resolve(ref)


def test_pull_without_store_uses_a_temporary_one(store, registry_url):
    ref = f"{registry_url}/{unique_repo()}:tmp"
    image = random_image(store, ref, seed=14)
    push(image, ref, progress=False)
    pulled = pull(ref, progress=False)
    assert pulled.id == image.id and validate(pulled) == []
    root = pulled.source.root
    assert root.exists() and root != store.root
    del pulled
    import gc

    gc.collect()
    assert not root.exists()


# --- both engines ------------------------------------------------------------------------------

@pytest.mark.docker
def test_embedded_build_pushed_then_pulled_and_run_by_docker(store, registry_url, docker_client, tmp_path):
    from dockerlab.baseimage import ensure_base_image
    from dockerlab.engines.local import LocalEngine

    ensure_base_image(store)
    context = tmp_path / "ctx"
    context.mkdir()
    (context / "pesan.txt").write_text("halo dari mesin bawaan\n")
    (context / "Dockerfile").write_text(
        "FROM dockerlab.local/busybox:latest\nCOPY pesan.txt /pesan.txt\nCMD [\"cat\", \"/pesan.txt\"]\n")
    engine = LocalEngine(store)
    repo = f"{registry_url}/{unique_repo('engine')}"
    engine.build(context, f"{repo}:1", progress=False)
    built = engine.image(f"{repo}:1")
    result = engine.push(f"{repo}:1", progress=False)
    assert result.image_id == built.id

    pulled = docker_client.images.pull(repo, tag="1")
    assert pulled.id == built.id  # Docker's image ID is the config digest: unchanged by compression
    assert f"{repo}@{result.digest}" in pulled.attrs["RepoDigests"]
    output = docker_client.containers.run(f"{repo}:1", network_mode="none", remove=True)
    assert output == b"halo dari mesin bawaan\n"


@pytest.mark.docker
def test_docker_push_pulled_by_embedded_engine_same_image_id(docker_client, registry_url, tmp_path):
    context = tmp_path / "ctx"
    context.mkdir()
    shutil.copy("/usr/bin/busybox", context / "busybox")
    (context / "Dockerfile").write_text("FROM scratch\nCOPY busybox /bin/busybox\nCMD [\"/bin/busybox\", \"true\"]\n")
    repo = f"{registry_url}/{unique_repo('docker')}"
    built, _ = docker_client.images.build(path=str(context), tag=f"{repo}:1", rm=True)
    lines = list(docker_client.api.push(repo, tag="1", stream=True, decode=True))
    assert not [line for line in lines if "error" in line], lines
    pushed_digest = next(line["aux"]["Digest"] for line in lines if "aux" in line)

    from dockerlab.engines.local import LocalEngine

    store = Store(tmp_path / "store")
    pulled = LocalEngine(store).pull(f"{repo}:1", progress=False)
    assert pulled.id == built.id
    assert pulled.digest == pushed_digest
    assert pulled.manifest.media_type == mt.DOCKER_MANIFEST  # Docker's own types, negotiated by Accept
    assert validate(pulled) == []
    with pulled.layers[0].open() as f:
        assert hash_stream(f).digest == pulled.config.rootfs.diff_ids[0]
    assert Digest("sha256:" + hashlib.sha256(store.read_blob(pulled.digest)).hexdigest()) == pushed_digest


@pytest.mark.docker
def test_docker_engine_push_goes_through_our_client(docker_client, registry_url, tmp_path):
    from dockerlab.engines.docker import DockerEngine

    context = tmp_path / "ctx"
    context.mkdir()
    (context / "isi.txt").write_text("dari Docker Engine\n")
    (context / "Dockerfile").write_text("FROM scratch\nCOPY isi.txt /isi.txt\n")
    repo = f"{registry_url}/{unique_repo('dockerengine')}"
    built, _ = docker_client.images.build(path=str(context), tag=f"{repo}:1", rm=True)
    result = DockerEngine(docker_client).push(f"{repo}:1", progress=False)
    assert result.image_id == built.id
    pulled = pull(f"{repo}:1", store=Store(tmp_path / "store"), progress=False)
    assert pulled.id == built.id and pulled.digest == result.digest
    assert validate(pulled) == []


def test_build_from_a_pulled_image_and_run_it(registry_url, tmp_path):
    """Pulled layers stay gzip in the store; the builder and containers read them all the same."""
    from dockerlab.baseimage import ensure_base_image
    from dockerlab.builder import build
    from dockerlab.container import run

    source = Store(tmp_path / "source")
    ref = f"{registry_url}/{unique_repo('base')}:1"
    push(ensure_base_image(source), ref, progress=False)
    store = Store(tmp_path / "store")
    base = pull(ref, store=store, progress=False)
    assert base.layers[0].compressed
    context = tmp_path / "ctx"
    context.mkdir()
    (context / "Dockerfile").write_text(f"FROM {ref}\nRUN echo halo > /halo.txt\n")
    built = build(store, context, "anak:1", progress=False).image
    assert built.layers[0].digest == base.layers[0].digest  # the base layer is shared, as pulled
    lines: list[str] = []
    assert run(store, "anak:1", ["cat", "/halo.txt"], output=lines.append, remove=True).exit_code == 0
    assert "".join(lines) == "halo\n"


def test_pushed_gzip_is_one_member_python_tarfile_streams_it(store, registry_url):
    import io
    import tarfile

    import requests

    ref = f"{registry_url}/{unique_repo()}:tar"
    image = random_image(store, ref, sizes=(3 << 20,), seed=15)
    result = push(image, ref, progress=False)
    blob = requests.get(f"http://{registry_url}/v2/{ref.split('/', 1)[1].split(':')[0]}/blobs/"
                        f"{result.layers[0].remote_digest}", timeout=30).content
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r|gz") as tar:
        names = [m.name for m in tar]
    assert names == ["data/blob1500"]
