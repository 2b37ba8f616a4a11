"""Image efficiency the way ``dive`` measures it (wagoodman/dive, ``filetree/efficiency.go``).

dive's definition, reproduced here:

* Visit, layer by layer (base first), every *leaf* of that layer's tree: files, links, empty
  directories and whiteouts (a directory that has entries below it in the same layer is not a
  leaf). Opaque markers are ignored, as dive ignores them.
* The size of a visit is the entry's size; for a whiteout it is the total size of what it deletes
  when that was a directory in the layers below (stacked), and 0 when it was a file.
* Per path: ``cumulative`` = sum of the sizes of all visits, ``minimum`` = the smallest visit.
* A path visited two or more times is an *inefficiency*.
* **wasted bytes** (``ruang terbuang``) = Σ ``cumulative`` over the inefficiencies — every copy
  counts, including the one still visible (dive's own choice).
* **score** = Σ ``minimum`` / Σ ``cumulative`` over all paths (1.0 when there is nothing).
* image size = Σ of each layer's entry sizes; "user" size leaves out the first (base) layer;
  wasted-user percent = wasted / user size.

A consequence worth knowing: a folder deleted as a whole (``rm -rf dir`` → one ``.wh.dir``) is
met once at its own path, so dive does not count it as wasted. ``removed_bytes`` (not a dive
figure) adds up everything whiteouts delete — files and folders — which is the course's point
that deleted bytes stay stored in the older layer.

One deliberate difference: dive stops visiting a layer when a whiteout names a path that no
lower layer has; here such a whiteout simply counts 0. Written by hand because dive is Go.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from ..i18n import tr
from .entries import DIR, Entry, entries_of, parent_of
from ._tree import add_to_index
from ..textutil import human_size, number, text_table
from .format import clip


@dataclass(frozen=True)
class Inefficiency:
    """A path met in several layers: how often, the bytes of all copies, in which layers.

    ``count`` is dive's count of visits and includes whiteouts; ``markers`` says how many of those
    visits were whiteouts (deletion markers), so ``copies`` are the visits that hold content.
    """

    path: str
    count: int
    cumulative_size: int
    layers: tuple[int, ...]
    markers: int = 0

    @property
    def copies(self) -> int:
        """The visits that hold content: dive's count without the deletion markers."""
        return self.count - self.markers

    def appears_as(self) -> str:
        """``2 salinan`` or ``1 salinan + 1 penanda hapus``: what the efficiency table shows."""
        if self.markers:
            return tr("inspect.eff.copies_marked", copies=self.copies, markers=self.markers)
        return tr("inspect.eff.copies", copies=self.copies)

    def __repr__(self) -> str:
        return f"<Inefficiency {self.path} x{self.count} {self.cumulative_size} B>"


@dataclass(frozen=True)
class Efficiency:
    score: float
    wasted_bytes: int
    size_bytes: int
    user_size_bytes: int
    inefficiencies: tuple[Inefficiency, ...]  # largest cumulative size first
    removed_bytes: int = 0  # bytes deleted by whiteouts (files and whole folders), still stored

    @property
    def wasted_user_percent(self) -> float:
        return self.wasted_bytes / self.user_size_bytes if self.user_size_bytes else 0.0

    def score_text(self) -> str:
        """The score with what 100% means, so a learner reads it the right way round."""
        return tr("inspect.eff.score_value", score=number(self.score, ".1%"))

    def wasted_text(self) -> str:
        """The wasted bytes, with their share of what the image adds above its base layer."""
        if not self.user_size_bytes:
            return human_size(self.wasted_bytes)
        return tr("inspect.eff.wasted_share", wasted=human_size(self.wasted_bytes),
                  percent=_percent(self.wasted_user_percent))

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score, "wasted_bytes": self.wasted_bytes,
            "size_bytes": self.size_bytes, "user_size_bytes": self.user_size_bytes,
            "wasted_user_percent": self.wasted_user_percent, "removed_bytes": self.removed_bytes,
            "inefficiencies": [
                {"path": i.path, "count": i.count, "markers": i.markers,
                 "cumulative_size": i.cumulative_size, "layers": list(i.layers)} for i in self.inefficiencies],
        }

    def __repr__(self) -> str:
        return (f"<Efficiency score={self.score:.4f} wasted={self.wasted_bytes} "
                f"paths={len(self.inefficiencies)}>")

    def __str__(self) -> str:
        lines = [
            tr("inspect.eff.title"),
            f"  {tr('inspect.eff.score')}: {self.score_text()}",
            f"  {tr('inspect.eff.wasted')}: {self.wasted_text()}",
            f"  {tr('inspect.eff.total')}: {human_size(self.size_bytes)}",
            f"  {tr('inspect.eff.removed')}: {human_size(self.removed_bytes)}",
            "", tr("inspect.eff.explain"), "",
        ]
        if not self.inefficiencies:
            lines.append(tr("inspect.eff.none"))
        else:
            rows = [(human_size(i.cumulative_size), i.appears_as(),
                     ", ".join(map(str, i.layers)), clip(i.path, 70))
                    for i in self.inefficiencies[:30]]
            lines.append(text_table([tr("inspect.col.wasted"), tr("inspect.eff.col.copies"),
                                     tr("inspect.col.layers"), tr("inspect.col.path")], rows))
            if len(self.inefficiencies) > 30:
                lines.append(tr("inspect.more", count=len(self.inefficiencies) - 30))
        lines += ["", f"{tr('inspect.eff.how')}: {tr('inspect.eff.details')} {tr('inspect.eff.removed_note')}"]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from ..show.html import efficiency_html

        return efficiency_html(self)


