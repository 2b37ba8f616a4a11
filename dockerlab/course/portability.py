"""For the lesson on portability: the other engine, OCI layouts, programs for other CPUs."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from ..i18n import messages, tr
from .lesson import store
from .workspace import _inside, _Note

messages({
    "course.no_docker": (
        "Tidak ada Docker Engine yang menjawab di sini ({error}), jadi langkah pemindahan ke Docker "
        "dilewati. Mesin bawaan dockerlab tetap bekerja: sel-sel lain berjalan seperti biasa. Di "
        "komputer dengan Docker, sel ini memindahkan image dan menampilkan ID yang sama.",
        "No Docker Engine answers here ({error}), so the move to Docker is skipped. The dockerlab "
        "embedded engine keeps working: the other cells run as usual. On a computer with Docker, "
        "this cell moves the image and shows the same ID.",
    ),
    "course.docker_missing": (
        "Docker tidak terpasang di komputer ini (tidak ada program docker, dan tidak ada socket di "
        "{host}), jadi langkah pemindahan ke Docker dilewati. Mesin bawaan dockerlab tetap bekerja: "
        "sel-sel lain berjalan seperti biasa. Di komputer dengan Docker, sel ini memindahkan image "
        "dan menampilkan ID yang sama.",
        "Docker is not installed on this computer (no docker program, and no socket at {host}), so "
        "the move to Docker is skipped. The dockerlab embedded engine keeps working: the other "
        "cells run as usual. On a computer with Docker, this cell moves the image and shows the "
        "same ID.",
    ),
    "course.docker_not_running": (
        "Docker terpasang di komputer ini, tetapi Docker Engine tidak berjalan (tidak ada yang "
        "menjawab di {host}). Jalankan Docker dulu: buka Docker Desktop (Windows/macOS), atau di "
        "Linux ketik `sudo systemctl start docker`, lalu jalankan sel ini lagi. Sampai saat itu "
        "pemindahan ke Docker dilewati; mesin bawaan dockerlab tetap bekerja, jadi sel-sel lain "
        "berjalan seperti biasa.",
        "Docker is installed on this computer, but the Docker Engine is not running (nothing "
        "answers at {host}). Start Docker first: open Docker Desktop (Windows/macOS), or on Linux "
        "type `sudo systemctl start docker`, then run this cell again. Until then the move to "
        "Docker is skipped; the dockerlab embedded engine keeps working, so the other cells run "
        "as usual.",
    ),
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


def other_engine() -> Any:
    """The engine that is *not* active: the Docker Engine when the embedded one is active (or a
    note saying it is missing), else the embedded engine on the lesson's store."""
    from .. import engines
    from ..errors import EngineUnavailable

    current_engine = engines.current()
    if current_engine.name == "docker":
        from ..engines.local import LocalEngine

        return LocalEngine(store())
    try:
        client = engines.ping_docker()
    except EngineUnavailable as exc:
        host = exc.params.get("host", engines.docker_host())
        if _installed_but_stopped(exc):
            return _Note(tr("course.docker_not_running", host=host))
        if exc.key == "engine.docker_no_socket":
            return _Note(tr("course.docker_missing", host=host))
        return _Note(tr("course.no_docker", error=exc.params.get("error", exc)))
    from ..engines.docker import DockerEngine

    return DockerEngine(client)


def _installed_but_stopped(exc: Exception) -> bool:
    """Docker is installed here but its daemon does not run: a socket file nobody listens on
    (connection refused), or no socket while the ``docker``/``dockerd`` program is installed.
    A daemon that refuses us (permission) or is slow to answer is another story."""
    key = getattr(exc, "key", "")
    params = getattr(exc, "params", {})
    installed = any(shutil.which(program) for program in ("docker", "dockerd"))
    if key == "engine.docker_no_socket":
        return installed
    refused = str(params.get("error", "")).startswith("ConnectionRefusedError")
    local = str(params.get("host", "")).startswith("unix://")
    return key == "engine.docker_unreachable" and refused and (local or installed)


def move(ref: str) -> str:
    """Copy ``ref`` from the active engine to the other one and report the IDs on both sides
    (:func:`dockerlab.transfer.copy` checks image ID and diff_ids); a note when there is none."""
    from .. import engines
    from ..transfer import copy

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
    """Unpack a tar of the working folder into ``folder``, refusing members that leave it."""
    import tarfile

    target = _inside(folder)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tarfile.open(_inside(archive)) as tar:
        members = tar.getmembers()
        if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4 / 3.12: the standard safe filter
            tar.extractall(target, filter="data")
        else:  # older Pythons: only plain files and folders, and only inside the target
            inside = target.resolve()
            members = [m for m in members if (m.isfile() or m.isdir())
                       and inside in [(target / m.name).resolve(), *(target / m.name).resolve().parents]]
            for member in members:
                tar.extract(member, target, set_attrs=False)
    count = sum(1 for m in members if m.isfile())
    return _Note(tr("course.unpacked", count=count, folder=folder))


def run_on_host(image: Any, program: str, *args: str) -> str:
    """Take ``program`` out of ``image`` and let this machine's kernel run it directly.

    What happens when a container starts a program without an emulator: a program for another CPU
    gets "exec format error" from the kernel. ``image``: an Image, a build result or a reference
    string (an index gives this machine's image).
    """
    import tarfile
    import tempfile

    from ..inspection.arguments import as_image
    from ..model import Platform

    image = as_image(image, function="course.run_on_host")
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
    from ..baseimage import ARM64_BUSYBOX, BUSYBOX
    from ..executor import elf

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

