"""Push and pull as ``docker push``/``docker pull`` print them, another computer, identities side by side.

:func:`push` prints one line per blob while it goes (``diunggah`` — uploaded, ``sudah ada`` —
already there, ``di-mount``), then Docker's closing ``TAG: digest: sha256:…`` line, and
returns the :class:`~dockerlab.registry.PushResult` (its table: local vs registry identities).
Blobs go one at a time, so the lines come in layer order, the same on every run.

:func:`other_computer` is a new, empty store in the lesson's folder that stands for another
machine; :func:`pull` fetches into it (or into the active engine) and prints a line per blob.
:func:`identities` puts the identities of two images side by side (image ID, manifest digest,
each layer's digest and diff_id), saying which are the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from ..i18n import tr
from ..textutil import human_size, text_table
from .lesson import _wrap, current

def _short(digest: Any) -> str:
    return str(digest).split(":")[-1][:12]


def push(ref: str, **options: Any) -> Any:
    """``docker push REF``, printing each blob as it goes; returns the push result."""
    from .. import engines
    from ..reference import Reference

    reference = Reference.parse(ref)
    print(tr("course.push.head", repository=reference.repository))

    def line(blob: Any) -> None:
        if blob.action == "sent":
            if blob.remote_digest != blob.local_digest:
                verdict = tr("course.push.sent", size=human_size(blob.local_size), remote=human_size(blob.size))
            else:
                verdict = tr("course.push.sent_plain", size=human_size(blob.size))
        else:
            verdict = tr(f"course.push.{blob.action}")
        print(f"  {blob.kind} {_short(blob.remote_digest)}: {verdict}", flush=True)

    options.setdefault("progress", False)
    result = engines.current().push(ref, on_blob=line, jobs=1, **options)
    print(tr("course.push.done", tag=reference.tag or "latest", digest=result.digest))
    return result


def other_computer() -> Any:
    """A new, empty local store in the lesson's folder (``komputer-lain/``): another machine."""
    from ..fsutil import remove_tree
    from ..store import Store

    lesson = current()
    root = (lesson.root if lesson is not None else Path.cwd()) / "komputer-lain"
    if root.exists():
        remove_tree(root)
    store = Store(root)
    print(tr("course.other.made", count=len(store.images())))
    return store


def pull(ref: str, store: Any = None, **options: Any) -> Any:
    """``docker pull REF`` into ``store`` (default: the active engine), a line per blob."""
    from .. import engines
    from ..registry import pull as registry_pull

    where = tr("course.pull.other") if store is not None else tr("course.pull.engine")
    print(tr("course.pull.head", ref=ref, where=where))

    def line(blob: Any) -> None:
        size = human_size(blob.size)
        verdict = tr("course.pull.fetched", size=size) if blob.action == "fetched" else tr("course.pull.present")
        print(f"  {blob.kind} {_short(blob.remote_digest)}: {verdict}", flush=True)

    options.setdefault("progress", False)
    if store is None:
        image = engines.current().pull(ref, on_blob=line, jobs=1, **options)
    else:
        with store.recording("pull"):
            image = registry_pull(ref, store=store, on_blob=line, jobs=1, **options)
    print(tr("course.pull.done", digest=image.digest))
    return image


@dataclass(frozen=True)
class Identities:
    """Two images' identities side by side: ``rows`` of ``(what, a, b, same)``."""

    labels: tuple[str, str]
    rows: tuple[tuple[str, str, str, bool], ...]

    def same(self, what: str) -> bool:
        return next(s for w, _, _, s in self.rows if w == what)

    def table(self) -> str:
        yes, no = tr("course.ids.yes"), tr("course.ids.no")
        return text_table((tr("course.ids.what"), *self.labels, tr("course.ids.same")),
                          [(w, a, b, yes if s else no) for w, a, b, s in self.rows], rule=False)

    def __str__(self) -> str:
        return self.table()

    __repr__ = __str__

    def _repr_html_(self) -> str:
        yes, no = tr("course.ids.yes"), tr("course.ids.no")
        head = "".join(f"<th>{escape(h)}</th>" for h in (tr("course.ids.what"), *self.labels, tr("course.ids.same")))
        body = "".join(
            f"<tr><td>{escape(w)}</td><td class='dl-mono'>{escape(a)}</td><td class='dl-mono'>{escape(b)}</td>"
            f"<td>{'✅ ' + yes if s else '≠ ' + no}</td></tr>" for w, a, b, s in self.rows)
        return _wrap(f"<table class='dl-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def identities(a: Any, b: Any, labels: tuple[str, str] = ("komputer ini", "komputer lain")) -> Identities:
    """Image ID, manifest digest and every layer's digest, kind and diff_id of ``a`` and ``b``."""
    from ..inspection.arguments import as_image
    from ..model import mediatypes as mt

    a = as_image(a, function="course.identities", param="a")
    b = as_image(b, function="course.identities", param="b")

    def kind(layer: Any) -> str:
        return tr("course.ids.gzip") if mt.compression(layer.descriptor.media_type) else tr("course.ids.tar")

    rows = [(tr("course.ids.id"), _short(a.id), _short(b.id), a.id == b.id),
            (tr("course.ids.manifest"), _short(a.digest), _short(b.digest), a.digest == b.digest)]
    for n, (x, y) in enumerate(zip(a.layers, b.layers)):
        rows += [(tr("course.ids.media", n=n), kind(x), kind(y), kind(x) == kind(y)),
                 (tr("course.ids.layer", n=n), _short(x.digest), _short(y.digest), x.digest == y.digest),
                 (tr("course.ids.diff_id", n=n), _short(x.diff_id), _short(y.diff_id), x.diff_id == y.diff_id)]
    return Identities(tuple(labels), tuple(rows))