def _percent(share: float) -> str:
    """``100%``, ``12%``, ``0.4%``: whole percents unless that would round a real share to 0."""
    return number(share, ".1%") if 0 < share < 0.005 else number(share, ".0%")


def _leaves(entries: Sequence[Entry]) -> list[Entry]:
    """The entries of one layer that have nothing below them in that same layer."""
    parents: set[str] = set()
    for e in entries:
        if e.opaque:
            continue
        path = e.path
        while path != "/":
            path = path[:path.rfind("/")] or "/"
            if path in parents:
                break
            parents.add(path)
    return [e for e in entries if not e.opaque and e.path != "/" and e.path not in parents]


def compute(listings: Sequence[Sequence[Entry]]) -> Efficiency:
    """dive's efficiency over per-layer entry listings (base first)."""
    seen: dict[str, list] = {}  # path -> [count, cumulative, minimum, layers, whiteouts]
    # The stacked tree of the layers seen so far (opaque markers ignored, as dive does).
    stacked: dict[str, Entry] = {}
    children: dict[str, set[str]] = {}

    def subtree_size(path: str) -> int:
        total, stack = 0, [path]
        while stack:
            current = stack.pop()
            node = stacked.get(current)
            total += node.size if node is not None else 0
            stack.extend(children.get(current, ()))
        return total

    def remove(path: str) -> None:
        stack = [path]
        while stack:
            current = stack.pop()
            stacked.pop(current, None)
            stack.extend(children.pop(current, ()))
        children.get(parent_of(path), set()).discard(path)

    layer_sizes = []
    removed = 0
    for index, entries in enumerate(listings):
        for leaf in _leaves(entries):
            path = leaf.path
            if leaf.whiteout:
                below = stacked.get(path)
                size = subtree_size(path) if below is not None and below.kind == DIR else 0
                removed += size if below is None or below.kind == DIR else below.size
            else:
                size = leaf.size
            record = seen.get(path)
            if record is None:
                seen[path] = [1, size, size, [index], int(leaf.whiteout)]
            else:
                record[0] += 1
                record[1] += size
                if size < record[2]:
                    record[2] = size
                record[3].append(index)
                record[4] += int(leaf.whiteout)
        for e in entries:  # stack this layer on top
            path = e.path
            if e.opaque or path == "/":
                continue
            if e.whiteout:
                remove(path)
                continue
            stacked[path] = e
            add_to_index(children, path)
        layer_sizes.append(sum(e.size for e in entries))

    total_min = sum(r[2] for r in seen.values())
    total_cum = sum(r[1] for r in seen.values())
    score = 1.0 if total_cum == 0 else total_min / total_cum
    found = sorted(
        (Inefficiency(p, r[0], r[1], tuple(r[3]), r[4]) for p, r in seen.items() if r[0] >= 2),
        key=lambda i: (-i.cumulative_size, i.path),
    )
    wasted = sum(i.cumulative_size for i in found)
    return Efficiency(score, wasted, sum(layer_sizes), sum(layer_sizes[1:]), tuple(found), removed)


def efficiency(image: Any) -> Efficiency:
    """How much of ``image`` is wasted by files written or deleted again in later layers."""
    layers = getattr(image, "layers", image)
    return compute(entries_of(layers))
