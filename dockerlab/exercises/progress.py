"""A learner's progress: every Latihan check appends one line to the learner's own file.

Every checker registered with :func:`dockerlab.exercises.result.checker` calls :func:`record`
after it has its verdict, so an exercise module added later is recorded without doing anything.
A line is JSON: ``{"learner", "notebook", "exercise", "ok", "time"}``; the file is
``$DOCKERLAB_PROGRESS``, else ``progress.jsonl`` in the learner's dockerlab home (the home as it
was before :func:`dockerlab.course.start` pointed ``DOCKERLAB_HOME`` at a lesson's store: the
course, a floor above, tells this module with :func:`use_lesson`). It is
created ``0600``: on a shared class server only its owner (and the hub's root-run teacher
service) reads it.

:func:`progress` is what a learner calls (``dockerlab.progress()``): the last verdict of each
exercise they checked, in their language. :func:`read_records` is what the teacher's service
calls on a learner's file: that file is the learner's to write, so every line is checked (size,
JSON, types) and a bad one is skipped, never trusted.

Recording never breaks a check: a read-only home or a full disk only loses the line.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import threading
import time
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Iterable, Iterator

from ..i18n import tr

FILE_NAME = "progress.jsonl"
MAX_LINE = 4096  # bytes; a longer line in a learner's file is skipped
MAX_FILE = 16 << 20  # bytes read from one learner's file at most
_FIELD = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._@+-]{0,99}$")
_local = threading.local()
_home: Path | None = None  # the learner's dockerlab home, once a lesson has moved DOCKERLAB_HOME
_lesson: str | None = None  # the started lesson's name


def use_lesson(home: Path, name: str) -> None:
    """Called by :func:`dockerlab.course.start`: checks go to ``home``'s file, in lesson ``name``."""
    global _home, _lesson
    _home, _lesson = Path(home), str(name)


def progress_file() -> Path:
    """Where this learner's checks are recorded."""
    if os.environ.get("DOCKERLAB_PROGRESS"):
        return Path(os.environ["DOCKERLAB_PROGRESS"]).expanduser()
    from ..store import default_root

    return (_home or default_root()) / FILE_NAME


def learner() -> str:
    """The hub's name for this learner when inside a hub, else the system user name."""
    name = os.environ.get("JUPYTERHUB_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no name in a stripped environment: still record
        return "?"


def notebook_name(exercise: str) -> str:
    """The notebook this check runs in: the kernel's session (Jupyter Server sets
    ``JPY_SESSION_NAME`` to the notebook's path), else the started lesson, else the exercise's
    own number (``02.1`` is in notebook ``02``)."""
    session = os.environ.get("JPY_SESSION_NAME")
    if session and session.endswith(".ipynb"):
        return Path(session).stem
    if _lesson is not None:
        return _lesson
    return exercise.split(".", 1)[0]


def record(exercise: str, ok: bool) -> None:
    """Append one check to the learner's file; silently nothing when it cannot be written."""
    line = json.dumps({"learner": learner(), "notebook": notebook_name(exercise), "exercise": exercise,
                       "ok": bool(ok), "time": round(time.time(), 3)}, sort_keys=True) + "\n"
    try:
        path = progress_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)
    except OSError:
        pass


class recording:
    """Context for one checker call: only the outermost check is recorded (a checker that asks
    another checker is one check for the learner)."""

    def __enter__(self) -> bool:
        depth = getattr(_local, "depth", 0)
        _local.depth = depth + 1
        return depth == 0

    def __exit__(self, *exc: object) -> None:
        _local.depth -= 1


@dataclass(frozen=True)
class Check:
    """One recorded check."""

    learner: str
    notebook: str
    exercise: str
    ok: bool
    time: float

    def to_dict(self) -> dict:
        return {"learner": self.learner, "notebook": self.notebook, "exercise": self.exercise,
                "ok": self.ok, "time": self.time}


def parse_line(raw: bytes) -> Check | None:
    """One line of a progress file as a :class:`Check`, or ``None`` when it is not a valid one."""
    if len(raw) > MAX_LINE:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    fields = [data.get(k) for k in ("learner", "notebook", "exercise")]
    if not all(isinstance(v, str) and _FIELD.match(v) for v in fields):
        return None
    ok, when = data.get("ok"), data.get("time")
    if not isinstance(ok, bool) or isinstance(when, bool) or not isinstance(when, (int, float)):
        return None
    if not 0 <= when < 1e11:
        return None
    return Check(fields[0], fields[1], fields[2], ok, float(when))


