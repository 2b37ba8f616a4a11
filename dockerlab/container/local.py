"""Containers of the embedded engine: state as JSON under ``store.root / "containers" / <id>``.

Each container directory holds ``config.json`` (what was asked and resolved), ``rootfs/`` (the
container's own copy of its image's files), ``container.log`` (merged output) and
``status.json`` (written by the launcher when the command ends). Any Python process can pick a
container up again from that directory; nothing runs in the background except the container.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from .. import executor as _executor
from ..executor.rootfs import merge_env
from ..errors import ContainerError
from ..model import History, Image, ImageIndex, rfc3339, source_date_epoch
from ..model.mutate import append_layer
from . import ports as _ports
from .base import Change, Container, command_argv, env_list, track
from ..fsutil import remove_tree
from .filesystem import copy_tree, diff_trees, layer_entries, lower
from .names import random_name, valid_name


STATE = "config.json"


def name_taken(name: str, other: Container | None) -> ContainerError:
    """The error for a second container named ``name``, with a remedy for a cell and a terminal.

    Like Docker (``Conflict``), the old container is never replaced: the learner decides whether
    to remove it. ``other`` is that container, when it could be read.
    """
    running = other is not None and other.status == "running"
    force = "force=True" if running else ""
    python = f"[k.remove({force}) for k in dockerlab.containers() if k.name == {name!r}]"
    cli = f"dockerlab rm {'-f ' if running else ''}{name}"
    return ContainerError("container.name_taken", name=name,
                          id=other.short_id if other is not None else "?",
                          status=other.status_text() if other is not None else "?",
                          python=python, cli=cli)


def _root(store) -> Path:
    return store.private_dir(Path(store.root) / "containers")  # 0700: a setuid file stays ours


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class LocalContainer(Container):
    """A container of the embedded engine, read from its directory."""

    def __init__(self, store, directory: Path) -> None:
        self._store = store
        self.dir = Path(directory)
        self.state: dict[str, Any] = json.loads((self.dir / STATE).read_text(encoding="utf-8"))
        self.id = self.state["id"]
        self.name = self.state["name"]
        self.image = self.state["image"]

    # ------------------------------------------------------------ state

    @property
    def image_id(self) -> str:
        return self.state["image_id"]

    @property
    def command(self) -> list[str]:
        return list(self.state["argv"])

    @property
    def rootfs(self) -> Path:
        return self.dir / "rootfs"

    @property
    def created(self) -> str:
        return self.state["created"]

    @property
    def ports(self) -> dict[int, int]:
        """The container port asked for → the free loopback port it was given (in ``PORT``)."""
        return {int(k): int(v) for k, v in (self.state.get("ports") or {}).items()}

    def _process(self) -> _executor.Process | None:
        data = self.state.get("process")
        return _executor.Process.from_dict(data) if data else None

    def _save(self) -> None:
        tmp = self.dir / (STATE + ".tmp")
        tmp.write_text(json.dumps(self.state, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.dir / STATE)

    @property
    def status(self) -> str:
        process = self._process()
        if process is None:
            return "exited" if self.state.get("exit_code") is not None else "created"
        return "running" if process.running() else "exited"

    @property
    def exit_code(self) -> int | None:
        if self.state.get("exit_code") is not None:
            return int(self.state["exit_code"])
        process = self._process()
        return None if process is None else process.exit_code()

    # ------------------------------------------------------------ verbs

    def logs(self) -> str:
        try:
            self._logs = (self.dir / "container.log").read_bytes().decode("utf-8", "replace")
        except FileNotFoundError:
            pass  # removed: what was read last (``run(remove=True)`` reads it before removing)
        return getattr(self, "_logs", "")

    def wait(self, timeout: float | None = 60.0) -> int:
        process = self._process()
        if process is None:
            return int(self.state.get("exit_code") or 0)
        code = process.wait(timeout)
        self._finish(code)
        return code

    def _finish(self, code: int) -> None:
        if self.state.get("exit_code") is None:
            self.state["exit_code"] = code
            self.state["finished"] = _now()
            self._save()

    def stop(self, timeout: float = 10.0) -> int:
        process = self._process()
        if process is None:
            return int(self.state.get("exit_code") or 0)
        code = process.stop(timeout)
        self._finish(code)
        return code

    def gone(self) -> bool:
        return not self.dir.is_dir()

    def remove(self, force: bool = False) -> None:
        if self.status == "running":
            if not force:
                raise ContainerError("container.running", name=self.name, id=self.short_id)
            process = self._process()
            assert process is not None
            process.stop(0)
        self.logs()  # keep the output readable from this object after removal
        _unprotect(self._store, self.id)
        remove_tree(self.dir)

    def diff(self) -> list[Change]:
        return diff_trees(self._lower(), self.rootfs)

    def _lower(self) -> Path:
        return lower(self._store, self._image())

    def _image(self) -> Image:
        found = self._store.resolve(self.state["image_digest"])
        assert isinstance(found, Image)
        return found

    def commit(self, ref: str | None = None, message: str = "", author: str = "") -> Image:
        """``docker commit``: the image plus one layer of exactly :meth:`diff`; tagged ``ref`` if given.

        A running container is paused meanwhile (as ``docker commit`` does by default), so it cannot
        swap a file for a FIFO or a symlink between the diff and the layer being written."""
        process = self._process()
        paused = process is not None and process.running()
        if paused:
            process.signal(signal.SIGSTOP)
        try:
            return self._commit(ref, message, author)
        finally:
            if paused:
                process.signal(signal.SIGCONT)

    def _commit(self, ref: str | None, message: str, author: str) -> Image:
        image = self._image()
        changes = self.diff()
        entries = layer_entries(self.rootfs, changes, keep_owner=os.geteuid() == 0)
        created = rfc3339(source_date_epoch())
        run_config = dict(image.config.to_dict().get("config") or {})
        run_config.update({"Cmd": self.state["cmd"], "Env": self.state["env"]})
        for key, field in (("Entrypoint", "entrypoint"), ("WorkingDir", "workdir"), ("User", "user")):
            if self.state.get(field):
                run_config[key] = self.state[field]
        if self.state.get("entrypoint") is None:
            run_config.pop("Entrypoint", None)
        with self._store.pinned():
            layer = self._store.write_layer(entries)
            new = append_layer(image, layer, history=History(created, " ".join(self.command), message, author),
                               run_config=run_config, created=created, author=author or None)
            stored = self._store.write(new, tags=[ref] if ref else [])
        assert isinstance(stored, Image)
        return stored


# ---------------------------------------------------------------- creating and finding


def _protect(store, container_id: str, image: Image) -> None:
    """Keep the image's blobs through ``gc`` while the container exists."""
    store.cache_put("containers", container_id, {"blobs": [str(image.digest)]})


