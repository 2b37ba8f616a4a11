"""On the Docker Engine: the tag history of what dockerlab did there, pinned ``name@sha256:…``
that the engine itself does not know, and ``images(digests=True)`` as ``docker images --digests``."""

from __future__ import annotations

import pytest

from dockerlab.engines.docker import DockerEngine
from dockerlab.errors import ImageNotFound
from dockerlab.inspection.imagelist import ImageList

from test_docker_engine import busybox, write  # noqa: F401 - the module's fixture

pytestmark = pytest.mark.docker


@pytest.fixture
def engine(docker_client, tmp_path):
    engine = DockerEngine(docker_client, reason="test", cache_dir=tmp_path / "cache")
    yield engine
    for name in ("dl-pin:1", "dl-pin:latest"):
        try:
            engine.remove(name, force=True)
        except ImageNotFound:
            pass


def test_history_pins_and_digests_on_the_docker_engine(engine, busybox, tmp_path):  # noqa: F811
    ctx = write(tmp_path / "ctx", {"Dockerfile": f"FROM {busybox['tag']}\nCOPY versi /versi\n", "versi": "1\n"})
    v1 = engine.build(ctx, ["dl-pin:1", "dl-pin:latest"], progress=False).image
    pinned = f"dl-pin@{v1.digest}"
    (ctx / "versi").write_text("2\n")
    v2 = engine.build(ctx, "dl-pin:latest", progress=False).image
    assert v1.id != v2.id
    events = [(e.name, e.kind, e.old_id, e.new_id, e.command) for e in engine.tag_history("dl-pin")]
    assert events == [("dl-pin:1", "created", None, v1.id, "build"),
                      ("dl-pin:latest", "created", None, v1.id, "build"),
                      ("dl-pin:latest", "moved", v1.id, v2.id, "build")]
    # Docker knows no digest for an image it never pushed or pulled; dockerlab finds it by content.
    found = engine.image(pinned)
    assert found.id == v1.id and str(found.ref) == f"docker.io/library/{pinned}"
    engine.tag("dl-pin:latest", "dl-pin:1")  # no tag names v1 now: dangling, still found by its digest
    assert engine.image(pinned).id == v1.id
    container = engine.run(pinned, ["cat", "/versi"])
    assert container.logs() == "1\n"
    container.remove(force=True)
    assert [(e.kind, e.command) for e in engine.tag_history("dl-pin:1")] == [("created", "build"), ("moved", "tag")]
    engine.remove("dl-pin:1")
    assert engine.tag_history("dl-pin:1")[-1].kind == "removed"
    with pytest.raises(ImageNotFound):
        engine.image("dl-pin@sha256:" + "0" * 64)
    listed = ImageList(engine.images(), digests=True)
    row = next(r for r in listed.rows() if r.repository == "dl-pin")
    assert row.digest == "<none>" and "DIGEST" in listed.table() and "<none>" in str(listed)


def test_a_build_with_several_tags_is_logged_in_the_order_given(engine, busybox, tmp_path):  # noqa: F811
    ctx = write(tmp_path / "ctx", {"Dockerfile": f"FROM {busybox['tag']}\nCOPY versi /versi\n", "versi": "o\n"})
    try:
        engine.build(ctx, ["dl-order:1.22.0", "dl-order:1.22", "dl-order"], progress=False)
        assert [e.name for e in engine.tag_history("dl-order")] == ["dl-order:1.22.0", "dl-order:1.22",
                                                                     "dl-order:latest"]
    finally:
        for name in ("dl-order:1.22.0", "dl-order:1.22", "dl-order:latest"):
            engine.remove(name, force=True)
