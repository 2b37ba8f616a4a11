"""The real components the session starts answer, and the tools the course uses are present."""

from __future__ import annotations

import json
from pathlib import Path
import urllib.request

import pytest


def test_private_docker_engine_answers(docker_client, docker_host):
    version = docker_client.version()
    assert version["Os"] == "linux"
    assert int(version["ApiVersion"].split(".")[0]) >= 1
    assert docker_host.startswith("unix://") and "dl-dockerd-" in docker_host
    assert docker_client.info()["DockerRootDir"].startswith(docker_host[len("unix://"):].rsplit("/", 1)[0])


def test_registry_answers_v2(registry_url):
    """The session's registry is shared: other tests push to it (each under names of its own), so
    what it holds depends on what ran before; only the shape of its catalog is this test's."""
    with urllib.request.urlopen(f"http://{registry_url}/v2/", timeout=5) as response:
        assert response.status == 200
        assert response.headers["Docker-Distribution-API-Version"] == "registry/2.0"
    with urllib.request.urlopen(f"http://{registry_url}/v2/_catalog", timeout=5) as response:
        catalog = json.load(response)
    assert list(catalog) == ["repositories"]
    assert all(isinstance(name, str) and name for name in catalog["repositories"])


def test_a_registry_on_its_own_storage_starts_empty(need_tool, tmp_path):
    """A registry server keeps nothing but what its own storage holds (never the machine's)."""
    from dockerlab.registry.server import RegistryServer

    need_tool("docker-registry")
    with RegistryServer(tmp_path / "registry") as server:
        with urllib.request.urlopen(f"{server.url}/v2/_catalog", timeout=5) as response:
            assert json.load(response) == {"repositories": []}


@pytest.mark.parametrize("tool", ["skopeo", "umoci", "dot", "busybox", "proot"])
def test_course_tools_present(need_tool, tool):
    import subprocess

    path = need_tool(tool)
    args = {"busybox": ["--help"], "dot": ["-V"], "proot": ["--version"]}.get(tool, ["--version"])
    result = subprocess.run([path, *args], capture_output=True, timeout=30)
    assert result.returncode == 0, result.stderr


def test_a_stopped_dockerd_leaves_no_network_bridge_behind():
    """The serving network of notebook 08 is a bridge in the host's namespace: the test daemon
    removes it before it stops, so repeated sessions never exhaust Docker's address pools."""
    from components import DockerDaemon, need_tool

    need_tool("dockerd")
    daemon = DockerDaemon().start()
    try:
        network = daemon.client.networks.create("dockerlab-probe", driver="bridge")
        bridge = Path("/sys/class/net") / f"br-{network.id[:12]}"
        assert bridge.exists()
    finally:
        daemon.stop()
    assert not bridge.exists()