def _unprotect(store, container_id: str) -> None:
    store.cache_delete("containers", container_id)


def _resolve(store, image: str | Image):
    """The image to run; the course's base image is built on first use if it is missing."""
    if isinstance(image, Image):
        return image
    from ..baseimage import resolve_or_build

    return resolve_or_build(store, image)


def run(store, image: str | Image, command: str | Sequence[str] | None = None, *, detach: bool = False,
        env: Mapping[str, str] | Iterable[str] | None = None, name: str | None = None,
        workdir: str | None = None, user: str | None = None,
        entrypoint: str | Sequence[str] | None = None, remove: bool = False,
        output: Callable[[str], Any] | None = None, timeout: float | None = None,
        ports: Any = None, ready_timeout: float = _ports.READY_TIMEOUT,
        executor: _executor.Executor | None = None) -> LocalContainer:
    """``docker run``: a new container from ``image``; with ``detach`` it keeps running.

    Without ``detach`` the call returns when the command ends (``output`` receives its text as
    it comes); with ``remove`` the container is deleted afterwards (``docker run --rm``).

    ``ports`` (one container port, e.g. ``8080``): the container shares this machine's network
    (``--network host``), so it gets a free loopback port (or the host port asked for in
    ``{8080: 18080}``) in its ``PORT`` variable, reported by :attr:`LocalContainer.ports`; the
    call returns once that port answers (at most ``ready_timeout`` seconds), see
    :mod:`dockerlab.container.ports`.
    """
    wanted = _ports.normalise(ports)
    if wanted and not detach:
        raise ContainerError("container.ports.no_detach")
    if len(wanted) > 1:
        raise ContainerError("container.ports.one_only", count=len(wanted), ports=", ".join(map(str, wanted)))
    published = {str(c): (h or _ports.free_port()) for c, h in wanted.items()}
    if published:
        env = [*(env_list(env) or []), *(f"PORT={h}" for h in published.values())]
    runner = executor or _executor.require()
    view = _resolve(store, image)
    if isinstance(view, ImageIndex):
        view = view.image_for(None)  # like `docker run`: this machine's platform from the index
    if not isinstance(view, Image):
        raise ContainerError("container.not_image", image=image, arch=_executor.elf.host_architecture())
    label = str(image) if not isinstance(image, Image) else (image.ref.familiar if image.ref else image.id.short)
    rc = view.config.config
    entry = command_argv(entrypoint) if entrypoint is not None else (list(rc.entrypoint) if rc.entrypoint else None)
    cmd = command_argv(command) if command is not None else (
        list(rc.cmd) if rc.cmd and entrypoint is None else None)
    argv = [*(entry or []), *(cmd or [])]
    if not argv:
        raise ContainerError("container.no_command", image=label)
    name = name or random_name(lambda n: _find(store, n) is not None)
    if not valid_name(name):
        raise ContainerError("container.bad_name", name=name)
    container_id = secrets.token_hex(32)
    state = {
        "id": container_id, "name": name, "image": label, "image_id": str(view.id),
        "image_digest": str(view.digest), "argv": argv, "cmd": cmd, "entrypoint": entry,
        "env": merge_env(rc.env, env_list(env) or []), "workdir": workdir or rc.working_dir or "/",
        "user": user if user is not None else rc.user, "hostname": container_id[:12],
        "created": _now(), "executor": runner.name, "auto_remove": bool(remove),
        "exit_code": None, "process": None, "ports": published,
        "network": "host" if published else "none",
    }
    base = _root(store)
    base.mkdir(parents=True, exist_ok=True)
    with store.lock():
        other = _find(store, name)
        if other is not None:
            raise name_taken(name, other)
        directory = base / container_id
        directory.mkdir()
        (directory / STATE).write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
        _protect(store, container_id, view)
    container = LocalContainer(store, directory)
    try:
        with store.lock():  # prune() must not remove the unpacked image while it is copied
            copy_tree(lower(store, view), container.rootfs)
        process = runner.spawn(container.rootfs, argv, log_file=directory / "container.log",
                               status_file=directory / "status.json", env=state["env"],
                               workdir=state["workdir"], user=state["user"] or None,
                               hostname=state["hostname"], network=state["network"])
    except BaseException:
        container.remove(force=True)
        raise
    container.state["process"] = process.to_dict()
    container.state["started"] = _now()
    container._save()
    if detach:
        track(container)
        _ports.wait_until_served(container, wanted, timeout=ready_timeout)
        return container
    try:
        _follow(container, process, output, timeout)
    except BaseException:
        container.stop(0)
        raise
    if remove:
        container.remove(force=True)
    return container


