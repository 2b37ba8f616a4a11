"""``docker images`` as a list: what ``dockerlab.images()`` returns.

:class:`ImageList` is a plain ``list`` of the engine's image views (``len``, iteration, indexing,
comparison with a list all work as before) that *shows* itself like ``docker images``: an aligned
text table for ``print`` and ``text/plain``, an HTML table in Jupyter. The columns keep Docker's
own names (REPOSITORY, TAG, IMAGE ID, CREATED, SIZE) so learners can compare it with the real
command; everything else is in the active language.

CREATED is an absolute UTC time, not Docker's "2 years ago": the course's images are all made at
the fixed course epoch, and a relative time would change the stored notebook outputs every day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..i18n import tr
from ..textutil import human_size, text_table

HEADERS = ("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE")
DIGEST_HEADERS = ("REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE")
NONE = "<none>"
_RFC3339 = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?(Z|[+-]00:?00)?")


@dataclass(frozen=True)
class ImageRow:
    """One line of ``docker images``."""

    repository: str
    tag: str
    image_id: str  # 12 hex digits
    created: str
    size: str
    digest: str = NONE

    def cells(self, digests: bool = False) -> tuple[str, ...]:
        if digests:
            return (self.repository, self.tag, self.digest, self.image_id, self.created, self.size)
        return (self.repository, self.tag, self.image_id, self.created, self.size)


def created_text(value: str | None) -> str:
    """``2024-01-01T00:00:00Z`` → ``2024-01-01 00:00:00``; other offsets are kept as given."""
    if not value:
        return "-"
    match = _RFC3339.match(str(value))
    if match is None:
        return str(value)
    if match[3] is None and len(str(value)) > match.end():
        return str(value)
    return f"{match[1]} {match[2]}"


def _created(view: Any) -> str:
    attrs = getattr(view, "attrs", None)  # a Docker Engine image: no export just for a listing
    if isinstance(attrs, dict) and attrs.get("Created"):
        return created_text(attrs["Created"])
    return created_text(view.config.created)


def name_of(view: Any) -> tuple[str, str]:
    """``(REPOSITORY, TAG)`` of a view as ``docker images`` prints them; ``<none>`` when missing."""
    ref = getattr(view, "ref", None)
    if ref is None:
        return NONE, NONE
    return ref.repository, ref.tag or NONE


def digest_of(view: Any) -> str:
    """The DIGEST column (``docker images --digests``): the manifest digest a pinned name uses.
    A Docker Engine image shows the registry digest the engine knows (``RepoDigests``) or
    ``<none>``, as ``docker`` does: listing never exports an image to compute one."""
    core = getattr(view, "core", None)
    if core is None or not getattr(core, "derived", False):
        return str(view.digest)  # a manifest the medium holds (a store, a registry): its digest
    known = view.repo_digests
    from ..reference import Reference

    repository = getattr(getattr(view, "ref", None), "repository", None)
    for entry in known:
        try:
            ref = Reference.parse(str(entry))
        except Exception:  # noqa: BLE001 - an engine's odd entry is not a digest to show
            continue
        if ref.digest is not None and repository in (None, ref.repository):
            return str(ref.digest)
    return NONE


def row_of(view: Any) -> ImageRow:
    """The ``docker images`` line of an Image (or of an index: the image for this machine)."""
    repository, tag = name_of(view)
    digest = digest_of(view)
    if hasattr(view, "image_for"):  # an index is listed under its own digest, as containerd does
        image_id = str(view.digest).partition(":")[2][:12]
        try:
            view = view.image_for(None)
        except Exception:  # noqa: BLE001 - no image for this machine: the row still lists the name
            return ImageRow(repository, tag, image_id, "-", "-", digest)
    else:
        image_id = str(view.id).partition(":")[2][:12]
    return ImageRow(repository, tag, image_id, _created(view), human_size(view.size), digest)


class ImageList(list):
    """The images of the active engine: a list that prints like ``docker images`` (with
    ``digests=True`` like ``docker images --digests``)."""

    def __init__(self, views: Any = (), digests: bool = False, program: str = "docker") -> None:
        super().__init__(views)
        self.digests = digests
        self.program = program  # the learner's command line (dockerlab.product.program)

    @property
    def docker_command(self) -> str:
        return f"{self.program} images" + (" --digests" if self.digests else "")

    @property
    def headers(self) -> tuple[str, ...]:
        return DIGEST_HEADERS if self.digests else HEADERS

    def rows(self) -> list[ImageRow]:
        return [row_of(view) for view in self]

    def cells(self) -> list[tuple[str, ...]]:
        return [r.cells(self.digests) for r in self.rows()]

    def notes(self) -> list[str]:
        if not self:
            return [tr("inspect.images.empty")]
        return [tr("inspect.images.note")] + ([tr("inspect.images.digests_note")] if self.digests else [])

    def table(self) -> str:
        """The aligned text table (headers as ``docker images`` prints them)."""
        return text_table(self.headers, self.cells(), rule=False)

    def __str__(self) -> str:
        return "\n".join([self.table(), *self.notes()])

    __repr__ = __str__

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("[...]" if cycle else str(self))

    def _repr_html_(self) -> str:
        from ..show.html import images_html

        return images_html(self)
