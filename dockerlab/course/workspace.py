"""Files of the lesson's working folder, shown from a cell; other programs run in it.

Paths are relative to the working folder and may not leave it; outputs never show the machine's
absolute paths (they would differ on every computer).
"""

from __future__ import annotations

import dataclasses
import os
import shlex
import shutil
import subprocess
import textwrap
from dataclasses import dataclass
from html import escape
from pathlib import Path

from ..fsutil import remove_tree
from ..errors import BuildContextError, UsageError
from ..i18n import tr
from ..textutil import whole
from .lesson import _normalise_modes, _wrap, current


PACKAGES = {"skopeo": "skopeo", "umoci": "umoci", "dot": "graphviz", "busybox": "busybox-static"}


class _Note(str):
    """A visible explanation a cell returns instead of a result (shown without quotes)."""

    def __repr__(self) -> str:
        return str(self)


def _inside(path: str | os.PathLike[str]) -> Path:
    """``path`` resolved against the working directory, refusing anything outside it."""
    base = Path.cwd().resolve()
    target = (base / path).resolve()
    if target != base and base not in target.parents:
        raise UsageError("course.outside", path=str(path))
    return target


def _existing_file(path: str | os.PathLike[str]) -> Path:
    """``path`` inside the working folder, which must be a file."""
    target = _inside(path)
    if not target.is_file():
        folder = Path(path).parent.as_posix()
        raise BuildContextError("course.not_found", path=str(path), folder=folder)
    return target


@dataclass(frozen=True)
class ShownFile:
    """A file of the working folder as a cell shows it: its relative path and its text."""

    path: str
    text: str
    note: str = ""

    def __str__(self) -> str:
        head = f"📄 {self.path}" + (f" — {self.note}" if self.note else "")
        return head + "\n" + textwrap.indent(self.text.rstrip("\n"), "    ")

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        note = f" <span class='dl-sub'>— {escape(self.note)}</span>" if self.note else ""
        return _wrap(f"<div class='dl-header'>📄 <code>{escape(self.path)}</code>{note}</div>"
                     f"<pre class='dl-mono' style='margin:2px 0 0 0'>{escape(self.text.rstrip())}</pre>")


def write(path: str, text: str) -> ShownFile:
    """Write ``text`` (dedented) to ``path`` in the working folder, making folders as needed."""
    target = _inside(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    content = textwrap.dedent(text).lstrip("\n")
    target.write_text(content, encoding="utf-8")
    return ShownFile(str(path), content)


def show(path: str) -> ShownFile:
    """Show a text file of the working folder."""
    return ShownFile(str(path), _existing_file(path).read_text(encoding="utf-8"))


def replace(path: str, old: str, new: str) -> ShownFile:
    """Change the first ``old`` into ``new`` in ``path`` (like editing one line in an editor).

    Idempotent by construction, with nothing remembered between cells. A file of the lesson's own
    examples is edited from its pristine original (``notebooks/contoh/<lesson>/…``): the result is
    always that original with this one change, so running the cell again finds the file already
    so and changes nothing (the note says so). A file that is no longer its original (another
    edit came first, or it is no example) is edited as it is: the first ``old`` that is not part
    of a ``new`` is changed (so ``"echo 1"`` -> ``"echo 10"`` works beside an ``echo 10``), and
    when ``old`` is only left inside occurrences of ``new`` the change was made already. When
    neither is there, :class:`UsageError`.
    """
    target = _existing_file(path)
    text = target.read_text(encoding="utf-8")
    original = _pristine(target)
    if original is not None and (at := _first_outside(original, old, new)) >= 0:
        edited = original[:at] + new + original[at + len(old):]
        if text == edited:
            return ShownFile(str(path), text, tr("course.already_changed", old=old, new=new))
        if text == original:
            target.write_text(edited, encoding="utf-8")
            return ShownFile(str(path), edited, tr("course.changed", path=path))
    at = _first_outside(text, old, new)
    if at < 0 and new and new in text:
        return ShownFile(str(path), text, tr("course.already_changed", old=old, new=new))
    if at < 0:
        raise UsageError("course.text_missing", old=old, new=new, path=str(path))
    text = text[:at] + new + text[at + len(old):]
    target.write_text(text, encoding="utf-8")
    return ShownFile(str(path), text, tr("course.changed", path=path))


def _pristine(target: Path) -> str | None:
    """The text of ``target``'s original in ``notebooks/contoh/<lesson>/``, when ``target`` is
    one of the files ``course.start`` copied as the current lesson's examples."""
    from .lesson import NOTEBOOKS

    lesson = current()
    if lesson is None:
        return None
    examples = (lesson.workdir / "contoh").resolve()
    if examples not in target.parents:
        return None
    original = NOTEBOOKS / "contoh" / lesson.name / target.relative_to(examples)
    try:
        return original.read_text(encoding="utf-8") if original.is_file() else None
    except (OSError, UnicodeDecodeError):
        return None


def _first_outside(text: str, old: str, new: str) -> int:
    """Where the first ``old`` in ``text`` is that does not lie within an occurrence of ``new``
    (-1 if there is none). Only when ``old`` is part of ``new`` can one lie within it."""
    covered: list[tuple[int, int]] = []
    if new and old in new:
        at = text.find(new)
        while at >= 0:
            covered.append((at, at + len(new)))
            at = text.find(new, at + 1)
    at = text.find(old)
    while at >= 0:
        if not any(start <= at and at + len(old) <= end for start, end in covered):
            return at
        at = text.find(old, at + 1)
    return -1


@dataclass(frozen=True)
class Listing:
    """The files under a folder of the working folder, with their sizes."""

    root: str
    entries: tuple[tuple[str, int | None], ...]  # (relative path, size or None for a folder)
    note: str = ""

    def __str__(self) -> str:
        lines = [f"📁 {self.root}" + (f" — {self.note}" if self.note else "")]
        for rel, size in self.entries:
            depth = rel.count("/")
            name = rel.rsplit("/", 1)[-1]
            lines.append("    " * (depth + 1) + (f"{name}/" if size is None else f"{name}  ({whole(size)} B)"))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)


