"""Archives: save → load round trips, Docker 20.10 legacy tars, gzip, bad input."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest

from conftest_store import busybox_image

from dockerlab.archive import load, save
from dockerlab.errors import DigestMismatch, InvalidImage
from dockerlab.model import Digest, Image, validate
from dockerlab.store import Store


def test_save_writes_docker_and_oci_shapes_deterministically(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    a = save(store, ["halo:1.0"], tmp_path / "a.tar")
    b = save(store, "halo:1.0", tmp_path / "b.tar")
    assert a.read_bytes() == b.read_bytes()
    with tarfile.open(a) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        repositories = json.load(tar.extractfile("repositories"))
        index = json.load(tar.extractfile("index.json"))
    assert manifest == [{"Config": f"blobs/sha256/{image.id.hex}", "RepoTags": ["halo:1.0"],
                         "Layers": [f"blobs/sha256/{layer.digest.hex}" for layer in image.layers]}]
    assert repositories == {"halo": {"1.0": image.layers[-1].digest.hex}}
    assert index["manifests"][0]["digest"] == image.digest
    assert {"oci-layout", f"blobs/sha256/{image.digest.hex}"} <= set(names)


def test_round_trip_keeps_digests_and_ids(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    store.tag("localhost:5000/halo:2", image)
    path = save(store, ["halo:1.0", "localhost:5000/halo:2"], tmp_path / "out.tar")
    other = Store(tmp_path / "other")
    loaded = load(other, path)
    assert {v.ref.familiar for v in loaded} == {"halo:1.0", "localhost:5000/halo:2"}
    again = other.resolve("halo:1.0")
    assert (again.digest, again.id) == (image.digest, image.id)
    assert [layer.diff_id for layer in again.layers] == [layer.diff_id for layer in image.layers]
    assert validate(again) == []


def test_gzip_compressed_archives_load(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    path = save(store, "halo:1.0", tmp_path / "out.tar")
    gz = tmp_path / "out.tar.gz"
    gz.write_bytes(gzip.compress(path.read_bytes()))
    other = Store(tmp_path / "other")
    (loaded,) = load(other, gz)
    assert loaded.digest == image.digest


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def _refused(store: Store, path: Path, members: dict[str, bytes]) -> InvalidImage:
    """The error ``load`` raises for a tar holding ``members``."""
    with tarfile.open(path, "w") as tar:
        for name, data in members.items():
            _add(tar, name, data)
    with pytest.raises(InvalidImage) as exc:
        load(store, path)
    return exc.value


def legacy_archive(image: Image, path: Path, *, gzip_layers: bool = False, corrupt: bool = False) -> Path:
    """A Docker 20.10-style ``docker save`` tar: <id>/layer.tar, <id>/json, <hex>.json."""
    ids, parent = [], None
    with tarfile.open(path, "w") as tar:
        for layer in image.layers:
            with layer.open() as f:
                data = f.read()
            if corrupt:
                data = data[:-1024] + b"\x01" + data[-1023:]
            if gzip_layers:
                data = gzip.compress(data, mtime=0)
            v1 = Digest.of(f"{parent} {layer.chain_id}".encode()).hex
            _add(tar, f"{v1}/VERSION", b"1.0")
            _add(tar, f"{v1}/json", json.dumps({"id": v1, "parent": parent}).encode())
            _add(tar, f"{v1}/layer.tar", data)
            ids.append(v1)
            parent = v1
        _add(tar, f"{image.id.hex}.json", image.config.raw)
        _add(tar, "manifest.json", json.dumps([{"Config": f"{image.id.hex}.json", "RepoTags": ["lama:20.10"],
                                                 "Layers": [f"{i}/layer.tar" for i in ids]}]).encode())
        _add(tar, "repositories", json.dumps({"lama": {"20.10": ids[-1]}}).encode())
    return path


@pytest.mark.parametrize("gzip_layers", [False, True])
def test_legacy_docker_archive_loads_with_same_image_id(store, tmp_path, gzip_layers):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    path = legacy_archive(image, tmp_path / "legacy.tar", gzip_layers=gzip_layers)
    other = Store(tmp_path / "other")
    (loaded,) = load(other, path)
    assert loaded.ref.familiar == "lama:20.10" and loaded.id == image.id
    assert [layer.diff_id for layer in loaded.layers] == [layer.diff_id for layer in image.layers]
    assert validate(loaded) == []


def test_corrupt_archives_leave_the_store_intact(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    other = Store(tmp_path / "other")
    index_before = (other.layout / "index.json").read_bytes()
    with pytest.raises(InvalidImage) as exc:
        load(other, legacy_archive(image, tmp_path / "bad.tar", corrupt=True))
    assert "bad.tar" in str(exc.value) and "layer.tar" in str(exc.value)
    # an OCI blob that does not match its digest
    good = save(store, "halo:1.0", tmp_path / "good.tar")
    work = tmp_path / "x"
    with tarfile.open(good) as tar:
        tar.extractall(work, filter="data")
    blob = work / "blobs" / "sha256" / image.layers[1].digest.hex
    blob.write_bytes(blob.read_bytes()[:-10] + b"0123456789")
    bad = tmp_path / "bad-oci.tar"
    with tarfile.open(bad, "w") as tar:
        for p in sorted(work.rglob("*")):
            tar.add(p, str(p.relative_to(work)), recursive=False)
    with pytest.raises(DigestMismatch) as exc:
        load(other, bad)
    assert image.layers[1].digest in str(exc.value)
    assert (other.layout / "index.json").read_bytes() == index_before and other.images() == []


def test_unsafe_and_unknown_archives(store, tmp_path):
    assert "evil.tar" in str(_refused(store, tmp_path / "evil.tar", {"../../escaped": b"x"}))
    assert not (tmp_path / "escaped").exists() and not (store.root.parent / "escaped").exists()
    assert "manifest.json" in str(_refused(store, tmp_path / "empty.tar", {"readme.txt": b"halo"}))
    assert "manifest.json" in str(_refused(store, tmp_path / "broken.tar", {"manifest.json": b"[{oops"}))
    notar = tmp_path / "notar.tar"
    notar.write_bytes(b"this is not a tar" * 100)
    with pytest.raises(InvalidImage):
        load(store, notar)
    assert store.images() == [] and list(store.tmp.iterdir()) == []


def test_multi_platform_index_round_trip(store, tmp_path):
    from dockerlab.model import Index, Platform
    host = busybox_image(store, None, tmp=tmp_path / "h", message="host")
    other = busybox_image(store, None, tmp=tmp_path / "o", message="lain")
    foreign = Platform("linux", "s390x") if Platform.host().architecture != "s390x" else Platform("linux", "amd64")
    index = Index.build([host.descriptor.with_platform(Platform.host()), other.descriptor.with_platform(foreign)])
    view = store.tag("multi:1", store.put_manifest(index.raw))
    path = save(store, "multi:1", tmp_path / "multi.tar")
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest[0]["Config"] == f"blobs/sha256/{host.id.hex}"
    fresh = Store(tmp_path / "fresh")
    loaded = load(fresh, path)
    assert [v.digest for v in loaded] == [view.digest]
    again = fresh.resolve("multi:1")
    assert {i.digest for i in again.images()} == {host.digest, other.digest}
    assert [v.digest for v in fresh.images()] == [view.digest]  # children are not listed on their own


def test_save_to_an_unwritable_path_names_it_and_leaves_no_tmp(store, tmp_path):
    from dockerlab.archive import ArchiveError
    from dockerlab.errors import DockerlabError

    busybox_image(store, "halo:1.0", tmp=tmp_path)
    with pytest.raises(ArchiveError) as info:
        save(store, "halo:1.0", "/proc/x.tar")
    assert isinstance(info.value, DockerlabError) and isinstance(info.value, OSError)
    assert "/proc/x.tar" in str(info.value) and "tidak bisa ditulis" in str(info.value)


def test_a_failed_save_removes_its_partial_file(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path / "src")
    blob = store.blob_path(image.layers[0].digest)
    data = bytearray(blob.read_bytes())
    data[-1] ^= 1
    blob.write_bytes(bytes(data))
    out = tmp_path / "out" / "halo.tar"
    with pytest.raises(DigestMismatch):
        save(store, "halo:1.0", out)
    assert list(out.parent.iterdir()) == []


def test_a_manifest_entry_without_config_is_explained_in_the_learners_language(store, tmp_path):
    import dockerlab

    path = tmp_path / "no-config.tar"
    error = _refused(store, path, {"manifest.json": json.dumps([{"RepoTags": ["halo:1.0"], "Layers": []}]).encode()})
    assert "kolom 'Config' tidak ada" in str(error) and f"{path}:manifest.json[0]" in str(error)
    dockerlab.set_language("en")
    assert "field 'Config' is missing" in str(error)
    path = tmp_path / "not-object.tar"
    error = _refused(store, path, {"manifest.json": b'["halo"]'})
    assert "is not a JSON object" in str(error) and f"{path}:manifest.json[0]" in str(error)
    assert store.images() == []


def test_write_takes_images_of_any_medium_as_their_source_holds_them(store, tmp_path):
    """transfer.write_archive (an image pulled or read elsewhere) and save share one writer: the
    gzip layer goes in as it is, the manifest from the view (its source need not hold it)."""
    from conftest_docker import gzip_image

    from dockerlab.engines import transfer
    from dockerlab.model import DirSource

    image, layer = gzip_image(tmp_path / "elsewhere", {"etc/motd": b"selamat datang\n"})
    assert not DirSource(tmp_path / "elsewhere").has_blob(image.digest)
    tags = ["halo:1.0", "halo:latest"]
    path = transfer.write_archive(image, tmp_path / "pulled.tar", tags)
    assert path.read_bytes() == transfer.write_archive(image, tmp_path / "again.tar", tags).read_bytes()
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        stored = tar.extractfile(f"blobs/sha256/{image.layers[0].digest.hex}").read()
    assert manifest == [{"Config": f"blobs/sha256/{image.id.hex}", "RepoTags": ["halo:1.0", "halo:latest"],
                         "Layers": [f"blobs/sha256/{image.layers[0].digest.hex}"]}]
    assert stored[:2] == b"\x1f\x8b" and gzip.decompress(stored) == layer
    loaded = load(store, path)
    assert {v.ref.familiar for v in loaded} == {"halo:1.0", "halo:latest"}
    again = store.resolve("halo:1.0")
    assert (again.digest, again.id) == (image.digest, image.id)  # the same manifest bytes, gzip layer kept
    assert validate(again) == []
    untagged = transfer.write_archive(image.with_ref(store.resolve("halo:1.0").ref), tmp_path / "untagged.tar")
    with tarfile.open(untagged) as tar:
        assert json.load(tar.extractfile("manifest.json"))[0]["RepoTags"] == []


READ_ONLY_ARCHIVE = """
import io, sys, tarfile
from pathlib import Path
from dockerlab.archive import load
from dockerlab.errors import InvalidImage
from dockerlab.store import Store

