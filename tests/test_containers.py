"""Containers of the embedded engine, run for real on the busybox base image."""

from __future__ import annotations

import os
import shutil

import pytest

import dockerlab.container as ct
from dockerlab import baseimage
from dockerlab.container import Change
from dockerlab.container.filesystem import diff_trees, lower
from dockerlab.errors import ContainerError, ExecutorUnavailable
from dockerlab.executor import ExecError, NamespacesExecutor, ProotExecutor
from dockerlab.executor.process import group_members, start_time
from dockerlab.model import History, ImageConfig, RunConfig, validate
from dockerlab.tarutil import list_layer, unpack_layers
from components import missing
from rootfs_helpers import ordinary_user, run_as_ordinary_user

pytestmark = pytest.mark.executor
BASE = "dockerlab.local/busybox:latest"


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
def base(store):
    if not os.path.exists(baseimage.BUSYBOX):
        missing("busybox-static", "apt-get install busybox-static")
    return baseimage.ensure_base_image(store)


@pytest.fixture
def app_image(store, base):
    """The base image with ENTRYPOINT, CMD, ENV, WORKDIR and USER set."""
    data = base.config
    config = ImageConfig.create(
        architecture=data.architecture, os="linux",
        config=RunConfig(env=("PATH=/bin", "SALAM=halo"), entrypoint=("sh", "-c"),
                         cmd=('echo "$SALAM $(id -u) $(pwd) $0"',), working_dir="/kerja", user="nobody"),
        diff_ids=data.diff_ids, history=[*data.history, History(created_by="test config", empty_layer=True)])
    image = store.put_image(config.raw, [layer.descriptor for layer in base.layers])
    return store.tag("app:1", image)


def test_run_attached_returns_exit_code_and_logs(store, base, executor):
    seen: list[str] = []
    c = ct.run(store, BASE, ["sh", "-c", "echo keluaran; echo galat >&2; exit 3"],
               output=seen.append, executor=executor, timeout=60)
    assert (c.status, c.exit_code) == ("exited", 3)
    assert c.logs() == "keluaran\ngalat\n" == "".join(seen)
    assert len(c.id) == 64 and c.short_id == c.id[:12] and int(c.id, 16) >= 0
    assert repr(c) == f"<Container {c.short_id} {c.name} {BASE} exited(3)>"
    assert c.status_text() == "berhenti (kode keluar 3)"
    assert (store.root / "containers" / c.id / "config.json").is_file()


def test_image_config_is_honoured(store, app_image, executor):
    c = ct.run(store, "app:1", executor=executor, timeout=60)
    assert c.logs() == "halo 65534 /kerja sh\n"
    c = ct.run(store, "app:1", ['echo "$SALAM $USER_X"', "arg0"], env={"USER_X": "x"},
               user="0", workdir="/", executor=executor, timeout=60)
    assert c.logs() == "halo x\n"
    c = ct.run(store, "app:1", ["-u"], entrypoint=["id"], executor=executor, timeout=60)
    assert c.logs() == "65534\n"  # a new ENTRYPOINT drops the image's CMD, like Docker


def test_diff_reports_added_changed_deleted(store, base, executor):
    c = ct.run(store, BASE, ["sh", "-c", "touch /tmp/baru; rm /etc/group; echo x >> /etc/passwd; "
                             "mkdir -p /app/data && echo 1 > /app/data/f"], executor=executor, timeout=60)
    assert c.exit_code == 0
    assert [str(x) for x in c.diff()] == [
        "A /app", "A /app/data", "A /app/data/f", "C /etc", "D /etc/group", "C /etc/passwd",
        "C /tmp", "A /tmp/baru"]
    assert all(isinstance(x, Change) for x in c.diff())


def test_the_image_never_changes(store, base, executor, tmp_path):
    before = (base.digest, base.id, [layer.digest for layer in base.layers])
    c = ct.run(store, BASE, ["sh", "-c", "echo rusak > /etc/passwd && rm -rf /home /bin/ls && "
                             "chmod 700 /tmp && touch /root/x"], executor=executor, timeout=60)
    assert c.exit_code == 0 and (c.rootfs / "etc" / "passwd").read_text() == "rusak\n"
    again = store.resolve(BASE)
    assert (again.digest, again.id, [layer.digest for layer in again.layers]) == before
    assert store.verify(BASE) == []  # every blob still hashes to its digest
    fresh = tmp_path / "fresh"
    unpack_layers(base.layers, fresh)
    assert diff_trees(fresh, lower(store, base)) == []  # the shared lower tree is untouched


