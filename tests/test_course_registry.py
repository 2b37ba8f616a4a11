"""course.registry(): the real registry server for a lesson, its HTTP API, and its lifetime."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import dockerlab
from dockerlab import course, engines
from dockerlab.course import lifetime
from dockerlab.course.registries import _reachable
from dockerlab.errors import UsageError
from dockerlab.waiting import wait_until

pytestmark = pytest.mark.usefixtures("need_registry_binary")


@pytest.fixture
def need_registry_binary():
    from components import missing
    from dockerlab.errors import ToolMissing
    from dockerlab.registry.server import find_binary

    try:
        find_binary()
    except ToolMissing:
        missing("the registry server", "apt-get install docker-registry")


@pytest.fixture
def lesson_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("DOCKERLAB_HOME", str(home))
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(course.lesson, "_home", None)
    monkeypatch.setattr(course.lesson, "_lesson", None)
    engines.reset()
    yield home
    lifetime.stop_all()
    engines.reset()


def _gone(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


def test_registry_runs_once_per_lesson_and_stops_when_the_lesson_starts_again(lesson_home):
    course.start("04-portabel")
    reg = course.registry()
    assert reg.running and reg.address.startswith("127.0.0.1:")
    pid = reg.server.pid
    assert course.registry().address == reg.address, "a second call must give the same server"
    assert reg.server.storage == (lesson_home / "kursus" / "04-portabel" / "registry").resolve()
    text = str(reg)
    assert reg.address in text and f"{reg.address}/my-app:1.0" in text and str(lesson_home) not in text
    assert reg.catalog().json() == {"repositories": []}
    course.start("04-portabel")
    wait_until(lambda: _gone(pid), timeout=15, what="registry stopped by course.start")
    assert lifetime.running() == []
    assert "berhenti" in str(reg)


def test_the_http_api_shows_what_a_push_stored(lesson_home):
    course.start("04-portabel")
    reg = course.registry()
    image = dockerlab.build("contoh/my-app", tag=reg.name("my-app:1"), progress=False).image
    dockerlab.push(reg.name("my-app:1"), progress=False)
    assert reg.catalog().json() == {"repositories": ["my-app"]}
    assert reg.tags("my-app").json() == {"name": "my-app", "tags": ["1"]}
    assert reg.tags(reg.name("my-app")).json()["tags"] == ["1"], "the full name works too"
    manifest = reg.manifest("my-app", "1")
    assert manifest.status == 200 and manifest.headers["Docker-Content-Digest"].startswith("sha256:")
    layers = manifest.json()["layers"]
    assert [l["mediaType"] for l in layers] == ["application/vnd.oci.image.layer.v1.tar+gzip"] * 2
    assert manifest.json()["config"]["digest"] == image.id
    blob = reg.blob("my-app", layers[-1]["digest"])
    shown = str(blob)
    assert "sama dengan digest yang diminta" in shown
    assert f"digest {image.config.rootfs.diff_ids[-1]} — itulah diff_id" in shown, "unpacked: its diff_id"
    config = reg.blob("my-app", image.id)
    assert "config image" in str(config) and '"rootfs"' in str(config)
    assert "<code>GET /v2/my-app/blobs/" in config._repr_html_()
    with pytest.raises(UsageError, match="my-app"):
        reg.tags("localhost:1/my-app")
    missing = reg.tags("tidak-ada")
    assert missing.status == 404 and "NAME_UNKNOWN" in str(missing)


def _child(tmp_path: Path, ending: str) -> subprocess.Popen:
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["DOCKERLAB_HOME"] = {str(tmp_path / "child")!r}
        os.environ["DOCKERLAB_ENGINE"] = "local"
        from dockerlab import course
        course.start("04-portabel")
        reg = course.registry()
        print(reg.server.pid, flush=True)
        {ending}
    """)
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=tmp_path)


@pytest.mark.parametrize("ending", ["sys.exit(0)", "__import__('time').sleep(600)"],
                         ids=["kernel-exits", "kernel-killed"])
