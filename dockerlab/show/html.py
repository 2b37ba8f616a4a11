"""Rich HTML reprs in xarray's manner: escaped HTML, the package's CSS, ``<details>`` sections,
no JavaScript, and a plain-text fallback for front ends that drop the stylesheet.

The model's ``_repr_html_`` methods import these functions lazily (``image_html``,
``layer_html``); inspection results (History, Layers, Diff, Efficiency, FileTree, Inspection) call
them from their own ``_repr_html_``. Labels are translated at render time.
"""

from __future__ import annotations

import functools
import html
import json
from importlib import resources
from typing import Any, Iterable, Sequence

from ..i18n import tr
from ..product import equivalent_command
from ..inspection.format import clip, display_name, short, status_label, status_mark
from ..textutil import human_size, number

@functools.lru_cache(maxsize=1)
def css() -> str:
    """The package stylesheet ``dockerlab/static/dockerlab.css``."""
    return resources.files("dockerlab").joinpath("static/dockerlab.css").read_text(encoding="utf-8")


def e(value: object) -> str:
    return html.escape(str(value), quote=True)


def wrap(body: str, text: str) -> str:
    """A complete repr: stylesheet, hidden text fallback, styled body."""
    return (f"<div><style>{css()}</style>"
            f"<pre class='dl-text-repr-fallback'>{e(text)}</pre>"
            f"<div class='dl-wrap'>{body}</div></div>")


def header(title: str, sub: str = "") -> str:
    sub_html = f" <span class='dl-sub'>{e(sub)}</span>" if sub else ""
    return f"<div class='dl-header'>{e(title)}{sub_html}</div>"


def details(summary: str, body: str, *, count: int | None = None, open: bool = False) -> str:
    count_html = f" <span class='dl-count'>({count})</span>" if count is not None else ""
    return (f"<details{' open' if open else ''}><summary>{e(summary)}{count_html}</summary>"
            f"{body}</details>")


def attrs(pairs: Iterable[tuple[str, object]]) -> str:
    items = "".join(f"<dt>{e(k)}</dt><dd class='dl-mono'>{e(v)}</dd>" for k, v in pairs)
    return f"<dl class='dl-attrs'>{items}</dl>"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]],
          row_classes: Iterable[str] | None = None, numeric: Sequence[int] = ()) -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    classes = list(row_classes) if row_classes is not None else None
    body = []
    for i, row in enumerate(rows):
        cls = f" class='{e(classes[i])}'" if classes and classes[i] else ""
        cells = "".join(f"<td{' class=dl-num' if j in numeric else ''}>{e(c)}</td>"
                        for j, c in enumerate(row))
        body.append(f"<tr{cls}>{cells}</tr>")
    return f"<table class='dl-table'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def docker_note(command: str, program: str = "docker") -> str:
    """The equivalent command line under a view: "Perintah Docker yang setara: <code>…</code>"
    (Podman's with ``program="podman"``)."""
    return f"<div class='dl-note'>{e(equivalent_command('', program))}<code>{e(command)}</code></div>"


# -- inspection results -------------------------------------------------------------------------

def history_html(hist: Any) -> str:
    headers, rows = hist.table()
    classes = ["dl-empty" if r.empty else "" for r in hist.rows]
    body = header(tr("inspect.history.title", name=hist.name)) + table(headers, rows, classes, (3,))
    if not hist.cache_known:
        body += f"<div class='dl-note'>{e(tr('inspect.history.cache_note'))}</div>"
    body += docker_note(hist.docker_command, hist.program)
    return wrap(body, str(hist))


def _uncompressed_note(rows: Any) -> str:
    """Why digest == diff_id and there is no compressed size: said once under a layer table."""
    if rows and all(getattr(r, "compressed_size", None) is None for r in rows):
        return f"<div class='dl-note'>{e(tr('show.html.uncompressed_note'))}</div>"
    return ""


def layers_html(layers: Any) -> str:
    headers, rows = layers.table()
    body = header(tr("inspect.layers.title", name=layers.name)) + table(headers, rows, numeric=(3, 4))
    return wrap(body + _uncompressed_note(layers.rows) + docker_note(layers.docker_command, layers.program), str(layers))


