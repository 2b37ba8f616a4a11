"""A lesson's fresh workspace: its own store, working folder and base image.

Running a notebook twice prints the same thing twice: :func:`start` removes what the last run
left under ``<home>/kursus/<lesson>/`` (and nothing else), copies the lesson's build contexts from
``notebooks/contoh/<lesson>/`` with normalised permissions, points ``DOCKERLAB_HOME`` at a new
store, chooses the engine again and makes the working folder the current directory, so every
path a cell shows is relative.

What the course keeps between cells is only this: the learner's dockerlab home before the first
lesson and the lesson started last. Edits (``course.replace``) work from the pristine examples
and tamperings (``course.tamper``) on copies, so nothing else needs remembering or forgetting.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from ..fsutil import remove_tree
from ..errors import UsageError
from ..exercises import progress
from ..i18n import tr


def find_notebooks() -> Path:
    """The course folder (``NN-*.ipynb`` and ``contoh/``).

    ``$DOCKERLAB_NOTEBOOKS``; else ``notebooks/`` beside the package (a checkout or an editable
    install); else the current folder or its ``notebooks/`` (a kernel starts in the notebook's
    folder, so this finds the learner's copy when the package was installed into site-packages).
    """
    def is_course(path: Path) -> bool:
        return (path / "contoh").is_dir() and any(path.glob("[0-9][0-9]-*.ipynb"))

    env = os.environ.get("DOCKERLAB_NOTEBOOKS")
    if env:
        return Path(env).expanduser().resolve()
    beside = Path(__file__).resolve().parent.parent.parent / "notebooks"
    for candidate in (beside, Path.cwd(), Path.cwd() / "notebooks"):
        if is_course(candidate):
            return candidate.resolve()
    return beside


NOTEBOOKS = find_notebooks()  # found once, at import: start() changes the working folder
LESSONS_DIR = "kursus"

_home: Path | None = None  # DOCKERLAB_HOME as it was before the first lesson started
_lesson: "Lesson | None" = None


def _wrap(body: str) -> str:
    """A light wrapper for small outputs (a command, a file): the stylesheet comes with the
    lesson's own output, which every notebook shows first."""
    return f"<div class='dl-wrap'>{body}</div>"


@dataclass(frozen=True)
class Lesson:
    """A started lesson: its name, its working folder and the examples copied into it."""

    name: str
    root: Path = field(repr=False)
    examples: tuple[str, ...] = ()
    base_image: str = ""
    warning: str = ""  # learner-facing: what cannot work here (no executor)
    # every file and folder start() copied (``contoh``, ``contoh/salam/pesan.txt`` …), relative to
    # the working folder: what course.copy must not overwrite
    example_paths: frozenset[str] = field(default=frozenset(), repr=False)

    @property
    def workdir(self) -> Path:
        return self.root / "kerja"

    @property
    def store_root(self) -> Path:
        return self.root / "store"

    @property
    def shown_workdir(self) -> str:
        return f"{LESSONS_DIR}/{self.name}/kerja"

    def _engine_line(self) -> str:
        from .. import engines

        info = engines.engine()
        return tr(f"engine.name.{info.name}")

    def __str__(self) -> str:
        examples = ", ".join(self.examples) or tr("course.none")
        return "\n".join([
            tr("course.ready", name=self.name),
            f"  {tr('course.workdir')}: {self.shown_workdir} ({tr('course.workdir_note')})",
            f"  {tr('course.examples')}: {examples}",
            f"  {tr('course.engine')}: {self._engine_line()}",
            f"  {tr('course.base')}: {self.base_image}",
            *([self.warning] if self.warning else []),
        ])

    def __repr__(self) -> str:
        return f"<Lesson {self.name}>"

    def _repr_html_(self) -> str:
        examples = ", ".join(f"<code>{escape(e)}</code>" for e in self.examples) or escape(tr("course.none"))
        from ..show.html import wrap

        return wrap(
            f"<div class='dl-header'>{escape(tr('course.ready', name=self.name))}</div>"
            f"<dl class='dl-attrs'><dt>{escape(tr('course.workdir'))}</dt><dd><code>"
            f"{escape(self.shown_workdir)}</code> <span class='dl-sub'>({escape(tr('course.workdir_note'))})"
            f"</span></dd><dt>{escape(tr('course.examples'))}</dt><dd>{examples}</dd>"
            f"<dt>{escape(tr('course.engine'))}</dt><dd>{escape(self._engine_line())}</dd>"
            f"<dt>{escape(tr('course.base'))}</dt><dd><code>{escape(self.base_image)}</code></dd></dl>"
            + (f"<div class='dl-warning'>{escape(self.warning)}</div>"
               if self.warning else ""), str(self))


def lesson_names() -> list[str]:
    return sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def start(name: str) -> Lesson:
    """Give lesson ``name`` a fresh store and working folder, and make it the current directory.

    Everything under ``<home>/kursus/<name>/`` is removed and made again; nothing else is touched.
    What the previous lesson started in the background (its registry) is stopped first.
    """
    global _home, _lesson
    from ..store import default_root

    name = str(name)
    # A lesson name is one plain path component: "..", "" or "a/b" would point the removal
    # below at the learner's whole dockerlab home or beyond.
    plain = re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]*", name) is not None and ".." not in name
    if not plain or (name not in lesson_names() and not (NOTEBOOKS / "contoh" / name).is_dir()):
        raise UsageError("course.bad_lesson", name=name)
    if _home is None:
        _home = default_root()
    lessons = (_home / LESSONS_DIR).resolve()
    root = _home / LESSONS_DIR / name
    if root.resolve().parent != lessons:
        raise UsageError("course.bad_lesson", name=name)
    from . import lifetime

    lifetime.stop_all()  # the last lesson's registry and containers stop before its folder goes
    _stop_containers(root)
    if root.exists():
        remove_tree(root)
    workdir = root / "kerja"
    workdir.mkdir(parents=True)
    examples: list[str] = []
    copied: frozenset[str] = frozenset()
    source = NOTEBOOKS / "contoh" / name
    if source.is_dir():
        shutil.copytree(source, workdir / "contoh", symlinks=True)
        _normalise_modes(workdir / "contoh")
        examples = sorted(f"contoh/{p.name}" for p in (workdir / "contoh").iterdir())
        copied = frozenset(p.relative_to(workdir).as_posix()
                           for p in [workdir / "contoh", *(workdir / "contoh").rglob("*")])
    os.environ["DOCKERLAB_HOME"] = str(root / "store")
    from ..exercises import progress

    progress.use_lesson(_home, name)  # Latihan checks still go to the learner's own home
    _reselect_engine()
    os.chdir(workdir)
    prepare_base_image()
    _lesson = Lesson(name, root, tuple(examples), _base_name(), _executor_warning(), copied)
    return _lesson


