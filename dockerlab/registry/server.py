"""The course's own registry: the real ``registry`` server (Debian's ``docker-registry``).

Started on a free loopback port with its storage in a folder of ours (default
``$DOCKERLAB_HOME/registry``), stopped cleanly. A state file (``registry.json``: pid, address)
lets a second process — ``dockerlab registry stop`` after ``dockerlab registry start`` — find
and stop it. Options: htpasswd basic auth, token auth (``auth.token``), and a pull-through mirror
(``proxy.remoteurl``) for classrooms. The configuration is written as JSON, which is valid YAML,
so no YAML library is needed.
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

from ..errors import RegistryError, ToolMissing
from ..i18n import tr
from ..store import default_root
from ..waiting import wait_until


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


def default_storage() -> Path:
    """``$DOCKERLAB_HOME/registry`` (the course folder; see :func:`dockerlab.store.default_root`)."""
    return default_root() / "registry"


STATE_FILE = "registry.json"


class RegistryServer:
    """One running ``registry`` process. Use as a context manager or call :meth:`stop`.

    ``token`` configures ``auth.token`` (``realm``, ``service``, ``issuer``, ``rootcertbundle``);
    ``mirror_of`` makes it a pull-through cache of that upstream registry URL.
    """

    def __init__(self, storage: str | Path | None = None, *, host: str = "127.0.0.1", port: int | None = None,
                 htpasswd: str | Path | None = None, token: dict[str, str] | None = None,
                 mirror_of: str | None = None, startup_timeout: float = 20.0) -> None:
        self.storage = Path(storage if storage is not None else default_storage()).expanduser().resolve()
        self.host = host
        self._fixed_port = bool(port)
        self.port = port or free_port(host)
        self.htpasswd = Path(htpasswd) if htpasswd else None
        self.token = dict(token) if token else None
        self.mirror_of = mirror_of
        self.startup_timeout = startup_timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self.pid: int | None = None

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
        if self.token:
            config["auth"] = {"token": self.token}
        if self.mirror_of:
            config["proxy"] = {"remoteurl": self.mirror_of}
        return config

    def start(self) -> "RegistryServer":
        """Run the server and wait until it answers on ``/v2/``.

        A port chosen by :func:`free_port` can be taken by someone else before the server binds it;
        in that case (``address already in use`` in the log) it is tried once more on a new port.
        """
        binary = find_binary()
        self.storage.mkdir(parents=True, exist_ok=True)
        attempts = 1 if self._fixed_port else 2
        for attempt in range(attempts):
            failure = self._start_once(binary)
            if failure is None:
                break
            code, tail = failure
            if attempt + 1 < attempts and "address already in use" in tail:
                self.port = free_port(self.host)
                continue
            raise RegistryError("registry.exited", code=code, log=self.storage / "registry.log", tail=tail)
        (self.storage / STATE_FILE).write_text(json.dumps(
            {"pid": self.pid, "host": self.host, "port": self.port, "binary": binary}))
        return self

    def _start_once(self, binary: str) -> tuple[int, str] | None:
        """Launch and wait; ``None`` when it answers, ``(exit code, log tail)`` when it exited."""
        config_path = self.storage / "config.yml"
        config_path.write_text(json.dumps(self._config(), indent=2))
        log_path = self.storage / "registry.log"
        with open(log_path, "ab") as log:
            offset = log.tell()
            self._proc = subprocess.Popen(
                [binary, "serve", str(config_path)], stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )
        self.pid = self._proc.pid
        proc = self._proc
        try:
            wait_until(lambda: proc.poll() is not None or self._answers(), timeout=self.startup_timeout,
                       what=f"registry at {self.url}/v2/")
        except TimeoutError:
            self.stop()
            raise RegistryError("registry.start_timeout", address=self.address, timeout=self.startup_timeout,
                                log=log_path, tail=_log_tail(log_path, offset)) from None
        except BaseException:
            self.stop()
            raise
        if proc.poll() is None:
            return None
        self._proc = self.pid = None
        return proc.returncode, _log_tail(log_path, offset)

    @classmethod
    def attach(cls, storage: str | Path | None = None) -> "RegistryServer | None":
        """The registry a state file says runs with ``storage`` (started by another process), if alive."""
        server = cls(storage, port=1)
        try:
            state = json.loads((server.storage / STATE_FILE).read_text())
        except (OSError, ValueError):
            return None
        server.host, server.port, server.pid = state["host"], int(state["port"]), int(state["pid"])
        if not server.running:
            (server.storage / STATE_FILE).unlink(missing_ok=True)
            return None
        return server

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/v2/", timeout=2) as response:
                return response.status == 200
        except urllib.error.HTTPError as exc:  # 401 when auth is on: it answers
            return exc.code == 401
        except OSError:
            return False

    @property
    def running(self) -> bool:
        if self._proc is not None:
            return self._proc.poll() is None
        return self.pid is not None and _is_our_registry(self.pid, self.storage)

    def stop(self, timeout: float = 10.0) -> None:
        proc, self._proc = self._proc, None
        pid, self.pid = self.pid, None
        if proc is not None:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=timeout)
        elif pid is not None and _is_our_registry(pid, self.storage):
            os.killpg(pid, signal.SIGTERM)
            try:
                wait_until(lambda: not _alive(pid), timeout=timeout, what=f"registry {pid} exit")
            except TimeoutError:
                os.killpg(pid, signal.SIGKILL)
                wait_until(lambda: not _alive(pid), timeout=timeout, what=f"registry {pid} exit")
        state = self.storage / STATE_FILE
        if state.exists() and pid is not None:
            try:
                if json.loads(state.read_text()).get("pid") == pid:
                    state.unlink()
            except (OSError, ValueError):
                pass

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


def _log_tail(path: Path, offset: int = 0, limit: int = 2000) -> str:
    """The end of what the server wrote to ``path`` after ``offset`` (this start only)."""
    try:
        with open(path, "rb") as log:
            log.seek(offset)
            text = log.read().decode(errors="replace")
    except OSError:
        return ""
    return text[-limit:] or tr("registry.log_empty")


def _alive(pid: int) -> bool:
    """The process exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _is_our_registry(pid: int, storage: Path) -> bool:
    """Is ``pid`` alive and the registry serving ``storage`` (not a recycled pid)?"""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return _alive(pid) and str(storage / "config.yml").encode() in cmdline


def start_registry(storage: str | Path | None = None, **kwargs: object) -> RegistryServer:
    """Start the course's registry on a free loopback port; returns the running server.

    Storage defaults to ``$DOCKERLAB_HOME/registry``. If a registry already runs with that storage
    (started by this or another process), that one is returned instead of a second.
    """
    running = RegistryServer.attach(storage)
    if running is not None:
        return running
    return RegistryServer(storage, **kwargs).start()  # type: ignore[arg-type]


def stop_registry(storage: str | Path | None = None) -> RegistryServer:
    """Stop the course registry running with ``storage`` (found through its state file)."""
    running = RegistryServer.attach(storage)
    if running is None:
        raise RegistryError("registry.not_running", storage=RegistryServer(storage, port=1).storage)
    running.stop()
    return running
