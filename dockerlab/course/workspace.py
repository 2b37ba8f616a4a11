"""Files of the lesson's working folder, shown from a cell; other programs run in it.

Paths are relative to the working folder and may not leave it; outputs never show the machine's
absolute paths (they would differ on every computer).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import textwrap
from dataclasses import dataclass
from html import escape
from pathlib import Path

from ..i18n import messages, tr
from .lesson import _wrap

messages({
    "course.outside": (
        "Path {path!r} keluar dari folder kerja pelajaran. Pakai path relatif seperti 'contoh/my-app/Dockerfile'.",
        "Path {path!r} leaves the lesson's working folder. Use a relative path like 'contoh/my-app/Dockerfile'.",
    ),
    "course.not_found": ("Berkas {path!r} tidak ada di folder kerja.", "File {path!r} is not in the working folder."),
    "course.text_missing": (
        "Teks {old!r} tidak ditemukan di {path}; tidak ada yang diubah.",
        "Text {old!r} was not found in {path}; nothing was changed.",
    ),
    "course.changed": ("Diubah: {path}", "Changed: {path}"),
    "course.tool_missing": (
        "Program {program} tidak terpasang di sini, jadi langkah ini dilewati. Pasang dengan: "
        "sudo apt-get install {package}",
        "The program {program} is not installed here, so this step is skipped. Install it with: "
        "sudo apt-get install {package}",
    ),
    "course.tool_timeout": (
        "{program} belum selesai setelah {timeout:g} detik, jadi dihentikan. Coba lagi, atau beri "
        "waktu lebih lama: course.tool(..., timeout=120).",
        "{program} had not finished after {timeout:g} seconds, so it was stopped. Try again, or "
        "allow longer: course.tool(..., timeout=120).",
    ),
    "course.tool_failed": ("{program} berhenti dengan kode {code}.", "{program} exited with code {code}."),
})

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
        raise ValueError(tr("course.outside", path=str(path)))
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
    target = _inside(path)
    if not target.is_file():
        raise FileNotFoundError(tr("course.not_found", path=str(path)))
    return ShownFile(str(path), target.read_text(encoding="utf-8"))


def replace(path: str, old: str, new: str) -> ShownFile:
    """Change the first ``old`` into ``new`` in ``path`` (like editing one line in an editor)."""
    target = _inside(path)
    if not target.is_file():
        raise FileNotFoundError(tr("course.not_found", path=str(path)))
    text = target.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(tr("course.text_missing", old=old, path=path))
    text = text.replace(old, new, 1)
    target.write_text(text, encoding="utf-8")
    return ShownFile(str(path), text, tr("course.changed", path=path))


@dataclass(frozen=True)
class Listing:
    """The files under a folder of the working folder, with their sizes."""

    root: str
    entries: tuple[tuple[str, int | None], ...]  # (relative path, size or None for a folder)

    def __str__(self) -> str:
        lines = [f"📁 {self.root}"]
        for rel, size in self.entries:
            depth = rel.count("/")
            name = rel.rsplit("/", 1)[-1]
            lines.append("    " * (depth + 1) + (f"{name}/" if size is None else f"{name}  ({size} B)"))
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

