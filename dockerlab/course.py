"""Helpers the course's notebooks call, so that cells stay short and outputs stay the same.

* :func:`start` gives a lesson a fresh workspace of its own (``<home>/kursus/<lesson>/``): a new
  local store, a working folder with copies of the lesson's build contexts
  (``notebooks/contoh/<lesson>/``), and the kernel's working directory set there. Running a
  notebook twice therefore prints the same thing twice (nothing left in the cache from the last
  run), and every path a cell shows is relative (``contoh/my-app``), never the learner's home.
* :func:`write`, :func:`show`, :func:`replace`, :func:`files` write and show build-context files
  from a cell.
* :func:`docker` shows the ``docker`` command that does what a cell does.
* :func:`tool` runs another program (skopeo, umoci) and, where it is missing, says so visibly.
* :func:`tamper` changes one byte of a stored layer blob (and :meth:`Tampering.undo` puts it
  back), for the lesson on verification.
* :func:`move`, :func:`unpack`, :func:`run_on_host`, :func:`busybox_context` for the lesson on
  portability.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import textwrap
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from .i18n import messages, tr

messages({
    "course.bad_lesson": (
        "Nama pelajaran {name!r} tidak dikenal. Pakai nama berkas notebook tanpa .ipynb, "
        "misalnya '01-image-pertama'.",
        "Unknown lesson name {name!r}. Use the notebook's file name without .ipynb, for example "
        "'01-image-pertama'.",
    ),
    "course.ready": ("Pelajaran {name} siap.", "Lesson {name} is ready."),
    "course.workdir": ("Folder kerja", "Working folder"),
    "course.workdir_note": (
        "baru dan bersih; semua path di notebook ini relatif terhadap folder ini",
        "new and clean; every path in this notebook is relative to this folder",
    ),
    "course.examples": ("Contoh yang disalin", "Examples copied"),
    "course.none": ("(tidak ada)", "(none)"),
    "course.engine": ("Mesin", "Engine"),
    "course.base": ("Image dasar (base image) yang siap", "Base image ready"),
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
    "course.equivalent": ("Perintah Docker yang setara", "The equivalent Docker command"),
    "course.tool_missing": (
        "Program {program} tidak terpasang di sini, jadi langkah ini dilewati. Pasang dengan: "
        "sudo apt-get install {package}",
        "The program {program} is not installed here, so this step is skipped. Install it with: "
        "sudo apt-get install {package}",
    ),
    "course.tool_failed": ("{program} berhenti dengan kode {code}.", "{program} exited with code {code}."),
    "course.tampered": (
        "Satu byte diubah di blob {digest} (byte ke-{offset}: {old} → {new}). Nama berkasnya "
        "tetap digest lama.",
        "One byte changed in blob {digest} (byte {offset}: {old} → {new}). Its file name is still "
        "the old digest.",
    ),
    "course.restored": ("Blob {digest} dikembalikan seperti semula.", "Blob {digest} is restored."),
    "course.no_docker": (
        "Tidak ada Docker Engine yang menjawab di sini ({error}), jadi langkah pemindahan ke Docker "
        "dilewati. Di komputer dengan Docker, sel ini memindahkan image dan menampilkan ID yang sama.",
        "No Docker Engine answers here ({error}), so the move to Docker is skipped. On a computer "
        "with Docker, this cell moves the image and shows the same ID.",
    ),
    "course.other_engine": ("Mesin tujuan: {title}.", "Target engine: {title}."),
    "course.moved": (
        "{ref} dipindah dari {src} ke {dst}. ID image di sana: {after} (sebelumnya {before}); "
        "diff_id {layers} layer juga sama.",
        "{ref} moved from {src} to {dst}. Image ID there: {after} (before: {before}); the diff_ids "
        "of its {layers} layers are the same too.",
    ),
    "course.unpacked": ("{count} berkas dibongkar ke {folder}/", "{count} files unpacked into {folder}/"),
    "course.host_ran": (
        "Kernel mesin ini menjalankan {program} langsung (tanpa kontainer): {output}",
        "This machine's kernel ran {program} directly (no container): {output}",
    ),
    "course.host_refused": (
        "Kernel mesin ini ({host}) menolak menjalankan {program} dari image {platform}: {error}",
        "This machine's kernel ({host}) refuses to run {program} from the {platform} image: {error}",
    ),
    "course.no_file": ("Image tidak berisi {program}.", "The image holds no {program}."),
    "course.busybox_missing": (
        "busybox untuk {arch} tidak ada di {path}; platform itu dilewati. Pasang dengan: {hint}",
        "There is no busybox for {arch} at {path}; that platform is skipped. Install it with: {hint}",
    ),
})

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LESSONS_DIR = "kursus"
PACKAGES = {"skopeo": "skopeo", "umoci": "umoci", "dot": "graphviz", "busybox": "busybox-static"}

_home: Path | None = None  # DOCKERLAB_HOME as it was before the first lesson started
_lesson: "Lesson | None" = None


def _wrap(body: str) -> str:
    return f"<div class='dl-wrap'>{body}</div>"


@dataclass(frozen=True)
class Lesson:
    """A started lesson: its name, its working folder and the examples copied into it."""

    name: str
    root: Path = field(repr=False)
    examples: tuple[str, ...] = ()
    base_image: str = ""

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
        from . import engines

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
        ])

    def __repr__(self) -> str:
        return f"<Lesson {self.name}>"

    def _repr_html_(self) -> str:
        examples = ", ".join(f"<code>{escape(e)}</code>" for e in self.examples) or escape(tr("course.none"))
        return _wrap(
            f"<div class='dl-header'>{escape(tr('course.ready', name=self.name))}</div>"
            f"<dl class='dl-attrs'><dt>{escape(tr('course.workdir'))}</dt><dd><code>"
            f"{escape(self.shown_workdir)}</code> <span class='dl-sub'>({escape(tr('course.workdir_note'))})"
            f"</span></dd><dt>{escape(tr('course.examples'))}</dt><dd>{examples}</dd>"
            f"<dt>{escape(tr('course.engine'))}</dt><dd>{escape(self._engine_line())}</dd>"
            f"<dt>{escape(tr('course.base'))}</dt><dd><code>{escape(self.base_image)}</code></dd></dl>")


def lesson_names() -> list[str]:
    return sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def start(name: str) -> Lesson:
    """Give lesson ``name`` a fresh store and working folder, and make it the current directory.

    Everything under ``<home>/kursus/<name>/`` is removed and made again; nothing else is touched.
    """
    global _home, _lesson
    from . import engines
    from .store import default_root

    name = str(name)
    if name not in lesson_names() and not (NOTEBOOKS / "contoh" / name).is_dir():
        raise ValueError(tr("course.bad_lesson", name=name))
    if _home is None:
        _home = default_root()
    root = _home / LESSONS_DIR / name
    if root.exists():
        shutil.rmtree(root)
    workdir = root / "kerja"
    workdir.mkdir(parents=True)
    examples: list[str] = []
    source = NOTEBOOKS / "contoh" / name
    if source.is_dir():
        shutil.copytree(source, workdir / "contoh", symlinks=True)
        _normalise_modes(workdir / "contoh")
        examples = sorted(f"contoh/{p.name}" for p in (workdir / "contoh").iterdir())
    os.environ["DOCKERLAB_HOME"] = str(root / "store")
    _reselect_engine()
    _keep_public_verbs()
    os.chdir(workdir)
    base = prepare_base_image()
    _lesson = Lesson(name, root, tuple(examples), base)
    return _lesson


def _normalise_modes(root: Path) -> None:
    """0755 folders and executables, 0644 other files: the same layer digests whatever the umask
    or checkout left (permission bits go into layers)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        executable = path.is_dir() or bool(path.stat().st_mode & 0o100)
        path.chmod(0o755 if executable else 0o644)


