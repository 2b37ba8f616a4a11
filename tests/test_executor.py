"""The executor, for real: namespaces+chroot as root, proot forced, and detection turned off."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import dockerlab
from dockerlab.errors import ContainerError, ExecutorUnavailable, PlatformMismatch
from dockerlab.executor import ExecError, NamespacesExecutor, ProotExecutor, probe, require
from dockerlab.executor.checks import exec_error
from dockerlab.executor.rootfs import resolve_user
from dockerlab.executor.process import group_members
from components import missing
from rootfs_helpers import foreign_elf, make_rootfs, ordinary_user, run_as_ordinary_user

pytestmark = pytest.mark.executor


@pytest.fixture(params=["namespaces", "proot"])
def executor(request):
    if request.param == "namespaces":
        if os.geteuid() != 0:
            missing("root (for namespaces + chroot)", "run the tests as root")
        return NamespacesExecutor("test")
    path = shutil.which("proot")
    if path is None:
        missing("proot", "apt-get install proot")
    return ProotExecutor("test", path)


@pytest.fixture
def rootfs(tmp_path):
    return make_rootfs(tmp_path / "rootfs")


def run(executor, rootfs, script, **kw):
    out: list[str] = []
    code = executor.run(rootfs, ["sh", "-c", script], output=out.append, timeout=60, **kw)
    return code, "".join(out)


def test_exit_code_and_merged_output(executor, rootfs):
    code, out = run(executor, rootfs, "echo keluar; echo galat >&2; exit 3")
    assert code == 3
    assert out.splitlines() == ["keluar", "galat"]


def test_clean_environment_like_docker(executor, rootfs, monkeypatch):
    monkeypatch.setenv("HOST_SECRET", "jangan-bocor")
    code, out = run(executor, rootfs, "env", env={"APP": "halo", "PATH": "/bin"}, hostname="abc123")
    env = dict(line.split("=", 1) for line in out.splitlines())
    assert code == 0
    assert "HOST_SECRET" not in env
    assert env["APP"] == "halo" and env["PATH"] == "/bin"
    assert env["HOSTNAME"] == "abc123" and env["HOME"] == "/root"
    code, out = run(executor, rootfs, "echo $PATH")
    assert out.strip() == "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def test_workdir_is_created_and_used(executor, rootfs):
    code, out = run(executor, rootfs, "pwd", workdir="/srv/app")
    assert (code, out.strip()) == (0, "/srv/app")
    assert (rootfs / "srv" / "app").is_dir()


@pytest.mark.parametrize("user, expected", [
    ("app", "1000 1000 /home/app"),
    ("nobody", "65534 65534 /nonexistent"),
    ("1234:55", "1234 55 /"),
    ("app:staff", "1000 50 /home/app"),
    (None, "0 0 /root"),
])
def test_user_is_resolved_in_the_image(executor, rootfs, user, expected):
    code, out = run(executor, rootfs, 'echo "$(id -u) $(id -g) $HOME"', user=user)
    assert (code, out.strip()) == (0, expected)


@pytest.mark.parametrize("user, expected", [
    (None, (0,)),
    ("app", (1000, 50)),  # the primary group, then each /etc/group line naming the user
    ("app:staff", (50,)),  # an explicit group: no lookup in /etc/group (Docker's rule)
    ("1000", (1000, 50)),
    ("1234:55", (55,)),
])
def test_supplementary_groups_are_dockers(rootfs, user, expected):
    assert resolve_user(rootfs, user).groups == expected


def test_the_process_gets_the_supplementary_groups(rootfs):
    if os.geteuid() != 0:
        missing("root (for namespaces + chroot)", "run the tests as root")
    code, out = run(NamespacesExecutor(), rootfs, "id -G; id -G app", user="app")
    assert (code, out.split("\n")[0].split()) == (0, ["1000", "50"])


def test_commands_run_with_dockers_umask(executor, rootfs):
    old = os.umask(0o077)  # the caller's umask must not leak into the container
    try:
        code, out = run(executor, rootfs, "umask; touch /tmp/f; mkdir /tmp/d; stat -c %a /tmp/f /tmp/d")
    finally:
        os.umask(old)
    assert (code, out.split()) == (0, ["0022", "644", "755"])


def test_unknown_user_is_explained(executor, rootfs):
    with pytest.raises(ContainerError, match="'tidakada'.*/etc/passwd"):
        run(executor, rootfs, "true", user="tidakada")


def test_output_streams_while_the_command_runs(executor, rootfs):
    # The command waits for a file that only the output callback creates: if output were
    # delivered at the end, this would hang until the timeout.
    seen: list[str] = []

    def on_output(text: str) -> None:
        seen.append(text)
        if "pertama" in text:
            (rootfs / "tmp" / "lanjut").touch()

    script = "echo pertama; while [ ! -e /tmp/lanjut ]; do usleep 10000; done; echo kedua"
    code = executor.run(rootfs, ["sh", "-c", script], output=on_output, timeout=30)
    assert code == 0 and "".join(seen).split() == ["pertama", "kedua"]


def test_missing_command_is_explained(executor, rootfs):
    with pytest.raises(ExecError, match="'tidak-ada-program'.*PATH="):
        executor.run(rootfs, ["tidak-ada-program"])


def test_missing_command_blames_the_program_not_a_missing_shell(executor, rootfs):
    with pytest.raises(ExecError) as err:
        executor.run(rootfs, ["tidak-ada-program"])
    assert "scratch" not in str(err.value) and "/bin/sh" not in str(err.value)


def test_a_whole_command_in_one_exec_element_is_explained(executor, rootfs):
    """CMD ["echo Selamat belajar Docker!"]: the program of that name does not exist."""
    with pytest.raises(ExecError) as err:
        executor.run(rootfs, ["echo Selamat belajar Docker!"])
    text = str(err.value)
    assert "'echo Selamat belajar Docker!'" in text and "elemen sendiri" in text, text
    assert '["echo", "Selamat", "belajar", "Docker!"]' in text and "scratch" not in text, text


def test_a_missing_shell_is_explained_as_an_image_without_one(executor, rootfs):
    (rootfs / "bin" / "sh").unlink()
    with pytest.raises(ExecError) as err:
        executor.run(rootfs, ["/bin/sh", "-c", "echo halo"])
    assert "'/bin/sh'" in str(err.value) and "FROM scratch" in str(err.value), str(err.value)


def test_foreign_binary_is_a_platform_mismatch(executor, rootfs):
    foreign_elf(rootfs / "bin" / "asing", 0x1234)
    with pytest.raises(PlatformMismatch) as info:
        executor.run(rootfs, ["asing"])
    text = str(info.value)
    assert "exec format error" in text and "qemu-user-static" in text and "CPU" in text
    dockerlab.set_language("en")
    assert "cannot run another architecture" in str(info.value)


def test_script_with_foreign_interpreter_is_a_platform_mismatch(executor, rootfs):
    foreign_elf(rootfs / "bin" / "asing", 0x1234)
    script = rootfs / "bin" / "skrip"
    script.write_text("#!/bin/asing\n")
    script.chmod(0o755)
    with pytest.raises(PlatformMismatch, match="/bin/asing"):
        executor.run(rootfs, ["/bin/skrip"])


def test_exec_format_error_reported_by_the_kernel_is_explained(rootfs):
    foreign_elf(rootfs / "bin" / "asing", 183)  # aarch64
    error = exec_error(str(rootfs), {"errno": 8, "argv0": "/bin/asing", "strerror": "Exec format error"})
    assert isinstance(error, PlatformMismatch) and "arm64" in str(error)


def test_timeout_stops_the_command(executor, rootfs):
    with pytest.raises(ContainerError, match="sleep 100"):
        executor.run(rootfs, ["sleep", "100"], timeout=0.5)


def test_spawn_stop_and_wait(executor, rootfs, tmp_path):
    log, status = tmp_path / "log", tmp_path / "status.json"
    proc = executor.spawn(rootfs, ["sh", "-c", "echo mulai; exec sleep 100"], log_file=log, status_file=status)
    assert proc.running()
    with pytest.raises(ContainerError, match=str(proc.pid)):
        proc.wait(timeout=0.2)
    assert proc.stop(timeout=10) == 143  # SIGTERM, like docker stop
    assert not proc.running() and group_members(proc.pid) == []
    assert log.read_text() == "mulai\n"


def test_stop_kills_a_command_that_ignores_sigterm(executor, rootfs, tmp_path):
    proc = executor.spawn(rootfs, ["sh", "-c", "trap '' TERM; sleep 100; sleep 100"],
                          log_file=tmp_path / "log", status_file=tmp_path / "status.json")
    assert proc.stop(timeout=0.5) in (137, 143)
    assert not proc.running() and group_members(proc.pid) == []


def test_detached_exit_code_survives_the_handle(executor, rootfs, tmp_path):
    from dockerlab.executor import Process

    proc = executor.spawn(rootfs, ["sh", "-c", "exit 7"], log_file=tmp_path / "log",
                          status_file=tmp_path / "status.json")
    again = Process.from_dict(proc.to_dict())  # what another Python process would do
    assert again.wait(timeout=30) == 7 and proc.exit_code() == 7


def test_namespaces_isolate_pids_network_and_hostname(rootfs):
    if os.geteuid() != 0:
        missing("root (for namespaces + chroot)", "run the tests as root")
    code, out = run(NamespacesExecutor(), rootfs,
                    "ls /proc | grep -c '^[0-9]'; hostname; tail -n +3 /proc/net/dev | cut -d: -f1; ls /dev",
                    hostname="kontainer1")
    lines = [line.strip() for line in out.splitlines()]
    assert code == 0
    assert int(lines[0]) < 10  # only the container's own processes
    assert lines[1] == "kontainer1"
    assert lines[2] == "lo"  # --network none: loopback only
    assert {"null", "zero", "urandom", "shm"} <= set(lines[3:])
    assert not (rootfs / "proc").exists() and not (rootfs / "dev").exists()  # no trace left


def test_detection_turned_off_says_what_to_install(monkeypatch):
    monkeypatch.setenv("DOCKERLAB_EXECUTOR", "none")
    found = probe()
    assert found.executor is None and "DOCKERLAB_EXECUTOR" in found.reason
    with pytest.raises(ExecutorUnavailable) as info:
        require()
    assert "apt-get install proot" in str(info.value) and "Pasang" in str(info.value)


def test_detection_prefers_namespaces_as_root_and_can_be_forced_to_proot(monkeypatch):
    if os.geteuid() != 0:
        missing("root", "run the tests as root")
    assert probe().executor.name == "namespaces"
    monkeypatch.setenv("DOCKERLAB_EXECUTOR", "proot")
    if shutil.which("proot") is None:
        missing("proot", "apt-get install proot")
    found = probe()
    assert found.executor.name == "proot" and "proot" in found.reason


NON_ROOT_SCRIPT = r"""
import json, os, sys
from dockerlab.executor import detect
executor = detect()
out = []
code = executor.run(sys.argv[1], ["sh", "-c", "id -u; id -un; touch /root/x; ls -ln /root/x"],
                    output=out.append, timeout=60)
