"""``validate(image)``: every problem an image has, not just the first one met.

Used by the store's ``verify``, by every medium's tests and by the course to show what
"corrupt" means. Each problem carries a ``kind`` a caller can branch on, the digest concerned
and a learner-facing message. The result is a list (:class:`Problems`) that also says, in a
notebook, how many blobs were checked when all is well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ..errors import BlobNotFound, DigestMismatch, DockerlabError, UsageError
from ..i18n import tr
from . import mediatypes as mt
from .blobs import hash_stream
from .digest import Digest
from .image import Image


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an image."""

    kind: str  # identity | missing_blob | digest_mismatch | size_mismatch | diff_id_mismatch |
    #            layer_count | history_count | media_type | unreadable
    digest: Digest | None
    message: str

    def __str__(self) -> str:
        return self.message


class Problems(list):
    """What :func:`validate` returns: a plain ``list`` of :class:`Problem` (empty when all is
    well) that shows itself as a verdict — "✅ semua blob cocok …" or the problems, one per line."""

    def __init__(self, problems: Iterable[Problem] = (), checked: int = 0) -> None:
        super().__init__(problems)
        self.checked = checked  # how many blobs were hashed

    def __str__(self) -> str:
        if not self:
            return tr("model.validate.ok", checked=self.checked)
        lines = [tr("model.validate.problems", count=len(self), checked=self.checked)]
        return "\n".join(lines + [f"- {p.message}" for p in self])

    __repr__ = __str__

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("[...]" if cycle else str(self))

    def _repr_html_(self) -> str:
        from ..show.html import problems_html  # imported on first display: keeps the model light

        return problems_html(self)


def _problem(kind: str, digest: Digest | None, **params: object) -> Problem:
    return Problem(kind, digest, tr(f"model.problem.{kind}", digest=digest, **params))


def _check_blob(image: Image, what: str, digest: Digest, size: int, problems: Problems) -> bool:
    """Hash the stored blob; True when it is present and intact."""
    problems.checked += 1
    source = image.source
    try:
        with source.open_blob(digest) as f:
            hasher = hash_stream(f)
    except BlobNotFound:
        problems.append(_problem("missing_blob", digest, what=what))
        return False
    except DigestMismatch as exc:
        problems.append(_problem("digest_mismatch", digest, what=what, actual=exc.params.get("actual")))
        return False
    except (OSError, DockerlabError) as exc:
        problems.append(_problem("unreadable", digest, what=what, error=exc))
        return False
    if hasher.digest != digest:  # a source that does not verify by itself
        problems.append(_problem("digest_mismatch", digest, what=what, actual=hasher.digest))
        return False
    if hasher.size != size:
        problems.append(_problem("size_mismatch", digest, what=what, actual=hasher.size, expected=size))
    return True


def validate(image: Image, *, content: bool = True) -> Problems:
    """Every problem of ``image`` (an :class:`Image`); ``content=False`` skips hashing the layer blobs.

    The model is a leaf, so it takes only an Image; the public ``dockerlab.validate``
    (:func:`dockerlab.api.validate`) also accepts a build result or a reference string."""
    if not isinstance(image, Image):
        raise UsageError("model.validate.not_image", given=type(image).__name__)
    problems = Problems()
    manifest = image.manifest
    actual = Digest.of(manifest.raw)
    if image.digest != actual:  # digest = sha256 of the manifest bytes, whatever the medium
        problems.append(_problem("identity", image.digest, what="digest", given=image.digest, actual=actual))
    if image.id != manifest.config.digest:  # the image ID = the config digest
        problems.append(_problem("identity", image.id, what="ID", given=image.id, actual=manifest.config.digest))
    if not mt.is_manifest(manifest.media_type):
        problems.append(_problem("media_type", manifest.digest, what="manifest", media_type=manifest.media_type))
    cfg_desc = manifest.config
    if not mt.is_config(cfg_desc.media_type):
        problems.append(_problem("media_type", cfg_desc.digest, what="config", media_type=cfg_desc.media_type))
    config = None
    if _check_blob(image, "config", cfg_desc.digest, cfg_desc.size, problems):
        try:
            config = image.config
        except DockerlabError as exc:
            problems.append(_problem("unreadable", cfg_desc.digest, what="config", error=exc))
    for i, desc in enumerate(manifest.layers):
        what = f"layer {i}"
        if not mt.is_layer(desc.media_type):
            problems.append(_problem("media_type", desc.digest, what=what, media_type=desc.media_type))
            continue
        if not content or not _check_blob(image, what, desc.digest, desc.size, problems):
            continue
        if config is None or i >= len(config.rootfs.diff_ids):
            continue
        expected = config.rootfs.diff_ids[i]
        if mt.compression(desc.media_type) is None:
            actual = desc.digest
        else:
            try:
                with image.layers[i].open() as f:
                    actual = hash_stream(f).digest
            except (OSError, EOFError, DockerlabError) as exc:
                problems.append(_problem("unreadable", desc.digest, what=what, error=exc))
                continue
        if actual != expected:
            problems.append(_problem("diff_id_mismatch", desc.digest, actual=actual, expected=expected))
    if config is not None:
        n_layers, n_diffs = len(manifest.layers), len(config.rootfs.diff_ids)
        if n_layers != n_diffs:
            problems.append(_problem("layer_count", manifest.digest, layers=n_layers, diff_ids=n_diffs))
        built = sum(1 for h in config.history if not h.empty_layer)
        if config.history and built != n_layers:
            problems.append(_problem("history_count", cfg_desc.digest, entries=built, layers=n_layers))
    return problems