def files(path: str = ".") -> Listing:
    """The files of a build context (or any folder of the working folder), sorted."""
    base = _inside(path)
    entries = []
    for p in sorted(base.rglob("*")):
        rel = p.relative_to(base).as_posix()
        entries.append((rel, None if p.is_dir() else p.stat().st_size))
    return Listing(str(path), tuple(entries))


def copy(src: str, dst: str) -> Listing:
    """Copy the folder (or file) ``src`` of the working folder to ``dst``; the copy's listing.

    For changing an example without touching the original, so a cell that builds from the
    original still gives the same image when it is run again. Running the cell again replaces
    what is at ``dst`` with a fresh copy (the note says so), so a change made to the copy after it
    is made again too. Nothing that ``course.start`` copied as the lesson's examples is
    overwritten; a new file or folder inside an example folder is fine, again and again.
    """
    source, target = _inside(src), _inside(dst)
    if not source.exists():
        raise BuildContextError("course.not_found", path=str(src), folder=Path(src).parent.as_posix())
    if target == source or source in target.parents:
        raise UsageError("course.copy_into_itself", src=str(src), dst=str(dst),
                         suggestion=_free_name(src, source))
    if _part_of_example(target):
        raise UsageError("course.copy_onto_example", src=str(src), dst=str(dst),
                         suggestion=_free_name(dst, source))
    existed = os.path.lexists(target)
    if existed:
        remove_tree(target)   # the learner may have made a folder in the old copy read-only
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, symlinks=True)
    else:
        shutil.copy2(source, target)
    _normalise_modes(target)
    note = (tr("course.copied_again", src=str(src), dst=str(dst)) if existed
            else tr("course.copied", src=str(src)))
    if target.is_dir():
        return dataclasses.replace(files(dst), note=note)
    return Listing(Path(dst).parent.as_posix(), ((target.name, target.stat().st_size),), note)


def _examples() -> set[Path]:
    """Every file and folder course.start copied as the current lesson's examples (resolved)."""
    lesson = current()
    if lesson is None:
        return set()
    workdir = lesson.workdir.resolve()
    return {workdir / rel for rel in lesson.example_paths}


def _part_of_example(target: Path) -> bool:
    """Whether writing ``target`` would overwrite something course.start copied as an example
    (``target`` is such a path, or a folder holding one)."""
    return any(target == e or target in e.parents for e in _examples())


def _free_name(named: str, source: Path) -> str:
    """A destination beside ``named`` for a copy of ``source`` that is free: ``salam-2``,
    ``pesan-2.txt`` (``-3`` … when taken), not an example, not inside ``source``."""
    path = Path(named)
    for number in range(2, 1000):
        if source.is_file():
            candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        else:
            candidate = Path(f"{path}-{number}")
        resolved = _inside(candidate)
        if (os.path.lexists(resolved) or _part_of_example(resolved)
                or resolved == source or source in resolved.parents):
            continue
        return candidate.as_posix()
    return f"{path.as_posix()}-{os.getpid()}"  # pragma: no cover - a thousand copies already


@dataclass(frozen=True)
class ToolOutput:
    """What another program printed (paths under the working folder shown relative), or why it did not run."""

    command: str
    output: str
    returncode: int | None  # None: the program is not installed

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def __str__(self) -> str:
        if self.returncode is None:
            return self.output
        tail = "" if self.ok else "\n" + tr("course.tool_failed", program=self.command.split()[0], code=self.returncode)
        return f"$ {self.command}\n{self.output.rstrip()}{tail}"

    def __repr__(self) -> str:
        return str(self)


def tool(program: str, *args: str, timeout: float = 60.0) -> ToolOutput:
    """Run ``program args…`` in the working folder; a missing program is reported, not raised."""
    path = shutil.which(program)
    shown = shlex.join([program, *map(str, args)])
    if path is None:
        return ToolOutput(shown, tr("course.tool_missing", program=program,
                                    package=PACKAGES.get(program, program)), None)
    try:
        proc = subprocess.run([path, *map(str, args)], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return ToolOutput(_relative(shown), tr("course.tool_timeout", program=program, timeout=timeout), None)
    return ToolOutput(_relative(shown), _relative(proc.stdout + proc.stderr), proc.returncode)


def _relative(text: str) -> str:
    """``text`` with the working folder's absolute path written as a relative one."""
    cwd = str(Path.cwd())
    return text.replace(cwd + "/", "").replace(cwd, ".")