def prepare_base_image() -> str:
    """Make sure the active engine holds the course base image; its familiar name.

    The embedded engine builds it into its store from this machine's busybox; a Docker Engine
    gets the same image, byte for byte, copied in from the lesson's store.
    """
    from . import engines
    from .baseimage import REPOSITORY, ensure_base_image

    eng = engines.current()
    if eng.name == "local":
        ensure_base_image(eng.store)
        return REPOSITORY
    from .store import Store

    store = Store(os.environ["DOCKERLAB_HOME"])
    ensure_base_image(store)
    try:
        eng.image(REPOSITORY)
    except Exception:  # noqa: BLE001 - not there yet: copy it in
        from .transfer import copy

        copy(REPOSITORY, store, eng)
    return REPOSITORY


def _keep_public_verbs() -> None:
    """Keep ``dockerlab.build`` the verb, not the subpackage ``dockerlab.build``.

    Importing the subpackage sets the package attribute ``build`` to the module, hiding the
    public function. Importing it once here, then putting the function back, keeps the verb
    (later imports find the module in ``sys.modules`` and do not touch the attribute again).
    Remove once the package itself resolves the clash.
    """
    import dockerlab
    import dockerlab.build  # noqa: F401
    from . import api

    dockerlab.build = api.build  # type: ignore[attr-defined]


def _reselect_engine() -> None:
    """Forget the engine object (its store was the old one) but keep a choice made in code."""
    from . import engines

    choice = getattr(engines, "_choice_in_code", None)
    engines.reset()
    if choice is not None:
        engines.use(choice)


