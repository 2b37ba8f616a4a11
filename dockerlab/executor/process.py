"""A handle on a detached container process that any later Python process can pick up again.

The launcher runs in its own session (process group = its pid). The handle records the pid, the
kernel's start time of that pid (so a recycled pid is never mistaken for ours) and the status file
the launcher writes when the command ends. Stopping is Docker's: SIGTERM to the whole group, then
SIGKILL after a timeout.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ContainerError


KILLED = 128 + signal.SIGKILL  # what Docker reports for a container that had to be killed
_CHILDREN: dict[int, subprocess.Popen] = {}  # launchers this Python process started (to reap)


def start_time(pid: int) -> int | None:
    """The kernel's start time of ``pid`` (clock ticks since boot), ``None`` if gone or a zombie."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    if fields[0] in ("Z", "X"):
        return None
    return int(fields[19])


def group_members(pgid: int) -> list[int]:
    """Pids of live (non-zombie) processes in process group ``pgid``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        if fields[0] not in ("Z", "X") and int(fields[2]) == pgid:
            found.append(int(entry))
    return found


@dataclass(frozen=True)
class Process:
    """A detached process started by :meth:`Executor.spawn`."""

    pid: int
    started: int | None
    status_file: str
    log_file: str

    def to_dict(self) -> dict[str, Any]:
        return {"pid": self.pid, "started": self.started, "status_file": self.status_file,
                "log_file": self.log_file}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Process":
        return cls(int(data["pid"]), data.get("started"), str(data["status_file"]), str(data["log_file"]))

    def _reap(self) -> None:
        child = _CHILDREN.get(self.pid)
        if child is not None and child.poll() is not None:
            _CHILDREN.pop(self.pid, None)

    def running(self) -> bool:
        """True while the launcher (and so the container's command) is alive."""
        self._reap()
        now = start_time(self.pid)
        return now is not None and (self.started is None or now == self.started)

    def status(self) -> dict[str, Any] | None:
        """What the launcher wrote when the command ended (``exit_code``, ``exec_error``)."""
        try:
            return json.loads(Path(self.status_file).read_text())
        except (OSError, ValueError):
            return None

    def exec_failure(self) -> dict[str, Any] | None:
        """Why ``execve`` failed, as the launcher reported it (``None``: it did not fail)."""
        for name in (self.status_file + ".exec", self.status_file):
            try:
                data = json.loads(Path(name).read_text())
            except (OSError, ValueError):
                continue
            return data.get("exec_error", data) if name == self.status_file else data
        return None

    def exit_code(self) -> int | None:
        """The command's exit code, ``None`` while it runs."""
        if self.running():
            return None
        status = self.status()
        return int(status["exit_code"]) if status else KILLED

    def wait(self, timeout: float | None = 60.0) -> int:
        """Wait (at most ``timeout`` seconds, ``None`` = forever) and return the exit code."""
        child = _CHILDREN.get(self.pid)
        if child is not None:
            try:
                child.wait(timeout)
            except subprocess.TimeoutExpired:
                raise ContainerError("executor.wait_timeout", pid=self.pid, timeout=timeout) from None
        deadline = None if timeout is None else time.monotonic() + timeout
        delay = 0.005
        while self.running():
            if deadline is not None and time.monotonic() >= deadline:
                raise ContainerError("executor.wait_timeout", pid=self.pid, timeout=timeout)
            time.sleep(delay)
            delay = min(delay * 2, 0.1)
        code = self.exit_code()
        assert code is not None
        return code

    def signal(self, signum: int) -> None:
        """Send ``signum`` to every process of the container's group."""
        if self.running():
            try:
                os.killpg(self.pid, signum)
            except ProcessLookupError:
                pass

    def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM, then SIGKILL after ``timeout`` seconds (like ``docker stop``); the exit code."""
        code: int | None = None
        if self.running():
            self.signal(signal.SIGTERM)
            try:
                code = self.wait(timeout)
            except ContainerError:
                self.signal(signal.SIGKILL)
        if code is None:
            code = self.wait(30.0)
        # Anything left in the group (a proot tracee; a child that ignored SIGTERM while the leader
        # died of it) goes too, as the kernel ends a PID namespace whose init has exited.
        deadline, delay = time.monotonic() + 10.0, 0.005
        while (left := group_members(self.pid)) and time.monotonic() < deadline:
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(delay)  # a SIGKILL is delivered asynchronously: wait, bounded, until it is
            delay = min(delay * 2, 0.1)
        return code
