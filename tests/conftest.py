"""Session fixtures: real components started for the tests and stopped afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from components import DockerDaemon, PodmanService, missing, need_tool as _need_tool, session_daemon

import dockerlab


@pytest.fixture(autouse=True)
def _no_writes_into_the_real_home(tmp_path_factory, monkeypatch):
    """A test that names no dockerlab home of its own gets the session's temporary one (store,
    caches, the progress file kept in the home), never ``~/.local/share/dockerlab`` of whoever
    runs the tests. A test that sets ``DOCKERLAB_HOME`` itself keeps its own progress file."""
    import os

    if "DOCKERLAB_HOME" not in os.environ:
        monkeypatch.setenv("DOCKERLAB_HOME", str(tmp_path_factory.getbasetemp() / "default-dockerlab-home"))
    yield


@pytest.fixture(autouse=True)
def _indonesian_by_default(monkeypatch):
    """Every test starts in the default language, whatever the last one chose."""
    monkeypatch.delenv("DOCKERLAB_LANG", raising=False)
    dockerlab.set_language(None)
    yield
    dockerlab.set_language(None)


@pytest.fixture(scope="session")
def need_tool():
    """``need_tool("skopeo")`` → its path; skips (fails under CI=true) when it is missing."""
    return _need_tool


@pytest.fixture(scope="session")
def docker_daemon():
    """A private dockerd (its own socket, data and exec roots), stopped at the end."""
    yield from session_daemon(DockerDaemon)


@pytest.fixture(scope="session")
def podman_service():
    """A private Podman API service (vfs storage, its own root and socket), stopped at the end."""
    yield from session_daemon(PodmanService)


@pytest.fixture
def podman_engine(podman_service, tmp_path, monkeypatch):
    """The course's engine on the session's Podman service, as ``DOCKERLAB_ENGINE=podman`` selects
    it (``CONTAINER_HOST``), with the course base image in it and a fresh course home."""
    from dockerlab import engines

    monkeypatch.setenv("DOCKERLAB_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DOCKERLAB_ENGINE", "podman")
    monkeypatch.setenv("CONTAINER_HOST", podman_service.host)
    monkeypatch.delenv("DOCKER_HOST", raising=False)
    engines.reset()
    engine = engines.current()
    engine.ensure_base_image()
    yield engine
    engines.reset()


@pytest.fixture(scope="session")
def docker_client(docker_daemon):
    """A ``docker.DockerClient`` talking to the session's private dockerd."""
    return docker_daemon.client


@pytest.fixture(scope="session")
def docker_host(docker_daemon) -> str:
    """The ``unix://…`` URL of the session's private dockerd."""
    return docker_daemon.host


@pytest.fixture(scope="session")
def registry_server(tmp_path_factory):
    from dockerlab.errors import ToolMissing
    from dockerlab.registry.server import RegistryServer

    try:
        server = RegistryServer(tmp_path_factory.mktemp("registry")).start()
    except ToolMissing as exc:
        missing("the registry server", "apt-get install docker-registry")
        raise exc
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def registry_url(registry_server) -> str:
    """``"127.0.0.1:PORT"`` of the session's real registry server."""
    return registry_server.address


@pytest.fixture
def store(tmp_path):
    """A fresh, empty local store."""
    from dockerlab.store import Store

    return Store(tmp_path / "store")


@pytest.fixture
def course_home(tmp_path, monkeypatch) -> Path:
    """Point DOCKERLAB_HOME at an empty folder for this test."""
    home = tmp_path / "dockerlab-home"
    monkeypatch.setenv("DOCKERLAB_HOME", str(home))
    return home
