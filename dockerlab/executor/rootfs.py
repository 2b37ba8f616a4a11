"""Looking at a root filesystem from the outside as its processes will see it from the inside.

Paths are resolved the way the kernel resolves them after ``chroot``: absolute symlinks point into
the root, ``..`` stops at the root. So ``/etc/passwd`` being a symlink to ``/../../etc/shadow``
never reads the host's file. Also here: Docker's rules for ``--user`` and for the environment.
"""

from __future__ import annotations

import os
import posixpath
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from ..errors import ContainerError


DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def resolve(rootfs: str | Path, path: str, *, follow_last: bool = True) -> Path:
    """The host path of ``path`` as seen inside ``rootfs`` (symlinks confined to the root)."""
    root = os.path.abspath(rootfs)
    parts = [p for p in posixpath.normpath("/" + path).split("/") if p]
    current = "/"
    hops = 0
    while parts:
        name = parts.pop(0)
        if name == "..":
            current = posixpath.dirname(current)
            continue
        candidate = posixpath.join(current, name)
        host = root + candidate
        if os.path.islink(host) and (parts or follow_last):
            hops += 1
            if hops > 40:
                raise OSError(40, "too many levels of symbolic links", path)
            target = os.readlink(host)
            base = "/" if target.startswith("/") else current
            parts = [p for p in posixpath.join(base, target).split("/") if p] + parts
            current = "/"
            continue
        current = candidate
    return Path(root + current) if current != "/" else Path(root)


def find_program(rootfs: str | Path, name: str, path_env: str, workdir: str = "/") -> str | None:
    """Where ``name`` is inside the root, searched in ``path_env`` like ``execvp`` (or ``None``)."""
    if "/" in name:
        inside = posixpath.normpath(posixpath.join(workdir, name))
        return inside if resolve(rootfs, inside).is_file() else None
    for directory in path_env.split(":"):
        inside = posixpath.join(directory or workdir, name)
        host = resolve(rootfs, inside)
        if host.is_file() and os.access(host, os.X_OK):
            return inside
    return None


@dataclass(frozen=True)
class User:
    """A resolved ``--user``: numbers, supplementary groups (the primary group first, as Docker
    gives them) and home directory."""

    uid: int
    gid: int
    groups: tuple[int, ...] = ()
    home: str = "/"
    name: str | None = None


MAX_TABLE = 4 << 20  # /etc/passwd and /etc/group of real images are a few KiB


def read_small(rootfs: str | Path, path: str, limit: int = MAX_TABLE, *, head: bool = False) -> bytes | None:
    """The content of ``path`` inside the root (symlinks confined), only when it is a regular
    file of at most ``limit`` bytes (``head``: its first ``limit`` bytes, whatever its size);
    ``None`` when it is missing. A FIFO, a device or a huge file is a
    :class:`~dockerlab.errors.ContainerError` naming it — never a hang or a MemoryError."""
    try:
        host = resolve(rootfs, path)
        fd = os.open(host, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ContainerError("executor.bad_file", path=path, kind=stat.filemode(st.st_mode))
        if head:
            return fh.read(limit)
        if st.st_size > limit:
            raise ContainerError("executor.file_too_big", path=path, size=st.st_size, limit=limit)
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ContainerError("executor.file_too_big", path=path, size=f"> {limit}", limit=limit)
    return data


def _table(rootfs: str | Path, name: str) -> list[list[str]]:
    data = read_small(rootfs, name)
    if data is None:
        return []
    text = data.decode("utf-8", errors="replace")
    return [line.split(":") for line in text.splitlines() if line and not line.startswith("#")]


def lookup_id(rootfs: str | Path, table: str, name: str) -> int | None:
    """The numeric id of ``name`` in the image's ``table`` (``/etc/passwd`` or ``/etc/group``),
    read with symlinks confined to ``rootfs``; ``None`` when the name is not listed."""
    for row in _table(rootfs, table):
        if row[0] == name and len(row) > 2 and row[2].isdigit():
            return int(row[2])
    return None


def resolve_user(rootfs: str | Path, spec: str | int | None) -> User:
    """Docker's ``--user`` rules: ``name``, ``uid``, ``name:group``, ``uid:gid``; empty is root."""
    text = "" if spec is None else str(spec).strip()
    user_part, _, group_part = text.partition(":")
    passwd = [row for row in _table(rootfs, "/etc/passwd") if len(row) >= 7]
    groups = [row for row in _table(rootfs, "/etc/group") if len(row) >= 3]
    uid, gid, home, name = 0, 0, "/", None
    entry = None
    if user_part == "":
        entry = next((row for row in passwd if row[2] == "0"), None)
    elif user_part.isdigit():
        uid = int(user_part)
        entry = next((row for row in passwd if row[2] == user_part), None)
    else:
        entry = next((row for row in passwd if row[0] == user_part), None)
        if entry is None:
            raise ContainerError("executor.user_unknown", user=user_part)
    if entry is not None:
        name, uid, gid, home = entry[0], int(entry[2]), int(entry[3]), entry[5] or "/"
    elif uid == 0:
        home = "/root"
    if group_part:
        if group_part.isdigit():
            gid = int(group_part)
        else:
            row = next((row for row in groups if row[0] == group_part), None)
            if row is None:
                raise ContainerError("executor.group_unknown", group=group_part)
            gid = int(row[2])
    # Docker (moby getUser + runc GetExecUser): the primary group first, then, only when no group
    # was given, every /etc/group line listing the user's name, in file order (no de-duplication).
    member_of = [] if group_part or not name else [
        int(row[2]) for row in groups if row[2].isdigit() and name in row[3].split(",")]
    return User(uid=uid, gid=gid, groups=(gid, *member_of), home=home, name=name)


def container_env(image_env: Iterable[str] | Mapping[str, str] | None,
                  overrides: Iterable[str] | Mapping[str, str] | None = None,
                  *, hostname: str | None = None, home: str = "/") -> list[str]:
    """Docker's container environment: ``PATH`` default, ``HOSTNAME``, the image's ``ENV``,
    then ``-e`` overrides, then ``HOME`` if still unset. Nothing from the host leaks in."""
    env: dict[str, str] = {"PATH": DEFAULT_PATH}
    if hostname:
        env["HOSTNAME"] = hostname
    env.update(_pairs(image_env, overrides))
    env.setdefault("HOME", home)
    return [f"{key}={value}" for key, value in env.items()]


def _pairs(*sources: Iterable[str] | Mapping[str, str] | None) -> dict[str, str]:
    env: dict[str, str] = {}
    for source in sources:
        items = source.items() if isinstance(source, Mapping) else (
            (item.partition("=")[0], item.partition("=")[2]) for item in source or ())
        for key, value in items:
            env[str(key)] = str(value)
    return env


def merge_env(*sources: Iterable[str] | Mapping[str, str] | None) -> list[str]:
    """``K=V`` lists (or dicts) merged left to right, later keys winning, first order kept: the
    image's ``ENV`` then ``-e`` overrides, without the defaults :func:`container_env` adds."""
    return [f"{key}={value}" for key, value in _pairs(*sources).items()]