def efficiency_html(eff: Any) -> str:
    body = header(tr("inspect.eff.title"), number(eff.score, ".1%"))
    body += attrs([(tr("inspect.eff.score"), eff.score_text()),
                   (tr("inspect.eff.wasted"), eff.wasted_text()),
                   (tr("inspect.eff.total"), human_size(eff.size_bytes)),
                   (tr("inspect.eff.removed"), human_size(eff.removed_bytes))])
    body += f"<div class='dl-note'>{e(tr('inspect.eff.explain'))}</div>"
    if eff.inefficiencies:
        rows = [(human_size(i.cumulative_size), i.appears_as(), ", ".join(map(str, i.layers)), i.path)
                for i in eff.inefficiencies[:100]]
        tbl = table([tr("inspect.col.wasted"), tr("inspect.eff.col.copies"), tr("inspect.col.layers"),
                     tr("inspect.col.path")], rows, numeric=(0,))
        body += details(tr("inspect.col.wasted"), tbl, count=len(eff.inefficiencies), open=True)
    else:
        body += f"<div class='dl-note'>{e(tr('inspect.eff.none'))}</div>"
    how = f"<div class='dl-note'>{e(tr('inspect.eff.details'))} {e(tr('inspect.eff.removed_note'))}</div>"
    body += details(tr("inspect.eff.how"), how)
    return wrap(body, str(eff))


def diff_html(d: Any) -> str:
    body = header(tr("inspect.diff.title", a=d.a, b=d.b), d.summary())
    lines = d.layer_lines()
    if lines:
        body += attrs(lines)
    css_of = {"added": "dl-added", "removed": "dl-deleted", "changed": "dl-modified"}
    for status in ("added", "removed", "changed"):
        files = [f for f in d.files if f.status == status]
        if not files:
            continue
        rows = [(f.path, human_size(f.size_a) if f.size_a is not None else "-",
                 human_size(f.size_b) if f.size_b is not None else "-") for f in files[:500]]
        tbl = table([tr("inspect.col.path"), tr("inspect.col.before"), tr("inspect.col.after")],
                    rows, [css_of[status]] * len(rows), (1, 2))
        if len(files) > 500:
            tbl += f"<div class='dl-note'>{e(tr('inspect.more', count=len(files) - 500))}</div>"
        body += details(tr(f"inspect.diff.{status}"), tbl, count=len(files), open=status != "removed")
    if not d.files:
        body += f"<div class='dl-note'>{e(tr('inspect.diff.none'))}</div>"
    return wrap(body, str(d))


def node_line(node: Any, size: int) -> str:
    """One coloured line for a tree node: status mark, name, size, status word."""
    name = node.name + ("/" if node.is_dir else "")
    if node.linkname:
        name += f" → {node.linkname}"
    return (f"<span class='dl-{e(node.status)}' title='{e(status_label(node.status))}'>"
            f"<code>{e(status_mark(node.status))}</code> {e(name)}</span> "
            f"<span class='dl-sub'>{e(human_size(size))}</span>")


OPEN_ENTRIES = 30  # a tree with at most this many entries is shown fully open


def _tree_items(tree: Any, path: str, depth: int, budget: list[int], open_all: bool = False) -> str:
    items = []
    for node in tree.children(path):
        if budget[0] <= 0:
            items.append("<li class='dl-empty'>…</li>")
            break
        budget[0] -= 1
        folder = tree.is_folder(node.path)
        gone = node.status in ("deleted", "hidden")
        size = node.previous_size if gone else tree.size(node.path) if folder else node.size
        if folder and depth > 1 and tree.children(node.path):
            inner = _tree_items(tree, node.path, depth - 1, budget, open_all)
            items.append(f"<li><details{' open' if open_all else ''}><summary>{node_line(node, size)}"
                         f"</summary><ul class='dl-tree'>{inner}</ul></details></li>")
        else:
            items.append(f"<li>{node_line(node, size)}</li>")
    return "".join(items)


