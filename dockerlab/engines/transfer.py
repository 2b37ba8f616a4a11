"""Moving images between engines: ``docker save | docker load``, between any two media.

``copy("halo:1.0", local, docker)`` moves the image from the first medium into the second, then
checks what the course promises: the image ID (config digest) and every layer's diff_id are
unchanged — the image is the same, byte for byte, wherever it lives. A medium is an engine
(anything with ``save``/``load``/``image``) or a :class:`~dockerlab.store.Store`. Into a store, an
image goes through its one sink (:meth:`~dockerlab.store.Store.write`, no tar in between); into a
Docker Engine, as a docker-archive (``docker load`` is the engine's only way in).

:func:`write_archive` writes any model :class:`~dockerlab.model.Image` (from a registry, an
archive, an engine) with the one archive writer, :func:`dockerlab.archive.write`, so an image read
elsewhere can be loaded into a Docker Engine (:func:`load_image`, used by ``DockerEngine.pull``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from ..errors import InvalidImage
from ..i18n import messages
from ..model import Image, ImageIndex

messages({
    "transfer.changed": (
        "Image {ref} berubah saat dipindah dari {src} ke {dst}: {what} {before} menjadi {after}. "
        "Image seharusnya identik di mana pun; periksa image sumber dengan dockerlab.validate({ref!r}).",
        "Image {ref} changed while moving from {src} to {dst}: {what} {before} became {after}. "
        "An image should be identical everywhere; check the source with dockerlab.validate({ref!r}).",
    ),
    "transfer.nothing_loaded": (
        "{dst} tidak memuat image apa pun dari arsip {path}. Periksa arsipnya dengan `tar -tf {path}`.",
        "{dst} loaded no image from the archive {path}. Check the archive with `tar -tf {path}`.",
    ),
})


def _is_store(medium: Any) -> bool:
    from ..store import Store

    return isinstance(medium, Store)


def _name(medium: Any) -> str:
    return "store" if _is_store(medium) else getattr(medium, "name", type(medium).__name__)


def resolve(medium: Any, ref: str) -> Image:
    """The image ``ref`` in ``medium`` (a store's index resolves to this machine's platform)."""
    view = medium.resolve(ref) if _is_store(medium) else medium.image(ref)
    return view.image_for(None) if isinstance(view, ImageIndex) else view


def save(medium: Any, refs: str | list[str], path: Path) -> Path:
    if _is_store(medium):
        from .. import archive

        return archive.save(medium, refs, path)
    return medium.save(refs, path)


def load(medium: Any, path: Path) -> list[Any]:
    if _is_store(medium):
        from .. import archive

        return archive.load(medium, path)
    return medium.load(path)


def _workdir(*media: Any) -> tempfile.TemporaryDirectory:
    store = next((m for m in media if _is_store(m)), None)
    if store is not None:
        Path(store.tmp).mkdir(parents=True, exist_ok=True)
        return tempfile.TemporaryDirectory(prefix="transfer-", dir=store.tmp)
    return tempfile.TemporaryDirectory(prefix="dockerlab-transfer-")


def _tags(ref: str | None) -> list[str]:
    """The tag a store gets for ``ref`` (none for a digest reference or an image ID)."""
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


def copy(ref: str, src: Any, dst: Any) -> Image:
    """Copy image ``ref`` (with its tag) from ``src`` to ``dst``; returns it as ``dst`` holds it.

    Like ``docker save ref | docker load`` between two engines. Raises if the image ID or a
    diff_id changed on the way (it must not).
    """
    before = resolve(src, ref)
    if _is_store(dst):
        dst.write(before, tags=_tags(ref))
    else:
        with _workdir(src, dst) as tmp:
            path = save(src, [ref], Path(tmp) / "image.tar")
            loaded = load(dst, path)
        if not loaded:
            raise InvalidImage("transfer.nothing_loaded", dst=_name(dst), path=path)
    after = resolve(dst, ref)
    check_same(ref, before, after, _name(src), _name(dst))
    return after


def write_archive(image: Image, path: Path, tags: list[str] | tuple[str, ...] = ()) -> Path:
    """Write ``image`` (from any medium) at ``path`` as :func:`dockerlab.archive.write` does, tagged
    ``tags`` (none: untagged, whatever ``image.ref`` says). Layer blobs are written as stored."""
    from .. import archive
    from ..reference import Reference

    views = [image.with_ref(Reference.parse(tag)) for tag in tags] or [image.with_ref(None)]
    return archive.write(views, path)


def load_image(image: Image | ImageIndex, dst: Any, ref: str | None = None) -> Image:
    """Load a model image (from any medium) into ``dst``; returns it as ``dst`` holds it.

    ``ref=""`` loads it without a name (found again by its ID)."""
    if isinstance(image, ImageIndex):
        image = image.image_for(None)
    name = ref if ref is not None else (getattr(image.ref, "familiar", None) if image.ref is not None else None)
    name = name or None
    if _is_store(dst):
        dst.write(image, tags=_tags(name))
    else:
        with _workdir(dst) as tmp:
            path = write_archive(image, Path(tmp) / "image.tar", [name] if name else [])
            load(dst, path)
    after = resolve(dst, name or image.id)
    check_same(name or image.id, image, after, "model", _name(dst))
    return after

