"""Independent proofs: skopeo, umoci and the real Docker Engine read what we write, and we read theirs."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import tarfile
from pathlib import Path

import pytest

from conftest_store import busybox_image

from dockerlab.archive import load, save
from dockerlab.model import Digest, validate
from dockerlab.store import Store
from dockerlab.tarutil import unpack_layers


def tree(root: Path) -> dict[str, tuple]:
    """Type, permission bits, content hash / link target and mtime of everything under root."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = os.lstat(p)
            if stat.S_ISLNK(st.st_mode):
                out[str(p.relative_to(root))] = ("link", os.readlink(p), int(st.st_mtime))
            elif stat.S_ISDIR(st.st_mode):
                out[str(p.relative_to(root))] = ("dir", stat.S_IMODE(st.st_mode))
            else:
                digest = hashlib.sha256(p.read_bytes()).hexdigest()
                out[str(p.relative_to(root))] = ("file", stat.S_IMODE(st.st_mode), digest, int(st.st_mtime))
    return out


def test_skopeo_reports_our_digests(store, tmp_path, need_tool):
    skopeo = need_tool("skopeo")
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    store.tag("localhost:5000/tim/halo:2", image)
    for ref in ("halo:1.0", "localhost:5000/tim/halo:2"):  # as `docker images` shows them
        target = f"oci:{store.layout}:{ref}"
        info = json.loads(subprocess.run([skopeo, "inspect", target], check=True, capture_output=True).stdout)
        assert info["Digest"] == image.digest
        assert info["Layers"] == [layer.digest for layer in image.layers]
        assert info["Env"] == ["PATH=/bin"] and info["Architecture"] == image.platform.architecture
        raw = subprocess.run([skopeo, "inspect", "--raw", target], check=True, capture_output=True).stdout
        assert Digest.of(raw) == image.digest
        config = subprocess.run([skopeo, "inspect", "--config", "--raw", target], check=True, capture_output=True).stdout
        assert Digest.of(config) == image.id


def test_skopeo_copy_back_into_a_layout_keeps_digests(store, tmp_path, need_tool):
    skopeo = need_tool("skopeo")
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    out = tmp_path / "copy"
    subprocess.run([skopeo, "copy", "--preserve-digests", f"oci:{store.layout}:halo:1.0",
                    f"oci:{out}:halo"], check=True, capture_output=True)
    copied = json.loads((out / "index.json").read_text())["manifests"][0]
    assert copied["digest"] == image.digest


def test_umoci_unpacks_the_same_tree_as_we_do(store, tmp_path, need_tool):
    umoci = need_tool("umoci")
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    bundle = tmp_path / "bundle"
    subprocess.run([umoci, "unpack", "--rootless", "--image", f"{store.layout}:halo:1.0",
                    str(bundle)], check=True, capture_output=True)
    ours = tmp_path / "ours"
    unpack_layers(image.layers, ours)
    theirs = tree(bundle / "rootfs")
    assert theirs == tree(ours)
    assert "etc/old.conf" not in theirs and "app/pesan.txt" in theirs and theirs["bin/sh"][1] == "busybox"


@pytest.mark.docker
def test_docker_load_gives_the_same_image_id_and_runs(store, tmp_path, docker_client):
    image = busybox_image(store, "dockerlab-bukti:1.0", tmp=tmp_path, message="dibuat tanpa daemon")
    path = save(store, "dockerlab-bukti:1.0", tmp_path / "bukti.tar")
    loaded = docker_client.images.load(path.read_bytes())
    assert [i.id for i in loaded] == [image.id]
    engine_image = docker_client.images.get("dockerlab-bukti:1.0")
    assert engine_image.id == image.id
    assert engine_image.attrs["RootFS"]["Layers"] == [layer.diff_id for layer in image.layers]
    output = docker_client.containers.run("dockerlab-bukti:1.0", remove=True, network_mode="none")
    assert output.decode().strip() == "dibuat tanpa daemon"
    listing = docker_client.containers.run("dockerlab-bukti:1.0", ["ls", "/etc"], remove=True, network_mode="none")
    assert b"old.conf" not in listing  # the whiteout hides the lower layer's file


@pytest.mark.docker
def test_docker_save_loads_into_our_store_with_the_same_id(store, tmp_path, docker_client):
    image = busybox_image(store, "dockerlab-pulang:1.0", tmp=tmp_path)
    docker_client.images.load(save(store, "dockerlab-pulang:1.0", tmp_path / "out.tar").read_bytes())
    engine_image = docker_client.images.get("dockerlab-pulang:1.0")
    engine_image.tag("dockerlab-pulang", "2.0")
    back = tmp_path / "from-docker.tar"
    with open(back, "wb") as f:
        for chunk in docker_client.api.get_image("dockerlab-pulang:2.0"):  # `docker save dockerlab-pulang:2.0`
            f.write(chunk)
    other = Store(tmp_path / "other")
    loaded = load(other, back)
    with tarfile.open(back) as tar:  # which shape this Docker writes (20.10: legacy, 25+: OCI-style)
        names = set(tar.getnames())
    assert "manifest.json" in names
    assert [v.ref.familiar for v in loaded] == ["dockerlab-pulang:2.0"]
    again = other.resolve("dockerlab-pulang:2.0")
    assert again.id == image.id == engine_image.id
    assert [layer.diff_id for layer in again.layers] == [layer.diff_id for layer in image.layers]
    assert validate(again) == []
    ours, theirs = tmp_path / "a", tmp_path / "b"
    unpack_layers(image.layers, ours)
    unpack_layers(again.layers, theirs)
    assert tree(ours) == tree(theirs)