def tree_html(tree: Any, path: str = "/", depth: int = 3, limit: int = 500) -> str:
    """A collapsible tree (``depth`` levels, at most ``limit`` entries). A small tree (at most
    :data:`OPEN_ENTRIES` entries, e.g. one layer's changes) is shown fully open, every level, so a
    whiteout deep inside is seen at once; a bigger one starts with its folders closed."""
    small = len(tree) <= OPEN_ENTRIES
    if small:
        depth = max(depth, max((p.count("/") for p in tree.paths()), default=1))
    body = header(tr("show.html.tree") + (f" {tree.title}" if tree.title else ""),
                  tr("show.html.entries", count=len(tree)) + ", " + human_size(tree.size(path)))
    body += f"<ul class='dl-tree'>{_tree_items(tree, path, depth, [limit], small)}</ul>"
    return wrap(body, tree.render(path, depth=depth if small else 2, limit=60))


def inspection_html(ins: Any) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import JsonLexer

    formatter = HtmlFormatter(noclasses=True, nowrap=False)
    body = "".join(details(doc.title, highlight(doc.text, JsonLexer(), formatter), open=True)
                   for doc in ins.documents)
    return wrap(header(ins.name) + body + docker_note(ins.docker_command, ins.program), str(ins))


def images_html(images: Any) -> str:
    """``dockerlab.images()``: the ``docker images`` table (Docker's column names), then a note."""
    rows = images.cells()
    body = header(tr("inspect.images.title", count=len(rows)))
    if rows:
        sizes = (len(images.headers) - 1,)
        body += table(images.headers, rows, ["dl-mono"] * len(rows), sizes)
    body += "".join(f"<div class='dl-note'>{e(note)}</div>" for note in images.notes())
    return wrap(body + docker_note(images.docker_command, images.program), str(images))


def tag_history_html(history: Any) -> str:
    """``Store.tag_history()``: one row per tag set, moved or removed, then the notes and problems."""
    title = (tr("show.html.tag_history_for", name=history.name) if history.name
             else tr("show.html.tag_history"))
    body = header(title, tr("show.html.events", count=len(history)))
    if len(history):
        body += table(history.headers(), history.rows(), ["dl-mono"] * len(history))
    body += "".join(f"<div class='dl-note'>{e(note)}</div>" for note in history.notes())
    return wrap(body, str(history))


# -- model objects ------------------------------------------------------------------------------

def problem_kind(kind: str) -> str:
    """A problem kind (``digest_mismatch``) in the learner's words; an unknown kind as it is."""
    try:
        return tr(f"show.html.kind.{kind}")
    except KeyError:
        return kind


def problems_html(problems: Any) -> str:
    """``dockerlab.validate(image)``: the verdict, then each problem (a row per problem)."""
    verdict = str(problems).split("\n", 1)[0]
    body = header(tr("show.html.validate"))
    body += f"<div class='{'dl-ok' if not problems else 'dl-problem'}'>{e(verdict)}</div>"
    if problems:
        rows = [(problem_kind(p.kind), short(p.digest), p.message) for p in problems]
        body += table([tr("show.html.kind"), "digest", tr("show.html.problem")], rows, ["dl-problem"] * len(rows))
    return wrap(body, str(problems))


def _index_name(index: Any) -> str:
    ref = getattr(index, "ref", None)
    return (getattr(ref, "familiar", None) or str(ref)) if ref is not None else short(index.digest)


def index_text(index: Any) -> str:
    lines = [f"{tr('show.html.index_title')} {_index_name(index)}",
             f"  {tr('show.html.index_digest')}: {index.digest}"]
    lines += [f"  {d.platform or '?'}: {d.digest}" for d in index.manifests]
    return "\n".join(lines)


