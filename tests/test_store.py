"""The local store: layout, blobs, tags, resolution, removal, gc, locking, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest_store import busybox_image

from dockerlab.errors import DigestMismatch, DockerlabError, ImageNotFound, InvalidImage
from dockerlab.model import Digest, Image, mediatypes as mt, validate
from dockerlab.store import Store, default_root


def test_layout_files_and_default_root(tmp_path, monkeypatch):
    store = Store(tmp_path / "s")
    assert json.loads((store.layout / "oci-layout").read_text()) == {"imageLayoutVersion": "1.0.0"}
    index = json.loads((store.layout / "index.json").read_text())
    assert index["schemaVersion"] == 2 and index["manifests"] == []
    monkeypatch.setenv("DOCKERLAB_HOME", str(tmp_path / "home"))
    assert default_root() == tmp_path / "home"
    monkeypatch.delenv("DOCKERLAB_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_root() == tmp_path / "xdg" / "dockerlab"


def test_blobs_are_verified_on_write_and_read(store):
    d = store.write_blob(b"hello")
    assert d.digest == Digest.of(b"hello") and store.blob_path(d.digest).read_bytes() == b"hello"
    assert store.write_blob(b"hello") == d  # the same blob twice is safe
    with pytest.raises(DigestMismatch) as exc:
        store.write_blob(b"other", expected=d.digest)
    assert d.digest in str(exc.value)
    assert not store.has_blob(Digest.of(b"other")) and list(store.tmp.iterdir()) == []
    store.blob_path(d.digest).write_bytes(b"HELLO")  # corruption on disk
    with pytest.raises(DigestMismatch) as exc:
        store.read_blob(d.digest)
    assert d.digest in str(exc.value) and str(store.blob_path(d.digest)) in str(exc.value)


def test_stream_write_and_failed_writer_leaves_nothing(store, tmp_path):
    src = tmp_path / "big"
    src.write_bytes(os.urandom(3 << 20))
    with open(src, "rb") as f:
        d = store.write_blob(f)
    assert d.size == 3 << 20 and store.read_blob(d.digest) == src.read_bytes()
    with pytest.raises(RuntimeError):
        with store.blob_writer() as w:
            w.write(b"partial")
            raise RuntimeError("boom")
    assert list(store.tmp.iterdir()) == [] and not store.has_blob(Digest.of(b"partial"))


def test_tag_resolve_and_images(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    assert repr(image) == f"<Image halo:1.0 sha256:{image.id.short} layers=2>"
    assert validate(image) == []
    for name in ["halo:1.0", "docker.io/library/halo:1.0", image.id, image.id.short, image.digest,
                 f"halo@{image.digest}"]:
        assert store.resolve(name).digest == image.digest, name
    store.tag("localhost:5000/halo:latest", "halo:1.0")
    assert [r.familiar for r, _ in store.tags()] == ["halo:1.0", "localhost:5000/halo:latest"]
    entries = json.loads((store.layout / "index.json").read_text())["manifests"]
    assert sorted(e["annotations"]["org.opencontainers.image.ref.name"] for e in entries) == [
        "halo:1.0", "localhost:5000/halo:latest"]
    assert sorted(e["annotations"]["io.containerd.image.name"] for e in entries) == [
        "docker.io/library/halo:1.0", "localhost:5000/halo:latest"]
    assert {i.digest for i in store.images()} == {image.digest}
    with pytest.raises(ImageNotFound) as exc:
        store.resolve("tidakada:1")
    assert "tidakada:1" in str(exc.value)


def test_retag_leaves_old_image_dangling(store, tmp_path):
    old = busybox_image(store, "halo:1.0", tmp=tmp_path / "a", message="satu")
    new = busybox_image(store, "halo:1.0", tmp=tmp_path / "b", message="dua")
    assert old.digest != new.digest
    views = {v.digest: v for v in store.images()}
    assert views[new.digest].ref.familiar == "halo:1.0" and views[old.digest].ref is None
    assert store.resolve("halo:1.0").digest == new.digest
    store.untag("halo:1.0")
    assert store.tags() == [] and len(store.images()) == 2


def test_remove_keeps_shared_blobs(store, tmp_path):
    a = busybox_image(store, "a:1", tmp=tmp_path / "a", message="a")
    b = busybox_image(store, "b:1", tmp=tmp_path / "b", message="b")
    shared = a.layers[0].digest
    assert shared == b.layers[0].digest
    store.tag("a:2", a)
    with pytest.raises(DockerlabError) as exc:
        store.remove(a.id)
    assert "a:1" in str(exc.value) and "a:2" in str(exc.value)
    assert store.remove("a:2") == ["Untagged: a:2"]
    assert store.remove("a:1") == ["Untagged: a:1", f"Deleted: {a.id}"]
    assert store.has_blob(shared) and not store.has_blob(a.layers[1].digest) and not store.has_blob(a.id)
    assert validate(store.resolve("b:1")) == []
    store.remove("b:1")
    assert store.gc() == [] and list((store.layout / "blobs" / "sha256").iterdir()) == []


def test_gc_keeps_referenced_and_cache_blobs(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    loose = store.write_blob(b"loose").digest
    cached = store.write_blob(b"cached").digest
    store.cache_put("build", "RUN echo hi", {"blobs": [cached], "diff_id": cached})
    assert store.cache_get("build", "RUN echo hi")["diff_id"] == cached
    assert store.cache_get("build", "other") is None
    assert store.gc() == [loose]
    assert store.has_blob(cached) and validate(image) == []
    assert store.cache_delete("build", "RUN echo hi") and not store.cache_delete("build", "RUN echo hi")
    assert store.gc() == [cached]


def test_verify_names_what_is_corrupt(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    store.blob_path(image.layers[1].digest).write_bytes(b"rusak")
    os.unlink(store.blob_path(image.layers[0].digest))
    problems = store.verify("halo:1.0")
    assert sorted(p.kind for p in problems) == ["digest_mismatch", "missing_blob"]
    assert {p.digest for p in problems} == {image.layers[0].digest, image.layers[1].digest}
    store.blob_path(image.digest).write_bytes(b"{}")
    (problem,) = store.verify("halo:1.0")
    assert image.digest in problem.message


def test_bad_index_json_is_reported_and_left_alone(store):
    path = store.layout / "index.json"
    path.write_text("{not json")
    with pytest.raises(InvalidImage) as exc:
        store.tag("halo:1.0", Digest.of(b"x"))
    assert str(path) in str(exc.value)
    assert path.read_text() == "{not json"


def test_put_image_needs_its_layers(store):
    from dockerlab.errors import BlobNotFound
    from dockerlab.model import Descriptor
    missing = Descriptor(mt.OCI_LAYER, Digest.of(b"nope"), 4)
    with pytest.raises(BlobNotFound) as exc:
        store.put_image(b"{}", [missing])
    assert missing.digest in str(exc.value)


_TAGGER = """
import sys
from dockerlab.store import Store
store = Store(sys.argv[1])
for i in range(int(sys.argv[3])):
    store.tag(f"{sys.argv[2]}:{i}", sys.argv[4])
