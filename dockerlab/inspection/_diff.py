"""Differences, like container-diff: layer vs layer, image vs image.

For two images: which layers they share (same diff_id, and how many base layers they have in
common — the same chain ID), and which files of the merged filesystem were added, removed or
changed, with sizes. Files count as changed when type, size, mode, link target or content
(sha256) differ. For two layers: the same comparison over the entries each layer holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ..i18n import tr
from .entries import layer_entries
from ..textutil import human_size, text_table
from .format import clip, display_name, short
from ._tree import apply_layers

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class FileDiff:
    path: str
    status: str  # ADDED | REMOVED | CHANGED
    kind: str
    size_a: int | None
    size_b: int | None

    @property
    def delta(self) -> int:
        return (self.size_b or 0) - (self.size_a or 0)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "status": self.status, "kind": self.kind,
                "size_a": self.size_a, "size_b": self.size_b}


@dataclass(frozen=True)
class Diff:
    a: str
    b: str
    files: tuple[FileDiff, ...]
    shared_layers: tuple[str, ...] = ()  # diff_ids in both
    common_base: int = 0  # leading layers with equal chain IDs
    only_a: tuple[str, ...] = ()
    only_b: tuple[str, ...] = ()

    def _of(self, status: str) -> list[FileDiff]:
        return [f for f in self.files if f.status == status]

    @property
    def added(self) -> list[FileDiff]:
        return self._of(ADDED)

    @property
    def removed(self) -> list[FileDiff]:
        return self._of(REMOVED)

    @property
    def changed(self) -> list[FileDiff]:
        return self._of(CHANGED)

    @property
    def size_delta(self) -> int:
        return sum(f.delta for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "shared_layers": list(self.shared_layers),
                "common_base": self.common_base, "only_a": list(self.only_a),
                "only_b": list(self.only_b), "files": [f.to_dict() for f in self.files]}

    def summary(self) -> str:
        delta = self.size_delta
        sign = "+" if delta > 0 else "-" if delta < 0 else ""
        return tr("inspect.diff.summary", added=len(self.added), removed=len(self.removed),
                  changed=len(self.changed), delta=sign + human_size(abs(delta)))

    def __repr__(self) -> str:
        return (f"<Diff {self.a} -> {self.b} added={len(self.added)} removed={len(self.removed)} "
                f"changed={len(self.changed)}>")

    def layer_lines(self) -> list[tuple[str, str]]:
        """(mark, text) lines about the layers: shared, then only in A, only in B. When every
        shared layer is a common base layer (the usual case) that is said once, not twice."""
        if not (self.shared_layers or self.only_a or self.only_b):
            return []
        shared = len(self.shared_layers)
        if self.common_base >= shared:
            lines = [("=", tr("inspect.diff.base_shared", count=shared))]
        else:
            lines = [("=", tr("inspect.diff.shared", count=shared)),
                     ("≡", tr("inspect.diff.base_of_shared", count=self.common_base))]
        return lines + [("A", tr("inspect.diff.only", name=self.a, count=len(self.only_a))),
                        ("B", tr("inspect.diff.only", name=self.b, count=len(self.only_b)))]

    def __str__(self) -> str:
        lines = [tr("inspect.diff.title", a=self.a, b=self.b)]
        lines += ["  " + text for _, text in self.layer_lines()]
        lines.append(self.summary())
        if not self.files:
            lines.append(tr("inspect.diff.none"))
            return "\n".join(lines)
        rows = [[tr(f"inspect.diff.{f.status}"), clip(f.path, 70),
                 human_size(f.size_a) if f.size_a is not None else "-",
                 human_size(f.size_b) if f.size_b is not None else "-"] for f in self.files[:200]]
        lines.append(text_table([tr("inspect.col.status"), tr("inspect.col.path"),
                                 tr("inspect.col.before"), tr("inspect.col.after")], rows))
        if len(self.files) > 200:
            lines.append(tr("inspect.more", count=len(self.files) - 200))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from ..show.html import diff_html

        return diff_html(self)


def _key(node: Any) -> tuple:
    return (node.kind, node.size, node.mode, node.linkname, node.sha256)


def compare_nodes(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[FileDiff]:
    """File differences between two ``path -> node`` maps (nodes or entries), sorted by path."""
    out = []
    for path in sorted(a.keys() | b.keys()):
        na, nb = a.get(path), b.get(path)
        if na is None:
            out.append(FileDiff(path, ADDED, nb.kind, None, nb.size))
        elif nb is None:
            out.append(FileDiff(path, REMOVED, na.kind, na.size, None))
        elif _key(na) != _key(nb):
            out.append(FileDiff(path, CHANGED, nb.kind, na.size, nb.size))
    return out


def _label(obj: Any) -> str:
    if hasattr(obj, "layers"):
        return display_name(obj)
    return f"layer {getattr(obj, 'index', '?')} {short(getattr(obj, 'diff_id', ''))}".strip()


def diff_layers(a: Any, b: Any) -> Diff:
    """What differs between the entries of two layers (whiteouts compared as entries too)."""
    ea = {e.path + ("  (whiteout)" if e.whiteout else ""): e for e in layer_entries(a, content=True) if not e.opaque}
    eb = {e.path + ("  (whiteout)" if e.whiteout else ""): e for e in layer_entries(b, content=True) if not e.opaque}
    return Diff(_label(a), _label(b), tuple(compare_nodes(ea, eb)))


def diff_images(a: Any, b: Any) -> Diff:
    """Shared layers and file differences between two images' merged filesystems."""
    diff_a = [str(l.diff_id) for l in a.layers]
    diff_b = [str(l.diff_id) for l in b.layers]
    common = 0
    for la, lb in zip(a.layers, b.layers):
        if la.chain_id is None or la.chain_id != lb.chain_id:
            break
        common += 1
    shared = tuple(d for d in dict.fromkeys(diff_a) if d in set(diff_b))
    merged_a, _ = apply_layers([layer_entries(l, content=True) for l in a.layers])
    merged_b, _ = apply_layers([layer_entries(l, content=True) for l in b.layers])
    return Diff(_label(a), _label(b), tuple(compare_nodes(merged_a, merged_b)), shared, common,
                tuple(d for d in diff_a if d not in set(diff_b)),
                tuple(d for d in diff_b if d not in set(diff_a)))


def diff(a: Any, b: Any) -> Diff:
    """Compare two images (merged files and shared layers) or two layers (their entries)."""
    if hasattr(a, "layers") and hasattr(b, "layers"):
        return diff_images(a, b)
    return diff_layers(a, b)