@pytest.mark.parametrize("transport", ["oci-archive", "docker-archive"])
def test_archives_written_by_skopeo_load_with_the_same_ids(store, tmp_path, need_tool, transport):
    skopeo = need_tool("skopeo")
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    out = tmp_path / f"{transport}.tar"
    dest = f"{transport}:{out}:" + ("docker.io/library/halo:1.0" if transport == "docker-archive" else "halo")
    keep = ["--preserve-digests"] if transport == "oci-archive" else []
    subprocess.run([skopeo, "copy", *keep, f"oci:{store.layout}:halo:1.0", dest],
                   check=True, capture_output=True)
    other = Store(tmp_path / "other")
    loaded = load(other, out)
    assert len(loaded) == 1 and loaded[0].id == image.id
    if transport == "oci-archive":
        assert loaded[0].digest == image.digest  # the OCI layout keeps the manifest bytes
    else:
        assert loaded[0].ref.familiar == "halo:1.0"
    assert validate(loaded[0]) == []


@pytest.mark.docker
def test_images_docker_built_read_and_unpack_like_docker_export(tmp_path, docker_client):
    """Docker's own layers (its tar conventions, its whiteouts) through our load and unpack."""
    import io
    import shutil as _shutil

    ctx = tmp_path / "ctx"
    (ctx / "rootfs" / "bin").mkdir(parents=True)
    (ctx / "rootfs" / "etc" / "conf.d").mkdir(parents=True)
    _shutil.copy2("/usr/bin/busybox", ctx / "rootfs" / "bin" / "busybox")
    os.symlink("busybox", ctx / "rootfs" / "bin" / "sh")
    (ctx / "rootfs" / "etc" / "old.conf").write_text("lama\n")
    (ctx / "rootfs" / "etc" / "conf.d" / "a").write_text("a\n")
    (ctx / "Dockerfile").write_text(
        "FROM scratch\nCOPY rootfs/ /\n"
        'RUN ["/bin/busybox", "rm", "/etc/old.conf"]\n'
        'RUN ["/bin/busybox", "sh", "-c", "rm -r /etc/conf.d && mkdir /etc/conf.d && echo b > /etc/conf.d/b"]\n'
        'CMD ["/bin/sh"]\n')
    engine_image, _ = docker_client.images.build(path=str(ctx), tag="dockerlab-dibangun:1", network_mode="none", rm=True)
    back = tmp_path / "built.tar"
    with open(back, "wb") as f:
        for chunk in docker_client.api.get_image("dockerlab-dibangun:1"):
            f.write(chunk)
    store = Store(tmp_path / "store")
    (image,) = load(store, back)
    assert image.id == engine_image.id and validate(image) == []
    ours = tmp_path / "ours"
    unpack_layers(image.layers, ours)
    container = docker_client.containers.create("dockerlab-dibangun:1", network_mode="none")
    try:
        exported = io.BytesIO(b"".join(container.export()))
    finally:
        container.remove()
    theirs = tmp_path / "theirs"
    with tarfile.open(fileobj=exported) as tar:
        tar.extractall(theirs, filter="fully_trusted")
    runtime = {".dockerenv", "dev", "proc", "sys", "etc/hostname", "etc/hosts", "etc/resolv.conf", "etc/mtab"}

    def keep(tree_: dict) -> dict:
        return {k: v[:3] if v[0] == "file" else v[:2]  # mtimes differ (Docker's COPY keeps the context's)
                for k, v in tree_.items() if k not in runtime and k.split("/")[0] not in {"dev", "proc", "sys"}}

    assert keep(tree(ours)) == keep(tree(theirs))
    assert "etc/old.conf" not in tree(ours) and "etc/conf.d/a" not in tree(ours) and "etc/conf.d/b" in tree(ours)
    from dockerlab.tarutil import list_layer
    entries = [e for layer in image.layers for e in list_layer(layer.open())]
    assert any(e.whiteout and e.target == "etc/old.conf" for e in entries)
    if docker_client.info()["Driver"] == "overlay2":  # overlay2 records a re-made directory as opaque
        assert any(e.opaque and e.target == "etc/conf.d" for e in entries)


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_the_engine_export_reader_takes_an_oci_archive_from_skopeo(store, tmp_path, need_tool, compress):
    """The Docker Engine's export reader is the package's one archive reader, so an OCI archive
    (what other engines' APIs give, layers named by digest, maybe gzip) reads too: the config and
    the diff_ids come out, each layer kept uncompressed under its diff_id."""
    from dockerlab.engines.docker_medium import blob_cache, read_export

    skopeo = need_tool("skopeo")
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    archive = tmp_path / "halo.oci.tar"
    options = ["--dest-compress", "--dest-compress-format", "gzip"] if compress else []
    subprocess.run([skopeo, "copy", *options, f"oci:{store.layout}:halo:1.0", f"oci-archive:{archive}:halo"],
                   check=True, capture_output=True)
    cache = blob_cache(tmp_path / "cache")
    with open(archive, "rb") as stream:
        [entry] = read_export(stream, cache, "halo")
    assert entry["config"] == image.id
    assert entry["layers"] == list(image.config.rootfs.diff_ids)
    for layer in image.layers:
        with cache.open_blob(layer.diff_id) as got, layer.open() as want:
            assert got.read() == want.read()