"""


def test_two_processes_tagging_concurrently_lose_nothing(store, tmp_path):
    image = busybox_image(store, None, tmp=tmp_path)
    n = 40
    procs = [subprocess.Popen([sys.executable, "-c", _TAGGER, str(store.root), name, str(n), image.digest])
             for name in ("kiri", "kanan")]
    for p in procs:
        assert p.wait(timeout=120) == 0
    names = {r.familiar for r, _ in store.tags()}
    assert names == {f"{side}:{i}" for side in ("kiri", "kanan") for i in range(n)}
    assert all(isinstance(v, Image) and v.digest == image.digest for v in store.images())


def test_a_corrupt_image_can_still_be_removed(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    store.blob_path(image.digest).write_bytes(b"rusak")
    with pytest.raises(DigestMismatch):
        store.resolve("halo:1.0")
    assert store.remove("halo:1.0") == ["Untagged: halo:1.0", f"Deleted: {image.digest}"]
    assert store.tags() == [] and not store.has_blob(image.digest)
    # what the unreadable manifest named cannot be known; a full gc collects it
    assert set(store.gc()) == {image.id, *(layer.digest for layer in image.layers)}


def test_a_layer_digest_is_not_an_image(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    with pytest.raises(InvalidImage) as exc:
        store.resolve(image.layers[0].digest)
    assert image.layers[0].digest in str(exc.value)


def test_unpacking_a_corrupt_layer_fails(store, tmp_path):
    from dockerlab.tarutil import unpack_layers
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    path = store.blob_path(image.layers[1].digest)
    data = bytearray(path.read_bytes())
    data[600] ^= 1  # inside the first file's content: still a readable tar
    path.write_bytes(bytes(data))
    with pytest.raises(DigestMismatch) as exc:
        unpack_layers(image.layers, tmp_path / "rootfs")
    assert image.layers[1].digest in str(exc.value)


def test_remove_leaves_blobs_of_images_not_yet_tagged(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    in_flight = store.write_blob(b"a layer another process is still building").digest
    store.remove("halo:1.0")
    assert store.has_blob(in_flight) and not store.has_blob(image.id)
    assert store.gc() == [in_flight]


def test_tag_refuses_digests_and_foreign_images(store, tmp_path):
    from dockerlab.errors import BlobNotFound, InvalidReference
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    with pytest.raises(InvalidReference) as exc:
        store.tag(f"halo@{image.digest}", image)
    assert "@sha256" in str(exc.value)
    elsewhere = Store(tmp_path / "elsewhere")
    with pytest.raises(BlobNotFound):
        elsewhere.tag("halo:1.0", image)
    assert elsewhere.tags() == []


def test_blobs_and_index_are_world_readable(store):
    d = store.write_blob(b"readable").digest
    assert store.blob_path(d).stat().st_mode & 0o777 == 0o644
    assert (store.layout / "index.json").stat().st_mode & 0o777 == 0o644


def test_gc_clears_old_leftover_files_and_folders_in_tmp(store):
    import os
    import time

    old = time.time() - 7200
    folder = store.tmp / "load-abc"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "f").write_bytes(b"x")
    os.chmod(folder / "sub", 0o555)
    stale = store.tmp / "blob-stale"
    stale.write_bytes(b"y")
    fresh = store.tmp / "transfer-new"
    fresh.mkdir()
    for path in (folder, stale):
        os.utime(path, (old, old))
    store.gc()
    assert sorted(p.name for p in store.tmp.iterdir()) == ["transfer-new"]