def _follow(container: LocalContainer, process: _executor.Process,
            output: Callable[[str], Any] | None, timeout: float | None) -> None:
    """Wait for the command; pass the log to ``output`` as it grows."""
    deadline = None if timeout is None else time.monotonic() + timeout
    log = container.dir / "container.log"
    position, delay = 0, 0.005
    while True:
        alive = process.running()
        if output is not None and log.exists():
            with open(log, "rb") as fh:
                fh.seek(position)
                chunk = fh.read()
            if chunk:
                position += len(chunk)
                output(chunk.decode("utf-8", "replace"))
                delay = 0.005
        if not alive:
            break
        if deadline is not None and time.monotonic() >= deadline:
            # run() stops the container on the way out; the message says so
            raise ContainerError("container.run_timeout", name=container.name, timeout=timeout,
                                 longer=max(int(timeout or 0) * 4, 60))
        time.sleep(delay)
        delay = min(delay * 2, 0.1)
    container.wait(30.0)


def containers(store, all: bool = True) -> list[LocalContainer]:  # noqa: A002 - docker ps --all
    """``docker ps [-a]``: newest first; exited containers only with ``all``."""
    found = []
    base = _root(store)
    for directory in base.iterdir() if base.is_dir() else ():
        if not (directory / STATE).is_file():
            continue
        container = LocalContainer(store, directory)
        status = container.status
        if status == "exited" and container.state.get("auto_remove"):
            container.remove(force=True)
            continue
        if all or status == "running":
            found.append(container)
    return sorted(found, key=lambda c: c.created, reverse=True)


def prune(store) -> list[str]:
    """``docker container prune``: remove exited containers and unpacked images none of the
    remaining containers uses (they are a cache, rebuilt on demand). Returns the removed IDs."""
    removed = []
    for container in containers(store, all=True):
        if container.status == "exited":
            container.remove()
            removed.append(container.id)
    used = {LocalContainer(store, d).image_id.split(":")[-1] for d in _root(store).glob("*")
            if (d / STATE).is_file()} if _root(store).is_dir() else set()
    lowers = Path(store.root) / "rootfs"
    with store.lock():
        for tree in lowers.iterdir() if lowers.is_dir() else ():
            if tree.name not in used:
                remove_tree(tree)
    return removed


def _find(store, ref: str) -> LocalContainer | None:
    base = _root(store)
    if not base.is_dir():
        return None
    for directory in base.iterdir():
        try:
            state = json.loads((directory / STATE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if state.get("name") == ref:
            return LocalContainer(store, directory)
    return None


def get(store, ref: str) -> LocalContainer:
    """A container by name, full ID or ID prefix (like Docker)."""
    by_name = _find(store, ref)
    if by_name is not None:
        return by_name
    base = _root(store)
    matches = [d for d in (base.iterdir() if base.is_dir() else ()) if ref and d.name.startswith(ref.lower())
               and (d / STATE).is_file()]
    if not matches:
        raise ContainerError("container.not_found", ref=ref)
    if len(matches) > 1:
        raise ContainerError("container.ambiguous", ref=ref, ids=", ".join(d.name[:12] for d in matches))
    return LocalContainer(store, matches[0])


__all__ = ["LocalContainer", "containers", "get", "prune", "run"]
