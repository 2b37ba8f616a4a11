"""The course on Podman: a real ``podman system service`` the session starts (vfs storage, its own
root and socket), reached through the Docker-API backend with Podman's profile.

Few tests, each over the real service: selection and naming, the build cycle with its cache, the
image read back byte for byte (checked with the ``podman`` command line), containers, the
rlimit error explained, save/load and push/pull with the same digests as the embedded engine.
"""

from __future__ import annotations

import json

import pytest

import dockerlab
from dockerlab import baseimage, course, engines
from dockerlab.engines.local import LocalEngine
from dockerlab.errors import ContainerError, EngineUnavailable
from dockerlab.store import Store

pytestmark = [pytest.mark.docker]

BASE = f"{baseimage.REPOSITORY}:latest"
DOCKERFILE = 'FROM dockerlab.local/busybox:latest\nRUN echo halo > /halo.txt\nCOPY a.txt /a.txt\nCMD ["cat", "/halo.txt"]\n'


def _inspect(service, ref: str) -> dict:
    """``podman image inspect`` by the full name: the podman command line reads a short name as
    ``localhost/…``, where the Docker API (and so the course) reads ``docker.io/library/…``."""
    from dockerlab.reference import Reference

    return json.loads(service.podman("image", "inspect", str(Reference.parse(ref))).stdout)[0]


def test_podman_is_chosen_and_named_podman(podman_service, monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKERLAB_HOME", str(tmp_path))
    monkeypatch.setenv("CONTAINER_HOST", podman_service.host)
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-docker.sock")
    for choice in ("podman", "auto"):
        monkeypatch.setenv("DOCKERLAB_ENGINE", choice)
        engines.reset()
        info = dockerlab.engine()
        assert info.name == "podman" and info.version == "4.3.1"
        assert str(info).startswith("Mesin aktif: Podman (versi 4.3.1)") and podman_service.host in str(info)
        assert engines.command_name() == "podman"
        assert course.docker("images").text == "podman images"
    # `dockerlab info` names it too.
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, "-m", "dockerlab", "info"], capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "DOCKERLAB_ENGINE": "podman"}).stdout
    assert "Podman (versi 4.3.1)" in shown and "Docker Engine" not in shown.split("\n")[0]
    # No CONTAINER_HOST: the rootless socket under $XDG_RUNTIME_DIR, as Podman's own clients look.
    monkeypatch.delenv("CONTAINER_HOST")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    (tmp_path / "run" / "podman").mkdir(parents=True)
    (tmp_path / "run" / "podman" / "podman.sock").symlink_to(podman_service.socket)
    monkeypatch.setenv("DOCKERLAB_ENGINE", "auto")
    engines.reset()
    assert dockerlab.engine().name == "podman"
    assert f"unix://{tmp_path}/run/podman/podman.sock" in dockerlab.engine().reason
    # DOCKER_HOST pointed at Podman: recognised as Podman by its /version.
    monkeypatch.setenv("DOCKER_HOST", podman_service.host)
    monkeypatch.setenv("DOCKERLAB_ENGINE", "docker")
    engines.reset()
    assert dockerlab.engine().name == "podman"
    # No Podman where asked: an Indonesian error naming the place and what to start.
    monkeypatch.setenv("CONTAINER_HOST", f"unix://{tmp_path}/no-podman.sock")
    monkeypatch.setenv("DOCKERLAB_ENGINE", "podman")
    engines.reset()
    with pytest.raises(EngineUnavailable) as err:
        engines.current()
    assert f"Podman tidak menjawab di unix://{tmp_path}/no-podman.sock" in str(err.value)
    assert "podman system service" in str(err.value)
    engines.reset()


