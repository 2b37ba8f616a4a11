"""Moving images between the embedded store and the real Docker Engine, both ways."""

from __future__ import annotations

import textwrap

import pytest

from conftest_docker import entries, gzip_image

from dockerlab import baseimage
from dockerlab.engines import transfer
from dockerlab.engines.docker import DockerEngine
from dockerlab.errors import ImageNotFound
from dockerlab.model import validate
from dockerlab.store import Store

pytestmark = pytest.mark.docker

BASE = "dockerlab.local/busybox:latest"


@pytest.fixture
def engine(docker_client, tmp_path):
    return DockerEngine(docker_client, cache_dir=tmp_path / "cache")


@pytest.fixture
def base(store):
    return baseimage.ensure_base_image(store)


def layer_rows(image):
    rows = []
    for layer in image.layers:
        with layer.open() as f:
            rows.append(entries(f))
    return rows


def test_store_to_docker_keeps_id_diff_ids_and_bytes(store, base, engine):
    moved = transfer.copy(BASE, store, engine)
    assert moved.id == base.id
    assert moved.core.diff_ids == list(base.config.rootfs.diff_ids)  # from the listing, before any export
    assert moved.config.raw == base.config.raw
    # The same config and layers give the same OCI manifest on both engines.
    assert moved.manifest.raw == base.manifest.raw and moved.digest == base.digest
    with moved.layers[0].open() as a, base.layers[0].open() as b:
        assert a.read() == b.read()
    assert validate(moved) == []


def test_docker_to_store_keeps_id_and_diff_ids(store, base, engine, tmp_path):
    transfer.copy(BASE, store, engine)
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    (ctx / "Dockerfile").write_text(textwrap.dedent(f"""\
        FROM {BASE}
        RUN mkdir /app && echo halo > /app/pesan && rm /etc/group
        """))
    built = engine.build(ctx, "dl-transfer:1", progress=False).image
    back = Store(tmp_path / "second-store")
    copied = transfer.copy("dl-transfer:1", engine, back)
    assert copied.id == built.id
    assert list(copied.config.rootfs.diff_ids) == list(built.config.rootfs.diff_ids)
    assert copied.digest == built.manifest.digest  # the OCI form, identical on both sides
    assert validate(copied) == []
    assert layer_rows(copied) == layer_rows(built)
    assert any(row[0] == "etc/.wh.group" for row in layer_rows(copied)[1])
    # and back again into the Docker Engine, under a new engine with an empty cache
    again = DockerEngine(engine.client, cache_dir=tmp_path / "cache2")
    engine.remove("dl-transfer:1")
    assert transfer.copy("dl-transfer:1", back, again).id == built.id


def test_copy_of_missing_image_changes_nothing(store, engine, docker_client):
    before = {i["Id"] for i in docker_client.api.images(all=True)}
    with pytest.raises(ImageNotFound):
        transfer.copy("tidak-ada:1", store, engine)
    assert {i["Id"] for i in docker_client.api.images(all=True)} == before


def test_load_image_with_compressed_layer_into_docker(engine, tmp_path):
    image, layer = gzip_image(tmp_path / "pulled", {"etc/motd": b"selamat datang\n"})
    assert image.layers[0].compressed
    loaded = transfer.load_image(image, engine, "dl-pulled:1")
    assert loaded.id == image.id and loaded.ref.familiar == "dl-pulled:1"
    with loaded.layers[0].open() as f:
        assert f.read() == layer  # the engine stores it uncompressed, same diff_id
    engine.remove("dl-pulled:1")


def test_docker_engine_provides_the_base_image_on_first_use(engine, course_home, tmp_path):
    """Nothing can be pulled in class: like the embedded engine, a missing base image is made here
    (into the course store) and copied in — same bytes, same ID as in the store."""
    from dockerlab.store import Store

    try:
        engine.remove(BASE, force=True)  # untag whatever earlier tests copied in
    except ImageNotFound:
        pass
    with pytest.raises(ImageNotFound):
        engine.image(BASE)
    ctx = tmp_path / "ctx-base"
    ctx.mkdir()
    (ctx / "Dockerfile").write_text(f"FROM {BASE}\nRUN echo siap > /siap\n")
    built = engine.build(ctx, "dl-from-base:1", progress=False).image
    assert engine.image(BASE).id == Store(course_home).resolve(BASE).id
    assert built.layers[0].diff_id == engine.image(BASE).layers[0].diff_id
    assert engine.ensure_base_image().id == engine.image(BASE).id  # already there now: the same
    engine.remove(BASE, force=True)
    container = engine.run(BASE, ["cat", "/etc/passwd"])
    assert container.logs().startswith("root:x:0:0:")
    container.remove()
    engine.remove("dl-from-base:1")