def current() -> Lesson | None:
    """The lesson started last in this kernel (``None`` before :func:`start`)."""
    return _lesson


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


# --- the equivalent docker command ----------------------------------------------------------

_FLAGS = {
    "tag": "-t", "dockerfile": "-f", "platform": "--platform", "target": "--target", "name": "--name",
    "detach": "-d", "no_cache": "--no-cache", "output": "-o", "input": "-i", "all": "-a",
    "force": "-f", "remove": "--rm", "build_args": "--build-arg", "env": "-e", "message": "-m",
}


@dataclass(frozen=True)
class DockerCommand:
    """A ``docker`` command line, shown as a learner would type it."""

    argv: tuple[str, ...]

    @property
    def text(self) -> str:
        return "docker " + shlex.join(self.argv)

    def __str__(self) -> str:
        return f"$ {self.text}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return _wrap(f"<span class='dl-sub'>{escape(tr('course.equivalent'))}:</span> "
                     f"<code>$ {escape(self.text)}</code>")


def docker(verb: str, *args: Any, **options: Any) -> DockerCommand:
    """``docker("build", "contoh/my-app", tag="my-app:latest")`` → ``$ docker build -t my-app:latest contoh/my-app``.

    Options come first, as ``docker`` expects; ``True`` gives a bare flag, lists repeat the flag,
    dicts give ``KEY=VALUE`` pairs.
    """
    argv: list[str] = str(verb).split()
    for key, value in options.items():
        if value is None or value is False:
            continue
        flag = _FLAGS.get(key, "--" + key.replace("_", "-"))
        if value is True:
            argv.append(flag)
        elif isinstance(value, dict):
            for k, v in value.items():
                argv += [flag, f"{k}={v}"]
        elif isinstance(value, (list, tuple)):
            for v in value:
                argv += [flag, str(v)]
        else:
            argv += [flag, str(value)]
    for arg in args:
        argv += [str(a) for a in arg] if isinstance(arg, (list, tuple)) else [str(arg)]
    return DockerCommand(tuple(argv))


# --- other programs ---------------------------------------------------------------------------

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
    proc = subprocess.run([path, *map(str, args)], capture_output=True, text=True, timeout=timeout)
    return ToolOutput(_relative(shown), _relative(proc.stdout + proc.stderr), proc.returncode)


def _relative(text: str) -> str:
    """``text`` with the working folder's absolute path written as a relative one."""
    cwd = str(Path.cwd())
    return text.replace(cwd + "/", "").replace(cwd, ".")


# --- tampering with a stored blob ---------------------------------------------------------------

@dataclass(frozen=True)
class Tampering:
    """One byte changed in a blob file of a local store; :meth:`undo` puts it back.

    ``image`` is the image as read from that store now, for :func:`dockerlab.model.validate`.
    """

    digest: str
    offset: int
    old: int
    new: int
    path: Path = field(repr=False)
    image: Any = field(repr=False, default=None)

    def undo(self) -> str:
        with open(self.path, "r+b") as fh:
            fh.seek(self.offset)
            fh.write(bytes([self.old]))
        return tr("course.restored", digest=self.digest[:19])

    def __str__(self) -> str:
        return tr("course.tampered", digest=self.digest[:19], offset=self.offset,
                  old=repr(chr(self.old)), new=repr(chr(self.new)))

    def __repr__(self) -> str:
        return str(self)


def tamper(image: Any, layer: int = -1, *, find: str | bytes | None = None,
           offset: int | None = None) -> Tampering:
    """Change one byte of a layer blob of ``image`` (an Image or a reference) in a local store.

    On the embedded engine that is the engine's own store. A Docker Engine keeps its blobs where
    only the daemon may touch them, so the image is first copied, unchanged, into the lesson's
    store and the copy is changed. The byte is at ``offset``, else the first byte of ``find``,
    else the middle of the blob.
    """
    from . import engines

    eng = engines.current()
    ref = image if isinstance(image, str) else (getattr(image.ref, "familiar", None) or str(image.id))
    if eng.name == "local":
        local = eng.store
    else:
        from .transfer import copy

        local = store()
        copy(ref, eng, local)
    view = local.resolve(ref)
    view = view.image_for(None) if hasattr(view, "image_for") else view
    digest = view.layers[layer].digest
    path = Path(local.blob_path(digest))
    data = path.read_bytes()
    if offset is not None:
        at = int(offset)
    elif find is not None:
        needle = find.encode() if isinstance(find, str) else bytes(find)
        at = data.find(needle)
        if at < 0:
            raise ValueError(tr("course.text_missing", old=find, path=str(digest)[:19]))
    else:
        at = len(data) // 2
    old = data[at]
    new = old ^ 0x01
    os.chmod(path, 0o644)
    with open(path, "r+b") as fh:
        fh.seek(at)
        fh.write(bytes([new]))
    return Tampering(str(digest), at, old, new, path, view)