def index_html(index: Any) -> str:
    """The HTML repr of a model ``ImageIndex``: its digest, then platform → manifest digest."""
    from ..model import Platform

    host = Platform.host()
    rows, classes = [], []
    for d in sorted(index.manifests, key=lambda d: str(d.platform or "?")):
        here = d.platform is not None and d.platform.matches(host)
        rows.append((str(d.platform or "?"), d.digest, human_size(d.size),
                     tr("show.html.this_machine") if here else ""))
        classes.append("dl-mono")
    body = header(f"{tr('show.html.index_title')} {_index_name(index)}", short(index.digest))
    body += attrs([(tr("show.html.index_digest"), index.digest), (tr("show.html.media_type"), index.index.media_type)])
    tbl = table([tr("show.html.platform"), tr("show.html.digest"), tr("show.html.size"), ""], rows, classes, (2,))
    body += details(tr("show.html.manifests", count=len(rows)), tbl, open=True)
    body += docker_note(f"docker buildx imagetools inspect {_index_name(index)}")
    return wrap(body, index_text(index))


def image_text(image: Any) -> str:
    return (f"{tr('show.html.image')} {display_name(image)}\n  {tr('show.html.id')}: {image.id}\n"
            f"  {tr('show.html.digest')}: {image.digest}\n  {tr('show.html.platform')}: {image.platform}\n"
            f"  {tr('show.html.size')}: {human_size(image.size)}\n  {tr('show.html.layers')}: {len(image.layers)}")


def image_html(image: Any) -> str:
    """The HTML repr of a model ``Image`` (or a build result's): identity, layers, history,
    configuration. A renderer only: it looks nothing up (a display hook reaches no engine)."""
    from ..inspection.arguments import as_image
    from ..inspection._history import history as make_history
    from ..inspection._layers import layers as make_layers

    image = as_image(image, function="dockerlab.show.image_html")

    cfg = image.config
    body = header(f"{tr('show.html.image')} {display_name(image)}", short(image.id))
    body += attrs([(tr("show.html.id"), image.id), (tr("show.html.digest"), image.digest),
                   (tr("show.html.platform"), image.platform),
                   (tr("show.html.size"), human_size(image.size)),
                   (tr("show.html.created"), cfg.created or "-")])
    listed = make_layers(image)
    headers, rows = listed.table()
    body += details(tr("show.html.layers"), table(headers, rows, numeric=(3, 4)) + _uncompressed_note(listed.rows),
                    count=len(rows))
    hist = make_history(image)
    headers, rows = hist.table()
    body += details(tr("show.html.history"),
                    table(headers, rows, ["dl-empty" if r.empty else "" for r in hist.rows], (3,)),
                    count=len(rows))
    run = cfg.config.to_dict()
    body += details(tr("show.html.config"),
                    attrs((k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
                          for k, v in sorted(run.items())), count=len(run))
    return wrap(body, image_text(image))


def layer_html(layer: Any, limit: int = 200) -> str:
    """The HTML repr of a model ``Layer``: identities, size, the step, and its files."""
    from ..inspection.entries import layer_entries

    created_by = layer.history.created_by if layer.history is not None else ""
    pairs = [(tr("show.html.index"), layer.index), ("digest", layer.digest),
             ("diff_id", layer.diff_id or "-"), (tr("show.html.chain_id"), layer.chain_id or "-"),
             (tr("show.html.media_type"), layer.media_type),
             (tr("show.html.size"), human_size(layer.size)),
             (tr("show.html.created_by"), clip(created_by, 120) or "-")]
    body = header(f"{tr('show.html.layer')} {layer.index}", short(layer.digest)) + attrs(pairs)
    entries = layer_entries(layer)
    rows, classes = [], []
    for entry in entries[:limit]:
        status = "deleted" if entry.whiteout else "hidden" if entry.opaque else "unchanged"
        mark = "-" if entry.whiteout else "×" if entry.opaque else ""
        rows.append((mark, entry.path + ("/" if entry.kind == "dir" else ""), human_size(entry.size)))
        classes.append(f"dl-{status}")
    tbl = table(["", tr("inspect.col.path"), tr("inspect.col.size")], rows, classes, (2,))
    if len(entries) > limit:
        tbl += f"<div class='dl-note'>{e(tr('inspect.more', count=len(entries) - limit))}</div>"
    body += details(tr("show.html.files"), tbl, count=len(entries))
    text = "\n".join(f"  {k}: {v}" for k, v in pairs)
    return wrap(body, f"{tr('show.html.layer')} {layer.index}\n{text}")
