"""Deleting a folder tree whose directory modes stand in the way: :func:`remove_tree`.

A leaf module (it imports nothing of the package), so the tar unpacker, the store, archives, the
registry client and containers can all use the one recursive delete without importing each
other. Written around :func:`shutil.rmtree` rather than replacing it: rmtree already walks the
tree safely (by file descriptor, never following symlinks); the error handler only opens up the
folders an ordinary user may not list (``000``, ``0300``), search (``0444``) or write (``0555``),
which image layers hold and which ``rmtree`` alone cannot remove without root.
"""

from __future__ import annotations

import functools
import os
import shutil
import stat
import sys
from typing import Any

# rmtree reports a folder it could not open or list with one of these: the folder itself needs
# opening up (and emptying) – retrying the call would not help, and os.open needs more arguments.
_OPENING = frozenset({os.open, os.scandir, os.listdir})


def _rmtree(path: str | os.PathLike[str], top: str) -> None:
    fix = functools.partial(_fix, top=top)
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=fix)
    else:  # Python < 3.12 (onerror gets exc_info, not the exception)
        shutil.rmtree(path, onerror=fix)


def _open_up(path: str, bits: int) -> bool:
    """Add permission ``bits`` to ``path``; False when it had them all already."""
    st = os.lstat(path)
    mode = stat.S_IMODE(st.st_mode)
    if mode & bits == bits:
        return False
    os.chmod(path, mode | bits)
    return True


def _fix(func: Any, name: str, exc: Any, *, top: str) -> None:
    """rmtree's error handler: make ``name`` removable, then remove it (or retry ``func``).
    Only folders inside the tree are opened up: the parent of ``top`` is never touched (where
    ``rm -rf`` would fail to remove ``top``, so does this)."""
    if func in _OPENING:  # a folder without read or search permission (000, 0300 …)
        if not stat.S_ISDIR(os.lstat(name).st_mode) or not _open_up(name, 0o700):
            # not a permission problem we can solve: report rmtree's own error
            raise exc if isinstance(exc, BaseException) else exc[1]
        _rmtree(name, top)
        return
    if os.path.abspath(name) == top:  # removing the top itself: its parent is not ours to change
        raise exc if isinstance(exc, BaseException) else exc[1]
    parent = os.path.dirname(name) or os.curdir
    _open_up(parent, 0o700)  # unlink/rmdir need write and search permission on the parent
    if func is os.lstat:  # the parent was not searchable (0444): rmtree skipped ``name``
        if stat.S_ISDIR(os.lstat(name).st_mode):
            _rmtree(name, top)
        else:
            os.unlink(name)
        return
    try:
        func(name)
    except FileNotFoundError:  # already removed by an earlier call of this handler
        pass


def remove_tree(path: str | os.PathLike[str]) -> None:
    """Delete ``path`` (a folder tree, a file or a symlink) even where directory modes
    (``000``, ``0300``, ``0444``, ``0555`` …) forbid it; nothing at ``path`` is not an error."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(st.st_mode):
        _rmtree(path, os.path.abspath(path))
    else:
        os.unlink(path)


__all__ = ["remove_tree"]