path = Path(sys.argv[1]) / "ro.tar"
with tarfile.open(path, "w") as tar:
    for name, kind, mode in (("ro", tarfile.DIRTYPE, 0o555), ("ro/f", tarfile.REGTYPE, 0o444),
                             ("ro/closed", tarfile.DIRTYPE, 0o000), ("ro/closed/f", tarfile.REGTYPE, 0o444),
                             ("wx", tarfile.DIRTYPE, 0o300), ("wx/f", tarfile.REGTYPE, 0o444)):
        info = tarfile.TarInfo(name)
        info.type, info.mode = kind, mode
        tar.addfile(info, io.BytesIO(b"") if kind == tarfile.REGTYPE else None)
store = Store(Path(sys.argv[1]) / "store")
try:
    load(store, path)
except InvalidImage:  # neither index.json nor manifest.json: the error must not be hidden by the cleanup
    print(sorted(p.name for p in store.tmp.iterdir()))
"""


def test_load_leaves_nothing_in_tmp_even_from_read_only_folders():
    """Unpacking keeps an archive's 0555, 000 and 0300 folders (Pythons without tarfile's data
    filter); as an ordinary user (Binder) only the shared ``remove_tree`` can remove them again
    (as root nothing stands in the way), and a failure there must not replace the real error."""
    import os
    import shutil
    import subprocess
    import tempfile

    from rootfs_helpers import ordinary_user, run_as_ordinary_user

    entry = ordinary_user()
    base = tempfile.mkdtemp(prefix="dockerlab-nonroot-load-")
    try:
        os.chmod(base, 0o755)
        subprocess.run(["chown", "-R", f"{entry.pw_uid}:{entry.pw_gid}", base], check=True)
        done = run_as_ordinary_user(READ_ONLY_ARCHIVE, base, home=base, with_dependencies=True)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "[]"
    finally:
        subprocess.run(["chmod", "-R", "u+rwx", base], check=False)
        shutil.rmtree(base)
