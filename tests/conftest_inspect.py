"""Build small, exact test images for the inspect/show tests (no engine needed).

Layers are real tar files written with stdlib ``tarfile``; config and manifest are written with the
model's builders into a blob directory read through ``dockerlab.model.DirSource`` — the same
medium the store uses. Import it from a test: ``from conftest_inspect import make_image``.
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path
from typing import Iterable, Sequence

from dockerlab.model import (
    Descriptor, DirSource, History, Image, ImageConfig, Manifest, RunConfig, mediatypes,
)
from dockerlab.model.digest import Digest

EPOCH = 1704067200
DIR = object()  # marker: a directory entry
WHITEOUT = object()  # marker: delete this path (writes .wh.<name>)
OPAQUE = object()  # marker: make this directory opaque (writes <dir>/.wh..wh..opq)


class Link(str):
    """A symlink target."""


def layer_tar(spec: Iterable[tuple[str, object]]) -> bytes:
    """A layer tar from ``(path, content)`` pairs: bytes (a file), DIR, WHITEOUT, OPAQUE, Link."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path, content in spec:
            path = path.strip("/")
            info = tarfile.TarInfo()
            info.mtime = EPOCH
            data = None
            if content is DIR:
                info.name, info.type, info.mode = path + "/", tarfile.DIRTYPE, 0o755
            elif content is WHITEOUT:
                head, _, base = path.rpartition("/")
                info.name = (head + "/" if head else "") + ".wh." + base
            elif content is OPAQUE:
                info.name = path + "/.wh..wh..opq"
            elif isinstance(content, Link):
                info.name, info.type, info.linkname, info.mode = path, tarfile.SYMTYPE, str(content), 0o777
            else:
                info.name, info.mode = path, 0o644
                data = bytes(content)  # type: ignore[arg-type]
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return buf.getvalue()


class BlobDir:
    """A directory of blobs (``blobs/sha256/<hex>``) plus a way to read them back."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.source = DirSource(self.root)

    def put(self, data: bytes) -> Digest:
        digest = Digest.of(data)
        path = self.root / "blobs" / "sha256" / digest.hex
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return digest


def make_image(root: Path, layers: Sequence[Sequence[tuple[str, object]] | None],
               steps: Sequence[str] | None = None, ref: str | None = None) -> Image:
    """An image from layer specs; ``None`` in ``layers`` is a metadata-only step (ENV …).

    ``steps`` gives each entry's ``created_by`` (default: ``STEP <n>``).
    """
    blobs = BlobDir(root)
    history, diff_ids, descriptors = [], [], []
    for i, spec in enumerate(layers):
        created_by = steps[i] if steps else f"STEP {i + 1}"
        if spec is None:
            history.append(History(created="2024-01-01T00:00:00Z", created_by=created_by, empty_layer=True))
            continue
        data = layer_tar(spec)
        digest = blobs.put(data)
        diff_ids.append(digest)
        descriptors.append(Descriptor(mediatypes.OCI_LAYER, digest, len(data)))
        history.append(History(created="2024-01-01T00:00:00Z", created_by=created_by))
    config = ImageConfig.create(architecture="amd64", config=RunConfig(cmd=("sh",)),
                                diff_ids=diff_ids, history=history, created="2024-01-01T00:00:00Z")
    config_digest = blobs.put(config.raw)
    manifest = Manifest.build(Descriptor(mediatypes.OCI_CONFIG, config_digest, len(config.raw)),
                              descriptors)
    blobs.put(manifest.raw)
    return Image(blobs.source, manifest, ref)