# --- portability: other engines, OCI layouts, foreign programs -------------------------------------

def store():
    """The lesson's local store (an OCI layout folder), whichever engine is active."""
    from .store import Store

    return Store(os.environ.get("DOCKERLAB_HOME") or None)


class _Note(str):
    """A visible explanation a cell returns instead of a result (shown without quotes)."""

    def __repr__(self) -> str:
        return str(self)


def other_engine() -> Any:
    """The engine that is *not* active: the Docker Engine when the embedded one is active (or a
    note saying it is missing), else the embedded engine on the lesson's store."""
    from . import engines
    from .errors import EngineUnavailable

    current_engine = engines.current()
    if current_engine.name == "docker":
        from .engines.local import LocalEngine

        return LocalEngine(store())
    try:
        client = engines.ping_docker()
    except EngineUnavailable as exc:
        return _Note(tr("course.no_docker", error=exc.params.get("error", exc)))
    from .engines.docker import DockerEngine

    return DockerEngine(client)


def move(ref: str) -> str:
    """Copy ``ref`` from the active engine to the other one and report the IDs on both sides
    (:func:`dockerlab.transfer.copy` checks image ID and diff_ids); a note when there is none."""
    from . import engines
    from .transfer import copy

    target = other_engine()
    if isinstance(target, str):
        return target
    source = engines.current()
    before = source.image(ref)
    after = copy(ref, source, target)
    return _Note(tr("course.moved", ref=ref, src=tr(f"engine.name.{source.name}"),
                    dst=tr(f"engine.name.{target.name}"), before=before.id.short, after=after.id.short,
                    layers=len(after.layers)))


def unpack(archive: str, folder: str) -> str:
    """Unpack a tar of the working folder into ``folder`` (tarfile's safe ``data`` filter)."""
    import tarfile

    target = _inside(folder)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tarfile.open(_inside(archive)) as tar:
        members = tar.getmembers()
        tar.extractall(target, filter="data")
    count = sum(1 for m in members if m.isfile())
    return _Note(tr("course.unpacked", count=count, folder=folder))


def run_on_host(image: Any, program: str, *args: str) -> str:
    """Take ``program`` out of ``image`` and let this machine's kernel run it directly.

    What happens when a container starts a program without an emulator: a program for another CPU
    gets "exec format error" from the kernel.
    """
    import tarfile
    import tempfile

    from .model import Platform

    wanted = program.lstrip("/")
    data = None
    for layer in image.layers:
        with layer.open() as stream, tarfile.open(fileobj=stream, mode="r|") as tar:
            for member in tar:
                if member.isfile() and member.name.lstrip("./") == wanted:
                    data = tar.extractfile(member).read()  # type: ignore[union-attr]
    if data is None:
        return _Note(tr("course.no_file", program=program))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(wanted).name
        path.write_bytes(data)
        path.chmod(0o755)
        try:
            proc = subprocess.run([str(path), *args], capture_output=True, text=True, timeout=30)
        except OSError as exc:
            return _Note(tr("course.host_refused", host=Platform.host(), program=program,
                            platform=image.platform, error=f"[Errno {exc.errno}] {exc.strerror}"))
    return _Note(tr("course.host_ran", program=program, output=(proc.stdout + proc.stderr).strip()))


def busybox_context(folder: str) -> list[str]:
    """Put ``busybox-amd64`` / ``busybox-arm64`` (this machine's binaries) into a build context.

    Returns the platforms that can be built; a missing binary is reported and skipped.
    """
    from .baseimage import ARM64_BUSYBOX, BUSYBOX
    from .executor import elf

    target = _inside(folder)
    target.mkdir(parents=True, exist_ok=True)
    found: dict[str, str] = {}
    for candidate in (BUSYBOX, ARM64_BUSYBOX):
        arch = elf.architecture(candidate) if os.path.exists(candidate) else None
        if arch and arch not in found:
            found[arch] = candidate
    platforms = []
    for arch in ("amd64", "arm64"):
        if arch not in found:
            hint = "sudo make arm64-busybox" if arch == "arm64" else "sudo apt-get install busybox-static"
            print(tr("course.busybox_missing", arch=arch, path=ARM64_BUSYBOX if arch == "arm64" else BUSYBOX,
                     hint=hint))
            continue
        shutil.copyfile(found[arch], target / f"busybox-{arch}")
        (target / f"busybox-{arch}").chmod(0o755)
        platforms.append(f"linux/{arch}")
    return platforms
