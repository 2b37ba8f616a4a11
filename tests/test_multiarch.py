"""Multi-platform images: one Dockerfile, two platforms, one index — built, pushed, pulled and run."""

from __future__ import annotations

from dockerlab.textutil import whole

import hashlib
import json
import shutil
import subprocess
import tarfile

import pytest

from dockerlab.baseimage import ARM64_BUSYBOX, BUSYBOX
from dockerlab.errors import InvalidImage, PlatformMismatch
from dockerlab.model import ImageIndex, Platform, mediatypes as mt, validate
from dockerlab.platforms import assemble_index, build_platforms, explain_platform, platform_args
from dockerlab.registry import inspect_remote, pull, push
from dockerlab.store import Store
from components import missing, need_tool
from registry_helpers import random_image, unique_repo

DOCKERFILE = """\
FROM scratch
ARG TARGETARCH
COPY busybox-${TARGETARCH} /bin/busybox
CMD ["/bin/busybox", "echo", "halo"]
"""


@pytest.fixture
def context(tmp_path, need_tool):
    need_tool("busybox")
    if not __import__("os").path.exists(ARM64_BUSYBOX):
        from components import missing

        missing(f"the arm64 busybox at {ARM64_BUSYBOX}", "bash scripts/system-deps.sh test")
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    shutil.copy(BUSYBOX, ctx / "busybox-amd64")
    shutil.copy(ARM64_BUSYBOX, ctx / "busybox-arm64")
    (ctx / "Dockerfile").write_text(DOCKERFILE)
    return ctx


def busybox_in(image) -> bytes:
    with image.layers[-1].open() as stream, tarfile.open(fileobj=stream, mode="r|") as tar:
        for member in tar:
            if member.name.lstrip("./") == "bin/busybox":
                return tar.extractfile(member).read()
    raise AssertionError("no /bin/busybox in the last layer")


