"""Notebook 07's helpers and checkers on real builds: the base image's contents, scratch, layers
shared and counted once, a base update and what it makes stale, multi-stage compared; the base
image size data; exercises 07.1-07.3 with right, wrong and half-right answers."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from dockerlab import baseimage, builder, engines, exercises as ex
from dockerlab.course import bases
from dockerlab.course.programs import machine_program
from dockerlab.executor import elf
from components import missing

pytestmark = pytest.mark.executor
EXAMPLES = Path(__file__).resolve().parent.parent / "notebooks" / "contoh" / "07-base-dan-custom"


@pytest.fixture
def built(tmp_path, store, monkeypatch):
    """The lesson's images, built from its examples in ``store`` (also the active engine's)."""
    if not os.path.exists(baseimage.BUSYBOX):
        missing("busybox-static", "apt-get install busybox-static")
    monkeypatch.setenv("DOCKERLAB_HOME", str(store.root))
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    engines.reset()
    work = tmp_path / "contoh"
    shutil.copytree(EXAMPLES, work)
    (work / "scratch" / "arsitektur").write_bytes(machine_program(elf.host_architecture()))
    (work / "scratch" / "arsitektur").chmod(0o755)
    images = {}
    for folder, tag in [("scratch", "kecil:1"), ("basis", "basis:latest"), ("my-app", "my-app:latest"),
                        ("alat", "alat:1"), ("satu-tahap", "satu-tahap:1"), ("multi-tahap", "multi-tahap:1")]:
        images[tag] = builder.build(store, work / folder, tag, progress=False).image
    images["base"] = store.resolve(baseimage.REPOSITORY)
    images["work"] = work
    yield images
    engines.reset()


def test_base_contents_names_busybox_and_its_links(built):
    text = str(bases.base_contents(built["base"]))
    assert text.startswith("dockerlab.local/busybox:latest: 1 layer")
    assert "/bin: busybox + " in text and "tautan (symlink) ke busybox" in text
    assert "/etc: 2 entri: group, passwd" in text


def test_scratch_image_holds_one_program(built):
    small = built["kecil:1"]
    assert len(small.layers) == 1 and len(small.config.rootfs.diff_ids) == 1
    rows = str(bases.compare(small, built["base"])).splitlines()
    assert rows[2].split()[-2:] == ["1", "1"]  # one layer each
    assert rows[4].split()[-2] == "1"  # one file in the scratch image


def test_sharing_counts_shared_layers_once(built):
    share = bases.sharing(built["my-app:latest"], built["alat:1"])
    a, b = built["my-app:latest"], built["alat:1"]
    shared = sum(layer.size for layer in a.layers[:2])
    assert share.separate == sum(l.size for l in a.layers) + sum(l.size for l in b.layers)
    assert share.on_disk == share.separate - shared
    assert "hemat" in share.table()
    dot = share.diagram().source
    assert dot.count("dipakai 2 image") == 2  # busybox and basis layers, each drawn once
    assert dot.count("[label=\"layer ") == 4  # 2 shared + 1 unique per image


def test_stale_after_a_base_update(built, store):
    old = built["basis:latest"]
    (built["work"] / "basis" / "versi.txt").write_text("basis versi 2\n")
    new = builder.build(store, built["work"] / "basis", "basis:latest", progress=False).image
    table = str(bases.stale(new, built["my-app:latest"], built["alat:1"], built["multi-tahap:1"], old_base=old))
    lines = table.splitlines()
    assert lines[2].split()[-1] == "ya" and lines[3].split()[-1] == "ya"
    assert "tidak memakai base ini" in lines[4]
    rebuilt = builder.build(store, built["work"] / "alat", "alat:1", progress=False).image
    assert "versi terbaru" in str(bases.stale(new, rebuilt, old_base=old))
    # 07.2: right after the rebuild, wrong before it, the base itself explained
    assert ex.rebuilt_on(rebuilt, new).ok
    before = ex.rebuilt_on(built["alat:1"], new)
    assert not before.ok and "masih dibangun di atas versi lama" in before.message
    assert "base-nya sendiri" in ex.rebuilt_on(new, new).message
    assert "tidak dibangun di atas" in ex.rebuilt_on(built["kecil:1"], new).message
    assert "templat" in ex.rebuilt_on(..., new).message


def test_multi_stage_keeps_only_the_artefact(built):
    single, multi = built["satu-tahap:1"], built["multi-tahap:1"]
    assert len(single.layers) == 5 and len(multi.layers) == 2
    text = str(bases.compare(single, multi))
    removed = next(line for line in text.splitlines() if line.startswith("dihapus"))
    assert removed.split()[-4:] == ["3", "MB", "0", "B"]  # the deleted compiler is still stored


def test_07_1_shared_layers(built):
    a, b = built["my-app:latest"], built["alat:1"]
    assert ex.shared_layers("2", a, b).ok
    half = ex.shared_layers(1, a, b)
    assert not half.ok and half.message.startswith("Setengah benar")
    assert "semua layer satu image" in ex.shared_layers(3, a, b).message
    assert "belum tepat" in ex.shared_layers(7, a, b).message
    assert "image yang sama" in ex.shared_layers(2, a, a).message
    assert "Ketik angka" in ex.shared_layers("dua", a, b).message


def test_07_3_multi_stage_final():
    assert ex.multi_stage_final("b").ok
    almost = ex.multi_stage_final("c")
    assert not almost.ok and any("Hampir" in h for h in almost.hints)
    assert any("tidak ikut" in h for h in ex.multi_stage_final("A").hints)
    assert "satu jawaban" in ex.multi_stage_final("bd").message


def test_base_image_data_is_dated_and_complete():
    data = json.loads(bases.DATA.read_text(encoding="utf-8"))
    assert data["recorded"] and "Docker Hub" in data["source"]
    refs = [item["ref"] for item in data["images"]]
    for name in ("ubuntu", "alpine", "python", "busybox"):
        assert any(r.split(":")[0] == name for r in refs), name
    assert any(r.startswith("python:") and r.endswith("-slim") for r in refs)
    sizes = {item["ref"]: item["compressed_mb"] for item in data["images"]}
    assert sizes["busybox:1.36"] < sizes["alpine:3.20"] < sizes["ubuntu:24.04"] < sizes["python:3.12"]
    assert all(set(item["contents"]) == {"id", "en"} for item in data["images"])


def test_real_base_images_offline_shows_the_recorded_table_and_says_why(built, monkeypatch):
    import socket

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # a port nobody listens on: "Docker Hub" does not answer
    port = closed.getsockname()[1]
    try:
        text = str(bases.real_base_images(registry=f"127.0.0.1:{port}", seconds=1))
    finally:
        closed.close()
    assert "≈ 3,6 MB" in text and "dicatat 2024-06" in text and "Docker Hub tidak menjawab dalam 1 detik" in text
    assert "image dasar kursus ini 2," in text  # ours, measured


@pytest.mark.registry
def test_real_base_images_online_measures_the_manifests(built, store, registry_url, need_tool):
    """With a registry that answers, every size is the sum of that tag's manifest layer sizes, read
    now (checked with skopeo, independently); no stored figure is shown."""
    import subprocess

    from dockerlab.registry import push

    data = json.loads(bases.DATA.read_text(encoding="utf-8"))
    refs = [item["ref"] for item in data["images"]]
    for ref in refs:
        for image in (built["base"], built["my-app:latest"]):
            push(image, f"{registry_url}/library/{ref}", progress=False)  # the last one stays: my-app
    text = str(bases.real_base_images(registry=registry_url, seconds=5))
    skopeo = need_tool("skopeo")
    done = subprocess.run([skopeo, "inspect", "--raw", "--tls-verify=false",
                           f"docker://{registry_url}/library/{refs[0]}"], capture_output=True, text=True, check=True)
    expected = sum(layer["size"] for layer in json.loads(done.stdout)["layers"])
    from dockerlab.textutil import human_size

    assert human_size(expected) in text and "≈" not in text and "2024-06" not in text
    assert "Diukur sekarang" in text and registry_url in text


@pytest.mark.registry
def test_real_base_images_measured_in_part_says_which_and_why(built, tmp_path):
    """A registry that answers for some tags only (a rate limit, a tag gone): those are measured,
    the others keep their recorded size marked ≈, and the note names the reason."""
    from dockerlab.registry import push
    from dockerlab.registry.server import RegistryServer

    data = json.loads(bases.DATA.read_text(encoding="utf-8"))
    refs = [item["ref"] for item in data["images"]]
    server = RegistryServer(tmp_path / "registry").start()  # its own: empty but for what is pushed here
    try:
        for ref in refs[:-1]:
            push(built["base"], f"{server.address}/library/{ref}", progress=False)
        text = str(bases.real_base_images(registry=server.address, seconds=5))
    finally:
        server.stop()
    last = data["images"][-1]
    assert f"{len(refs) - 1} dari {len(refs)} tag" in text and "karena:" in text
    row = next(line for line in text.splitlines() if line.startswith(last["ref"] + " "))
    assert "≈" in row
    assert sum("≈" in line for line in text.splitlines() if line.split(" ")[0] in refs) == 1
