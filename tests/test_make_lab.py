"""`make lab` — the README's first command — sets up (nothing to do here) and serves JupyterLab."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import urllib.request
from pathlib import Path

import pytest

from dockerlab.registry.server import free_port
from dockerlab.waiting import wait_until

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_make_lab_serves_jupyterlab_on_the_first_notebook(tmp_path):
    if shutil.which("make") is None:
        pytest.fail("make is required")
    port = free_port()
    token = "dockerlab-test-token"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"), "JUPYTER_DATA_DIR": str(tmp_path / "data"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "run"), "DOCKERLAB_HOME": str(tmp_path / "home"),
           "DOCKER_HOST": f"unix://{tmp_path}/no-docker.sock"}
    log = open(tmp_path / "lab.log", "wb")
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_PORT={port}",
         f"LAB_ARGS=--ServerApp.token={token} --ServerApp.ip=127.0.0.1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def status():
        if proc.poll() is not None:
            raise AssertionError((tmp_path / "lab.log").read_text()[-3000:])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2) as r:
            return json.load(r)

    try:
        assert "started" in wait_until(status, timeout=120, what="JupyterLab from make lab")
        url = f"http://127.0.0.1:{port}/api/contents/notebooks/00-pengantar.ipynb?content=0&token={token}"
        with urllib.request.urlopen(url, timeout=10) as r:
            assert json.load(r)["type"] == "notebook"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as r:
            assert r.status == 200 and b"JupyterLab" in r.read()
        # kernels of this lab get the course's IPython startup file (the kernel hook)
        startup = ROOT / ".venv/ipython/profile_default/startup/00-dockerlab.py"
        assert startup.read_text() == (ROOT / "scripts/ipython-startup.py").read_text()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        log.close()
