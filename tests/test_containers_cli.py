"""``dockerlab run/ps/logs/stop/rm/diff/commit`` as separate processes, like a learner's shell."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from dockerlab.executor import detect
from components import missing

pytestmark = pytest.mark.executor


@pytest.fixture
def cli(tmp_path):
    if not os.path.exists("/usr/bin/busybox"):
        missing("busybox-static", "apt-get install busybox-static")
    if detect() is None:
        missing("an executor (root or proot)", "apt-get install proot")
    env = {**os.environ, "DOCKERLAB_HOME": str(tmp_path / "home"), "DOCKERLAB_ENGINE": "local"}
    env.pop("DOCKERLAB_LANG", None)

    def call(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "dockerlab", *args], capture_output=True,
                              text=True, env=env, timeout=120)
    return call


def test_run_prints_output_and_returns_the_exit_code(cli):
    done = cli("run", "--name", "satu", "-e", "SALAM=halo", "-w", "/kerja",
               "dockerlab.local/busybox", "sh", "-c", 'echo "$SALAM $(pwd)"; exit 5')
    assert (done.returncode, done.stdout) == (5, "halo /kerja\n")
    done = cli("ps", "-a", "--json")
    rows = json.loads(done.stdout)
    assert [(r["name"], r["status"], r["exit_code"]) for r in rows] == [("satu", "exited", 5)]
    table = cli("ps", "-a").stdout.splitlines()
    assert table[0].split()[:2] == ["ID", "KONTAINER"] and "berhenti (kode keluar 5)" in table[1]
    done = cli("container", "prune")
    assert done.stdout.splitlines() == [rows[0]["id"], "Dihapus: 1 kontainer"]
    assert cli("ps", "-a", "-q").stdout == ""


def test_detached_container_across_processes(cli):
    done = cli("run", "-d", "--name", "tidur", "dockerlab.local/busybox", "sh", "-c", "echo siap; exec sleep 300")
    assert done.returncode == 0, done.stderr
    cid = done.stdout.strip()
    assert len(cid) == 64
    try:
        assert cli("ps", "-q").stdout.split() == [cid[:12]]
        assert cli("logs", "tidur").stdout == "siap\n"
        assert cli("stop", "-t", "5", "tidur").returncode == 0
        assert cli("ps", "-q").stdout.split() == []
        assert json.loads(cli("ps", "-a", "--json").stdout)[0]["exit_code"] == 143
    finally:
        cli("rm", "-f", cid[:8])
    assert cli("ps", "-a", "-q").stdout.split() == []


def test_diff_commit_and_run_the_new_image(cli):
    assert cli("run", "--name", "ubah", "dockerlab.local/busybox", "sh", "-c",
               "echo isi > /root/catatan; rm /etc/group").returncode == 0
    done = cli("container", "diff", "ubah")
    assert done.stdout.splitlines() == ["C /etc", "D /etc/group", "C /root", "A /root/catatan"]
    changes = json.loads(cli("container", "diff", "--json", "ubah").stdout)
    assert changes[1] == {"kind": "D", "path": "/etc/group"}
    done = cli("commit", "-m", "catatan", "ubah", "catatan:1")
    assert done.returncode == 0 and done.stdout.startswith("sha256:")
    done = cli("run", "--rm", "catatan:1", "cat", "/root/catatan")
    assert (done.returncode, done.stdout) == (0, "isi\n")


def test_errors_are_indonesian_and_fail(cli):
    done = cli("logs", "tidak-ada")
    assert done.returncode != 0 and "tidak ditemukan" in done.stderr
    done = cli("run", "dockerlab.local/busybox", "program-tidak-ada")
    assert done.returncode != 0 and "'program-tidak-ada' tidak ditemukan" in done.stderr
    done = cli("run", "-e", "=tanpa-nama", "dockerlab.local/busybox", "true")
    assert done.returncode != 0 and "NAMA=nilai" in done.stderr
    assert cli("--lang", "en", "logs", "tidak-ada").stderr.startswith("Error: No container")


@pytest.mark.docker
def test_the_same_verbs_on_the_docker_engine(store, docker_client, docker_host, tmp_path):
    from dockerlab import baseimage
    from dockerlab.engines import transfer
    from dockerlab.engines.docker import DockerEngine

    baseimage.ensure_base_image(store)
    transfer.copy("dockerlab.local/busybox:latest", store, DockerEngine(docker_client, cache_dir=tmp_path / "cache"))
    env = {**os.environ, "DOCKER_HOST": docker_host, "DOCKERLAB_ENGINE": "docker",
           "DOCKERLAB_HOME": str(tmp_path / "home")}

    def call(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "dockerlab", *args], capture_output=True,
                              text=True, env=env, timeout=120)

    done = call("run", "-d", "--name", "dl-cli-tidur", "dockerlab.local/busybox", "sh", "-c",
                "echo siap; touch /tmp/jejak; exec sleep 300")
    assert done.returncode == 0, done.stderr
    try:
        short = done.stdout.strip()[:12]
        assert short in call("ps", "-q").stdout.split()
        assert call("container", "diff", "dl-cli-tidur").stdout.splitlines() == ["C /tmp", "A /tmp/jejak"]
        assert call("stop", "-t", "1", "dl-cli-tidur").returncode == 0
        assert "siap" in call("logs", "dl-cli-tidur").stdout
    finally:
        assert call("rm", "-f", "dl-cli-tidur").returncode == 0
    assert short not in call("ps", "-a", "-q").stdout.split()


def test_run_publishes_a_port_and_keeps_serving_after_the_cli_exits(cli):
    """``dockerlab run -d -p 8080 IMAGE`` serves after the command has returned (the CLI is not a
    lesson: nothing stops its containers at exit); ``ps --json`` names the host port."""
    import urllib.request

    command = ["sh", "-c", 'mkdir /www && echo "dari CLI" > /www/index.html && exec httpd -f -p "$PORT" -h /www']
    done = cli("run", "-d", "-p", "8080", "--name", "web", "dockerlab.local/busybox", *command)
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(cli("ps", "--json").stdout)
    port = row["ports"]["8080"]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as answer:
        assert answer.read() == b"dari CLI\n"
    assert cli("rm", "-f", "web").returncode == 0
