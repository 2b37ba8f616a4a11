"""Containers that serve (``run(..., detach=True, ports=8080)``), on both engines, fetched over HTTP.

The image is the capstone's: busybox ``httpd`` serving one page, listening on ``${PORT:-8080}``.
Each test fetches the page for real; waiting is the run's own bounded wait on the port.
"""

from __future__ import annotations

import os
import shutil
import urllib.request

import pytest

import dockerlab.container as ct
from dockerlab import baseimage, builder, engines
from dockerlab.container import ports as ports_mod
from dockerlab.engines.docker import DockerEngine
from dockerlab.errors import ContainerError
from dockerlab.executor import NamespacesExecutor, ProotExecutor
from components import missing

pytestmark = pytest.mark.executor

DOCKERFILE = """\
FROM dockerlab.local/busybox
COPY index.html /www/index.html
CMD httpd -f -v -p ${PORT:-8080} -h /www
"""


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:
        assert answer.status == 200
        return answer.read().decode()


@pytest.fixture(params=["namespaces", "proot"])
def executor(request):
    if request.param == "namespaces":
        if os.geteuid() != 0:
            missing("root (for namespaces + chroot)", "run the tests as root")
        return NamespacesExecutor()
    if shutil.which("proot") is None:
        missing("proot", "apt-get install proot")
    return ProotExecutor()


@pytest.fixture
def web(tmp_path, store):
    """``web:1`` built in ``store`` from a page that says ``Halo dari v1``."""
    if not os.path.exists(baseimage.BUSYBOX):
        missing("busybox-static", "apt-get install busybox-static")
    context = tmp_path / "web"
    context.mkdir()
    (context / "Dockerfile").write_text(DOCKERFILE)
    (context / "index.html").write_text("<h1>Halo dari v1</h1>\n")
    builder.build(store, context, "web:1", progress=False)
    return context


@pytest.fixture(autouse=True)
def _nothing_left_running():
    yield
    ct.stop_started()


def test_embedded_engine_serves_on_a_free_loopback_port(store, web, executor):
    first = ct.run(store, "web:1", detach=True, ports=8080, executor=executor)
    second = ct.run(store, "web:1", detach=True, ports=8080, executor=executor)
    assert set(first.ports) == set(second.ports) == {8080}
    assert first.ports[8080] != second.ports[8080]  # one host network: each got its own port
    assert first.url() == f"http://127.0.0.1:{first.ports[8080]}/"
    assert fetch(first.url()) == fetch(second.url("/index.html")) == "<h1>Halo dari v1</h1>\n"
    assert f"PORT={first.ports[8080]}" in first.state["env"]
    code = first.stop()
    # the namespaces init forwards SIGTERM to httpd (143); proot reports its tracee's end as 0
    assert code == (143 if executor.name == "namespaces" else code) and first.status == "exited"
    assert "response:200" in first.logs()
    assert not ports_mod.answers(first.ports[8080])
    second.remove(force=True)


def test_a_host_port_can_be_asked_for(store, web, executor):
    wanted = ports_mod.free_port()
    served = ct.run(store, "web:1", detach=True, ports={8080: wanted}, executor=executor)
    assert served.ports == {8080: wanted}
    assert "Halo" in fetch(served.url())


def test_a_server_that_exits_is_explained_with_its_output(store, web, executor):
    with pytest.raises(ContainerError) as error:
        ct.run(store, "web:1", ["sh", "-c", "echo tidak ada server; exit 3"], detach=True, ports=8080,
               executor=executor)
    text = str(error.value)
    assert "berhenti (kode keluar 3) sebelum port" in text and "tidak ada server" in text


def test_a_port_that_never_answers_stops_the_container(store, web, executor):
    with pytest.raises(ContainerError) as error:
        ct.run(store, "web:1", ["sleep", "60"], detach=True, ports=8080, ready_timeout=1, executor=executor)
    assert "belum menjawab setelah" in str(error.value)
    (left,) = ct.containers(store, all=True)
    assert left.status == "exited"


