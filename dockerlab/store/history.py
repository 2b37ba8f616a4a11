"""The tag history: every tag set, moved or removed, appended to a log beside the store's index.

``index.json`` says where each tag points *now*; a tag that moved leaves no trace there. So the
store's one index writer (:meth:`Store._write_index <dockerlab.store.Store>`, called by the sink
:meth:`~dockerlab.store.Store.write` and by ``tag``/``untag``/``remove``) compares the tags before
and after each update and appends one :class:`TagEvent` per changed tag to ``tag-history.jsonl``
in the store's root, under the store's lock: the time, the tag, the image it pointed at before and
the one it points at now (image ID and manifest digest), and the command when an engine named it
(``build``, ``tag``, ``load``, ``pull``, ``rmi``; see :func:`recording`). The same log, kept
beside the Docker Engine's export cache, records what dockerlab itself did through a Docker
Engine (that engine keeps no history of its own).

Guarantees and bounds:

* Append-only: one JSON object per line, written with ``O_APPEND`` in one ``write``; a line cut by
  a crash is finished by a newline before the next one, so it spoils only itself.
* The log is a record, not the source of truth: it is written right after ``index.json`` is
  replaced, so a SIGKILL between the two can lose that one event, never a tag.
* The file must be a regular file of the store's owner (``O_NOFOLLOW``, checked with ``fstat``);
  anything else (a symlink, a FIFO, another user's file) is refused *before* the index changes.
* Reading is bounded: the last :data:`MAX_BYTES` of the file, lines up to :data:`MAX_LINE` bytes,
  at most ``limit`` events. A line that is not a valid event (not JSON, wrong fields, a digest
  that is not one) is skipped and named in :attr:`TagHistory.problems` (in the learner's
  language); reading never fails because of what the file holds.

Written by hand: it is a few lines of JSON, and no library keeps a bounded, hostile-safe log.
"""

from __future__ import annotations

import contextlib
import contextvars
import fcntl
import json
import math
import os
import stat
import time
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import DockerlabError
from ..i18n import tr
from ..model import Digest
from ..model.tags import TagEvent, TagHistory
from .errors import UnsafeStore

FILE_NAME = "tag-history.jsonl"
MAX_BYTES = 1 << 20     # what a read looks at: the end of the file
MAX_LINE = 4096         # one event is ~300 bytes; a longer line is not one of ours
MAX_EVENTS = 1000       # the most events a read returns
COMMANDS = ("build", "commit", "copy", "load", "pull", "rmi", "tag")
_command: contextvars.ContextVar[str | None] = contextvars.ContextVar("dockerlab_tag_command", default=None)


@contextlib.contextmanager
def recording(command: str) -> Iterator[None]:
    """Inside, tag events are recorded as done by ``command`` (``build``, ``tag``, …); the
    outermost command wins (``build -t a -t b`` tags through ``tag`` but is one build)."""
    if _command.get() is not None:
        yield
        return
    token = _command.set(command)
    try:
        yield
    finally:
        _command.reset(token)


def current_command() -> str | None:
    return _command.get()


def _digest(value: Any) -> Digest | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 200:
        raise ValueError("digest")
    return Digest(value)


def parse_line(raw: bytes) -> dict[str, Any]:
    """The fields of one log line, checked; ``ValueError`` naming what is wrong."""
    from ..reference import Reference

    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValueError("bukan JSON / not JSON") from None
    if not isinstance(data, dict):
        raise ValueError("bukan objek JSON / not a JSON object")
    moment, name = data.get("time"), data.get("name")
    if isinstance(moment, bool) or not isinstance(moment, (int, float)) or not math.isfinite(moment) or moment < 0:
        raise ValueError("time")
    if not isinstance(name, str) or not name or len(name) > 300:
        raise ValueError("name")
    try:
        ref = Reference.parse(name)
    except DockerlabError:
        raise ValueError(f"name {name[:80]!r}") from None
    if ref.digest is not None:
        raise ValueError(f"name {name[:80]!r}")
    fields: dict[str, Any] = {"time": float(moment), "name": ref.familiar}
    for key, target in (("old", "old_id"), ("new", "new_id"), ("old_digest", "old_digest"),
                        ("new_digest", "new_digest")):
        try:
            fields[target] = _digest(data.get(key))
        except (ValueError, DockerlabError):
            raise ValueError(key) from None
    if fields["old_id"] is None and fields["new_id"] is None:
        raise ValueError("old/new")
    command = data.get("command")
    fields["command"] = command if command in COMMANDS else None
    return fields


