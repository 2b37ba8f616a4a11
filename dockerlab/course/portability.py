"""For the lesson on portability: the other engine, OCI layouts, programs for other CPUs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from ..i18n import tr
from .lesson import store
from .workspace import _inside, _Note


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
    (:func:`dockerlab.engines.transfer.copy` checks image ID and diff_ids); a note when there is none."""
    from .. import engines
    from ..engines.transfer import copy

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
    """Unpack an image tar of the working folder into ``folder`` as an OCI image layout.

    A tar written by the embedded engine or by Docker Engine 25 and later already holds the OCI
    layout (``oci-layout``, ``index.json``, ``blobs/``): it is unpacked as it is, refusing members
    that would leave the folder. An older Docker Engine's ``docker save`` writes only the
    docker-archive format (``manifest.json``, ``<id>.json``, ``<layer>/layer.tar``); then the note
    says so, and the archive is read into a scratch store and written again with its OCI layout
    (same config and layers, so the same image ID and diff_ids; the manifest is made here,
    because that format keeps none) before it is unpacked.
    """
    import tempfile

    from ..tarutil import TarReader, clean_path, open_tar_stream

    source, target = _inside(archive), _inside(folder)
    with open(source, "rb") as stream:
        names = {clean_path(header.name) for header in TarReader(open_tar_stream(stream, archive), archive)}
    notes = []
    with tempfile.TemporaryDirectory(dir=store().tmp) as scratch:
        if not {"oci-layout", "index.json"} <= names and "manifest.json" in names:
            from .. import archive as archives
            from ..store import Store

            views = archives.load(Store(Path(scratch) / "store"), source)
            source = archives.write(views, Path(scratch) / "oci.tar")
            notes.append(tr("course.converted", archive=archive))
        count = _extract(source, target)
    return _Note("\n".join([*notes, tr("course.unpacked", count=count, folder=folder)]))


def _extract(archive: Path, target: Path) -> int:
    """Extract ``archive`` into a fresh ``target`` through the package's one extraction path
    (:func:`dockerlab.tarutil.extract_layer`: nothing can leave ``target``, no device is made;
    ``.wh.`` names are ordinary files here). Returns the number of files."""
    from ..fsutil import remove_tree
    from ..tarutil import extract_layer

    if target.exists():
        remove_tree(target)
    target.mkdir(parents=True)
    with open(archive, "rb") as stream:
        extract_layer(stream, target, where=str(archive), whiteouts=False)
    return sum(1 for path in target.rglob("*") if path.is_file() and not path.is_symlink())


def run_on_host(image: Any, program: str, *args: str) -> str:
    """Take ``program`` out of ``image`` and let this machine's kernel run it directly.

    What happens when a container starts a program without an emulator: a program for another CPU
    gets "exec format error" from the kernel. ``image``: an Image, a build result or a reference
    string (an index gives this machine's image).
    """
    import tempfile

    from ..engines import lookup
    from ..inspection.arguments import as_image
    from ..model import Platform
    from ..tarutil import TarReader, clean_path

    image = as_image(lookup(image), function="course.run_on_host")
    wanted = program.lstrip("/")
    data = None
    for layer in image.layers:  # the last layer that has the file wins, as in the container
        with layer.open() as stream:
            reader = TarReader(stream, f"layer {layer.digest}")
            for header in reader:
                if header.type == "file" and clean_path(header.name) == wanted:
                    data = reader.read()
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
    output = (proc.stdout + proc.stderr).strip()
    if image.platform is not None and not Platform.host().matches(image.platform):
        # The kernel ran it anyway: a binfmt_misc handler (qemu-user-static) emulated the CPU.
        return _Note(tr("course.host_emulated", program=program, platform=image.platform,
                        host=Platform.host(), output=output))
    return _Note(tr("course.host_ran", program=program, output=output))


def write_programs(folder: str) -> list[str]:
    """Write the lesson's ``arsitektur-amd64`` and ``arsitektur-arm64`` programs into ``folder``
    (a build context of the working folder) and return the platforms they make:
    ``["linux/amd64", "linux/arm64"]``.

    The programs are written by dockerlab itself (:mod:`.programs`), so the lesson needs nothing
    installed for another CPU, and their bytes (hence the images' digests) are the same everywhere.
    """
    from .programs import ARCHITECTURES, NAME, machine_program

    target = _inside(folder)
    target.mkdir(parents=True, exist_ok=True)
    for arch in ARCHITECTURES:
        path = target / f"{NAME}-{arch}"
        path.write_bytes(machine_program(arch))
        path.chmod(0o755)
    return [f"linux/{arch}" for arch in ARCHITECTURES]
