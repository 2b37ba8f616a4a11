"""Graphviz diagrams of images, returned as ``graphviz.Digraph`` (Jupyter renders them as SVG).

* :func:`layer_stack` — the layers of one image, base at the bottom, empty steps shown apart;
* :func:`content_graph` — tag → manifest → config and layers; index → per-platform manifests;
* :func:`tag_map` — tags pointing at digests, and where a moved tag pointed before;
* :func:`family_tree` — images that share layers, as a tree of layer chains (like dockviz);
* :func:`cache_graph` — which build steps came from the cache and which were executed.

The DOT text is deterministic: node ids come from digests (or step numbers), nodes and edges are
emitted in sorted order, labels are translated at call time. Tests compare the DOT source.
``graphviz`` is imported on first use so ``import dockerlab`` stays fast.
"""

from __future__ import annotations

import hashlib
from typing import Any, Iterable, Sequence

from ..engines import lookup
from ..i18n import tr
from ..inspection.arguments import as_build, as_image, is_build
from ..inspection._history import instruction_of
from ..inspection.format import clip, display_name, short
from ..textutil import human_size


FONT = "Helvetica"
GREEN, ORANGE, GREY, BLUE, YELLOW = "#d3f0d8", "#fde2c4", "#eeeeee", "#d6e6fb", "#fff5c2"


def _digraph(name: str, **graph: str) -> Any:
    import graphviz

    attrs = {"fontname": FONT, "fontsize": "11", "nodesep": "0.3", "ranksep": "0.35"}
    attrs.update(graph)
    return graphviz.Digraph(
        name, graph_attr=attrs,
        node_attr={"fontname": FONT, "fontsize": "10", "shape": "box", "style": "rounded,filled",
                   "fillcolor": "white"},
        edge_attr={"fontname": FONT, "fontsize": "9"},
    )


def node_id(digest: Any, prefix: str = "n") -> str:
    """A stable DOT node id from a digest: ``prefix_<16 hex>``."""
    text = str(digest)
    return f"{prefix}_{text.split(':', 1)[-1][:16]}"


def tag_id(name: str) -> str:
    """A DOT node id for a tag: ``tag_<16 hex of sha256(name)>``.

    Hashed, not sanitised: replacing punctuation would give ``a-b:1`` and ``a_b:1`` one node.
    """
    return f"tag_{hashlib.sha256(name.encode()).hexdigest()[:16]}"


def _lines(*parts: object) -> str:
    return "\\n".join(str(p) for p in parts if p not in (None, ""))


# -- one image ----------------------------------------------------------------------------------

def layer_stack(image: Any, build: Any = None) -> Any:
    """The image as a stack: base layer at the bottom, each layer with its position (``layer 2``,
    as ``tree(image, layer=2)`` counts), the instruction that made it and the size of its files;
    metadata-only steps (ENV, CMD …) drawn apart, dashed. With ``build`` (``image`` may be the
    build result itself) every node also names its build step (``langkah 4``, the build log's
    number) and the instruction as the Dockerfile wrote it, and cached steps are coloured."""
    from ..inspection._history import history as make_history

    build = as_build(build, function="dockerlab.show.layer_stack")
    if build is None and is_build(image):
        build = image
    image = as_image(lookup(image), function="dockerlab.show.layer_stack")
    hist = make_history(image, build)
    written = {s.number: s.instruction for s in _steps(build)} if build is not None else {}
    g = _digraph("layer_stack", rankdir="BT")
    top = f"image_{short(image.id, 16).split(':')[-1]}"
    previous = None
    empty_nodes = []
    for row in hist.rows:
        fill = GREEN if row.cached else ORANGE if row.cached is False else BLUE
        base = row.cached is None and hist.cache_known
        instruction = row.instruction if base else written.get(row.step, row.instruction)
        step = tr("show.graph.step", step=row.step) + " · " if row.step is not None else ""
        if row.empty:
            nid = f"step_{row.index + 1}"
            empty_nodes.append((nid, f"{step}{clip(instruction, 40)}", previous))
            continue
        nid = f"layer_{row.layer_index}"
        label = _lines(f"layer {row.layer_index} · {step}{clip(instruction, 44)}",
                       f"{human_size(row.content_size)} · {short(row.layer)}")
        if previous is None:
            label = _lines(label, tr("show.graph.base"))
        g.node(nid, label, fillcolor=fill)
        if previous is not None:
            g.edge(previous, nid)
        previous = nid
    g.node(top, _lines(tr("show.graph.image", name=hist.name), short(image.id)),
           shape="box3d", fillcolor=YELLOW, style="filled")
    if previous is not None:
        g.edge(previous, top)
    if empty_nodes:
        with g.subgraph(name="cluster_empty") as c:
            c.attr(label=tr("show.graph.empty"), style="dashed", color="grey50")
            for nid, label, _ in empty_nodes:
                c.node(nid, label, shape="note", style="dashed", fillcolor="white")
        for nid, _, below in empty_nodes:
            if below is not None:
                g.edge(below, nid, style="dotted", arrowhead="none", constraint="false")
    return g