def test_commit_makes_an_image_of_exactly_the_diff(store, base, executor):
    c = ct.run(store, BASE, ["sh", "-c", "echo isi > /root/catatan; rm /etc/group"],
               executor=executor, timeout=60)
    new = c.commit("catatan:1", message="tambah catatan")
    assert new.digest != base.digest and new.id != base.id
    assert [layer.digest for layer in new.layers[:-1]] == [layer.digest for layer in base.layers]
    with new.layers[-1].open() as f:
        paths = {"/" + (e.target if e.whiteout else e.path) for e in list_layer(f)}
    assert paths == {change.path for change in c.diff()} == {"/root", "/root/catatan", "/etc", "/etc/group"}
    assert new.config.history[-1].comment == "tambah catatan"
    assert validate(new) == [] and store.verify(BASE) == []
    d = ct.run(store, "catatan:1", ["sh", "-c", "cat /root/catatan; ls /etc"], executor=executor, timeout=60)
    assert d.logs().split() == ["isi", "passwd"]
    assert d.diff() == []


def test_detached_container_runs_stops_and_is_listed(store, base, executor):
    c = ct.run(store, BASE, ["sh", "-c", "echo siap; exec sleep 300"], detach=True, name="tidur",
               executor=executor)
    try:
        assert c.status == "running" and c.exit_code is None
        assert [x.id for x in ct.containers(store, all=False)] == [c.id]
        assert ct.get(store, "tidur").id == c.id == ct.get(store, c.id[:6]).id
        with pytest.raises(ContainerError):
            c.wait(timeout=0.2)
        with pytest.raises(ContainerError, match="masih berjalan"):
            c.remove()
        assert c.stop(timeout=10) == 143
        assert c.status == "exited" and ct.containers(store, all=False) == []
        assert [x.id for x in ct.containers(store, all=True)] == [c.id]
        assert "siap" in c.logs()
    finally:
        c.remove(force=True)


def test_remove_leaves_no_process_and_no_files(store, base, executor):
    c = ct.run(store, BASE, ["sleep", "300"], detach=True, executor=executor)
    pid = c.state["process"]["pid"]
    assert start_time(pid) is not None and group_members(pid)
    c.remove(force=True)
    assert start_time(pid) is None and group_members(pid) == []
    assert not (store.root / "containers" / c.id).exists()
    assert ct.containers(store) == []
    with pytest.raises(ContainerError, match="tidak ditemukan"):
        ct.get(store, c.id)


def test_container_keeps_its_image_through_gc(store, base, executor):
    c = ct.run(store, BASE, ["touch", "/tmp/x"], executor=executor, timeout=60)
    store.remove(BASE, force=True)
    store.remove("dockerlab.local/busybox:" + baseimage.busybox_version(open(baseimage.BUSYBOX, "rb").read()),
                 force=True)
    store.gc()
    assert [str(x) for x in c.diff()] == ["C /tmp", "A /tmp/x"]
    assert validate(c.commit("masih:ada")) == []
    c.remove()
    store.remove("masih:ada")
    store.gc()
    assert list((store.layout / "blobs" / "sha256").iterdir()) == []


def test_names_are_unique_and_valid(store, base, executor):
    ct.run(store, BASE, ["true"], name="satu", executor=executor, timeout=60)
    with pytest.raises(ContainerError, match="'satu' sudah dipakai"):
        ct.run(store, BASE, ["true"], name="satu", executor=executor)
    with pytest.raises(ContainerError, match="tidak sah"):
        ct.run(store, BASE, ["true"], name="-buruk", executor=executor)
    auto = ct.run(store, BASE, ["true"], executor=executor, timeout=60)
    assert "_" in auto.name and auto.name != "satu"


