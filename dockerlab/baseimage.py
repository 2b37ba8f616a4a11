"""The course's base image (image dasar): one layer made from Debian's ``busybox-static`` binary.

Docker Hub is out of reach in class, so every image of the course starts ``FROM`` this one, built
here from the machine's own ``/usr/bin/busybox``: ``/bin/busybox`` plus a symlink per applet,
``/etc/passwd`` and ``/etc/group`` (root, nobody), ``/root``, ``/home``, ``/tmp`` (1777).
Architecture and variant come from the binary's ELF header, so an arm64 binary (Debian's
``busybox-static:arm64``) gives a linux/arm64 image.

It is reproducible: the tar is written by :func:`dockerlab.tarutil.write_layer` with the fixed
course epoch (never ``SOURCE_DATE_EPOCH``), and the config's ``created`` is that epoch, so the same
busybox binary gives the same digests on any machine, every time.

The name lives under a registry host (``dockerlab.local/busybox``): by Docker's reference rules a
name with a dot in its first component is never a Docker Hub name, so this image cannot be
mistaken for (or silently replaced by) ``docker.io/library/busybox`` or a Hub user's image.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from pathlib import Path

from .errors import ImageNotFound, PlatformMismatch, ToolMissing
from .executor import elf
from .model import EPOCH, History, ImageConfig, Image, RunConfig, rfc3339
from .tarutil import Entry, write_layer

BUSYBOX = "/usr/bin/busybox"
ARM64_BUSYBOX = "/usr/local/lib/dockerlab/arm64/busybox"  # where scripts/system-deps.sh puts it
REPOSITORY = "dockerlab.local/busybox"
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
PASSWD = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n"
GROUP = "root:x:0:\nnogroup:x:65534:\n"
LABEL_SHA = "org.dockerlab.busybox.sha256"


def _check_binary(path: str) -> bytes:
    if not os.path.isfile(path):
        raise ToolMissing("base.no_busybox", path=path)
    loader = elf.interpreter(path)
    if loader:
        raise ToolMissing("base.not_static", path=path, loader=loader)
    return Path(path).read_bytes()


def busybox_version(data: bytes, path: str = BUSYBOX) -> str:
    """``1.35.0`` from the ``BusyBox v1.35.0 (…)`` text inside the binary."""
    match = re.search(rb"BusyBox v([0-9][0-9A-Za-z.\-]*)", data)
    if not match:
        raise ToolMissing("base.not_busybox", path=path)
    return match.group(1).decode().rstrip(".-")


def applets(path: str = BUSYBOX, data: bytes | None = None) -> list[str]:
    """The applet names: ``busybox --list`` when the binary runs here, else its embedded list."""
    data = Path(path).read_bytes() if data is None else data
    arch = elf.architecture(path)
    if arch and elf.runs_natively(arch):
        done = subprocess.run([path, "--list"], capture_output=True, text=True, timeout=60)
        if done.returncode == 0 and done.stdout.strip():
            return sorted(set(done.stdout.split()) - {"busybox"})
    start = data.find(b"[\x00[[\x00")  # applet_names[]: sorted, NUL-separated, ends with "\0\0"
    if start < 0:
        raise ToolMissing("base.not_busybox", path=path)
    end = data.index(b"\x00\x00", start)
    return sorted(set(data[start:end].decode("ascii", "replace").split("\x00")) - {"busybox", ""})


def layer_entries(path: str = BUSYBOX, data: bytes | None = None) -> list[Entry]:
    """The base layer's entries (``write_layer`` sorts them)."""
    entries = [
        Entry("bin", "dir", 0o755),
        Entry("bin/busybox", "file", 0o755, source=Path(path)),
        Entry("etc", "dir", 0o755),
        Entry("etc/passwd", "file", 0o644, data=PASSWD.encode()),
        Entry("etc/group", "file", 0o644, data=GROUP.encode()),
        Entry("home", "dir", 0o755),
        Entry("root", "dir", 0o700),
        Entry("tmp", "dir", 0o1777),
    ]
    entries += [Entry(f"bin/{name}", "symlink", 0o777, linkname="busybox")
                for name in applets(path, data) if "/" not in name]
    return entries