def test_bad_port_arguments_are_explained(store, web):
    for bad in (0, 70000, "http", True):
        with pytest.raises(ContainerError, match="tidak sah"):
            ct.run(store, "web:1", detach=True, ports=bad)
    with pytest.raises(ContainerError, match="detach=True"):
        ct.run(store, "web:1", ports=8080)
    with pytest.raises(ContainerError, match="hanya bisa memberi satu port"):
        ct.run(store, "web:1", detach=True, ports=[8080, 9090])
    assert ct.containers(store) == []  # nothing was created


def test_stop_started_ends_every_detached_container(store, web):
    served = ct.run(store, "web:1", detach=True, ports=8080)
    port = served.ports[8080]
    assert ports_mod.answers(port)
    assert ct.stop_started() == [served.short_id]
    assert not ports_mod.answers(port)
    assert ct.containers(store) == []
    assert ct.stop_started() == []


def test_normalise_accepts_the_usual_forms():
    assert ports_mod.normalise(8080) == {8080: None}
    assert ports_mod.normalise("8080/tcp") == {8080: None}
    assert ports_mod.normalise([80, "81"]) == {80: None, 81: None}
    assert ports_mod.normalise({80: 18080}) == {80: 18080}
    assert ports_mod.normalise(None) == {}


def test_url_of_a_container_without_ports_says_how(store, web):
    plain = ct.run(store, "web:1", ["true"])
    with pytest.raises(ContainerError, match="ports=8080"):
        plain.url()


@pytest.mark.docker
def test_docker_engine_publishes_on_loopback(store, web, docker_client, tmp_path):
    from dockerlab.engines import transfer

    docker = DockerEngine(docker_client, cache_dir=tmp_path / "cache")
    transfer.copy("web:1", store, docker)
    first = docker.run("web:1", detach=True, ports=8080)
    second = docker.run("web:1", detach=True, ports=8080)
    try:
        assert set(first.ports) == {8080} and first.ports[8080] != second.ports[8080]
        assert fetch(first.url()) == fetch(second.url()) == "<h1>Halo dari v1</h1>\n"
        bindings = docker_client.api.inspect_container(first.id)["NetworkSettings"]["Ports"]["8080/tcp"]
        assert [b["HostIp"] for b in bindings] == ["127.0.0.1"]
        assert "PORT=8080" in docker_client.api.inspect_container(first.id)["Config"]["Env"]
        assert first.stop() == 143  # --init: SIGTERM ends httpd at once, as on the embedded engine
        assert "response:200" in first.logs()
    finally:
        ct.stop_started()
    assert docker_client.containers.list(all=True, filters={"id": first.id}) == []


@pytest.mark.docker
def test_docker_engine_explains_a_server_that_exits(store, web, docker_client, tmp_path):
    from dockerlab.engines import transfer

    docker = DockerEngine(docker_client, cache_dir=tmp_path / "cache")
    transfer.copy("web:1", store, docker)
    with pytest.raises(ContainerError) as error:
        docker.run("web:1", ["sh", "-c", "echo rusak; exit 2"], detach=True, ports=8080)
    assert "kode keluar 2" in str(error.value) and "rusak" in str(error.value)


@pytest.mark.registry
def test_run_pulls_a_registry_image_that_is_not_here(store, web, registry_url, monkeypatch, capsys):
    import dockerlab

    monkeypatch.setenv("DOCKERLAB_HOME", str(store.root))
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    engines.reset()
    try:
        ref = f"{registry_url}/kursus/web:1"
        dockerlab.tag("web:1", ref)
        dockerlab.push(ref, progress=False)
        dockerlab.remove(ref)
        served = dockerlab.run(ref, detach=True, ports=8080)
        assert "tidak ada di sini; di-pull dulu" in capsys.readouterr().out
        assert "Halo dari v1" in fetch(served.url())
        assert dockerlab.image(ref).id == dockerlab.image("web:1").id
        with pytest.raises(dockerlab.ImageNotFound):
            dockerlab.run("tidak-ada:1", ["true"])  # a Docker Hub name is not pulled
    finally:
        engines.reset()


