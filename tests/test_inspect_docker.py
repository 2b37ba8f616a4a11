"""Inspection of images built by the real Docker Engine, checked against Docker's own answers."""

from __future__ import annotations

import tarfile
import textwrap

import pytest

import dockerlab.inspection as di
from dockerlab.language import set_language
from dockerlab.engines.docker import DockerEngine
from dockerlab.show import graphs

from conftest_docker import busybox_archive

pytestmark = pytest.mark.docker

DOCKERFILE = """
FROM {base}
RUN mkdir /app && head -c 3000 /dev/zero > /app/big && echo simpan > /app/keep
RUN rm /app/big
ENV MODE=prod
COPY data.txt /data/
"""
# Paths dockerd adds to every container, not part of the image.
RUNTIME = {".dockerenv", "etc/hostname", "etc/hosts", "etc/resolv.conf", "etc/mtab", "dev", "proc", "sys"}


@pytest.fixture(scope="module")
def built(docker_client, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("inspect-docker")
    facts = busybox_archive(tmp / "busybox.tar", tag="dl-busybox:inspect")
    with open(tmp / "busybox.tar", "rb") as f:
        list(docker_client.api.load_image(f))
    ctx = tmp / "ctx"
    ctx.mkdir()
    (ctx / "Dockerfile").write_text(textwrap.dedent(DOCKERFILE.format(base=facts["tag"])))
    (ctx / "data.txt").write_text("isi\n")
    engine = DockerEngine(docker_client, reason="test", cache_dir=tmp / "cache")
    first = engine.build(ctx, "dl-inspect:1", no_cache=True)
    second = engine.build(ctx, "dl-inspect:1")
    return engine, first, second


def test_history_matches_docker_history(built, docker_client):
    engine, first, second = built
    image = engine.image("dl-inspect:1")
    hist = di.history(image)
    theirs = docker_client.api.history("dl-inspect:1")  # newest first
    assert len(hist) == len(theirs)
    assert [r.created_by for r in reversed(hist.rows)] == [h["CreatedBy"] for h in theirs]
    assert sum(1 for r in hist if not r.empty) == len(image.layers) == 4
    assert hist[-1].instruction.startswith("COPY") and hist[-2].instruction == "ENV MODE=prod"
    cached = di.history(image, build=second)
    assert [r.cached for r in cached.rows[-4:]] == [True, True, True, True]
    fresh = di.history(first.image, build=first)
    assert [r.cached for r in fresh.rows[-4:]] == [False, False, False, False]


def test_merged_tree_matches_container_export(built, docker_client):
    engine, _, _ = built
    image = engine.image("dl-inspect:1")
    container = docker_client.containers.create("dl-inspect:1", command=["true"])
    try:
        paths = set()
        stream = b"".join(container.export())
    finally:
        container.remove()
    import io

    with tarfile.open(fileobj=io.BytesIO(stream)) as tar:
        for member in tar:
            name = member.name.rstrip("/").removeprefix("./")
            if name and not any(name == r or name.startswith(r + "/") for r in RUNTIME):
                paths.add("/" + name)
    ours = {p for p in di.tree(image).paths() if p.lstrip("/") not in RUNTIME}
    assert ours == paths
    assert "/app/big" not in ours and "/app/keep" in ours and "/data/data.txt" in ours


def test_efficiency_counts_the_deleted_file(built):
    engine, _, _ = built
    image = engine.image("dl-inspect:1")
    eff = di.efficiency(image)
    big = [i for i in eff.inefficiencies if i.path == "/app/big"]
    assert big and big[0].cumulative_size == 3000 and big[0].count == 2
    assert eff.wasted_bytes >= 3000 and 0 < eff.score < 1
    deleted = di.tree(image, layer=2)["/app/big"]
    assert deleted.status == "deleted" and deleted.previous_size == 3000


def test_cache_graph_from_real_builds(built):
    _, first, second = built
    src = graphs.cache_graph(second, previous=first).source
    assert src.count("dipakai ulang") == sum(1 for s in second.steps if s.cached) > 0


@pytest.fixture
def docker_engine_active(monkeypatch, docker_host):
    from dockerlab import engines

    monkeypatch.setenv("DOCKER_HOST", docker_host)
    engines.reset()
    yield
    engines.reset()
    set_language(None)  # the CLI's --lang changes the process-wide language


def test_cli_verbs_with_reference_strings(built, docker_engine_active, capsys):
    import json

    from dockerlab.cli import main

    assert main(["--engine", "docker", "history", "dl-inspect:1", "--json"]) == 0
    steps = json.loads(capsys.readouterr().out)["steps"]
    assert steps[-2]["instruction"] == "ENV MODE=prod" and steps[-2]["layer"] is None
    assert main(["--engine", "docker", "efficiency", "dl-inspect:1", "--json"]) == 0
    assert any(i["path"] == "/app/big" for i in json.loads(capsys.readouterr().out)["inefficiencies"])
    assert main(["--engine", "docker", "tree", "dl-inspect:1", "--layer", "2", "--depth", "4"]) == 0
    out = capsys.readouterr().out
    assert "- big" in out
    assert main(["--engine", "docker", "compare", "dl-busybox:inspect", "dl-inspect:1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["common_base"] == 1 and any(f["path"] == "/app/keep" for f in data["files"])
    assert main(["--engine", "docker", "--lang", "en", "layers", "dl-inspect:1"]) == 0
    assert "Layers of image dl-inspect:1" in capsys.readouterr().out
    assert main(["--engine", "docker", "inspect", "dl-inspect:1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["config"]["config"]["Env"][-1] == "MODE=prod"


def test_image_list_rows_match_docker_images_without_an_export(built, docker_client):
    """The ``dockerlab.images()`` table of Docker Engine images: the CLI's names, ID and time,
    read from the engine's listing (no image is exported just to list it)."""
    from datetime import datetime, timezone

    from dockerlab.inspection.imagelist import ImageList

    engine, _, _ = built
    listed = ImageList(engine.images())
    rows = {(r.repository, r.tag): r for r in listed.rows()}
    row = rows["dl-inspect", "1"]
    theirs = docker_client.api.images(name="dl-inspect:1")[0]
    assert row.image_id == theirs["Id"].split(":")[1][:12]
    assert row.created == datetime.fromtimestamp(theirs["Created"], timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    assert all("manifest" not in vars(v) for v in listed)  # lazily read manifests stay unread
    line = next(line for line in str(listed).splitlines() if line.startswith("dl-inspect "))
    assert line.split()[:3] == ["dl-inspect", "1", row.image_id]
