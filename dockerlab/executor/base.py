"""What both executors share: preparing a command, starting it through the launcher, following it.

The launcher (:mod:`._launcher`, a stdlib-only script run as ``python -I -S``) does the part that
differs: namespaces + chroot (:mod:`.namespaces`) or proot (:mod:`.proot`). Everything read from
the root filesystem before the start (``/etc/passwd``, ``/etc/group``, the program's ELF header)
is read confined to the root and only from regular files of bounded size (:mod:`.rootfs`).
"""

from __future__ import annotations

import codecs
import io
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, TextIO, Union

from ..errors import ContainerError
from ..i18n import tr
from . import elf
from .checks import check_program, exec_error
from .process import _CHILDREN, Process, start_time
from .rootfs import DEFAULT_PATH, container_env, resolve, resolve_user

LAUNCHER = Path(__file__).with_name("_launcher.py")
Output = Union[Callable[[str], Any], BinaryIO, TextIO, None]


def _launcher_texts() -> dict[str, str]:
    """The launcher's own lines, in the learner's language (it cannot load the catalogs: ``-I -S``).

    Placeholders stay as ``{name}`` for the launcher to fill in with ``str.replace``.
    """
    return {key: tr(f"executor.launcher.{key}", error="{error}", program="{program}", name="{name}")
            for key in ("setup_failed", "cannot_exec", "not_dir")}