def test_a_taken_name_says_how_to_remove_the_old_container_from_python(store, base, executor,
                                                                        monkeypatch):
    """Like Docker the second run is refused, but the message carries a remedy a cell can run."""
    import dockerlab
    from dockerlab import engines

    monkeypatch.setenv("DOCKERLAB_HOME", str(store.root))
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    engines.reset()
    old = ct.run(store, BASE, ["true"], name="pertama", executor=executor, timeout=60)
    with pytest.raises(ContainerError) as err:
        ct.run(store, BASE, ["true"], name="pertama", executor=executor)
    text = str(err.value)
    remedy = "[k.remove() for k in dockerlab.containers() if k.name == 'pertama']"
    assert f"sudah dipakai kontainer {old.short_id} (status: berhenti (kode keluar 0))" in text
    assert f"`{remedy}`" in text and "`dockerlab rm pertama`" in text
    exec(remedy, {"dockerlab": dockerlab})   # what the learner pastes into a cell
    assert ct.run(store, BASE, ["true"], name="pertama", executor=executor, timeout=60).status == "exited"

    running = ct.run(store, BASE, ["sleep", "60"], name="jalan", detach=True, executor=executor)
    with pytest.raises(ContainerError) as err:
        ct.run(store, BASE, ["true"], name="jalan", executor=executor)
    remedy = "[k.remove(force=True) for k in dockerlab.containers() if k.name == 'jalan']"
    assert f"`{remedy}`" in str(err.value) and "`dockerlab rm -f jalan`" in str(err.value)
    assert "(status: berjalan)" in str(err.value)
    exec(remedy, {"dockerlab": dockerlab})
    assert "jalan" not in {c.name for c in ct.containers(store)} and running.status == "exited"
    engines.reset()


def test_a_taken_name_on_the_docker_engine_names_the_old_container(monkeypatch, docker_host, course_home):
    import dockerlab
    from dockerlab import engines

    monkeypatch.setenv("DOCKER_HOST", docker_host)
    monkeypatch.setenv("DOCKERLAB_ENGINE", "docker")
    engines.reset()
    try:
        dockerlab.base_image()
        old = dockerlab.run(BASE, ["true"], name="dl-pertama")
        with pytest.raises(ContainerError) as err:
            dockerlab.run(BASE, ["true"], name="dl-pertama")
        assert f"kontainer {old.short_id} (status: berhenti (kode keluar 0))" in str(err.value)
        remedy = "[k.remove() for k in dockerlab.containers() if k.name == 'dl-pertama']"
        assert f"`{remedy}`" in str(err.value)
        exec(remedy, {"dockerlab": dockerlab})
        assert "dl-pertama" not in {c.name for c in dockerlab.containers()}
    finally:
        for c in dockerlab.containers():
            if c.name == "dl-pertama":
                c.remove(force=True)
        engines.reset()


def test_failed_start_leaves_nothing(store, base, executor):
    with pytest.raises(ExecError, match="tidak-ada"):
        ct.run(store, BASE, ["tidak-ada"], executor=executor)
    assert ct.containers(store) == []


def test_a_whole_command_in_one_exec_element_is_not_blamed_on_a_missing_shell(store, base, executor):
    """CMD ["echo Selamat belajar Docker!"] names a program that does not exist."""
    with pytest.raises(ExecError) as err:
        ct.run(store, BASE, ["echo Selamat belajar Docker!"], executor=executor)
    text = str(err.value)
    assert "'echo Selamat belajar Docker!'" in text and "elemen sendiri" in text, text
    assert "scratch" not in text and "/bin/sh" not in text, text
    assert ct.containers(store) == []


def test_run_rm_removes_the_container(store, base, executor):
    seen: list[str] = []
    c = ct.run(store, BASE, ["echo", "sekali"], remove=True, output=seen.append, executor=executor, timeout=60)
    assert "".join(seen) == "sekali\n" and not c.dir.exists()


def test_no_executor_says_what_to_install(store, base, monkeypatch):
    monkeypatch.setenv("DOCKERLAB_EXECUTOR", "none")
    with pytest.raises(ExecutorUnavailable, match="apt-get install proot"):
        ct.run(store, BASE, ["true"])
    assert ct.containers(store) == []


