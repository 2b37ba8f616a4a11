"""`make lab` — the README's first command — sets up (nothing to do here), serves JupyterLab,
prints the address to open, and never serves as root when it was started with sudo."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import urllib.request
from pathlib import Path

import pytest

import binder_support as binder
from dockerlab.registry.server import free_port
from dockerlab.waiting import wait_until

ROOT = Path(__file__).resolve().parents[1]


class Lab:
    """A `make lab` started in its own session; its log, its status, and a clean stop."""

    def __init__(self, argv: list[str], *, cwd: Path, env: dict[str, str], log: Path, port: int,
                 token: str) -> None:
        self.port, self.token, self.log_path = port, token, log
        self.log = open(log, "wb")
        self.proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def status(self) -> dict:
        if self.proc.poll() is not None:
            raise AssertionError(self.text()[-3000:])
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/status?token={self.token}",
                                    timeout=2) as r:
            return json.load(r)

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)
        self.log.close()


def _jupyter_dirs(base: Path) -> dict[str, str]:
    return {"JUPYTER_CONFIG_DIR": str(base / "cfg"), "JUPYTER_DATA_DIR": str(base / "data"),
            "JUPYTER_RUNTIME_DIR": str(base / "run")}


@pytest.mark.slow
def test_make_lab_serves_jupyterlab_on_the_first_notebook(tmp_path):
    if shutil.which("make") is None:
        pytest.fail("make is required")
    port, token = free_port(), "dockerlab-test-token"
    env = {**os.environ, **_jupyter_dirs(tmp_path), "DOCKERLAB_HOME": str(tmp_path / "home"),
           "DOCKER_HOST": f"unix://{tmp_path}/no-docker.sock"}
    env.pop("SUDO_USER", None)
    lab = Lab(["make", "--no-print-directory", "lab", f"LAB_PORT={port}", f"LAB_TOKEN={token}",
               "LAB_ARGS=--ServerApp.ip=127.0.0.1"], cwd=ROOT, env=env, log=tmp_path / "lab.log",
              port=port, token=token)
    try:
        assert "started" in wait_until(lab.status, timeout=120, what="JupyterLab from make lab")
        # the address to open, printed before Jupyter's own log lines (it runs --no-browser)
        url = f"http://127.0.0.1:{port}/lab/tree/notebooks/00-pengantar.ipynb?token={token}"
        assert re.search(rf"Buka alamat ini di browser.*\n\s+{re.escape(url)}\n", lab.text()), lab.text()[-2000:]
        with urllib.request.urlopen(url, timeout=10) as r:
            assert r.status == 200 and b"JupyterLab" in r.read()
        contents = f"http://127.0.0.1:{port}/api/contents/notebooks/00-pengantar.ipynb?content=0&token={token}"
        with urllib.request.urlopen(contents, timeout=10) as r:
            assert json.load(r)["type"] == "notebook"
    finally:
        lab.stop()


@pytest.mark.slow
def test_sudo_make_lab_serves_as_the_user_who_typed_it(tmp_path):
    """`sudo make lab` (root, with SUDO_USER set by sudo) installs as root and serves JupyterLab
    as that user: the server process is theirs, not root's. Run in a copy of the repository the
    user owns, with a Python environment the user can run (the Binder-like one)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to stand in for sudo")
    user = binder.ensure_learner()
    env_dir = binder.binder_env(user)
    home = binder.make_home(user)
    try:
        repo = binder.copy_repository(home / "dockerlab")
        stamp = home / "venv-installed"
        stamp.write_text("")
        os.utime(stamp, None)
        binder.chown_tree(home, user)
        port, token = free_port(), "dockerlab-sudo-token"
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/root", "SUDO_USER": user.pw_name,
               "LANG": "C.UTF-8", **_jupyter_dirs(home / "jupyter"),
               "DOCKERLAB_HOME": str(home / "dockerlab-home"), "DOCKER_HOST": binder.NO_DOCKER}
        lab = Lab(["make", "--no-print-directory", "lab", f"LAB_PORT={port}", f"LAB_TOKEN={token}",
                   f"VENV={env_dir}", f"STAMP_VENV={stamp}", "LAB_ARGS=--ServerApp.ip=127.0.0.1"],
                  cwd=repo, env=env, log=home / "lab.log", port=port, token=token)
        try:
            wait_until(lab.status, timeout=180, what="JupyterLab from sudo make lab")
            assert f"dijalankan sebagai {user.pw_name}, bukan sebagai root" in lab.text()
            runtime = home / "jupyter" / "run"
            servers = wait_until(lambda: list(runtime.glob("jpserver-*.json")), timeout=30,
                                 what="the server's runtime file")
            pid = json.loads(servers[0].read_text())["pid"]
            uid = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                       if line.startswith("Uid:"))
            assert uid == user.pw_uid != 0, "JupyterLab must not run as root under sudo"
            assert "--allow-root" not in Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
        finally:
            lab.stop()
    finally:
        binder.remove_tree(home)


def test_the_course_set_up_asks_for_nothing_the_course_does_not_use():
    """`make lab` runs `scripts/system-deps.sh course`: as an ordinary user on a machine with
    every course package, and without the arm64 busybox (only tests use it), it passes — it once
    stopped the learner with "sudo make arm64-busybox"."""
    if os.geteuid() != 0:
        pytest.skip("needs root to make an ordinary user and hide root's extras")
    user = binder.ensure_learner()
    home = binder.make_home(user)
    try:
        env = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "LANG": "C.UTF-8"}
        done = binder.run_as(user, ["bash", str(ROOT / "scripts/system-deps.sh"), "course"], cwd=home,
                             env=env, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "arm64" not in done.stdout + done.stderr
        hidden = binder.run_as(user, ["test", "-e", "/usr/local/lib/dockerlab/arm64/busybox"], cwd=home,
                               env=env, timeout=60)
        assert hidden.returncode != 0, "the arm64 busybox must be hidden from this run"
    finally:
        binder.remove_tree(home)