def sha(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def test_platform_args_are_buildkits():
    args = platform_args("linux/arm64/v8", Platform("linux", "amd64"))
    assert args["TARGETARCH"] == "arm64" and args["TARGETVARIANT"] == "v8"
    assert args["TARGETPLATFORM"] == "linux/arm64/v8" and args["BUILDPLATFORM"] == "linux/amd64"


def test_build_two_platforms_into_one_index(store, context):
    index = build_platforms(store, context, "multi:1", progress=False)
    assert isinstance(index, ImageIndex) and index.index.media_type == mt.OCI_INDEX
    assert [str(p) for p in index.platforms] == ["linux/amd64", "linux/arm64"]
    images = index.images()
    assert [hashlib.sha256(busybox_in(i)).hexdigest() for i in images] == [sha(BUSYBOX), sha(ARM64_BUSYBOX)]
    assert [i.config.architecture for i in images] == ["amd64", "arm64"]
    assert all(validate(i) == [] for i in images)
    assert store.resolve("multi:1").digest == index.digest
    assert index.image_for("linux/arm64").id == images[1].id
    assert index.image_for(None).id == images[0].id  # this machine: amd64
    # Reproducible: the same inputs give the same index digest.
    again = build_platforms(store, context, "multi:2", progress=False, no_cache=True)
    assert again.digest == index.digest


def test_assemble_index_refuses_two_images_for_one_platform(store):
    a = random_image(store, None, seed=31)
    b = random_image(store, None, seed=32)
    with pytest.raises(InvalidImage) as info:
        assemble_index(store, [a, b])
    assert "linux/amd64" in str(info.value)


def test_wrong_platform_fails_with_exec_format_error_and_says_why(store, context, monkeypatch):
    from dockerlab.container import run

    index = build_platforms(store, context, "multi:run", progress=False)
    arm = index.image_for("linux/arm64")
    assert "exec format error" in explain_platform(arm) and "arm64" in explain_platform(arm)
    assert "cocok" in explain_platform(index.image_for(None))
    try:
        from dockerlab.executor import require

        require()
    except Exception as exc:  # noqa: BLE001
        missing(f"a way to run a process in an image ({exc})", "apt-get install proot")
    native = run(store, index.image_for(None), remove=True)
    assert native.exit_code == 0
    # Without an emulator in reach (no proot on PATH), the CPU refuses — unless the kernel itself
    # emulates arm64 through a binfmt_misc handler, in which case the program just runs.
    from dockerlab.executor.elf import binfmt_handler

    with monkeypatch.context() as m:
        m.setenv("PATH", "/nonexistent")
        if binfmt_handler("arm64"):
            lines: list[str] = []
            assert run(store, arm, remove=True, output=lines.append).exit_code == 0
            assert "".join(lines) == "halo\n"
        else:
            with pytest.raises(PlatformMismatch) as info:
                run(store, arm, remove=True)
            assert "exec format error" in str(info.value) and "arm64" in str(info.value)
    # With proot + qemu-user-static the executor emulates the foreign CPU (slowly).
    need_tool("proot")
    need_tool("qemu-aarch64-static")
    lines = []
    emulated = run(store, arm, remove=True, output=lines.append)
    assert emulated.exit_code == 0 and "".join(lines) == "halo\n"


@pytest.mark.registry
def test_push_and_pull_the_index(store, context, registry_url, need_tool, tmp_path):
    skopeo = need_tool("skopeo")
    index = build_platforms(store, context, None, progress=False)
    ref = f"{registry_url}/{unique_repo('multi')}:1"
    result = push(index, ref, progress=False)
    assert len(result.images) == 2 and result.local_digest == index.digest

    raw = json.loads(subprocess.run([skopeo, "inspect", "--raw", "--tls-verify=false", f"docker://{ref}"],
                                    check=True, capture_output=True, text=True).stdout)
    assert raw["mediaType"] == mt.OCI_INDEX
    assert [m["digest"] for m in raw["manifests"]] == [r.digest for r in result.images]
    arm_info = json.loads(subprocess.run(
        [skopeo, "inspect", "--override-arch", "arm64", "--tls-verify=false", f"docker://{ref}"],
        check=True, capture_output=True, text=True).stdout)
    assert arm_info["Digest"] == result.digest and arm_info["Architecture"] == "arm64"
    assert arm_info["Layers"] == [b.remote_digest for b in result.images[1].layers]

    remote = inspect_remote(ref)
    assert isinstance(remote, ImageIndex) and remote.digest == result.digest
    assert inspect_remote(ref, platform="linux/arm64").id == index.image_for("linux/arm64").id

    mine = Store(tmp_path / "host")
    host = pull(ref, store=mine, progress=False)
    assert host.id == index.image_for(None).id and host.platform.architecture == "amd64"
    arm = pull(ref, store=Store(tmp_path / "arm"), platform="linux/arm64", progress=False)
    assert arm.id == index.image_for("linux/arm64").id and arm.digest == result.images[1].digest
    everything = pull(ref, store=Store(tmp_path / "all"), all_platforms=True, progress=False)
    assert isinstance(everything, ImageIndex) and everything.digest == result.digest
    assert [i.id for i in everything.images()] == [i.id for i in index.images()]
    with pytest.raises(PlatformMismatch):
        pull(ref, store=mine, platform="linux/s390x", progress=False)


@pytest.mark.registry
@pytest.mark.docker
def test_docker_runs_its_platform_and_refuses_the_other(store, context, registry_url, docker_client):
    import docker

    index = build_platforms(store, context, None, progress=False)
    repo = f"{registry_url}/{unique_repo('multi')}"
    push(index, f"{repo}:1", progress=False)
    assert docker_client.containers.run(f"{repo}:1", network_mode="none", remove=True) == b"halo\n"
    arm = docker_client.images.pull(repo, tag="1", platform="linux/arm64")
    assert arm.id == index.image_for("linux/arm64").id
    with pytest.raises((docker.errors.ContainerError, docker.errors.APIError)) as info:
        docker_client.containers.run(arm.id, network_mode="none", remove=True)
    assert "exec format error" in str(info.value)


@pytest.mark.registry
def test_cli_manifest_inspect_lists_platforms_with_sizes(store, context, registry_url, capsys):
    from dockerlab.cli import main

    index = build_platforms(store, context, None, progress=False)
    ref = f"{registry_url}/{unique_repo('multi')}:cli"
    result = push(index, ref, progress=False)
    assert main(["manifest", "inspect", ref]) == 0
    out = capsys.readouterr().out
    assert result.digest in out and "linux/arm64" in out
    for pushed in result.images:
        assert f"{pushed.digest}, ukuran unduhan {whole(sum(b.size for b in pushed.layers))} byte" in out


@pytest.mark.registry
def test_engine_push_of_a_multi_platform_tag_sends_the_whole_index(store, context, registry_url):
    from dockerlab.engines.local import LocalEngine

    index = build_platforms(store, context, "multi:engine", progress=False)
    ref = f"{registry_url}/{unique_repo('multi')}:engine"
    engine = LocalEngine(store)
    engine.tag("multi:engine", ref)
    result = engine.push(ref, progress=False)
    assert result.local_digest == index.digest and len(result.images) == 2
    assert isinstance(inspect_remote(ref), ImageIndex)


def test_docker_hub_names_use_its_api_host():
    from dockerlab.reference import api_host
    from dockerlab.registry.client import RegistryClient

    assert api_host("docker.io") == api_host("index.docker.io") != "docker.io"
    assert api_host("127.0.0.1:5000") == "127.0.0.1:5000"
    assert RegistryClient("docker.io").base.startswith("https://")
    assert RegistryClient("localhost:5000").base == "http://localhost:5000"


def test_run_of_a_multi_platform_tag_picks_this_machines_image(store, context):
    from dockerlab.container.local import run

    index = build_platforms(store, context, "multi:run", progress=False)
    container = run(store, "multi:run", remove=True)
    assert container.exit_code == 0 and container.logs() == "halo\n"
    assert container.image_id == index.image_for(None).id