_at_exit_registered = False


def _stop_containers(root: Path) -> None:
    """Nothing of a lesson keeps running after it: stop (and remove) the detached containers this
    kernel started, now and when the kernel ends, and any container still running in the
    lesson's old store (a kernel that was killed could not stop its own)."""
    global _at_exit_registered
    from ..container import containers, stop_started
    from ..store import Store

    stop_started()
    if not _at_exit_registered:
        import atexit

        atexit.register(stop_started)
        _at_exit_registered = True
    if (root / "store" / "containers").is_dir():
        for old in containers(Store(root / "store"), all=False):
            old.stop(0)
    if (root / "registry").is_dir():  # the lesson's registry, left by a kernel that was killed
        from ..registry import RegistryServer

        server = RegistryServer.attach(root / "registry")
        if server is not None:
            server.stop()


def _normalise_modes(root: Path) -> None:
    """0755 folders and executables, 0644 other files: the same layer digests whatever the umask
    or checkout left (permission bits go into layers)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        executable = path.is_dir() or bool(path.stat().st_mode & 0o100)
        path.chmod(0o755 if executable else 0o644)


def prepare_base_image():
    """``dockerlab.base_image()``: the course base image (``dockerlab.local/busybox``) in the
    active engine, made if it is missing (:meth:`~dockerlab.engines.base.Engine.ensure_base_image`);
    returns the image. The embedded engine builds it into its store from this machine's busybox;
    a Docker Engine gets the same image, byte for byte, copied in from the local store.
    """
    from .. import engines

    return engines.current().ensure_base_image()


def _executor_warning() -> str:
    """Empty when RUN steps and containers can run here; else why not (embedded engine only)."""
    from .. import engines

    if engines.current().name != "local":
        return ""
    from ..executor import probe

    found = probe()
    return "" if found.executor is not None else tr("course.no_executor", reason=found.reason)


def _base_name() -> str:
    from ..baseimage import REPOSITORY

    return REPOSITORY


def _reselect_engine() -> None:
    """Forget the engine object (its store was the old one) but keep a choice made in code."""
    from .. import engines

    engines.reset(keep_choice=True)


def current() -> Lesson | None:
    """The lesson started last in this kernel (``None`` before :func:`start`)."""
    return _lesson


def store():
    """The lesson's local store (an OCI layout folder), whichever engine is active."""
    from ..store import Store

    return Store(os.environ.get("DOCKERLAB_HOME") or None)

