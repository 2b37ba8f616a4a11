"""Helpers for the Docker Engine, transfer and parity tests (import: ``from conftest_docker import …``).

``busybox_archive`` writes a docker-archive tar by hand (stdlib ``tarfile``) holding a one-layer
busybox image made from Debian's ``busybox-static`` — known bytes, so a test can check that the
engine keeps config and layer bytes unchanged. ``entries`` lists a layer tar the way the parity
tests compare layers: path, type, mode, owner, size, content digest, link target.
"""

from __future__ import annotations

import hashlib
import io
import json
import platform
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import BinaryIO

EPOCH = 1704067200
ARCH = {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def busybox_layer() -> bytes:
    """A deterministic layer: /bin/busybox and one symlink per applet."""
    binary = shutil.which("busybox") or "/usr/bin/busybox"
    applets = subprocess.run([binary, "--list"], capture_output=True, text=True, check=True).stdout.split()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in ("bin", "tmp", "etc"):
            info = tarfile.TarInfo(name + "/")
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o1777 if name == "tmp" else 0o755, EPOCH
            tar.addfile(info)
        data = Path(binary).read_bytes()
        info = tarfile.TarInfo("bin/busybox")
        info.size, info.mode, info.mtime = len(data), 0o755, EPOCH
        tar.addfile(info, io.BytesIO(data))
        for applet in sorted(set(applets) - {"busybox"}):
            info = tarfile.TarInfo(f"bin/{applet}")
            info.type, info.linkname, info.mode, info.mtime = tarfile.SYMTYPE, "busybox", 0o777, EPOCH
            tar.addfile(info)
        passwd = b"root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n"
        for name, content in (("etc/passwd", passwd), ("etc/group", b"root:x:0:\nnogroup:x:65534:\n")):
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(content), 0o644, EPOCH
            tar.addfile(info, io.BytesIO(content))
    return buf.getvalue()


def busybox_config(diff_id: str) -> bytes:
    config = {
        "architecture": ARCH, "os": "linux", "created": "2024-01-01T00:00:00Z",
        "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], "Cmd": ["sh"]},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created": "2024-01-01T00:00:00Z", "created_by": "dockerlab test busybox"},
                    {"created": "2024-01-01T00:00:00Z", "created_by": 'CMD ["sh"]', "empty_layer": True}],
    }
    return json.dumps(config, sort_keys=True, separators=(",", ":")).encode()


def busybox_archive(path: Path, tag: str = "dl-busybox:test") -> dict[str, object]:
    """Write a docker-archive with the test busybox image; return its layer, config and digests."""
    layer = busybox_layer()
    diff_id = "sha256:" + hashlib.sha256(layer).hexdigest()
    config = busybox_config(diff_id)
    config_hex = hashlib.sha256(config).hexdigest()
    manifest = json.dumps([{"Config": f"{config_hex}.json", "RepoTags": [tag],
                            "Layers": [f"{diff_id[7:]}/layer.tar"]}]).encode()
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in ((f"{config_hex}.json", config), (f"{diff_id[7:]}/layer.tar", layer),
                           ("manifest.json", manifest)):
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), EPOCH
            tar.addfile(info, io.BytesIO(data))
    return {"layer": layer, "config": config, "diff_id": diff_id, "id": f"sha256:{config_hex}", "tag": tag}


def entries(stream: BinaryIO, *, with_mtime: bool = False) -> list[tuple]:
    """A layer tar as comparable rows: (path, type, mode, uid, gid, size, sha256, linkname)."""
    rows = []
    with tarfile.open(fileobj=stream, mode="r|") as tar:
        for member in tar:
            digest = None
            if member.isfile():
                digest = hashlib.sha256(tar.extractfile(member).read()).hexdigest()  # type: ignore[union-attr]
            kind = ("dir" if member.isdir() else "file" if member.isfile() else "symlink" if member.issym()
                    else "hardlink" if member.islnk() else f"type-{member.type!r}")
            # Only links have a target. Docker leaves a stray link name in some regular-file headers
            # (its whiteouts: "d/.wh.e" names "bin/ls"); tar readers ignore it, and so do we.
            link = member.linkname or None if (member.issym() or member.islnk()) else None
            row = (member.name.rstrip("/").removeprefix("./"), kind, member.mode & 0o7777, member.uid, member.gid,
                   member.size if member.isfile() else 0, digest, link)
            rows.append(row + ((member.mtime,) if with_mtime else ()))
    return sorted(rows)


