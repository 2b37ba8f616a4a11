"""Moving images between engines: ``docker save | docker load``, between any two media.

``copy("halo:1.0", local, docker)`` moves the image from the first medium into the second, then
checks what the course promises: the image ID (config digest) and every layer's diff_id are
unchanged — the image is the same, byte for byte, wherever it lives. A medium
(:class:`~dockerlab.engines.base.Medium`) is an engine or a :class:`~dockerlab.store.Store`: both
have ``image(ref)`` and ``write(view, tags=)``, so a copy is ``dst.write(src.image(ref))``. A store
and the embedded engine write through the store's one sink (no tar in between); a Docker Engine
as a docker-archive (``docker load`` is the engine's only way in), written by :func:`write_archive`.

:func:`write_archive` writes any model :class:`~dockerlab.model.Image` (from a registry, an
archive, an engine) with the one archive writer, :func:`dockerlab.archive.write`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..errors import InvalidImage
from ..model import Image, ImageIndex
from .base import Medium


def _one(view: Image | ImageIndex) -> Image:
    """An index's image for this machine; an image as it is."""
    return view.image_for(None) if isinstance(view, ImageIndex) else view


def tags_for(ref: str | None) -> list[str]:
    """The tag a medium gets for ``ref`` (none for a digest reference or an image ID)."""
    if not ref:
        return []
    from ..errors import DockerlabError
    from ..reference import Reference

    try:
        parsed = Reference.parse(ref)
    except DockerlabError:
        return []
    return [ref] if parsed.digest is None else []


def check_same(ref: str, before: Image, after: Image, src: str, dst: str) -> None:
    """Raise :class:`InvalidImage` unless ``after`` has the ID and diff_ids of ``before``."""
    if after.id != before.id:
        raise InvalidImage("transfer.changed", ref=ref, src=src, dst=dst, what="image ID",
                           before=before.id, after=after.id)
    old, new = list(before.config.rootfs.diff_ids), list(after.config.rootfs.diff_ids)
    if old != new:
        raise InvalidImage("transfer.changed", ref=ref, src=src, dst=dst, what="diff_ids",
                           before=", ".join(d.short for d in old), after=", ".join(d.short for d in new))


def copy(ref: str, src: Medium, dst: Medium) -> Image:
    """Copy image ``ref`` (with its tag) from ``src`` to ``dst``; returns it as ``dst`` holds it.

    Like ``docker save ref | docker load`` between two engines. Raises if the image ID or a
    diff_id changed on the way (it must not).
    """
    before = _one(src.image(ref))
    dst.write(before, tags=tags_for(ref))
    after = _one(dst.image(ref))
    check_same(ref, before, after, src.name, dst.name)
    return after


def write_archive(image: Image, path: Path, tags: Sequence[str] = ()) -> Path:
    """Write ``image`` (from any medium) at ``path`` as :func:`dockerlab.archive.write` does, tagged
    ``tags`` (none: untagged, whatever ``image.ref`` says). Layer blobs are written as stored."""
    from .. import archive
    from ..reference import Reference

    views = [image.with_ref(Reference.parse(tag)) for tag in tags] or [image.with_ref(None)]
    return archive.write(views, path)


def load_image(image: Image | ImageIndex, dst: Medium, ref: str | None = None) -> Image:
    """Load a model image (from any medium) into ``dst``; returns it as ``dst`` holds it.

    ``ref=""`` loads it without a name (found again by its ID)."""
    image = _one(image)
    name = (ref if ref is not None else (image.ref.familiar if image.ref is not None else None)) or None
    dst.write(image, tags=tags_for(name))
    after = _one(dst.image(name or image.id))
    check_same(name or image.id, image, after, "model", dst.name)
    return after