def test_build_with_cache_history_tree_and_efficiency(podman_engine, podman_service, tmp_path):
    context = tmp_path / "app"
    context.mkdir()
    (context / "Dockerfile").write_text(DOCKERFILE)
    (context / "a.txt").write_text("isi a\n")
    events: list[tuple[str, int]] = []
    first = dockerlab.build(str(context), tag="app:1", progress=lambda e: events.append((e.kind, e.step)))
    assert [s.instruction.split()[0] for s in first.steps] == ["FROM", "RUN", "COPY", "CMD"]
    assert [s.line for s in first.steps] == [1, 2, 3, 4] and not any(s.cached for s in first.steps)
    image = first.image
    # The layers each step reports are the image's, as Podman itself lists them.
    podman = _inspect(podman_service, "app:1")
    assert image.id == "sha256:" + podman["Id"].removeprefix("sha256:")
    assert [str(d) for d in image.config.rootfs.diff_ids] == podman["RootFS"]["Layers"]
    assert [s.layer_digest for s in first.steps] == [None, *podman["RootFS"]["Layers"][1:], None]
    assert all(layer.digest == layer.diff_id for layer in image.layers)  # read byte for byte
    again = dockerlab.build(str(context), tag="app:1", progress=lambda e: events.append((e.kind, e.step)))
    assert [s.cached for s in again.steps] == [False, True, True, True] and again.image.id == image.id
    assert ("cached", 2) in events
    listed = {str(i.ref.familiar): i.id for i in dockerlab.images() if i.ref is not None}
    assert listed["app:1"] == image.id and listed[BASE] == dockerlab.image(BASE).id
    history = dockerlab.history("app:1", again)
    assert [row.diff_id for row in history.rows if row.diff_id] == podman["RootFS"]["Layers"]
    assert [row.cached for row in history.rows][-3:] == [True, True, True]
    tree = dockerlab.tree("app:1")
    assert "/halo.txt" in tree and "/a.txt" in tree and tree["/halo.txt"].layer == 1
    assert 0 < dockerlab.efficiency("app:1").score <= 1


def test_build_errors_name_the_line_and_podman(podman_engine, tmp_path):
    from dockerlab.errors import BuildContextError, BuildError

    context = tmp_path / "rusak"
    context.mkdir()
    (context / "Dockerfile").write_text("FROM dockerlab.local/busybox:latest\nRUN true\nCOPY hilang.txt /\n")
    with pytest.raises(BuildContextError) as missing:
        dockerlab.build(str(context), tag="rusak:1", progress=False)
    assert str(missing.value).startswith("Dockerfile baris 3, langkah 3/3 (COPY hilang.txt /): Podman tidak menemukan")
    (context / "Dockerfile").write_text("FROM dockerlab.local/busybox:latest\nRUN exit 3\n")
    with pytest.raises(BuildError) as failed:
        dockerlab.build(str(context), tag="rusak:1", progress=False)
    assert str(failed.value).startswith("Dockerfile baris 2, langkah 2/2 (RUN exit 3) gagal di Podman:")


def test_containers_run_logs_diff_commit_stop(podman_engine, podman_service):
    container = dockerlab.run(BASE, ["sh", "-c", "echo halo; echo baru > /baru.txt; rm /etc/group"])
    assert container.exit_code == 0 and container.logs() == "halo\n"
    changes = {(c.kind, c.path) for c in container.diff()}
    assert {("A", "/baru.txt"), ("D", "/etc/group")} <= changes
    committed = container.commit("app:komit")
    assert committed.id == "sha256:" + _inspect(podman_service, "app:komit")["Id"].removeprefix("sha256:")
    assert len(committed.layers) == len(dockerlab.image(BASE).layers) + 1
    assert "/baru.txt" in dockerlab.tree(committed) and "/etc/group" not in dockerlab.tree(committed)
    sleeper = dockerlab.run(BASE, ["sleep", "60"], detach=True)
    assert sleeper.stop(timeout=1) == 137  # PID 1 ignores SIGTERM, as on the Docker Engine


def test_an_rlimit_the_runtime_may_not_set_is_explained(podman_engine):
    import docker.types

    from dockerlab.engines.docker_container import DockerContainer

    too_many = [docker.types.Ulimit(name="nproc", soft=1 << 30, hard=1 << 30)]
    with pytest.raises(ContainerError) as err:
        DockerContainer.run(podman_engine, BASE, ["true"], ulimits=too_many)
    text = str(err.value)
    assert text.startswith("Podman tidak bisa menjalankan kontainer dari dockerlab.local/busybox:latest")
    assert "rlimit" in text and "default_ulimits" in text


