"""Containers on the Docker Engine: the shared Container API, and parity with the embedded engine."""

from __future__ import annotations

import pytest

from conftest_docker import DOCKER_WHITEOUT_MODE, entries, is_whiteout, without_whiteout_modes

from dockerlab import baseimage
from dockerlab.engines import transfer
from dockerlab.container.base import Change
from dockerlab.engines.docker_container import DockerContainer
from dockerlab.engines.docker import DockerEngine
from dockerlab.engines.local import LocalEngine
from dockerlab.errors import ContainerError, ImageNotFound

pytestmark = [pytest.mark.docker, pytest.mark.executor]

BASE = "dockerlab.local/busybox:latest"
SCRIPT = ("echo halo dari kontainer; mkdir -p /data/sub && echo isi > /data/sub/f; rm /etc/group; "
          "echo tamu:x:1000:1000::/home:/bin/sh >> /etc/passwd; touch /tmp/jejak; echo selesai >&2")


@pytest.fixture
def engines(store, docker_client, tmp_path):
    base = baseimage.ensure_base_image(store)
    docker = DockerEngine(docker_client, cache_dir=tmp_path / "cache")
    transfer.copy(BASE, store, docker)
    return LocalEngine(store), docker, base


def container_ids(client) -> set[str]:
    return {c.id for c in client.containers.list(all=True)}


def test_same_output_and_diff_on_both_engines(engines, docker_client):
    local, docker, _ = engines
    before = container_ids(docker_client)
    results = {}
    for engine in (local, docker):
        container = engine.run(BASE, ["sh", "-c", SCRIPT])
        assert (container.status, container.exit_code) == ("exited", 0)
        results[engine.name] = (container.logs(), container.diff())
        container.remove()
    assert isinstance(results["docker"][1][0], Change)
    assert results["docker"] == results["local"]
    assert [str(c) for c in results["docker"][1]] == [
        "A /data", "A /data/sub", "A /data/sub/f", "C /etc", "D /etc/group", "C /etc/passwd",
        "C /tmp", "A /tmp/jejak"]
    assert results["docker"][0] == "halo dari kontainer\nselesai\n"
    assert container_ids(docker_client) == before  # nothing left behind


MORE = ("chmod 600 /etc/passwd && rm -r /home && rm /etc/group && mkdir /etc/group && "
        "ln -s /tmp /tautan && ln /bin/busybox /bb-keras && touch -d 2020-01-01 /etc/passwd")


def test_same_diff_for_modes_links_and_replaced_files(engines):
    local, docker, _ = engines
    diffs = {}
    for engine in (local, docker):
        container = engine.run(BASE, ["sh", "-c", MORE])
        assert container.exit_code == 0, container.logs()
        diffs[engine.name] = [str(c) for c in container.diff()]
        container.remove()
    assert diffs["docker"] == diffs["local"]
    assert "D /home" in diffs["docker"] and "C /etc/group" in diffs["docker"]


# Entries only Docker's layer has, by design of the overlay2 storage driver:
# - a hard link to a file of a lower layer makes overlay2 copy that file up, so the layer also
#   re-adds it (here bin/busybox, as a link to the new name); dockerlab's layer holds only the
#   new name, with the same content;
# - a directory that replaced a file is marked opaque; nothing below it is a directory, so the
#   marker hides nothing.
OVERLAY_ONLY = {SCRIPT: set(), MORE: {"bin", "bin/busybox", "etc/group/.wh..wh..opq"}}


@pytest.mark.parametrize("script", [SCRIPT, MORE], ids=["add-change-delete", "modes-links-replaced"])
def test_commit_gives_the_same_layer_on_both_engines(engines, script):
    local, docker, base = engines
    layers = {}
    for engine in (local, docker):
        container = engine.run(BASE, ["sh", "-c", script])
        image = container.commit(f"dl-commit-{engine.name}:1", message="jejak")
        container.remove()
        assert image.ref.familiar == f"dl-commit-{engine.name}:1"
        assert image.layers[0].diff_id == base.layers[0].diff_id and len(image.layers) == 2
        with image.layers[1].open() as f:
            # file times differ by design (the containers wrote at different moments): not compared
            layers[engine.name] = entries(f)
        assert image.config.config.cmd == ("sh", "-c", script)
    local_paths = {r[0] for r in layers["local"]}
    assert {r[0] for r in layers["docker"]} - local_paths == OVERLAY_ONLY[script]
    docker_rows = [r for r in layers["docker"] if r[0] not in OVERLAY_ONLY[script]]
    # Whiteouts: Docker (overlay2) writes mode 0600, dockerlab.tarutil 0644 (a reported parity
    # gap: same paths, same meaning).
    assert {r[2] for r in docker_rows if is_whiteout(r)} == {DOCKER_WHITEOUT_MODE}
    assert without_whiteout_modes(docker_rows) == without_whiteout_modes(layers["local"])
    docker.remove("dl-commit-docker:1")
    local.remove("dl-commit-local:1")


