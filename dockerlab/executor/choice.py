"""Which executor runs here, and why (in the learner's language)."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from ..errors import ExecutorUnavailable
from ..i18n import tr
from .base import LAUNCHER, Executor
from .namespaces import NamespacesExecutor
from .proot import ProotExecutor


@dataclass(frozen=True)
class Detection:
    """Which executor :func:`detect` chose (``None``: none works) and why, learner-readable."""

    executor: Executor | None
    reason: str


def _try(argv: list[str]) -> str | None:
    try:
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    return None if done.returncode == 0 else (done.stdout + done.stderr).decode(errors="replace").strip()[-200:]


@functools.lru_cache(maxsize=None)
def _probe(choice: str, program: str | None, euid: int) -> tuple[str | None, str, tuple[str, Any]]:
    """Cached per (choice, proot path, user): a changed PATH or user is probed afresh."""
    if choice in ("none", "off", "0", "false"):
        return None, "executor.reason.disabled", ("value", choice)
    if choice in ("auto", "namespaces") and euid == 0:
        error = _try([sys.executable, "-I", "-S", str(LAUNCHER), "--probe"])
        if error is None:
            return "namespaces", "executor.reason.namespaces", ("", None)
        if choice == "namespaces":
            return None, "executor.reason.no_namespaces", ("error", error)
    if program is None:
        return None, "executor.reason.no_proot", ("", None)
    error = _try([program, "-r", "/", "-0", "/bin/sh", "-c", "true"])
    if error is not None:
        return None, "executor.reason.proot_broken", ("error", error)
    return "proot", "executor.reason.proot", ("", None)


def probe() -> Detection:
    """The best executor here and why (cached per value of ``DOCKERLAB_EXECUTOR``)."""
    choice = os.environ.get("DOCKERLAB_EXECUTOR", "auto").strip().lower() or "auto"
    name, key, (param, value) = _probe(choice, shutil.which("proot"), os.geteuid())
    reason = tr(key, **({param: value} if param else {}))
    if name == "namespaces":
        return Detection(NamespacesExecutor(reason), reason)
    if name == "proot":
        return Detection(ProotExecutor(reason, shutil.which("proot")), reason)
    return Detection(None, reason)


def detect() -> Executor | None:
    """The best available executor, or ``None`` (see :func:`probe` for the reason)."""
    return probe().executor


def require() -> Executor:
    """The best available executor; :class:`ExecutorUnavailable` says what to install if none."""
    found = probe()
    if found.executor is None:
        raise ExecutorUnavailable("executor.unavailable", reason=found.reason)
    return found.executor