@pytest.mark.docker
@pytest.mark.registry
def test_docker_engine_runs_a_pinned_registry_image(store, web, docker_client, registry_url, tmp_path,
                                                     monkeypatch, capsys):
    """``run(name@sha256:…)`` of an image the engine does not have: pulled, then run by its ID (a
    Docker Engine names loaded images by tag only); the page is the pushed one."""
    import dockerlab
    from dockerlab.engines import transfer

    docker = DockerEngine(docker_client, cache_dir=tmp_path / "cache")
    ref = f"{registry_url}/kursus/tetap:1"
    transfer.copy("web:1", store, docker)
    docker.tag("web:1", ref)
    pushed = docker.push(ref, progress=False)
    docker.remove(ref)
    monkeypatch.setattr(engines, "_current", docker)
    try:
        served = dockerlab.run(pushed.pinned, detach=True, ports=8080)
        assert "di-pull dulu" in capsys.readouterr().out
        assert "Halo dari v1" in fetch(served.url())
        assert served.image_id == str(pushed.image_id)
    finally:
        ct.stop_started()
        engines.reset()


@pytest.mark.docker
def test_docker_engine_explains_exhausted_address_pools(docker_client, tmp_path):
    """A daemon that cannot make the serving network says so (it once read as ImageNotFound 'dockerlab'):
    the pools are filled for real with networks of the daemon's own choosing, then freed."""
    from dockerlab.errors import DockerlabError, ImageNotFound

    docker = DockerEngine(docker_client, cache_dir=tmp_path / "cache")
    docker.SERVING_NETWORK = "dl-pool-test"
    made = []
    try:
        for i in range(64):  # Docker's default pools hold 31 bridge networks (and a few /20s more)
            try:
                made.append(docker_client.networks.create(f"dl-fill-{i}", driver="bridge"))
            except Exception as exc:  # noqa: BLE001 - the daemon's own refusal: the pools are full
                assert "address pool" in str(exc) or "non-overlapping" in str(exc), exc
                break
        else:
            pytest.fail("64 networks fitted: this daemon's pools are not the default ones")
        with pytest.raises(DockerlabError) as error:
            docker.serving_network()
        assert not isinstance(error.value, ImageNotFound)
        text = str(error.value)
        assert "'dl-pool-test'" in text and "docker network prune" in text and "Docker" in text
    finally:
        for network in made:
            network.remove()
    assert docker.serving_network() == "dl-pool-test"  # room again: made, as the lesson needs
    docker_client.networks.get("dl-pool-test").remove()


def test_course_clean_removes_every_container_the_lesson_started(store, web):
    """08's last cell: the learner's own detached container goes too, and it says which went;
    one the learner removed already is not named."""
    from dockerlab import course

    first = ct.run(store, "web:1", detach=True, ports=8080, name="web-v1")
    mine = ct.run(store, "web:1", detach=True, ports=8080, name="punya-saya")
    gone = ct.run(store, "web:1", detach=True, ports=8080, name="sudah-dihapus")
    gone.remove(force=True)
    text = str(course.clean())
    assert "web-v1, punya-saya" in text and "sudah-dihapus" not in text and "(2 kontainer)" in text
    assert [c.id for c in ct.containers(store)] == [] and first.id != mine.id
    assert "Tidak ada kontainer" in str(course.clean())


@pytest.mark.docker
def test_course_clean_on_the_docker_engine_names_only_what_it_removed(store, web, docker_client, tmp_path):
    from dockerlab import course
    from dockerlab.engines import transfer

    docker = DockerEngine(docker_client, cache_dir=tmp_path / "cache")
    transfer.copy("web:1", store, docker)
    kept = docker.run("web:1", detach=True, ports=8080, name="dl-clean-kept")
    removed = docker.run("web:1", detach=True, ports=8080, name="dl-clean-removed")
    removed.remove(force=True)  # as 08 does with web_v1 before starting another
    text = str(course.clean())
    assert "(1 kontainer): dl-clean-kept." in text and "dl-clean-removed" not in text
    assert docker_client.containers.list(all=True, filters={"id": kept.id}) == []
