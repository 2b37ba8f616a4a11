"""The course's busybox base image: contents, platform, reproducibility, independent readers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from dockerlab import baseimage
from dockerlab.errors import PlatformMismatch, ToolMissing
from dockerlab.executor import detect, elf
from dockerlab.model import EPOCH, validate
from dockerlab.reference import Reference
from dockerlab.store import Store
from dockerlab.tarutil import list_layer, unpack_layers
from components import missing


@pytest.fixture(scope="module")
def busybox():
    if not os.path.exists(baseimage.BUSYBOX):
        missing("busybox-static (/usr/bin/busybox)", "apt-get install busybox-static")
    return baseimage.BUSYBOX


def entries(image):
    with image.layers[0].open() as f:
        return {e.path: e for e in list_layer(f)}


def test_one_layer_with_busybox_applets_and_accounts(store, busybox):
    image = baseimage.ensure_base_image(store, busybox)
    assert len(image.layers) == 1
    found = entries(image)
    assert found["bin/busybox"].mode == 0o755 and found["bin/busybox"].size == os.path.getsize(busybox)
    for name in ("sh", "ls", "echo", "cat"):
        assert found[f"bin/{name}"].type == "symlink" and found[f"bin/{name}"].linkname == "busybox"
    assert found["tmp"].mode == 0o1777 and found["root"].mode == 0o700 and found["home"].type == "dir"
    assert {e.mtime for e in found.values()} == {EPOCH} and {(e.uid, e.gid) for e in found.values()} == {(0, 0)}
    listed = subprocess.run([busybox, "--list"], capture_output=True, text=True, check=True).stdout.split()
    assert {p[4:] for p in found if p.startswith("bin/")} == set(listed)


def test_config_names_platform_and_defaults(store, busybox):
    image = baseimage.ensure_base_image(store, busybox)
    config = image.config
    assert (config.os, config.architecture) == ("linux", elf.host_architecture())
    assert config.config.cmd == ("sh",)
    assert config.config.env == ("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",)
    assert config.created == "2024-01-01T00:00:00Z"
    assert validate(image) == []


def test_tags_are_not_docker_hub_names(store, busybox):
    image = baseimage.ensure_base_image(store, busybox)
    version = baseimage.busybox_version(open(busybox, "rb").read())
    names = {ref.familiar for ref, _ in store.tags()}
    assert names == {f"dockerlab.local/busybox:{version}", "dockerlab.local/busybox:latest"}
    assert all(ref.domain == "dockerlab.local" for ref, _ in store.tags())
    assert Reference.parse("dockerlab.local/busybox").domain != "docker.io"
    assert store.resolve("dockerlab.local/busybox:latest").digest == image.digest


def test_idempotent_and_reproducible_everywhere(tmp_path, busybox, monkeypatch):
    first = baseimage.ensure_base_image(Store(tmp_path / "a"), busybox)
    again = baseimage.ensure_base_image(Store(tmp_path / "a"), busybox)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")  # the base image ignores it on purpose
    elsewhere = baseimage.build_base_image(Store(tmp_path / "b"), busybox)
    assert first.digest == again.digest == elsewhere.digest
    assert first.id == elsewhere.id and first.layers[0].digest == elsewhere.layers[0].digest
    blobs = sorted(p.name for p in (tmp_path / "a" / "oci" / "blobs" / "sha256").iterdir())
    assert blobs == sorted(p.name for p in (tmp_path / "b" / "oci" / "blobs" / "sha256").iterdir())


def test_runs_sh_inside(store, busybox, tmp_path):
    executor = detect()
    if executor is None:
        missing("an executor (root or proot)", "apt-get install proot")
    image = baseimage.ensure_base_image(store, busybox)
    unpack_layers(image.layers, tmp_path / "rootfs")
    out: list[str] = []
    code = executor.run(tmp_path / "rootfs", ["sh", "-c", "id -un; ls -ld /tmp | cut -c1-10"],
                        env=image.config.config.env, output=out.append, timeout=60)
    assert code == 0 and "".join(out).split() == ["root", "drwxrwxrwt"]


def test_skopeo_reads_it(store, busybox, need_tool):
    skopeo = need_tool("skopeo")
    image = baseimage.ensure_base_image(store, busybox)
    done = subprocess.run([skopeo, "inspect", f"oci:{store.layout}:dockerlab.local/busybox:latest"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["Digest"] == image.digest and data["Architecture"] == elf.host_architecture()
    assert data["Layers"] == [image.layers[0].digest]


def test_arm64_binary_gives_an_arm64_image(store, busybox, tmp_path):
    fake = tmp_path / "busybox-arm64"
    data = bytearray(open(busybox, "rb").read())
    data[18:20] = (183).to_bytes(2, "little")  # e_machine = aarch64: what the header says counts
    fake.write_bytes(bytes(data))
    image = baseimage.ensure_base_image(store, str(fake), platform="linux/arm64")
    assert (image.config.architecture, image.config.variant) == ("arm64", "v8")
    names = {ref.familiar for ref, _ in store.tags()}
    assert all(n.endswith("-arm64") for n in names) and len(names) == 1
    assert "bin/sh" in entries(image)  # applets read from the binary, not by running it
    with pytest.raises(PlatformMismatch, match="arm64"):
        baseimage.build_base_image(store, str(fake), platform="linux/amd64")


def test_missing_busybox_says_what_to_install(store, tmp_path):
    with pytest.raises(ToolMissing) as info:
        baseimage.ensure_base_image(store, str(tmp_path / "tidak-ada"))
    assert "apt-get install busybox-static" in str(info.value) and "Pasang" in str(info.value)


def test_dynamic_busybox_is_refused(store):
    dynamic = shutil.which("ls")
    with pytest.raises(ToolMissing, match="busybox-static"):
        baseimage.ensure_base_image(store, dynamic)


@pytest.fixture
def arm64_busybox():
    if not os.path.exists(baseimage.ARM64_BUSYBOX):
        missing("busybox-static:arm64 unpacked at " + baseimage.ARM64_BUSYBOX, "sudo make arm64-busybox")
    return baseimage.ARM64_BUSYBOX


def test_real_arm64_busybox(store, busybox, arm64_busybox, need_tool):
    qemu = need_tool("qemu-aarch64-static")
    arm = baseimage.ensure_base_image(store, arm64_busybox, platform="linux/arm64")
    amd = baseimage.ensure_base_image(store, busybox)
    assert (arm.config.architecture, arm.config.variant) == ("arm64", "v8")
    assert arm.digest != amd.digest and str(arm.platform).startswith("linux/arm64")
    listed = subprocess.run([qemu, arm64_busybox, "--list"], capture_output=True, text=True, check=True)
    assert {p[4:] for p in entries(arm) if p.startswith("bin/")} == set(listed.stdout.split())
    assert store.resolve("dockerlab.local/busybox:latest").digest == amd.digest  # latest runs here


def test_a_local_build_from_the_base_image_builds_it_in_a_fresh_store(store, tmp_path):
    from build_helpers import build, make_context

    assert not [ref for ref, _ in store.tags()]
    ctx = make_context(tmp_path / "c", {"a.txt": "a\n"}, "FROM dockerlab.local/busybox\nCOPY a.txt /a.txt\n")
    result = build(store, ctx)
    base = store.resolve("dockerlab.local/busybox:latest")
    assert result.image.layers[0].digest == base.layers[0].digest
    assert len(result.image.layers) == 2


def test_resolve_or_build_leaves_other_missing_names_missing(store):
    from dockerlab.errors import ImageNotFound

    with pytest.raises(ImageNotFound):
        baseimage.resolve_or_build(store, "dockerlab.local/lain:1")
    assert not [ref for ref, _ in store.tags()]