class Executor:
    """Runs processes inside a root filesystem. Subclasses set ``name`` and ``_mode``."""

    name = "?"
    _mode = "?"
    ready_timeout = 60.0  # seconds spawn() waits for the launcher's "command started" signal

    def __init__(self, reason: str = "") -> None:
        self.reason = reason

    def __repr__(self) -> str:
        return f"<Executor {self.name}>"

    def _extra(self, arch: str | None) -> list[str]:
        return []

    def prepare(self, rootfs: str | Path, argv: Iterable[str], *, env=None, workdir: str = "/",
                user: str | int | None = None, hostname: str | None = None) -> dict[str, Any]:
        """Check everything that can be checked before starting; the launcher's spec."""
        root = os.path.abspath(rootfs)
        argv = [str(a) for a in argv]
        who = resolve_user(root, user)
        hostname = hostname or "dockerlab"
        full_env = container_env(env, hostname=hostname, home=who.home)
        path_env = next((e[5:] for e in full_env if e.startswith("PATH=")), DEFAULT_PATH)
        workdir = workdir or "/"
        host_dir = resolve(root, workdir)
        if not host_dir.exists():  # Docker creates a missing working directory
            host_dir.mkdir(parents=True, mode=0o755)
        arch = check_program(root, argv, path_env, workdir, can_emulate=self._can_emulate)
        return {"mode": self._mode, "rootfs": root, "argv": argv, "env": full_env,
                "workdir": workdir, "uid": who.uid, "gid": who.gid, "groups": list(who.groups),
                "hostname": hostname, "proot": getattr(self, "program", None),
                "proot_extra": self._extra(arch), "texts": _launcher_texts()}

    def _can_emulate(self, arch: str) -> bool:
        return elf.binfmt_handler(arch)

    def _launch(self, spec: dict[str, Any], stdout: Any, pass_fds: tuple[int, ...] = ()) -> subprocess.Popen:
        keep = {k: v for k, v in os.environ.items() if k == "PATH" or k.startswith("PROOT_")}
        spec_file = spec["status_file"] + ".spec"
        with open(spec_file, "w", encoding="utf-8") as fh:
            json.dump(spec, fh)
        return subprocess.Popen(
            [sys.executable, "-I", "-S", str(LAUNCHER), spec_file],
            stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.STDOUT,
            start_new_session=True, env=keep, close_fds=True, pass_fds=pass_fds)

    def run(self, rootfs: str | Path, argv: Iterable[str], *, env=None, workdir: str = "/",
            user: str | int | None = None, hostname: str | None = None, output: Output = None,
            timeout: float | None = None) -> int:
        """Run ``argv`` in ``rootfs``; stream its merged output to ``output``; the exit code.

        ``output`` is a callable receiving ``str`` chunks as they arrive, or a file object
        (binary or text). ``env`` is the image's ``ENV`` plus overrides (``K=V`` list or dict).
        Raises :class:`PlatformMismatch` for a program of another CPU and :class:`ExecError`
        when the command cannot be started at all.
        """
        spec = self.prepare(rootfs, argv, env=env, workdir=workdir, user=user, hostname=hostname)
        emit = _emitter(output)
        with tempfile.TemporaryDirectory(prefix="dockerlab-run-") as tmp:
            spec["status_file"] = os.path.join(tmp, "status.json")
            proc = self._launch(spec, subprocess.PIPE)
            try:
                _pump(proc, emit, timeout, spec["argv"])
                code = proc.wait()
            except BaseException:
                _kill_group(proc)
                raise
            try:
                status = json.loads(Path(spec["status_file"]).read_text())
            except (OSError, ValueError):
                status = {"exit_code": code, "exec_error": None}
        if status.get("exec_error"):
            raise exec_error(spec["rootfs"], status["exec_error"])
        return int(status["exit_code"])

    def spawn(self, rootfs: str | Path, argv: Iterable[str], *, log_file: str | Path,
              status_file: str | Path, env=None, workdir: str = "/", user: str | int | None = None,
              hostname: str | None = None, network: str = "none") -> Process:
        """Start ``argv`` detached (own session); output appended to ``log_file``.

        ``network="host"`` keeps the host's network (``--network host``: a server listens on a
        host port); ``"none"`` gives only a loopback of the container's own where namespaces are
        made (proot always shares the host's network)."""
        spec = self.prepare(rootfs, argv, env=env, workdir=workdir, user=user, hostname=hostname)
        spec["network"] = "host" if network == "host" else "none"
        spec["status_file"] = os.path.abspath(status_file)
        for stale in (spec["status_file"], spec["status_file"] + ".exec"):
            if os.path.exists(stale):
                os.unlink(stale)
        fd = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        ready_r, ready_w = os.pipe()
        spec["ready_fd"] = ready_w
        try:
            proc = self._launch(spec, fd, (ready_w,))
        finally:
            os.close(fd)
            os.close(ready_w)
        _CHILDREN[proc.pid] = proc
        process = Process(proc.pid, start_time(proc.pid), spec["status_file"], os.path.abspath(log_file))
        try:  # wait (bounded) until the launcher forwards signals and the command has started
            with selectors.DefaultSelector() as sel:
                sel.register(ready_r, selectors.EVENT_READ)
                ready = sel.select(self.ready_timeout)
        finally:
            os.close(ready_r)
        if not ready:
            _kill_group(proc)
            _CHILDREN.pop(proc.pid, None)
            raise ContainerError("executor.not_ready", argv=" ".join(spec["argv"]), timeout=self.ready_timeout)
        failure = process.exec_failure()
        if failure:
            process.wait(30.0)
            raise exec_error(spec["rootfs"], failure)
        return process


def _emitter(output: Output) -> Callable[[bytes], None]:
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    if output is None:
        return lambda chunk: None
    if callable(output) and not hasattr(output, "write"):
        def call(chunk: bytes) -> None:
            text = decoder.decode(chunk)
            if text:
                output(text)
        return call
    if isinstance(output, io.TextIOBase):
        return lambda chunk: output.write(decoder.decode(chunk))
    return output.write  # a binary file


def _pump(proc: subprocess.Popen, emit: Callable[[bytes], None], timeout: float | None,
          argv: list[str]) -> None:
    deadline = None if timeout is None else time.monotonic() + timeout
    fd = proc.stdout.fileno()
    with selectors.DefaultSelector() as sel:
        sel.register(fd, selectors.EVENT_READ)
        while True:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not sel.select(remaining):
                _kill_group(proc)
                raise ContainerError("executor.timeout", argv=" ".join(argv), timeout=timeout)
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            emit(chunk)
    proc.stdout.close()


def _kill_group(proc: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(2.0 if sig == signal.SIGTERM else 30.0)
            break
        except subprocess.TimeoutExpired:
            continue