def test_the_registry_does_not_outlive_its_kernel(tmp_path, ending):
    child = _child(tmp_path, ending)
    try:
        pid = int(child.stdout.readline())
        if "sleep" in ending:  # the kernel runs on: so does its registry, until the kernel is killed
            assert not _gone(pid)
            child.send_signal(signal.SIGKILL)  # no atexit: the server must go by itself
        child.wait(timeout=60)
        wait_until(lambda: _gone(pid), timeout=15, what="registry gone with its kernel")
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_docker_hub_says_plainly_when_it_cannot_be_reached_and_is_bounded(lesson_home, monkeypatch):
    course.start("04-portabel")
    from dockerlab.course import registries

    monkeypatch.setattr(registries, "HUB_HOST", "hub.invalid")  # RFC 2606: never resolves
    started = time.monotonic()
    note = course.docker_hub("busybox:latest", seconds=2)
    assert time.monotonic() - started < 4
    assert "tidak bisa dihubungi" in note and "busybox:latest" in note and "Binder" in note
    assert repr(note) == str(note)


def test_reachable_is_true_for_a_listening_port_and_false_for_a_closed_one():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert _reachable("127.0.0.1", port, 2)
    assert not _reachable("127.0.0.1", port, 2)


def test_push_prints_each_blob_and_already_there_the_second_time(lesson_home, capsys):
    course.start("04-portabel")
    reg = course.registry()
    name = reg.name("my-app:1.0")
    image = dockerlab.build("contoh/my-app", tag=name, progress=False).image
    first = course.push(name)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Push ke repository [{reg.address}/my-app]"
    assert [l.split(":")[0].split()[0] for l in out[1:4]] == ["layer", "layer", "config"]
    assert all("diunggah" in l for l in out[1:4]) and "setelah dikompresi gzip" in out[1]
    assert out[4] == f"1.0: digest: {first.digest}"
    assert first.image_id == image.id and first.digest != image.digest
    again = course.push(name)
    out = capsys.readouterr().out.splitlines()
    assert all("sudah ada di registry — tidak dikirim lagi" in l for l in out[1:4]), out
    assert again.digest == first.digest and again.count("skipped") == 3
    other = course.other_computer()
    assert "0 image" in capsys.readouterr().out and other.images() == []
    pulled = course.pull(name, store=other)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Pull {name} ke komputer lain" and all("diunduh" in l for l in out[1:4])
    assert out[4] == f"Digest: {first.digest}"
    assert pulled.id == image.id and pulled.digest == first.digest
    assert [(e.name, e.command) for e in other.tag_history()] == [(name, "pull")]
    ids = course.identities(image, pulled)
    assert ids.same("ID image (digest config)") and not ids.same("digest manifest")
    assert ids.same("layer 0: diff_id") and not ids.same("layer 0: digest")
    assert "tar + gzip" in str(ids) and "✅" in ids._repr_html_()
    course.pull(name, store=other)
    assert all("sudah ada" in l for l in capsys.readouterr().out.splitlines()[1:4])


def test_an_api_answer_from_a_lying_registry_is_shown_not_trusted():
    import gzip as gz

    from dockerlab.course.registries import ApiAnswer
    from dockerlab.model import Digest

    tar = b"\0" * 100_000
    layer = gz.compress(tar, mtime=0)
    honest = ApiAnswer("GET /v2/x/blobs/…", 200, {}, layer, blob=Digest.of(layer))
    assert "sama dengan digest yang diminta" in str(honest) and str(Digest.of(tar)) in str(honest)
    lying = ApiAnswer("GET /v2/x/blobs/…", 200, {}, layer[:-30], blob=Digest.of(layer))
    shown = str(lying)
    assert "TIDAK sama dengan digest yang diminta" in shown and "diff_id" not in shown, "a cut gzip is not unpacked"
    assert ApiAnswer("GET /v2/_catalog", 200, {}, b"{not json").json() is None
    assert "{not json" in str(ApiAnswer("GET /v2/_catalog", 200, {}, b"{not json"))
