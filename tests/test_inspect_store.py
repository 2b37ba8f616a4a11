"""Inspection through the real store, and the fast tar reader checked against ``tarfile``."""

from __future__ import annotations

import gzip
import io
import os
import tarfile

import pytest

import dockerlab.inspection as di
from dockerlab.inspection.entries import _fast_entries, read_entries
from dockerlab.model import Descriptor, mediatypes as mt
from dockerlab.tarutil import list_layer

from conftest_store import BUSYBOX, busybox_image


def test_reference_strings_resolve_through_the_store(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    hist = di.history("halo:1.0", store=store)
    assert [r.instruction for r in hist] == ["COPY busybox /bin/", "ENV PATH=/bin", "COPY app /app"]
    assert [r.empty for r in hist] == [False, True, False]
    tree = di.tree("halo:1.0", store=store)
    assert tree["/bin/busybox"].size == BUSYBOX.stat().st_size
    assert tree["/bin/sh"].linkname == "busybox"
    assert "/etc/old.conf" not in tree and "/app/pesan.txt" in tree
    top = di.tree(image, layer=1)
    assert top["/etc/old.conf"].status == "deleted" and top["/etc/old.conf"].previous_size == 5
    assert di.efficiency(image).wasted_bytes == 5  # old.conf: 5 bytes, then a whiteout
    assert di.inspect("halo:1.0", store=store).to_dict()["config"]["config"]["WorkingDir"] == "/app"


@pytest.mark.parametrize("index", [0, 1])
def test_fast_reader_agrees_with_tarutil(store, tmp_path, index):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    layer = image.layers[index]
    ours = {e.path: e for e in di.layer_entries(layer)}
    with layer.open() as stream:
        theirs = list(list_layer(stream))
    assert len(ours) == len(theirs)
    for t in theirs:
        path = "/" + (t.target if (t.whiteout or t.opaque) else t.path)
        e = ours[path]
        assert e.whiteout == t.whiteout and e.opaque == t.opaque
        if not (t.whiteout or t.opaque):
            assert (e.kind, e.size if e.kind == "file" else 0, e.mode & 0o7777, e.linkname) == (
                t.type, t.size if t.type == "file" else 0, t.mode & 0o7777, t.linkname)


def _tar(fmt: int) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        long_dir = "d/" + "x" * 120
        for name, kind, data, link in [
            ("d", tarfile.DIRTYPE, b"", ""), (long_dir, tarfile.DIRTYPE, b"", ""),
            (long_dir + "/berkas-" + "é" * 80 + ".txt", tarfile.REGTYPE, b"isi" * 100, ""),
            ("d/link", tarfile.SYMTYPE, b"", "../" + "y" * 150),
            ("d/hard", tarfile.LNKTYPE, b"", "d/" + "x" * 120 + "/berkas-" + "é" * 80 + ".txt"),
            ("d/.wh.gone", tarfile.REGTYPE, b"", ""), ("d/.wh..wh..opq", tarfile.REGTYPE, b"", ""),
            ("big", tarfile.REGTYPE, b"z" * 70000, ""),
        ]:
            info = tarfile.TarInfo(name)
            info.type, info.linkname, info.size, info.mode = kind, link, len(data), 0o640
            tar.addfile(info, io.BytesIO(data) if data else None)
    return buf.getvalue()


@pytest.mark.parametrize("fmt", [tarfile.PAX_FORMAT, tarfile.GNU_FORMAT, tarfile.USTAR_FORMAT])
def test_fast_reader_agrees_with_tarfile_on_long_names(fmt):
    if fmt == tarfile.USTAR_FORMAT:
        with pytest.raises(ValueError):
            _tar(fmt)  # ustar cannot hold these names at all
        return
    data = _tar(fmt)
    assert _fast_entries(io.BufferedReader(io.BytesIO(data)), True) == list(read_entries(io.BytesIO(data)))


def test_compressed_layer_sizes(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    raw = image.layers[1].open().read()
    packed = gzip.compress(raw, mtime=0)
    desc = store.write_blob(packed, media_type=mt.OCI_LAYER_GZIP)
    gz = Descriptor(mt.OCI_LAYER_GZIP, desc.digest, desc.size)
    from dockerlab.model import ImageConfig

    config = ImageConfig.create(architecture="amd64", diff_ids=[image.layers[1].diff_id])
    zipped = store.put_image(config.raw, [gz])
    row = di.layers(zipped)[0]
    assert row.compressed_size == len(packed) and row.size is None
    assert di.layers(zipped, measure=True)[0].size == len(raw)
    assert row.digest != row.diff_id
    assert "/app/pesan.txt" in di.tree(zipped)


def test_tampered_blob_is_not_served_from_the_listing_cache(store, tmp_path):
    from dockerlab.errors import DigestMismatch

    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    assert "/app/pesan.txt" in di.tree(image)
    layer = image.layers[1]
    path = store.blob_path(layer.digest)
    data = bytearray(path.read_bytes())
    at = data.index(b"halo dari dockerlab")
    data[at] ^= 0x20  # same size, one byte different
    os.chmod(path, 0o644)
    path.write_bytes(bytes(data))
    with pytest.raises(DigestMismatch) as info:
        di.tree(image)
    assert layer.digest in str(info.value)