def test_detached_container_wait_stop_and_remove(engines, docker_client):
    _, docker, _ = engines
    container = docker.run(BASE, "sleep 300", detach=True, name="dl-tidur")
    assert isinstance(container, DockerContainer)
    assert container.status == "running" and container.exit_code is None and container.name == "dl-tidur"
    assert container.status_text() == "berjalan"
    assert container.command == ["sleep", "300"] and container.created.startswith("20")
    assert docker.container("dl-tidur").id == container.id == docker.container(container.short_id).id
    with pytest.raises(ContainerError) as missing:
        docker.container("tidak-ada")
    assert missing.value.key == "container.not_found"
    with pytest.raises(ContainerError) as err:
        container.wait(timeout=0.5)
    assert "masih berjalan setelah 0.5 detik" in str(err.value)
    with pytest.raises(ContainerError):
        container.remove()  # still running, no force
    # sleep is PID 1 and ignores SIGTERM: Docker kills it after the timeout (see the next test)
    assert container.stop(timeout=1) == 137
    assert container.status_text() == "berhenti (kode keluar 137)"
    assert container.id in {c.id for c in docker.containers()}
    container.remove()
    assert container.id not in container_ids(docker_client)


def test_stop_exit_codes_differ_by_design_unless_docker_runs_an_init(engines):
    """Docker runs the command as PID 1, which ignores SIGTERM: killed after the timeout (137).
    The embedded engine, like ``docker run --init``, forwards SIGTERM (143)."""
    local, docker, _ = engines
    codes = {}
    for label, engine, options in (("local", local, {}), ("docker", docker, {}),
                                   ("docker --init", docker, {"init": True})):
        container = engine.run(BASE, ["sleep", "300"], detach=True, **options)
        codes[label] = container.stop(timeout=1)
        container.remove()
    assert codes == {"local": 143, "docker": 137, "docker --init": 143}


def test_run_options_output_env_workdir_user_and_rm(engines, docker_client):
    _, docker, _ = engines
    before = container_ids(docker_client)
    seen = []
    container = docker.run(BASE, ["sh", "-c", "echo $SALAM; pwd; id -u"], env={"SALAM": "halo"},
                           workdir="/tmp", user="65534", output=seen.append, remove=True)
    assert "".join(seen) == "halo\n/tmp\n65534\n"
    assert container_ids(docker_client) == before
    # like the embedded engine, the returned object still tells what happened
    assert container.logs() == "halo\n/tmp\n65534\n" and container.exit_code == 0


def test_errors_match_the_embedded_engine(engines, docker_client):
    local, docker, _ = engines
    with pytest.raises(ImageNotFound):
        docker.run("tidak-ada:1", "true")
    ok = docker.run(BASE, "true", name="dl-nama")
    try:
        with pytest.raises(ContainerError) as err:
            docker.run(BASE, "true", name="dl-nama")
        assert err.value.key == "container.name_taken"
    finally:
        ok.remove()
    assert "dl-nama" not in {c.name for c in docker_client.containers.list(all=True)}


def test_a_foreground_run_past_its_timeout_is_stopped_on_both_engines(engines):
    errors, states = {}, {}
    for engine in engines[:2]:
        before = {c.id for c in engine.containers(all=True)}
        with pytest.raises(ContainerError) as err:
            engine.run(BASE, ["sh", "-c", "echo mulai; sleep 60"], timeout=1.0)
        errors[engine.name] = type(err.value)
        [left] = [c for c in engine.containers(all=True) if c.id not in before]
        states[engine.name] = (left.status, left.logs())
        left.remove()
    assert errors["docker"] is errors["local"] is ContainerError
    assert states["docker"] == states["local"] == ("exited", "mulai\n")


@pytest.mark.parametrize("command, options", [
    (["a", "b"], {"entrypoint": ["echo"]}),
    ("id", {"user": "nobody"}),
    ("id", {}),  # Docker gives the primary group as a supplementary group too: 'groups=0(root)'
    (["sh", "-c", "umask; touch /tmp/f; stat -c %a /tmp/f"], {}),
    (["sh", "-c", "echo $HOME $HOSTNAME_SET $PATH; pwd"], {"env": {"HOSTNAME_SET": "ya"}, "workdir": "/srv/baru"}),
    (["sh", "-c", "exit 7"], {}),
], ids=["entrypoint", "user", "root", "umask", "env-workdir", "exit-code"])
def test_run_options_behave_the_same(engines, command, options):
    outputs = {}
    for engine in engines[:2]:
        container = engine.run(BASE, command, **options)
        outputs[engine.name] = (container.logs(), container.exit_code)
        container.remove()
    assert outputs["docker"] == outputs["local"]
    if options == {} and command[0] == "sh" and "umask" in command[2]:
        assert outputs["docker"] == ("0022\n644\n", 0)


def test_stopping_an_already_exited_container_on_the_way_out_raises_nothing(engines, docker_client):
    import docker.errors

    from dockerlab.engines.docker_container import _kill_quietly

    raw = docker_client.containers.run(BASE, ["true"], detach=True)
    try:
        assert raw.wait(timeout=60)["StatusCode"] == 0
        with pytest.raises(docker.errors.APIError):
            raw.kill()  # what run()'s cleanup used to call: 409, masking the real error
        _kill_quietly(raw)
    finally:
        raw.remove(force=True)