# -- content-addressed graph -------------------------------------------------------------------

def _image_nodes(g: Any, image: Any, seen: set[str]) -> str:
    mid = node_id(image.digest, "manifest")
    if mid in seen:
        return mid
    seen.add(mid)
    g.node(mid, _lines(tr("show.graph.manifest"), short(image.digest), human_size(len(image.manifest.raw))),
           fillcolor=BLUE)
    cid = node_id(image.id, "config")
    if cid not in seen:
        seen.add(cid)
        g.node(cid, _lines(tr("show.graph.config"), short(image.id)), fillcolor=YELLOW, shape="note",
               style="filled")
    g.edge(mid, cid, label="config")
    for layer in image.layers:
        lid = node_id(layer.digest, "layer")
        if lid not in seen:
            seen.add(lid)
            g.node(lid, _lines(f"layer {layer.index}", short(layer.digest), human_size(layer.size)),
                   fillcolor=GREY)
        g.edge(mid, lid, label=str(layer.index))
    return mid


def content_graph(obj: Any, tags: Iterable[str] | None = None) -> Any:
    """Tag → manifest → config and layers (an Image), or index → per-platform manifests."""
    obj = as_image(lookup(obj), function="dockerlab.show.content_graph", param="obj", index=True)
    g = _digraph("content_graph", rankdir="LR")
    seen: set[str] = set()
    if hasattr(obj, "manifests") and not hasattr(obj, "config"):
        top = node_id(obj.digest, "index")
        g.node(top, _lines(tr("show.graph.index"), short(obj.digest)), fillcolor=GREEN)
        children = sorted(((str(d.platform) if d.platform else "?"), d.digest) for d in obj.manifests)
        images = {str(i.digest): i for i in obj.images()}
        for platform, digest in children:
            image = images.get(str(digest))
            if image is None:
                continue
            g.edge(top, _image_nodes(g, image, seen), label=platform)
    else:
        top = _image_nodes(g, obj, seen)
    names = sorted(set(tags or ()) | ({display_name(obj)} if getattr(obj, "ref", None) else set()))
    for name in names:
        tid = tag_id(name)
        g.node(tid, name, shape="cds", fillcolor=YELLOW, style="filled")
        g.edge(tid, top)
    return g


# -- tags ---------------------------------------------------------------------------------------

def _tag_rows(source: Any) -> list[tuple[str, str, str | None]]:
    from ..store import Store

    if isinstance(source, Store):  # a store remembers no previous digests: its tags as they are
        return [(ref.familiar, str(desc.digest), None) for ref, desc in source.tags()]
    rows = []
    for row in source:
        row = tuple(row)
        rows.append((str(row[0]), str(row[1]), str(row[2]) if len(row) > 2 and row[2] else None))
    return rows


def tag_map(source: Any) -> Any:
    """Tags → digests. ``source``: ``(tag, digest, previous_digest | None)`` rows, or a store.
    A moved tag also gets a dashed edge to the digest it pointed at before."""
    rows = sorted(_tag_rows(source))
    g = _digraph("tag_map", rankdir="LR")
    digests = sorted({d for _, d, _ in rows} | {p for _, _, p in rows if p})
    with g.subgraph(name="tags") as c:
        c.attr(rank="same")
        for tag, _, _ in rows:
            c.node(tag_id(tag), tag, shape="cds",
                   fillcolor=YELLOW)
    for digest in digests:
        g.node(node_id(digest, "d"), short(digest), fillcolor=BLUE)
    for tag, digest, previous in rows:
        tid = tag_id(tag)
        g.edge(tid, node_id(digest, "d"))
        if previous and previous != digest:
            g.edge(tid, node_id(previous, "d"), style="dashed", color="grey50",
                   label=tr("show.graph.previously"), fontcolor="grey40")
    return g