def docker_image_ids(client) -> set[str]:
    return {img["Id"] for img in client.api.images(all=True)}


def gzip_image(root: Path, files: dict[str, bytes], ref=None):
    """A one-layer image whose layer blob is gzip-compressed (as a registry serves it)."""
    import gzip

    from dockerlab.model import Descriptor, DirSource, Image, Manifest, mediatypes

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in sorted(files.items()):
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o644, EPOCH
            tar.addfile(info, io.BytesIO(data))
    layer = buf.getvalue()
    blob = gzip.compress(layer, mtime=0)
    config = json.dumps({
        "architecture": ARCH, "os": "linux", "config": {"Cmd": ["sh"]},
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]},
        "history": [{"created_by": "COPY files /"}]}, sort_keys=True).encode()
    blobs = root / "blobs" / "sha256"
    blobs.mkdir(parents=True, exist_ok=True)
    for data in (blob, config):
        (blobs / hashlib.sha256(data).hexdigest()).write_bytes(data)
    manifest = Manifest.build(
        Descriptor(mediatypes.OCI_CONFIG, "sha256:" + hashlib.sha256(config).hexdigest(), len(config)),
        [Descriptor(mediatypes.OCI_LAYER_GZIP, "sha256:" + hashlib.sha256(blob).hexdigest(), len(blob))])
    return Image(DirSource(root), manifest, ref), layer


DOCKER_WHITEOUT_MODE = 0o600  # what Docker's overlay2 driver writes for a whiteout entry


def is_whiteout(row: tuple) -> bool:
    return row[0].rsplit("/", 1)[-1].startswith(".wh.")


def without_whiteout_modes(rows: list[tuple]) -> list[tuple]:
    """Rows with the mode of whiteout entries blanked.

    Docker writes whiteouts with mode 0600 (an opaque marker: its directory's mode),
    ``dockerlab.tarutil`` with 0644: a known,
    reported parity gap (same path, same meaning, different mode bits). Callers assert Docker's
    mode separately, so the gap stays visible.
    """
    return [row[:2] + (None,) + row[3:] if is_whiteout(row) else row for row in rows]


OPAQUE = ".wh..wh..opq"
EMPTY_SHA = hashlib.sha256(b"").hexdigest()


def apply_rows(tree: set[str], rows: list[tuple]) -> set[str]:
    """The paths present after applying a layer's rows on ``tree`` (whiteouts and opaque markers)."""
    out = set(tree)
    for row in rows:
        head, _, name = row[0].rpartition("/")
        if name == OPAQUE:
            out = {p for p in out if not p.startswith(head + "/")}
        elif name.startswith(".wh."):
            target = (head + "/" if head else "") + name[4:]
            out = {p for p in out if p != target and not p.startswith(target + "/")}
    out |= {row[0] for row in rows if not row[0].rpartition("/")[2].startswith(".wh.")}
    return out


def canonical_whiteouts(rows: list[tuple], tree: set[str]) -> tuple[list[tuple], set[str]]:
    """Rows with each opaque marker replaced by one whiteout per lower child it hides.

    "Delete everything in d" can be written two ways with the same result: an opaque marker
    ``d/.wh..wh..opq`` (what overlay2 records when a directory is removed and made again) or a
    whiteout per hidden child (what a snapshot diff finds when the new directory reuses the
    inode). This form makes the two comparable; whiteout modes are blanked (see
    :func:`without_whiteout_modes`). Returns the rows and the markers that were expanded.
    """
    present = {row[0] for row in rows}
    out, expanded = [], set()
    for row in rows:
        head, _, name = row[0].rpartition("/")
        if name != OPAQUE:
            out.append(row[:2] + (None,) + row[3:] if name.startswith(".wh.") else row)
            continue
        expanded.add(row[0])
        for child in sorted(p for p in tree if p.rpartition("/")[0] == head):
            if child not in present:
                hidden = f"{head}/.wh.{child.rpartition('/')[2]}"
                out.append((hidden, "file", None, 0, 0, 0, EMPTY_SHA, None))
    return sorted(set(out)), expanded
