"""The same Dockerfile built by both engines inspects the same: trees, statuses, efficiency."""

from __future__ import annotations

import textwrap

import pytest

import dockerlab.inspection as di
from dockerlab import baseimage
from dockerlab.engines import transfer
from dockerlab.engines.docker import DockerEngine
from dockerlab.engines.local import LocalEngine
from dockerlab.store import Store

pytestmark = [pytest.mark.docker, pytest.mark.executor]

BASE = "dockerlab.local/busybox:latest"
DOCKERFILE = f"""
FROM {BASE}
RUN mkdir -p /app/cache && head -c 4000 /dev/zero > /app/cache/blob && echo simpan > /app/keep
COPY data.txt /app/
RUN rm -rf /app/cache && echo baru > /app/keep
ENV MODE=prod
"""


@pytest.fixture(scope="module")
def images(docker_client, tmp_path_factory):
    root = tmp_path_factory.mktemp("inspect-parity")
    store = Store(root / "store")
    baseimage.ensure_base_image(store)
    docker = DockerEngine(docker_client, cache_dir=root / "cache")
    transfer.copy(BASE, store, docker)
    ctx = root / "ctx"
    ctx.mkdir()
    (ctx / "Dockerfile").write_text(textwrap.dedent(DOCKERFILE).lstrip())
    (ctx / "data.txt").write_text("data\n")
    return (LocalEngine(store).build(ctx, "dl-inspect-parity:local", progress=False).image,
            docker.build(ctx, "dl-inspect-parity:docker", progress=False).image)


def rows(tree):
    return [(n.path, n.kind, n.size, n.status, n.previous_size, n.linkname) for n in tree.nodes()]


def test_same_merged_tree(images):
    local, docker = images
    assert rows(di.tree(local)) == rows(di.tree(docker)) != []


def test_same_changes_per_layer(images):
    local, docker = images
    assert len(local.layers) == len(docker.layers) == 4
    for a, b in zip(di.layer_changes(local), di.layer_changes(docker)):
        assert rows(a.tree) == rows(b.tree), a.index
    gone = di.tree(local, layer=3)["/app/cache/blob"]
    assert (gone.status, gone.previous_size) == ("deleted", 4000)


def test_same_efficiency(images):
    local, docker = images
    a, b = di.efficiency(local), di.efficiency(docker)
    assert a.to_dict() == b.to_dict()
    # /app/keep written twice: 7 + 5 bytes. The folder /app/cache deleted as a whole is not
    # dive's waste, but its 4000 bytes are in removed_bytes.
    assert a.wasted_bytes == len("simpan\n") + len("baru\n")
    assert a.removed_bytes == 4000


def test_same_history_shape(images):
    local, docker = images
    ha, hb = di.history(local), di.history(docker)
    assert [r.empty for r in ha] == [r.empty for r in hb]
    assert [r.instruction.split()[0] for r in ha][-4:] == ["RUN", "COPY", "RUN", "ENV"]
    assert [r.instruction.split()[0] for r in hb][-4:] == ["RUN", "COPY", "RUN", "ENV"]
    assert ha[-2].instruction == hb[-2].instruction == "RUN rm -rf /app/cache && echo baru > /app/keep"