def build_base_image(store, busybox: str = BUSYBOX, *, platform: str | None = None,
                     tags: list[str] | None = None) -> Image:
    """Build the base image into ``store`` from ``busybox`` and tag it; returns the image.

    ``platform`` (``linux/arm64``) only checks that the binary is what you expect. Tags default
    to ``dockerlab.local/busybox:<version>`` and ``:latest`` (``:<version>-<arch>`` for a binary
    of another CPU than this machine's, so ``latest`` always runs here).
    """
    data = _check_binary(busybox)
    arch = elf.architecture(busybox) or "unknown"
    if platform and platform.split("/")[1:2] != [arch]:
        raise PlatformMismatch("base.wrong_platform", path=busybox, arch=arch, platform=platform)
    version = busybox_version(data, busybox)
    sha = hashlib.sha256(data).hexdigest()
    with store.blob_writer(media_type="application/vnd.oci.image.layer.v1.tar") as writer:
        layer = write_layer(writer, layer_entries(busybox, data), mtime=EPOCH)
    created = rfc3339(EPOCH)
    config = ImageConfig.create(
        architecture=arch, os="linux", variant=elf.variant(arch) if arch == "arm64" else None,
        config=RunConfig(env=(f"PATH={PATH}",), cmd=("sh",),
                         labels={LABEL_SHA: sha, "org.opencontainers.image.version": version,
                                 "org.opencontainers.image.title": "dockerlab busybox"}),
        diff_ids=[layer.digest], created=created,
        # Written into the image, so the same in every language: names and paths only (the
        # binary's sha256 is in the LABEL_SHA label).
        history=[History(created=created, created_by=f"busybox-static {version} → /bin /etc /home /root /tmp"),
                 History(created=created, created_by='CMD ["sh"]', empty_layer=True)])
    image = store.put_image(config.raw, [layer])
    if tags is None:
        suffix = "" if elf.runs_natively(arch) and arch == elf.host_architecture() else f"-{arch}"
        tags = [f"{REPOSITORY}:{version}{suffix}"] + ([f"{REPOSITORY}:latest"] if not suffix else [])
    for tag in tags:
        image = store.tag(tag, image)
    return image


def ensure_base_image(store, busybox: str = BUSYBOX, *, platform: str | None = None) -> Image:
    """The base image, built once: if ``:latest`` already holds this very busybox, it is reused."""
    data = _check_binary(busybox)
    sha = hashlib.sha256(data).hexdigest()
    arch = elf.architecture(busybox)
    name = f"{REPOSITORY}:latest" if arch == elf.host_architecture() else \
        f"{REPOSITORY}:{busybox_version(data, busybox)}-{arch}"
    try:
        found = store.resolve(name)
        if isinstance(found, Image) and found.config.config.labels.get(LABEL_SHA) == sha:
            return found
    except ImageNotFound:
        pass
    return build_base_image(store, busybox, platform=platform)


def is_base_ref(ref: object) -> bool:
    """True for a reference naming the course's base image (any tag)."""
    return str(ref).split("@")[0].rsplit(":", 1)[0] == REPOSITORY if "/" in str(ref) else False


def resolve_or_build(store, ref: object):
    """``store.resolve(ref)``; the course's base image is built on first use if it is missing.

    Shared by the builder (``FROM dockerlab.local/busybox``) and ``run`` so both behave the same
    in a fresh store. Any other missing reference raises :class:`ImageNotFound` as before.
    """
    try:
        return store.resolve(ref)
    except ImageNotFound:
        if not is_base_ref(ref):
            raise
    ensure_base_image(store)
    return store.resolve(ref)


__all__ = ["ARM64_BUSYBOX", "BUSYBOX", "REPOSITORY", "applets", "build_base_image", "busybox_version",
           "ensure_base_image", "is_base_ref", "layer_entries", "resolve_or_build"]