def test_arm64_image_runs_emulated(store, executor, need_tool):
    """The multi-platform lesson: an arm64 image runs here through proot + qemu-user-static."""
    need_tool("qemu-aarch64-static")
    need_tool("proot")
    if not os.path.exists(baseimage.ARM64_BUSYBOX):
        missing("busybox-static:arm64 at " + baseimage.ARM64_BUSYBOX, "sudo make arm64-busybox")
    image = baseimage.ensure_base_image(store, baseimage.ARM64_BUSYBOX, platform="linux/arm64")
    c = ct.run(store, image, ["uname", "-m"], executor=executor, timeout=120)
    assert (c.exit_code, c.logs()) == (0, "aarch64\n")


NON_ROOT_SCRIPT = r"""
import json, os, sys
from dockerlab.store import Store
from dockerlab import baseimage
import dockerlab.container as ct
store = Store(sys.argv[1])
c = ct.run(store, "dockerlab.local/busybox", ["sh", "-c", "id -u; echo isi > /root/catatan; rm /etc/group"],
           timeout=120)
new = c.commit("catatan:1")
d = ct.run(store, "catatan:1", ["cat", "/root/catatan"], remove=True, timeout=120)
problems = store.verify("dockerlab.local/busybox:latest") + store.verify("catatan:1")
print(json.dumps({"euid": os.geteuid(), "executor": c.state["executor"], "logs": c.logs(),
                  "diff": [str(x) for x in c.diff()], "again": d.logs(), "problems": len(problems),
                  "layers": len(new.layers)}))
c.remove()
print(json.dumps({"left": os.listdir(os.path.join(sys.argv[1], "containers"))}))
"""


def test_containers_as_an_ordinary_user():
    """Binder: no root anywhere; the store in the user's home; proot runs the containers."""
    import json
    import subprocess
    import tempfile

    if not os.path.exists(baseimage.BUSYBOX):
        missing("busybox-static", "apt-get install busybox-static")
    entry = ordinary_user()
    home = tempfile.mkdtemp(prefix="dockerlab-nonroot-")
    try:
        os.chmod(home, 0o755)
        subprocess.run(["chown", f"{entry.pw_uid}:{entry.pw_gid}", home], check=True)
        done = run_as_ordinary_user(NON_ROOT_SCRIPT, os.path.join(home, "store"), home=home)
        assert done.returncode == 0, done.stderr
        first, second = (json.loads(line) for line in done.stdout.splitlines()[-2:])
        assert first["euid"] == entry.pw_uid and first["executor"] == "proot"
        assert first["logs"] == "0\n" and first["again"] == "isi\n"
        assert first["diff"] == ["C /etc", "D /etc/group", "C /root", "A /root/catatan"]
        assert (first["problems"], first["layers"]) == (0, 2)
        assert second["left"] == []
    finally:
        shutil.rmtree(home, ignore_errors=True)


def test_prune_removes_exited_containers_and_unused_unpacked_images(store, base, executor):
    done = ct.run(store, BASE, ["true"], executor=executor, timeout=60)
    running = ct.run(store, BASE, ["sleep", "300"], detach=True, executor=executor)
    try:
        assert ct.prune(store) == [done.id]
        assert [c.id for c in ct.containers(store)] == [running.id]
        assert lower(store, base).is_dir()  # still used by the running container
    finally:
        running.remove(force=True)
    assert ct.prune(store) == []
    assert list((store.root / "rootfs").iterdir()) == []


def test_a_run_timeout_says_the_container_was_stopped(store, base, executor):
    with pytest.raises(ContainerError) as info:
        ct.run(store, BASE, ["sh", "-c", "exec sleep 300"], name="lambat", executor=executor, timeout=0.5)
    text = str(info.value)
    assert "lambat" in text and "dihentikan" in text and "detach=True" in text and "timeout=" in text
    c = ct.get(store, "lambat")
    assert c.status == "exited"
    c.remove(force=True)


def test_a_bad_change_kind_is_explained_in_indonesian():
    from dockerlab.container.base import Change

    with pytest.raises(ContainerError) as info:
        Change("X", "/tmp/x")
    assert "Jenis perubahan 'X' untuk /tmp/x tidak dikenal" in str(info.value)
