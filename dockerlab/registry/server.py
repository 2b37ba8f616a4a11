"""The course's own registry: the real ``registry`` server (Debian's ``docker-registry``).

Started on a free loopback port with its storage in a folder of ours, stopped cleanly. The
configuration is written as JSON, which is valid YAML, so no YAML library is needed.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import urllib.request
from pathlib import Path

from ..errors import ToolMissing
from ..i18n import messages, tr
from ..waiting import wait_until

messages({
    "registry.binary_missing": (
        "Program server registry ({names}) tidak ditemukan. Pasang dengan: "
        "sudo apt-get install docker-registry",
        "The registry server program ({names}) was not found. Install it with: "
        "sudo apt-get install docker-registry",
    ),
    "registry.running": (
        "Registry berjalan di {address} (penyimpanan: {storage})",
        "Registry running at {address} (storage: {storage})",
    ),
    "registry.stopped": (
        "Registry di {address} sudah dihentikan",
        "Registry at {address} has been stopped",
    ),
})

BINARY_NAMES = ("docker-registry", "registry")


def find_binary() -> str:
    """Path of the registry server program, or :class:`ToolMissing` saying how to install it."""
    for name in BINARY_NAMES:
        path = shutil.which(name)
        if path:
            return path
    raise ToolMissing("registry.binary_missing", names=", ".join(BINARY_NAMES))


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class RegistryServer:
    """One running ``registry`` process. Use as a context manager or call :meth:`stop`."""

    def __init__(self, storage: str | Path, *, host: str = "127.0.0.1", port: int | None = None,
                 htpasswd: str | Path | None = None, startup_timeout: float = 20.0) -> None:
        self.storage = Path(storage).resolve()
        self.host = host
        self.port = port or free_port(host)
        self.htpasswd = Path(htpasswd) if htpasswd else None
        self.startup_timeout = startup_timeout
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        """``host:port``, the registry part of an image reference."""
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.address}"

    def _config(self) -> dict:
        config: dict = {
            "version": 0.1,
            "log": {"level": "warn", "accesslog": {"disabled": True}},
            "storage": {"filesystem": {"rootdirectory": str(self.storage / "data")},
                        "delete": {"enabled": True}},
            "http": {"addr": self.address, "secret": "dockerlab-course"},
        }
        if self.htpasswd:
            config["auth"] = {"htpasswd": {"realm": "dockerlab", "path": str(self.htpasswd)}}
        return config

    def start(self) -> "RegistryServer":
        binary = find_binary()
        self.storage.mkdir(parents=True, exist_ok=True)
        config_path = self.storage / "config.yml"
        config_path.write_text(json.dumps(self._config(), indent=2))
        self._log = open(self.storage / "registry.log", "ab")
        self._proc = subprocess.Popen(
            [binary, "serve", str(config_path)], stdout=self._log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
        try:
            wait_until(self._answers, timeout=self.startup_timeout, what=f"registry at {self.url}/v2/")
        except TimeoutError:
            self.stop()
            raise
        return self

    def _answers(self) -> bool:
        if self._proc is not None and self._proc.poll() is not None:
            log = (self.storage / "registry.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"registry exited with {self._proc.returncode}: {log}")
        try:
            with urllib.request.urlopen(f"{self.url}/v2/", timeout=2) as response:
                return response.status == 200
        except urllib.error.HTTPError as exc:  # 401 when auth is on: it answers
            return exc.code == 401
        except OSError:
            return False

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def stop(self, timeout: float = 10.0) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=timeout)
        if getattr(self, "_log", None):
            self._log.close()

    def __enter__(self) -> "RegistryServer":
        return self.start() if not self.running else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<RegistryServer {self.address} {state}>"

    def __str__(self) -> str:
        key = "registry.running" if self.running else "registry.stopped"
        return tr(key, address=self.address, storage=self.storage)


def start_registry(storage: str | Path, **kwargs: object) -> RegistryServer:
    """Start the course's registry on a free loopback port; returns the running server."""
    return RegistryServer(storage, **kwargs).start()  # type: ignore[arg-type]