class TagLog:
    """``tag-history.jsonl`` at ``path``: :meth:`open` + :meth:`append` to write, :meth:`read`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"<TagLog {self.path}>"

    def _unsafe(self, problem: str) -> DockerlabError:
        return UnsafeStore("store.history.unsafe", path=str(self.path), problem=problem)

    def open(self) -> int:
        """A descriptor to append to (made ``0600`` if missing); refused unless a regular file of ours."""
        with contextlib.suppress(OSError):  # beside a Docker Engine's cache, made on first use
            os.makedirs(self.path.parent, mode=0o700, exist_ok=True)
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as exc:
            raise self._unsafe(exc.strerror or str(exc)) from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            os.close(fd)
            raise self._unsafe(f"{stat.filemode(st.st_mode)} uid {st.st_uid}")
        return fd

    def append(self, fd: int, events: Iterable[dict[str, Any]]) -> None:
        """Write ``events`` (``TagEvent.to_dict`` shapes) as lines, in one ``write``."""
        lines = [json.dumps(e, sort_keys=True, separators=(",", ":")) for e in events]
        if not lines:
            return
        data = ("\n".join(lines) + "\n").encode()
        fcntl.flock(fd, fcntl.LOCK_EX)  # two engines without a shared store lock (Docker)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                data = b"\n" + data  # a line cut by a crash ends here
            os.write(fd, data)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)

    def record(self, events: Iterable[dict[str, Any]]) -> None:
        """:meth:`open`, :meth:`append`, close."""
        events = list(events)
        if not events:
            return
        fd = self.open()
        try:
            self.append(fd, events)
        finally:
            os.close(fd)

    def read(self, name: str | None = None, *, limit: int = MAX_EVENTS) -> TagHistory:
        """The events (oldest first, numbered from 1), only ``name``'s when given: ``halo:1.0`` for
        one tag, ``halo`` (no tag) for every tag of that repository. Never raises for what the
        file holds."""
        wanted, repository = _wanted(name)
        problems: list[str] = []
        try:
            raw, start = self._tail()
        except FileNotFoundError:
            return TagHistory(name=wanted)
        except OSError as exc:
            problems.append(tr("store.history.unreadable", path=str(self.path), problem=exc.strerror or str(exc)))
            return TagHistory(problems=problems, name=wanted)
        except ValueError as exc:
            problems.append(tr("store.history.unreadable", path=str(self.path), problem=str(exc)))
            return TagHistory(problems=problems, name=wanted)
        offset, lines = start, raw.split(b"\n")
        if start > 0:  # the first line is probably the end of one cut off by the bound
            offset += len(lines[0]) + 1
            lines = lines[1:]
        found: list[tuple[int, dict[str, Any]]] = []
        count = 0
        for number, line in enumerate(lines, 1):
            here, offset = offset, offset + len(line) + 1
            if not line.strip():
                continue
            where = (tr("store.history.line", line=number) if start == 0
                     else tr("store.history.at_byte", offset=here))
            if len(line) > MAX_LINE:
                problems.append(tr("store.history.bad_line", where=where, path=str(self.path),
                                   problem=f"> {MAX_LINE} byte"))
                continue
            try:
                fields = parse_line(line)
            except ValueError as exc:
                problems.append(tr("store.history.bad_line", where=where, path=str(self.path), problem=exc))
                continue
            count += 1  # numbered among all events, so a filtered view keeps the same numbers
            if wanted is None or fields["name"] == wanted or (
                    repository and fields["name"].rpartition(":")[0] == wanted):
                found.append((count, fields))
        cut = start > 0 or len(found) > limit
        found = found[-limit:] if limit > 0 else []
        if len(problems) > 20:
            problems = problems[:20] + [f"… (+{len(problems) - 20})"]
        events = [TagEvent(number=i, **f) for i, f in found]
        return TagHistory(events, problems=problems, cut=cut, name=wanted)

    def _tail(self) -> tuple[bytes, int]:
        """The last :data:`MAX_BYTES` of the file and where they start."""
        fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise ValueError(stat.filemode(st.st_mode))
            start = max(0, st.st_size - MAX_BYTES)
            return os.pread(fd, MAX_BYTES, start), start
        finally:
            os.close(fd)


def _wanted(name: str | None) -> tuple[str | None, bool]:
    """``(familiar name, whole repository?)`` for a filter as the learner writes it."""
    if name is None:
        return None, False
    from ..reference import Reference

    text = str(name).strip()
    ref = Reference.parse(text)
    has_tag = ":" in text.rsplit("/", 1)[-1]
    if has_tag:
        return ref.familiar, False
    return ref.familiar.rpartition(":")[0], True


def event(name: str, old: tuple[Digest | None, Digest | None], new: tuple[Digest | None, Digest | None],
          command: str | None = None, moment: float | None = None) -> dict[str, Any]:
    """One event as written: ``old``/``new`` are ``(image ID, manifest digest)`` pairs."""
    return TagEvent(0, time.time() if moment is None else moment, name, old[0], new[0], old[1], new[1],
                    command if command is not None else current_command()).to_dict()
