"""ipywidgets explorers, made of standard widgets only (no custom JavaScript).

* :class:`LayerExplorer` — choose a layer; see its files coloured by status (added, modified,
  deleted, hidden by an opaque directory), sizes and the instruction that made it. Folders are
  listed one level at a time: choose one in the list and press *Buka* to go in, *Naik* to go up.
* :class:`ImageComparer` — two images side by side: shared layers and the files added, removed
  or changed, filtered by status.

Both are ``VBox`` subclasses driven by ``observe`` callbacks, so tests (and learners) can drive
them from Python: set ``.value`` on a control, call ``.click()`` on a button.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..engines import lookup
from ..i18n import tr
from ..inspection import LayerIndexError, _diff, _tree
from ..inspection.arguments import as_build, as_image, as_int, is_build
from ..inspection.entries import layer_entries
from ..inspection.format import clip, display_name, short
from ..textutil import human_size
from ..inspection._history import history as make_history, instruction_of
from .html import css, details, e, node_line, table


PAGE = 300  # entries listed per folder view


def _styled(body: str) -> str:
    return f"<style>{css()}</style><div class='dl-wrap'>{body}</div>"


class LayerExplorer(w.VBox):
    """Browse what each layer of an image did to its file system, one folder at a time.

    Layers are numbered by position (0 = base), as ``tree(image, layer=i)`` counts them. Given the
    build result (``LayerExplorer(hasil)`` or ``build=hasil``), each layer also names its build
    step (the build log's ``Langkah 4/7``) and the instruction as the Dockerfile wrote it.
    """

    def __init__(self, image: Any, *, build: Any = None, store: Any = None,
                 layer: int | None = None) -> None:
        build = as_build(build, function="dockerlab.LayerExplorer")
        if build is None and is_build(image):
            build = image
        self.image = as_image(lookup(image, store), function="dockerlab.LayerExplorer")
        self._changes: list[Any] = []  # trees of changes, computed layer by layer on demand
        self._layering = _tree.iter_layers(
            layer_entries(layer) for layer in self.image.layers)
        self._merged: Any = None
        count = len(self.image.layers)
        self._rows = {r.layer_index: r for r in make_history(self.image, build).rows if not r.empty}
        written = {s.number: s.instruction for s in getattr(build, "steps", build or [])}
        options = [(tr("show.w.merged"), -1)]
        for i, l in enumerate(self.image.layers):
            row = self._rows.get(i)
            text = instruction_of(l.history.created_by) if l.history else ""
            if row is not None and row.step is not None and row.cached is not None:
                options.append((tr("show.w.option_step", layer=i, step=row.step,
                                   instruction=clip(written.get(row.step, text), 50)), i))
            elif row is not None and row.step is not None:   # the base image's layer
                options.append((tr("show.w.option_step", layer=i, step=row.step,
                                   instruction=clip(text, 50)), i))
            else:
                options.append((tr("show.w.option", layer=i, instruction=clip(text, 50)), i))
        if layer is None:
            start = 0 if count else -1
        else:
            start = as_int(layer, function="dockerlab.LayerExplorer", param="layer")
            if not -1 <= start < count:
                raise LayerIndexError("inspect.no_such_layer", name=display_name(self.image), count=count,
                                      last=count - 1, layer=layer)
        self.layer = w.Dropdown(options=options, value=start, description=tr("show.w.layer"),
                                layout=w.Layout(width="95%"))
        self.info = w.HTML()
        self.path = "/"
        self.location = w.HTML()
        self.entries = w.Select(options=[], rows=12, layout=w.Layout(width="95%"))
        self.open_button = w.Button(description=tr("show.w.open"), icon="folder-open")
        self.up_button = w.Button(description=tr("show.w.up"), icon="arrow-up")
        self.listing = w.HTML()
        self.layer.observe(self._on_layer, names="value")
        self.open_button.on_click(self._on_open)
        self.up_button.on_click(self._on_up)
        super().__init__([self.layer, self.info, self.location,
                          w.HBox([self.up_button, self.open_button]), self.entries, self.listing])
        self._render()

    # -- data --------------------------------------------------------------------------------
    def tree(self) -> Any:
        """The tree on show: the chosen layer's changes, or the merged image."""
        if self.layer.value == -1:
            if self._merged is None:
                self._merged = _tree.image_tree(self.image)
            return self._merged
        while len(self._changes) <= self.layer.value:
            _, changes = next(self._layering)
            index = len(self._changes)
            self._changes.append(_tree.FileTree(changes, f"layer {index}"))
        return self._changes[self.layer.value]

    # -- events ------------------------------------------------------------------------------
    def _on_layer(self, change: dict) -> None:
        tree = self.tree()
        while self.path != "/" and not tree.is_folder(self.path):
            self.path = _tree.parent_of(self.path)
        self._render()

    def _on_open(self, _button: Any = None) -> None:
        target = self.entries.value
        if target and self.tree().is_folder(target):
            self.path = target
            self._render()

    def _on_up(self, _button: Any = None) -> None:
        if self.path != "/":
            self.path = _tree.parent_of(self.path)
            self._render()

    def open_folder(self, path: str) -> None:
        """Show folder ``path`` (as if opened by hand)."""
        self.path = path if path == "/" else "/" + path.strip("/")
        self._render()

    # -- view --------------------------------------------------------------------------------
    def _render(self) -> None:
        tree = self.tree()
        index = self.layer.value
        if index == -1:
            pairs = [(tr("show.html.id"), short(self.image.id)),
                     (tr("show.html.size"), human_size(self.image.size))]
            counts = ""
        else:
            layer = self.image.layers[index]
            created_by = layer.history.created_by if layer.history else ""
            row = self._rows.get(index)
            pairs = [(tr("show.w.instruction"), instruction_of(created_by) or "-")]
            if row is not None and row.step is not None:
                pairs.append((tr("show.w.step"), str(row.step)))
            pairs += [("diff_id", short(layer.diff_id)),
                      (tr("show.w.layer_size"), human_size(row.content_size if row else layer.size))]
            counts = tr("show.w.counts", **{s: tree.count(s) for s in
                                            ("added", "modified", "deleted", "hidden")})
        rows = "".join(f"<dt>{e(k)}</dt><dd class='dl-mono'>{e(v)}</dd>" for k, v in pairs)
        self.info.value = _styled(f"<dl class='dl-attrs'>{rows}</dl><div class='dl-note'>{e(counts)}</div>")
        self.location.value = _styled(f"<b>{e(tr('show.w.folder', path=self.path))}</b>")
        kids = tree.children(self.path)[:PAGE]
        options, lines = [], []
        for node in kids:
            folder = tree.is_folder(node.path)
            gone = node.status in ("deleted", "hidden")
            size = node.previous_size if gone else tree.size(node.path) if folder else node.size
            mark = {"added": "+", "modified": "~", "deleted": "-", "hidden": "×"}.get(node.status, " ")
            options.append((f"{mark} {node.name}{'/' if folder else ''}  ({human_size(size)})", node.path))
            lines.append(f"<li>{node_line(node, size)}</li>")
        self.entries.options = options
        self.entries.rows = max(2, min(len(options), 12))   # no tall empty box under a short list
        self.entries.value = options[0][1] if options else None
        body = "".join(lines) or f"<li class='dl-empty'>{e(tr('show.w.empty_folder'))}</li>"
        more = len(tree.children(self.path)) - len(kids)
        if more > 0:
            body += f"<li class='dl-empty'>{e(tr('inspect.more', count=more))}</li>"
        self.listing.value = _styled(f"<ul class='dl-tree'>{body}</ul>")
        self.up_button.disabled = self.path == "/"

    def __repr__(self) -> str:
        return f"<LayerExplorer layer={self.layer.value} path={self.path}>"


class ImageComparer(w.VBox):
    """Two images side by side: shared layers, files added / removed / changed."""

    def __init__(self, a: Any, b: Any, *, store: Any = None) -> None:
        self.a = as_image(lookup(a, store), function="dockerlab.ImageComparer", param="a", layer=True)
        self.b = as_image(lookup(b, store), function="dockerlab.ImageComparer", param="b", layer=True)
        self.result = _diff.diff(self.a, self.b)
        self.summary = w.HTML()
        self.status = w.ToggleButtons(
            options=[(tr("show.w.all"), "all"), (tr("inspect.diff.added"), "added"),
                     (tr("inspect.diff.removed"), "removed"), (tr("inspect.diff.changed"), "changed")],
            value="all", description=tr("show.w.filter"))
        self.prefix = w.Text(value="/", description=tr("show.w.path"), continuous_update=False)
        self.files = w.HTML()
        self.status.observe(self._refresh, names="value")
        self.prefix.observe(self._refresh, names="value")
        super().__init__([self.summary, w.HBox([self.status, self.prefix]), self.files])
        self._render_summary()
        self._refresh()

    def _render_summary(self) -> None:
        d = self.result
        layers = d.layer_lines()  # the same lines as the text view
        items = "".join(f"<li>{e(text)}</li>" for _, text in layers)
        self.summary.value = _styled(
            f"<div class='dl-header'>{e(tr('inspect.diff.title', a=d.a, b=d.b))}</div>"
            f"<ul>{items}</ul><div>{e(d.summary())}</div>")

    def visible(self) -> list[Any]:
        """The file differences that pass the current filter."""
        prefix = "/" + self.prefix.value.strip().strip("/")
        prefix = "/" if prefix == "/" else prefix
        return [f for f in self.result.files
                if (self.status.value == "all" or f.status == self.status.value)
                and (prefix == "/" or f.path == prefix or f.path.startswith(prefix + "/"))]

    def _refresh(self, change: dict | None = None) -> None:
        files = self.visible()
        css_of = {"added": "dl-added", "removed": "dl-deleted", "changed": "dl-modified"}
        rows = [(tr(f"inspect.diff.{f.status}"), f.path,
                 human_size(f.size_a) if f.size_a is not None else "-",
                 human_size(f.size_b) if f.size_b is not None else "-") for f in files[:PAGE]]
        body = table([tr("inspect.col.status"), tr("inspect.col.path"), tr("inspect.col.before"),
                      tr("inspect.col.after")], rows, [css_of[f.status] for f in files[:PAGE]], (2, 3))
        if len(files) > PAGE:
            body += f"<div class='dl-note'>{e(tr('inspect.more', count=len(files) - PAGE))}</div>"
        self.files.value = _styled(details(tr("inspect.col.path"), body, count=len(files), open=True))

    def __repr__(self) -> str:
        return f"<ImageComparer {self.result.a} -> {self.result.b} files={len(self.result.files)}>"
