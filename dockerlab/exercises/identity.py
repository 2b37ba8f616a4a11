"""Checkers for 03-immutable: image ID vs manifest digest, new digests after a change, commit."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Any

from ..i18n import tr
from .answers import as_hex, as_image, names
from .result import Result, checker, right, wrong


def _label(image: Any) -> str:
    return getattr(image.ref, "familiar", None) or (str(image.ref) if image.ref else image.id.short)


def image_store() -> str:
    """Where the active engine keeps images, which decides what ``docker images`` shows as IMAGE
    ID: ``"embedded"`` (dockerlab's: the config digest), ``"classic"`` (a Docker Engine's graph
    driver store: the config digest) or ``"containerd"`` (its containerd image store: the
    manifest or index digest), read from ``docker info`` (:func:`dockerlab.machine.docker_image_store`)."""
    from .. import engines
    from ..machine import docker_image_store

    engine = engines.current()
    if engine.name != "docker":
        return "embedded"
    try:
        return docker_image_store(engine.client.info())
    except Exception:  # noqa: BLE001 - a daemon that does not say: the classic store's answer
        return "classic"


@checker("03.1", "image_id(jawaban, image)")
def image_id(answer: Any, image: Any) -> Result:
    """03.1: name the image ID as the learner's engine shows it in the IMAGE ID column.

    The config digest is right everywhere (it *is* the image ID of the embedded engine and of
    Docker's classic store). The manifest digest is right too where the engine uses the
    containerd image store, whose IMAGE ID column shows it; elsewhere it is explained apart."""
    from ..model import Digest

    value = as_hex(answer)
    image = as_image(image)
    store = image_store()
    config = Digest.of(image.config.raw)
    if names(value, config):
        if store == "containerd":
            return right("03.1", "ex.03_1.ok_config_on_containerd", image=_label(image),
                         short=config.short, manifest=image.digest.short)
        return right("03.1", "ex.03_1.ok", image=_label(image), short=config.short)
    if names(value, image.digest) or names(value, image.id):
        if store == "containerd":
            return right("03.1", "ex.03_1.ok_containerd", short=image.digest.short if names(
                value, image.digest) else image.id.short, config=config.short)
        engine = tr(f"ex.03_1.store.{store}")
        return wrong("03.1", "ex.03_1.manifest", tr("ex.03_1.where"),
                     tr("ex.03_1.manifest_elsewhere", engine=engine), engine=engine)
    for layer in image.layers:
        if names(value, layer.digest) or (layer.diff_id and names(value, layer.diff_id)):
            return wrong("03.1", "ex.03_1.layer", tr("ex.03_1.where"), index=layer.index)
    return wrong("03.1", "ex.03_1.other", tr("ex.03_1.where"), value=answer)


def _shared_prefix(a: Any, b: Any) -> int:
    shared = 0
    for x, y in zip(a.config.rootfs.diff_ids, b.config.rootfs.diff_ids):
        if x != y:
            break
        shared += 1
    return shared


def _created(image: Any) -> datetime | None:
    """The config's ``created`` time (``None`` when missing or unreadable)."""
    try:
        value = datetime.fromisoformat(str(image.config.created))
    except (TypeError, ValueError, AttributeError):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def _stored_at(image: Any) -> int | None:
    """When the image's config blob was first written where it is kept (nanoseconds), or None.

    A store never rewrites a blob it has (``store.writer.adopt_file``), so the blob's time is
    when that image was built, committed or loaded there."""
    blob_path = getattr(image.source, "blob_path", None)
    try:
        return os.stat(blob_path(image.id)).st_mtime_ns if blob_path else None
    except (OSError, TypeError, ValueError):
        return None


def made_before(a: Any, b: Any) -> bool | None:
    """Was image ``a`` made before image ``b``? ``None`` when nothing tells.

    The config's ``created`` decides when the two differ (the Docker Engine stamps the build
    time). The course's own builder stamps every image with the same epoch (reproducible
    builds), so then the time each config blob was first stored decides, when both images have
    one on this machine; two images stored within one clock tick stay undecided."""
    first, second = _created(a), _created(b)
    if first is not None and second is not None and first != second:
        return first < second
    first_stored, second_stored = _stored_at(a), _stored_at(b)
    if first_stored is not None and second_stored is not None and first_stored != second_stored:
        return first_stored < second_stored
    return None


@checker("03.2", "new_digests(image_lama, image_baru)")
def new_digests(old: Any, new: Any) -> Result:
    """03.2: after changing one byte and rebuilding, both images exist with different digests;
    the old one is given first (when the images tell which is older, see :func:`made_before`)."""
    old, new = as_image(old), as_image(new)
    if old.id == new.id:
        key = "ex.03_2.swapped" if old.ref == new.ref else "ex.03_2.same"
        return wrong("03.2", key, id=old.id.short)
    shared = _shared_prefix(old, new)
    order = made_before(old, new)
    if order is False:
        return wrong("03.2", "ex.03_2.reversed", old=_label(old), new=_label(new))
    key = "ex.03_2.ok" if order else "ex.03_2.ok_unordered"
    return right("03.2", key, old=old.id.short, new=new.id.short, shared=shared,
                 changed=len(new.layers) - shared)


@checker("03.3", "committed(image_asal, image_commit)")
def committed(original: Any, result: Any) -> Result:
    """03.3: a commit is a new image: the original's layers, unchanged, plus the container layer."""
    original, result = as_image(original), as_image(result)
    hint = tr("ex.03_3.hint")
    if original.id == result.id:
        return wrong("03.3", "ex.03_3.same", hint, id=original.id.short)
    base = len(original.layers)
    if _shared_prefix(original, result) != base:
        if len(result.layers) < base and _shared_prefix(original, result) == len(result.layers):
            return wrong("03.3", "ex.03_3.swapped", tr("ex.03_3.hint_order"), old=_label(original),
                         new=_label(result))
        return wrong("03.3", "ex.03_3.not_on_top", hint)
    added = len(result.layers) - base
    if added < 1:
        return wrong("03.3", "ex.03_3.no_layer", hint)
    return right("03.3", "ex.03_3.ok", new=result.id.short, old=_label(original), base=base, added=added)