def read_records(path: str | Path, *, dir_fd: int | None = None, owner: int | None = None) -> Iterator[Check]:
    """The valid checks in one progress file (hostile input: bad lines are skipped; a symlink,
    a folder, a FIFO, a missing file or, with ``owner``, a file of another uid gives nothing).
    ``dir_fd``: ``path`` is relative to that open folder."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0),
                     dir_fd=dir_fd)
    except OSError:
        return
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or (owner is not None and info.st_uid != owner):
            return
        data = handle.read(MAX_FILE)
    for raw in data.splitlines():
        check = parse_line(raw)
        if check is not None:
            yield check


@dataclass(frozen=True)
class ExerciseState:
    """The last verdict on one exercise, how many checks led to it, and how many of the last ones
    in a row failed (``failures``: 0 after a right answer)."""

    notebook: str
    exercise: str
    ok: bool
    attempts: int
    time: float
    failures: int = 0


def summarise(checks: Iterable[Check]) -> dict[str, ExerciseState]:
    """Per exercise: the last result, the number of checks, the failed checks since the last
    right one, the time of the last check."""
    states: dict[str, ExerciseState] = {}
    for check in sorted(checks, key=lambda c: c.time):
        before = states.get(check.exercise)
        failures = 0 if check.ok else (before.failures if before else 0) + 1
        states[check.exercise] = ExerciseState(check.notebook, check.exercise, check.ok,
                                               (before.attempts if before else 0) + 1, check.time, failures)
    return dict(sorted(states.items()))


_SINCE = time.time()  # when this kernel began checking: failures are counted from here on


def failures(exercise: str) -> int:
    """How many checks of ``exercise`` by this learner failed in a row so far *in this kernel* (0
    when never checked, or right last time): what a checker reads, before its own check is
    recorded, to give a more exact hint after repeated failures. Checks from earlier kernels do
    not count: a notebook's pre-filled cell is a check too, and "Restart & Run All" twice is not
    two tries. An unreadable file counts nothing."""
    checks = (c for c in read_records(progress_file()) if c.exercise == exercise and c.time >= _SINCE)
    state = summarise(checks).get(exercise)
    return state.failures if state is not None else 0


@dataclass(frozen=True)
class Progress:
    """What ``dockerlab.progress()`` shows: this learner's exercises, last verdict of each."""

    learner: str
    exercises: tuple[ExerciseState, ...]

    @property
    def done(self) -> int:
        return sum(1 for e in self.exercises if e.ok)

    def _rows(self) -> list[tuple[str, str, str, str, str]]:
        return [(e.exercise, e.notebook, "✅ " + tr("progress.done") if e.ok else "❌ " + tr("progress.not_yet"),
                 str(e.attempts), time.strftime("%Y-%m-%d %H:%M", time.localtime(e.time)))
                for e in self.exercises]

    def _headers(self) -> list[str]:
        return [tr(f"progress.{k}") for k in ("exercise", "notebook", "result", "attempts", "time")]

    def __str__(self) -> str:
        lines = [tr("progress.title", learner=self.learner)]
        if not self.exercises:
            return "\n".join(lines + [tr("progress.empty")])
        rows = [self._headers(), *self._rows()]
        widths = [max(len(r[i]) for r in rows) for i in range(5)]
        lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
        lines.append(tr("progress.summary", done=self.done, total=len(self.exercises)))
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        head = f"<div class='dl-header'>{escape(tr('progress.title', learner=self.learner))}</div>"
        if not self.exercises:
            return f"<div class='dl-wrap'>{head}<div>{escape(tr('progress.empty'))}</div></div>"
        header = "".join(f"<th>{escape(h)}</th>" for h in self._headers())
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in self._rows())
        summary = escape(tr("progress.summary", done=self.done, total=len(self.exercises)))
        return (f"<div class='dl-wrap'>{head}<table class='dl-table'><thead><tr>{header}</tr></thead>"
                f"<tbody>{body}</tbody></table><div>{summary}</div></div>")


def progress() -> Progress:
    """This learner's progress: every exercise checked so far and its last result."""
    return Progress(learner(), tuple(summarise(read_records(progress_file())).values()))
