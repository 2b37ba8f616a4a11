"""Push and pull through the Docker Engine backend (dockerlab's registry client, a real registry)."""

from __future__ import annotations

import pytest

from dockerlab import baseimage
from dockerlab.engines import transfer
from dockerlab.engines.docker import DockerEngine
from dockerlab.engines.local import LocalEngine
from dockerlab.errors import ImageNotFound
from dockerlab.model import validate

pytestmark = [pytest.mark.docker, pytest.mark.registry]

BASE = "dockerlab.local/busybox:latest"


@pytest.fixture
def engines(store, docker_client, tmp_path):
    baseimage.ensure_base_image(store)
    docker = DockerEngine(docker_client, cache_dir=tmp_path / "cache")
    transfer.copy(BASE, store, docker)
    return LocalEngine(store), docker


def test_push_from_docker_and_from_the_store_give_the_same_manifest(engines, registry_url):
    local, docker = engines
    docker.tag(BASE, f"{registry_url}/kursus/busybox:docker")
    local.tag(BASE, f"{registry_url}/kursus/busybox:local")
    from_docker = docker.push(f"{registry_url}/kursus/busybox:docker", progress=False)
    from_local = local.push(f"{registry_url}/kursus/busybox:local", progress=False)
    assert from_docker.image_id == from_local.image_id == local.image(BASE).id
    assert from_docker.digest == from_local.digest  # same config + same layers = same manifest
    docker.remove(f"{registry_url}/kursus/busybox:docker")


def test_pull_into_docker_keeps_the_image_id(engines, registry_url, docker_client):
    local, docker = engines
    ref = f"{registry_url}/kursus/tarik:1"
    local.tag(BASE, ref)
    pushed = local.push(ref, progress=False)
    with pytest.raises(ImageNotFound):
        docker.image(ref)
    pulled = docker.pull(ref, progress=False)
    assert pulled.id == pushed.image_id == local.image(BASE).id
    assert pulled.ref.familiar == ref
    assert docker_client.images.get(ref).id == pushed.image_id
    docker.remove(ref)


def test_a_repo_digest_the_engine_learns_is_its_own_attribute(engines, registry_url, docker_client):
    _, docker = engines
    ref = f"{registry_url}/kursus/asli:1"
    docker.tag(BASE, ref)
    before = docker.image(ref)
    assert before.repo_digests == () and before.digest == before.manifest.digest
    answer = docker_client.images.push(f"{registry_url}/kursus/asli", tag="1", stream=True, decode=True)
    pushed = [m["aux"]["Digest"] for m in answer if "aux" in m and "Digest" in m["aux"]]
    after = docker.image(ref)
    assert after.repo_digests == (f"{registry_url}/kursus/asli@{pushed[0]}",)
    # Docker pushed gzip layers, so its registry manifest is not the uncompressed OCI form: the
    # RepoDigest is its own attribute, the digest stays the sha256 of the view's manifest bytes
    assert after.digest == after.manifest.digest == before.digest != pushed[0]
    assert after.id == before.id and validate(after) == []
    docker.remove(ref)


def test_08_1_on_docker_tells_a_pulled_image_from_a_built_one(engines, registry_url, monkeypatch):
    """Exercise 08.1's langkah 3 on a Docker Engine: the tag history dockerlab keeps beside it
    records the pull (DockerEngine.pull), so a container of the image tagged locally is told apart
    from one run after the image came back from the registry."""
    import time
    from datetime import datetime, timezone

    from dockerlab import engines as engine_choice
    from dockerlab.exercises.serving import _skipped_pull
    from dockerlab.reference import Reference
    from dockerlab.registry import inspect_remote

    _, docker = engines
    monkeypatch.setattr(engine_choice, "current", lambda: docker)
    ref = f"{registry_url}/kursus/langkah:docker"
    docker.tag(BASE, ref)
    docker.push(ref, progress=False)
    pushed = inspect_remote(ref)

    class Made:  # a container's creation time, as both engines write it (RFC 3339, UTC)
        def __init__(self, moment: float) -> None:
            self.created = datetime.fromtimestamp(moment, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    early = Made(time.time() - 60)  # a minute before the pull: far past the clock slack
    assert _skipped_pull(Reference.parse(ref), pushed, early) == ("ex.08_1.not_pulled", {})
    docker.remove(ref)
    docker.pull(ref, progress=False)
    assert [e.command for e in docker.tag_history(ref)][-1] == "pull"
    assert _skipped_pull(Reference.parse(ref), pushed, early) == ("ex.08_1.run_before_pull", {})
    assert _skipped_pull(Reference.parse(ref), pushed, Made(time.time() + 1)) is None
    docker.remove(ref)
