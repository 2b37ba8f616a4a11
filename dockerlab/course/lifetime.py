"""What a lesson starts in the background (its registry, its containers) stops with the lesson.

A helper that starts something registers how to stop it with :func:`keep`. Everything registered
is stopped by :func:`stop_all`, which :func:`dockerlab.course.start` calls before it makes the next
workspace (the same lesson run again, or another one), and which runs when the kernel's Python
exits (``atexit``: restarting or shutting down the kernel). A process started this way may also be
tied to the kernel's process itself (:func:`tie_to_parent`), so that even a killed kernel leaves
nothing running.
"""

from __future__ import annotations

import atexit
import contextlib
import signal
import threading
from typing import Callable

_lock = threading.Lock()
_stops: dict[str, Callable[[], None]] = {}
_hooked = False


def keep(key: str, stop: Callable[[], None]) -> None:
    """Remember ``stop`` under ``key`` (a later :func:`keep` of the same key replaces it)."""
    global _hooked
    with _lock:
        _stops[key] = stop
        if not _hooked:
            atexit.register(stop_all)
            _hooked = True


def forget(key: str) -> None:
    """``key`` was stopped by its owner: nothing to do for it any more."""
    with _lock:
        _stops.pop(key, None)


def running() -> list[str]:
    """The keys of what is registered now (sorted)."""
    with _lock:
        return sorted(_stops)


def stop_all() -> list[str]:
    """Stop everything registered, newest first; a failure to stop one does not keep the others
    running. Returns the keys stopped."""
    with _lock:
        items = list(_stops.items())[::-1]
        _stops.clear()
    for _key, stop in items:
        with contextlib.suppress(Exception):  # a process already gone: nothing left to stop
            stop()
    return [key for key, _ in items]


def tie_to_parent() -> None:
    """In a child process before ``exec`` (``preexec_fn``): be sent SIGTERM when the process that
    started it dies, even by SIGKILL (Linux ``prctl(PR_SET_PDEATHSIG)``; elsewhere nothing)."""
    import ctypes
    import ctypes.util

    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
