"""The course's own registry: started in the course folder, found and stopped by a second process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from dockerlab.errors import RegistryError, ToolMissing
from dockerlab.registry.server import RegistryServer, start_registry, stop_registry

pytestmark = pytest.mark.registry


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dockerlab", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_start_registry_in_course_folder(course_home, need_tool):
    need_tool("docker-registry")
    server = start_registry()
    try:
        assert server.storage == (course_home / "registry").resolve()
        assert server.host == "127.0.0.1"
        assert requests.get(f"{server.url}/v2/", timeout=5).status_code == 200
        assert start_registry().address == server.address  # a second start finds the running one
        assert str(server.address) in str(server) and "berjalan" in str(server)
    finally:
        server.stop()
    assert not server.running
    assert not (course_home / "registry" / "registry.json").exists()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server.url}/v2/", timeout=5)


def test_cli_start_then_stop_from_another_invocation(course_home, need_tool):
    need_tool("docker-registry")
    env = {**os.environ, "DOCKERLAB_HOME": str(course_home), "DOCKERLAB_ENGINE": "local"}
    started = cli("registry", "start", "--json", env=env)
    assert started.returncode == 0, started.stderr
    state = json.loads(started.stdout)
    try:
        assert state["running"] and state["address"].startswith("127.0.0.1:")
        assert requests.get(f"http://{state['address']}/v2/", timeout=5).status_code == 200
        status = cli("registry", "status", env=env)
        assert status.returncode == 0 and state["address"] in status.stdout
    finally:
        stopped = cli("registry", "stop", env=env)
    assert stopped.returncode == 0, stopped.stderr
    assert "dihentikan" in stopped.stdout
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://{state['address']}/v2/", timeout=5)
    assert not Path(f"/proc/{state['pid']}/cmdline").exists() or b"serve" not in Path(
        f"/proc/{state['pid']}/cmdline").read_bytes()
    again = cli("registry", "status", env=env)
    assert again.returncode == 3 and "dockerlab registry start" in again.stdout
    missing = cli("registry", "stop", env=env)
    assert missing.returncode == 1 and "Tidak ada registry" in missing.stderr


def test_missing_binary_is_a_clear_indonesian_error(course_home, monkeypatch, tmp_path):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(ToolMissing) as info:
        start_registry()
    assert "apt-get install docker-registry" in str(info.value) and "tidak ditemukan" in str(info.value)
    assert not (course_home / "registry" / "registry.json").exists()


def test_stop_without_running_registry(course_home):
    with pytest.raises(RegistryError):
        stop_registry()


def test_pull_through_mirror_of_another_registry(tmp_path, registry_url, store, need_tool):
    """A classroom mirror: ``proxy.remoteurl`` pointing at an upstream (here the session registry)."""
    need_tool("docker-registry")
    from dockerlab.registry import pull, push
    from dockerlab.store import Store
    from registry_helpers import random_image, unique_repo

    repo = unique_repo("mirror")
    image = random_image(store, None, seed=21)
    pushed = push(image, f"{registry_url}/{repo}:1", progress=False)
    upstream = f"http://{registry_url}"
    with RegistryServer(tmp_path / "mirror", mirror_of=upstream) as mirror:
        assert json.loads((tmp_path / "mirror" / "config.yml").read_text())["proxy"] == {"remoteurl": upstream}
        pulled = pull(f"{mirror.address}/{repo}:1", store=Store(tmp_path / "class"), progress=False)
        assert pulled.digest == pushed.digest and pulled.id == image.id


def test_registry_that_does_not_answer_in_time_is_stopped_with_indonesian_error(tmp_path, need_tool):
    need_tool("docker-registry")
    # startup_timeout=0: the first readiness check runs right after launch, before any Go
    # program can serve HTTP, so the deadline is always missed.
    server = RegistryServer(tmp_path / "reg", startup_timeout=0)
    with pytest.raises(RegistryError) as exc:
        server.start()
    assert not isinstance(exc.value, TimeoutError)
    text = str(exc.value)
    assert exc.value.key == "registry.start_timeout"
    assert server.address in text and "belum menjawab" in text and "startup_timeout" in text
    assert str(tmp_path / "reg" / "registry.log") in text
    assert not server.running and server.pid is None
    assert not (tmp_path / "reg" / "registry.json").exists()


def test_port_taken_between_choice_and_bind_is_retried_once(tmp_path, need_tool, monkeypatch):
    import socket

    from dockerlab.registry import server as server_module

    need_tool("docker-registry")
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        real_free_port = server_module.free_port
        chosen = iter([taken])  # the race: the first free port is already in use again
        monkeypatch.setattr(server_module, "free_port", lambda host="127.0.0.1": next(chosen, None)
                            or real_free_port(host))
        server = RegistryServer(tmp_path / "reg")
        assert server.port == taken
        server.start()
        try:
            assert server.port != taken
            assert requests.get(f"{server.url}/v2/", timeout=5).status_code == 200
            assert "address already in use" in (tmp_path / "reg" / "registry.log").read_text()
        finally:
            server.stop()
        with pytest.raises(RegistryError, match="berhenti sendiri"):  # an explicit port is not changed
            RegistryServer(tmp_path / "reg2", port=taken).start()