def test_save_load_push_pull_keep_the_digests(podman_engine, podman_service, registry_url, tmp_path):
    store = Store()
    local = LocalEngine(store)
    base = local.image(BASE)
    on_podman = podman_engine.image(BASE)
    assert on_podman.id == base.id and on_podman.digest == base.digest  # same manifest as the store writes
    saved = podman_engine.save(BASE, tmp_path / "base.tar")
    other = LocalEngine(Store(tmp_path / "other"))
    [loaded] = other.load(saved)
    assert loaded.id == base.id and [layer.diff_id for layer in loaded.layers] == [l.diff_id for l in base.layers]
    ref = f"{registry_url}/kursus/podman:1"
    podman_engine.tag(BASE, ref)
    pushed = podman_engine.push(ref, progress=False)
    local.tag(BASE, f"{registry_url}/kursus/podman:lokal")
    assert pushed.digest == local.push(f"{registry_url}/kursus/podman:lokal", progress=False).digest
    podman_engine.remove(ref)
    pulled = podman_engine.pull(ref, progress=False)
    assert pulled.id == base.id == "sha256:" + _inspect(podman_service, ref)["Id"].removeprefix("sha256:")


def test_the_other_engine_is_podman_when_no_docker_answers(podman_service, monkeypatch, tmp_path):
    from dockerlab.course.portability import other_engine
    from dockerlab.engines.transfer import copy

    monkeypatch.setenv("DOCKERLAB_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-docker.sock")
    monkeypatch.setenv("CONTAINER_HOST", podman_service.host)
    engines.reset()
    local = engines.current()
    base = local.ensure_base_image()
    target = other_engine()
    assert engines.product(target) == "podman" and target.info().name == "podman"
    local.tag(BASE, "pindah:1")
    moved = copy("pindah:1", local, target)
    assert moved.id == base.id == "sha256:" + _inspect(podman_service, "pindah:1")["Id"].removeprefix("sha256:")
    engines.reset()


def test_every_equivalent_command_is_podmans(podman_engine, tmp_path, monkeypatch):
    """On Podman the course shows the ``podman`` command line, labelled Podman's: the build result,
    history, layers, inspect, images, ``course.docker`` and ``course.where``."""
    from types import SimpleNamespace

    from dockerlab.course.serving import where

    assert engines.command_name(podman_engine) == "podman" == podman_engine.profile.command
    (tmp_path / "contoh" / "app").mkdir(parents=True)
    (tmp_path / "contoh" / "app" / "Dockerfile").write_text(DOCKERFILE.replace("COPY a.txt /a.txt\n", ""))
    monkeypatch.chdir(tmp_path)
    built = dockerlab.build("contoh/app", tag="setara:1", progress=False)
    assert built.docker_command == "podman build -t setara:1 contoh/app"
    shown = [
        (built, "podman build -t setara:1 contoh/app"),
        (dockerlab.history("setara:1", built), "podman history setara:1"),
        (dockerlab.layers("setara:1"), "podman image inspect --format '{{json .RootFS.Layers}}' setara:1"),
        (dockerlab.inspect("setara:1"), "podman image inspect setara:1"),
        (dockerlab.images(digests=True), "podman images --digests"),
    ]
    for view, command in shown:
        assert view.docker_command == command
        html = view._repr_html_()
        assert "Perintah Podman yang setara" in html and "Perintah Docker" not in html
        assert f"<code>{command}</code>".replace("'", "&#x27;") in html
    assert str(dockerlab.history("setara:1")).endswith("Perintah Podman yang setara: podman history setara:1")
    assert course.docker("build", "contoh/app", tag="setara:1").text == "podman build -t setara:1 contoh/app"
    assert "Perintah Podman yang setara" in course.docker("images")._repr_html_()
    assert where(SimpleNamespace(ports={8080: 32768})).startswith("Podman: kontainer punya jaringan sendiri")
    dockerlab.set_language("en")
    assert str(dockerlab.inspect("setara:1")).endswith("The equivalent Podman command: podman image inspect setara:1")
