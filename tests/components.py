"""Real components the test session starts: a private Docker Engine and a registry server.

Each is started on private paths (socket, data root, exec root, pidfile under a temporary
folder) so it never collides with another daemon on the machine, and is stopped even when tests
fail. Under ``CI=true`` a missing component is an error; elsewhere the tests that need it skip
with a message that says what to install.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator, Self

import pytest

from dockerlab.waiting import wait_until

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

INSTALL_HINTS = {
    "dockerd": "apt-get install docker.io",
    "podman": "apt-get install podman buildah",
    "docker-registry": "apt-get install docker-registry",
    "skopeo": "apt-get install skopeo",
    "umoci": "apt-get install umoci",
    "dot": "apt-get install graphviz",
    "busybox": "apt-get install busybox-static",
    "proot": "apt-get install proot",
    "chromium": "apt-get install chromium",
    "qemu-aarch64-static": "apt-get install qemu-user-static",
    "docker-credential-pass": "apt-get install golang-docker-credential-helpers pass",
    "pass": "apt-get install pass",
    "gpg": "apt-get install gpg",
}


def record(report: Path, key: str, result: dict) -> None:
    """Add ``result`` under ``key`` to the JSON report ``report`` (test-output/…): timings and
    memory that notebooks/panduan-pengajar.md quotes."""
    import json

    report.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = json.loads(report.read_text())
    except (OSError, ValueError):
        data = {}
    data[key] = result
    report.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def not_available(what: str, hint: str) -> str:
    return f"{what} is not available here; install it with: {hint}"


def missing(what: str, hint: str) -> None:
    """Fail under CI, skip elsewhere — with the install hint either way."""
    message = not_available(what, hint)
    if IN_CI:
        pytest.fail(f"CI=true: {message}", pytrace=False)
    pytest.skip(message)


def need_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        missing(f"the program {name!r}", INSTALL_HINTS.get(name, f"apt-get install {name}"))
    return path


class _ApiDaemon:
    """A daemon of our own that answers the Docker API on a private unix socket under a temporary
    folder: started in its own session with its output in a log there, waited for until a
    ``docker.DockerClient`` gets an answer, and stopped — its containers cleared, SIGTERM then
    SIGKILL, its mounts unmounted and the folder removed. A subclass names the program, the
    folder's prefix, the socket and log files, and the command line."""

    program: str
    prefix: str
    socket_name: str
    log_name: str
    what: str  # the daemon in messages, e.g. "dockerd"
    title: str  # what is missing without the program, e.g. "the Docker Engine (dockerd)"
    started: str  # what needs root, e.g. "a Docker Engine we may start"
    host_variable: str  # the variable a client reads the daemon's host from

    @classmethod
    def lacking(cls) -> tuple[str, str] | None:
        """What this machine lacks to start the daemon, with how to get it (``missing``'s
        arguments); ``None`` when it can start."""
        if shutil.which(cls.program) is None:
            return cls.title, INSTALL_HINTS[cls.program]
        if os.geteuid() != 0:
            return f"{cls.started} (needs root)", "run the tests as root"
        return None

    def export(self, environ) -> None:
        """Point ``environ`` (``os.environ``) at this daemon, as a kernel or client reads it."""
        environ[self.host_variable] = self.host

    def __init__(self) -> None:
        # Short path: unix socket paths are limited to 108 bytes.
        self.root = Path(tempfile.mkdtemp(prefix=self.prefix))
        self.socket = self.root / self.socket_name
        self.host = f"unix://{self.socket}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.client = None

    def _command(self, binary: str) -> list[str]:
        raise NotImplementedError

    def _prepare(self) -> None:
        """Write what the daemon reads before it starts (nothing by default)."""

    def _env(self) -> dict[str, str] | None:
        """The daemon's environment (``None``: this process's)."""
        return None

    def _clear(self) -> None:
        """Remove what the running daemon holds before it is told to stop (nothing by default)."""

    def start(self, timeout: float = 60.0) -> Self:
        binary = shutil.which(self.program)
        if binary is None:
            raise FileNotFoundError(self.program)
        self._prepare()
        log = open(self.root / self.log_name, "ab")
        self.proc = subprocess.Popen(self._command(binary), stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True, env=self._env())
        log.close()
        import docker

        def answers():
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.what} exited: {self.log_tail()}")
            if not self.socket.exists():
                return None
            client = docker.DockerClient(base_url=self.host, timeout=5)
            client.version()
            return client

        try:
            self.client = wait_until(answers, timeout=timeout, what=f"{self.what} on {self.host}")
        except Exception:
            self.stop()
            raise
        return self

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return (self.root / self.log_name).read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self, timeout: float = 30.0) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            self._clear()
        if self.client is not None:
            self.client.close()
            self.client = None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=timeout)
        # Containers may leave mounts under the root; unmount before deleting.
        subprocess.run(["sh", "-c", f"grep -o ' {self.root}[^ ]*' /proc/mounts | sort -r | "
                        "xargs -r -n1 umount -l"], check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def session_daemon(kind: type[_ApiDaemon]) -> Iterator[_ApiDaemon]:
    """The body of a session fixture: a started ``kind`` daemon, stopped at the end; skips
    (fails under CI=true) where it cannot start."""
    lack = kind.lacking()
    if lack is not None:
        missing(*lack)
    daemon = kind().start()
    try:
        yield daemon
    finally:
        daemon.stop()


class DockerDaemon(_ApiDaemon):
    """A ``dockerd`` of our own on a private unix socket."""

    program = "dockerd"
    prefix = "dl-dockerd-"
    socket_name = "docker.sock"
    log_name = "dockerd.log"
    what = "dockerd"
    title = "the Docker Engine (dockerd)"
    started = "a Docker Engine we may start"
    host_variable = "DOCKER_HOST"

    def _command(self, binary: str) -> list[str]:
        return [binary, "--iptables=false", "--ip6tables=false", "--bridge=none",
                "--host", self.host, "--data-root", str(self.root / "data"),
                "--exec-root", str(self.root / "exec"), "--pidfile", str(self.root / "dockerd.pid"),
                "--containerd-namespace", "dockerlab-test", "--containerd-plugins-namespace",
                "dockerlab-test-plugins"]

    def _clear(self) -> None:
        if self.client is None:
            return
        try:
            for container in self.client.containers.list(all=True):
                container.remove(force=True)
            # A network's bridge lives in the host's namespace and outlives dockerd: without
            # this, every session leaves one behind until Docker's address pools run out.
            self.client.networks.prune()
        except Exception:  # noqa: BLE001 - best effort before the daemon goes
            pass


class PodmanService(_ApiDaemon):
    """A Podman API service of our own (``podman system service``): its own root, runroot and
    storage.conf (the vfs driver: no overlay mounts inside a container), its socket under a
    temporary folder. ``host`` is what ``CONTAINER_HOST``/``DOCKER_HOST`` take."""

    program = "podman"
    prefix = "dl-podman-"
    socket_name = "podman.sock"
    log_name = "podman.log"
    what = "podman system service"
    title = "Podman (podman, buildah)"
    started = "a Podman service we may start with its own storage"
    host_variable = "CONTAINER_HOST"

    def __init__(self) -> None:
        super().__init__()
        self.conf = self.root / "storage.conf"

    def env(self) -> dict[str, str]:
        """The environment of a local ``podman`` (no CONTAINER_HOST: that would make it a remote client)."""
        env = {k: v for k, v in os.environ.items() if k not in ("CONTAINER_HOST", "CONTAINER_CONNECTION")}
        return {**env, "CONTAINERS_STORAGE_CONF": str(self.conf)}

    def podman(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run the ``podman`` command line on this service's storage (an independent check)."""
        done = subprocess.run([shutil.which("podman") or "podman", *self._storage(), *args], env=self.env(),
                              capture_output=True, text=True, timeout=300)
        if check and done.returncode:
            raise RuntimeError(f"podman {' '.join(args)}: exit {done.returncode}: {done.stderr.strip()}")
        return done

    def export(self, environ) -> None:
        super().export(environ)
        environ.pop("DOCKER_HOST", None)  # a Docker client would read it before CONTAINER_HOST

    def _storage(self) -> list[str]:
        return ["--root", str(self.root / "root"), "--runroot", str(self.root / "run"), "--storage-driver", "vfs"]

    def _prepare(self) -> None:
        self.conf.write_text(f'[storage]\ndriver = "vfs"\ngraphroot = "{self.root / "root"}"\n'
                             f'runroot = "{self.root / "run"}"\n')

    def _env(self) -> dict[str, str]:
        return self.env()

    def _command(self, binary: str) -> list[str]:
        return [binary, *self._storage(), "system", "service", "--time=0", self.host]

    def _clear(self) -> None:
        # Containers first (conmon outlives the service otherwise), then the service.
        self.podman("rm", "--all", "--force", "--time", "0", check=False)