app = []
executor.run(sys.argv[1], ["id", "-u"], user="app", output=app.append, timeout=60)
print(json.dumps({"euid": os.geteuid(), "executor": executor.name, "code": code,
                  "out": "".join(out), "app": "".join(app)}))
"""


def test_proot_as_an_ordinary_user():
    """The Binder case: no root, proot fakes root inside the image."""
    import json
    import subprocess
    import tempfile

    entry = ordinary_user()
    base = tempfile.mkdtemp(prefix="dockerlab-nonroot-")
    try:
        os.chmod(base, 0o755)
        root = make_rootfs(Path(base) / "rootfs")
        subprocess.run(["chown", "-R", f"{entry.pw_uid}:{entry.pw_gid}", base], check=True)
        done = run_as_ordinary_user(NON_ROOT_SCRIPT, str(root), home=base)
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout.splitlines()[-1])
        assert result["euid"] == entry.pw_uid != 0
        assert result["executor"] == "proot" and result["code"] == 0
        lines = result["out"].splitlines()
        assert lines[:2] == ["0", "root"]  # fake root inside
        assert " 0 " in lines[2] and lines[2].endswith("/root/x")
        assert result["app"].strip() == "1000"
        assert (root / "root" / "x").stat().st_uid == entry.pw_uid  # really the user's file
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_a_symlinked_dev_is_never_mounted_through(rootfs, tmp_path):
    if os.geteuid() != 0:
        missing("root (for namespaces + chroot)", "run the tests as root")
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(str(outside), rootfs / "dev")
    code, out = run(NamespacesExecutor(), rootfs, "true")
    assert code == 125 and "/dev" in out
    assert list(outside.iterdir()) == []


def test_spawn_stops_a_launcher_that_never_signals_ready(rootfs, tmp_path):
    import subprocess

    from dockerlab.errors import ContainerError

    launched = []

    class Stuck(NamespacesExecutor):
        """A real process that holds the ready pipe open and never signals (a hung launcher)."""

        ready_timeout = 0.5

        def _launch(self, spec, stdout, pass_fds=()):
            proc = subprocess.Popen(["sleep", "300"], stdout=stdout, stderr=subprocess.STDOUT,
                                    start_new_session=True, pass_fds=pass_fds)
            launched.append(proc)
            return proc

    with pytest.raises(ContainerError) as info:
        Stuck("test").spawn(rootfs, ["true"], log_file=tmp_path / "log", status_file=tmp_path / "status.json")
    assert "tidak mulai berjalan" in str(info.value) and "true" in str(info.value)
    assert launched[0].poll() is not None  # the launcher's group was killed and reaped


def test_launcher_lines_on_the_output_are_in_the_learners_language(rootfs):
    if os.geteuid() != 0:
        missing("root (for namespaces + chroot)", "run the tests as root")
    proc = Path(rootfs) / "proc"
    if proc.is_dir():
        proc.rmdir()
    proc.write_text("bukan folder\n")
    out: list[str] = []
    code = NamespacesExecutor("test").run(rootfs, ["/bin/sh", "-c", "true"], output=out.append)
    text = "".join(out)
    assert code == 125
    assert "/proc di dalam image bukan folder" in text and "launcher" not in text


def test_merge_env_and_container_env_agree_on_overrides():
    from dockerlab.executor.rootfs import container_env, merge_env

    image = ["PATH=/bin", "A=1", "B=2"]
    extra = {"B": "3", "C": "x=y"}
    assert merge_env(image, extra) == ["PATH=/bin", "A=1", "B=3", "C=x=y"]
    full = container_env(merge_env(image, extra), hostname="h", home="/root")
    assert full == ["PATH=/bin", "HOSTNAME=h", "A=1", "B=3", "C=x=y", "HOME=/root"]
