"""Engine selection with a real dockerd, a missing socket, a closed port and a silent port."""

from __future__ import annotations

import socket
import time

import pytest

import dockerlab
from dockerlab import engines
from dockerlab.engines.docker import DockerEngine
from dockerlab.errors import EngineUnavailable

# A refused or silent daemon must be reported within the ping timeout plus connection set-up;
# this is a liveness bound (the call must not hang), not a speed target.
BOUND = engines.PING_TIMEOUT + 5.0


@pytest.fixture(autouse=True)
def _fresh_selection(monkeypatch, tmp_path):
    monkeypatch.delenv("DOCKERLAB_ENGINE", raising=False)
    monkeypatch.setenv("DOCKERLAB_HOME", str(tmp_path / "home"))
    engines.reset()
    yield
    engines.reset()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


def timed_failure(call):
    start = time.monotonic()
    with pytest.raises(EngineUnavailable) as err:
        call()
    return err.value, time.monotonic() - start


@pytest.mark.docker
def test_docker_requested_and_answering(monkeypatch, docker_host, docker_client):
    monkeypatch.setenv("DOCKER_HOST", docker_host)
    monkeypatch.setenv("DOCKERLAB_ENGINE", "docker")
    info = dockerlab.engine()
    version = docker_client.version()["Version"]
    assert isinstance(engines.current(), DockerEngine)
    assert str(info) == (f"Mesin aktif: Docker Engine (versi {version}). DOCKERLAB_ENGINE=docker meminta "
                         f"Docker Engine, dan Docker Engine menjawab di {docker_host}.")
    dockerlab.set_language("en")
    assert str(dockerlab.engine()).startswith(f"Active engine: Docker Engine (version {version}).")


@pytest.mark.docker
def test_auto_prefers_an_answering_daemon(monkeypatch, docker_host):
    monkeypatch.setenv("DOCKER_HOST", docker_host)
    info = dockerlab.engine()
    assert info.name == "docker"
    assert info.reason == f"Mode otomatis: Docker Engine menjawab di {docker_host}, jadi kursus memakai Docker sungguhan."


@pytest.mark.docker
def test_use_engine_docker_in_code(monkeypatch, docker_host):
    monkeypatch.setenv("DOCKER_HOST", docker_host)
    info = dockerlab.use_engine("docker")
    assert info.name == "docker" and info.reason == "Dipilih lewat dockerlab.use_engine('docker')."
    # The engine keeps working after selection even though the ping used a short timeout.
    assert engines.current().client.api.timeout >= DockerEngine.OPERATION_TIMEOUT


def test_docker_requested_but_socket_missing(monkeypatch, tmp_path):
    host = f"unix://{tmp_path}/tidak-ada.sock"
    monkeypatch.setenv("DOCKER_HOST", host)
    monkeypatch.setenv("DOCKERLAB_ENGINE", "docker")
    error, elapsed = timed_failure(dockerlab.engine)
    assert elapsed < BOUND
    assert f"Docker Engine tidak menjawab di {host}" in str(error)
    assert "dockerlab.use_engine('local')" in str(error)


def test_docker_requested_but_port_closed(monkeypatch):
    host = f"tcp://127.0.0.1:{closed_port()}"
    monkeypatch.setenv("DOCKER_HOST", host)
    error, elapsed = timed_failure(lambda: dockerlab.use_engine("docker"))
    assert elapsed < BOUND
    assert f"{host} (ConnectionRefusedError: Connection refused)" in str(error)


def test_silent_daemon_times_out(monkeypatch):
    """A port that accepts connections but never answers: the ping gives up, it does not hang."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        host = f"tcp://127.0.0.1:{server.getsockname()[1]}"
        monkeypatch.setenv("DOCKER_HOST", host)
        error, elapsed = timed_failure(lambda: dockerlab.use_engine("docker"))
    assert engines.PING_TIMEOUT <= elapsed + 0.5 and elapsed < BOUND
    assert f"{host} (TimeoutError: > {engines.PING_TIMEOUT:g} s)" in str(error)
    dockerlab.set_language("en")
    assert str(error).startswith(f"The Docker Engine does not answer at {host}")


def test_failed_use_keeps_the_previous_choice(monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/none.sock")
    with pytest.raises(EngineUnavailable):
        dockerlab.use_engine("docker")
    assert engines._choice_in_code is None  # nothing was half-switched


def test_auto_without_daemon_uses_the_embedded_engine_and_says_why(monkeypatch, tmp_path):
    host = f"unix://{tmp_path}/none.sock"
    monkeypatch.setenv("DOCKER_HOST", host)
    start = time.monotonic()
    info = dockerlab.engine()
    assert time.monotonic() - start < BOUND
    assert info.name == "local"
    assert info.reason.startswith(f"Mode otomatis: tidak ada Docker Engine yang menjawab ({host})")
    assert str(info).startswith("Mesin aktif: mesin bawaan dockerlab (versi ")


def test_reset_can_keep_a_choice_made_in_code(monkeypatch):
    from dockerlab import engines

    monkeypatch.setenv("DOCKERLAB_ENGINE", "auto")
    engines.use("local")
    first = engines.current()
    engines.reset(keep_choice=True)
    assert engines.current() is not first and engines.current().name == "local"
    assert "use_engine('local')" in engines.engine().reason
    engines.reset()
    assert engines._choice_in_code is None


def test_engine_info_repr_is_short_and_stable():
    from dockerlab.engines.base import EngineInfo

    info = EngineInfo("local", "0.1.0", "alasan", {"store": "/some/path"})
    assert repr(info) == "<EngineInfo local 0.1.0>"