# -- families of images -------------------------------------------------------------------------

def family_tree(images: Sequence[Any]) -> Any:
    """Images that share layers, as a tree of layer chains from ``scratch`` (like dockviz)."""
    if isinstance(images, str) or not isinstance(images, Iterable) or hasattr(images, "manifest") \
            or hasattr(images, "steps"):
        images = [images]  # one image (or build result, or name) given: a family of one
    images = [as_image(lookup(image), function="dockerlab.show.family_tree", param=f"images[{i}]")
              for i, image in enumerate(images)]
    g = _digraph("family_tree", rankdir="TB")
    g.node("scratch", tr("show.graph.scratch"), shape="ellipse", fillcolor=GREY)
    nodes: dict[str, str] = {}
    edges: set[tuple[str, str]] = set()
    tops: list[tuple[str, str, str]] = []
    for image in sorted(images, key=lambda i: (display_name(i), str(i.id))):
        parent = "scratch"
        for layer in image.layers:
            nid = node_id(layer.chain_id or layer.diff_id, "chain")
            instr = instruction_of(layer.history.created_by) if layer.history else ""
            nodes.setdefault(nid, _lines(clip(instr, 40), f"{short(layer.diff_id)} · {human_size(layer.size)}"))
            edges.add((parent, nid))
            parent = nid
        tops.append((display_name(image), node_id(image.id, "image"), parent))
    for nid in sorted(nodes):
        g.node(nid, nodes[nid], fillcolor=GREY)
    for a, b in sorted(edges):
        g.edge(a, b)
    for name, iid, parent in sorted(tops):
        g.node(iid, name, shape="cds", fillcolor=YELLOW)
        g.edge(parent, iid, style="dashed")
    return g


# -- build cache --------------------------------------------------------------------------------

def _steps(build: Any) -> list[Any]:
    return list(getattr(build, "steps", build) or [])


def _is_from(step: Any) -> bool:
    """FROM only chooses the base image: nothing is executed or taken from the cache."""
    return str(step.instruction).split(" ", 1)[0].upper() == "FROM"


def _step_column(g: Any, steps: Sequence[Any], prefix: str, title: str) -> list[str]:
    ids = []
    with g.subgraph(name=f"cluster_{prefix}") as c:
        c.attr(label=title, style="rounded", color="grey60")
        for step in steps:
            nid = f"{prefix}_{step.number}"
            label = f"{tr('show.graph.step', step=step.number)}/{step.total} · {clip(step.instruction, 40)}"
            if _is_from(step):
                c.node(nid, _lines(label, tr("show.graph.base_image")), fillcolor=GREY,
                       style="rounded,filled,dashed")
                ids.append(nid)
                continue
            has_layer = bool(step.layer_digest)
            state = tr("show.graph.cached") if step.cached else tr("show.graph.executed")
            c.node(nid, _lines(label, state if has_layer else f"{state} · {tr('show.graph.no_layer')}"),
                   fillcolor=GREEN if step.cached else ORANGE,
                   style="rounded,filled" if has_layer else "rounded,filled,dashed")
            ids.append(nid)
    for a, b in zip(ids, ids[1:]):
        g.edge(a, b)
    return ids


def cache_graph(build: Any, previous: Any = None) -> Any:
    """Which steps of ``build`` came from the cache (green) and which were executed (orange);
    FROM only picks the base image (grey). ``build``/``previous``: build results with ``.steps``
    or lists of ``BuildStep``; with ``previous``, both builds are drawn side by side and reused
    steps are joined."""
    build = as_build(build, function="dockerlab.show.cache_graph", required=True)
    previous = as_build(previous, function="dockerlab.show.cache_graph", param="previous")
    g = _digraph("cache_graph", rankdir="TB")
    steps = _steps(build)
    if previous is None:
        _step_column(g, steps, "s", tr("show.graph.this_build"))
        return g
    before = _step_column(g, _steps(previous), "p", tr("show.graph.previous_build"))
    after = _step_column(g, steps, "s", tr("show.graph.this_build"))
    for step, (a, b) in zip(steps, zip(before, after)):
        if step.cached and not _is_from(step):
            g.edge(a, b, style="dashed", color="#1a7f37", label=tr("show.graph.reused"),
                   constraint="false")
    return g
