"""Inspect images: history, layers, file trees, diffs, efficiency, readable JSON.

Everything here works on the model (``dockerlab.model.Image``/``Layer``), so results are the same
on the embedded engine and on the Docker Engine. Each function takes an Image or a build result
(a name only with ``store=``): :mod:`.arguments` is the one helper every image-taking function of
the package uses. The public ``dockerlab.history(...)`` & co. (:mod:`dockerlab.api`) look a name up
in the active engine and call these.

The package is named ``inspection`` so that importing it can never hide the public functions
``dockerlab.inspect``, ``dockerlab.history`` … that it provides. Its modules are private
(``_history``, ``_layers``, ``_tree``, ``_diff``, ``_efficiency``, ``_inspect``: httpx's way), so a
module can carry the honest name of what it computes and still never shadow a function here;
``arguments``, ``entries``, ``format`` and ``imagelist`` are the parts other packages use.
"""

from __future__ import annotations

from typing import Any

from ..errors import DockerlabError


from . import _diff, _efficiency, _history, _inspect, _layers, _tree
from ._diff import Diff, FileDiff
from ._efficiency import Efficiency, Inefficiency
from ._history import History, HistoryRow
from ._inspect import Inspection
from ._layers import LayerRow, Layers
from ._tree import FileTree, LayerChanges, Node
from .arguments import as_build, as_image, as_int, is_build
from .entries import Entry, layer_entries
from .format import display_name
from .tagtable import TagTable

__all__ = sorted([
    "Diff", "Efficiency", "Entry", "FileDiff", "FileTree", "History", "HistoryRow", "Inefficiency",
    "LayerIndexError",
    "Inspection", "LayerChanges", "LayerRow", "Layers", "Node", "TagTable", "diff", "efficiency", "history",
    "inspect", "layer_changes", "layer_entries", "layers", "resolve", "tree",
])


class LayerIndexError(DockerlabError, IndexError):
    """A layer number outside the image's layers."""


def resolve(obj: Any, store: Any = None) -> Any:
    """An Image for ``obj``: an Image, a build result (``.image``) or a reference string (looked
    up in ``store``); an index gives the image for this machine's platform.
    Anything else: a UsageError (see :mod:`.arguments`)."""
    return as_image(obj, function="dockerlab.inspection.resolve", param="obj", store=store)


def history(image: Any, build: Any = None, *, store: Any = None, program: str = "docker") -> History:
    """Each step of the image: instruction, its layer (or "tanpa layer"), size, cache use.

    ``image`` may be the build result itself; then its steps fill the cache column. ``program``:
    the learner's command line (:func:`dockerlab.product.program`), for the equivalent command."""
    build = as_build(build, function="dockerlab.history")
    if build is None and is_build(image):
        build = image
    return _history.history(as_image(image, function="dockerlab.history", store=store), build, program)


def layers(image: Any, measure: bool = False, *, store: Any = None, program: str = "docker") -> Layers:
    """digest, diff_id, sizes and ``created_by`` of each layer, base first."""
    return _layers.layers(as_image(image, function="dockerlab.layers", store=store), measure, program)


def tree(image: Any, layer: int | None = None, *, store: Any = None) -> FileTree:
    """The merged filesystem of ``image``; with ``layer=i``, what layer ``i`` changed in it."""
    image = as_image(image, function="dockerlab.tree", store=store)
    if layer is None:
        return _tree.image_tree(image)
    layer = as_int(layer, function="dockerlab.tree", param="layer")
    count = len(image.layers)
    if not -count <= layer < count:
        raise LayerIndexError("inspect.no_such_layer", name=display_name(image), count=count,
                              last=count - 1, layer=layer)
    return layer_changes(image)[layer].tree


def layer_changes(image: Any, *, store: Any = None) -> list[LayerChanges]:
    """For each layer, base first, a tree of the paths it added/modified/deleted/hid."""
    return _tree.layer_changes(as_image(image, function="dockerlab.inspection.layer_changes", store=store))


def diff(a: Any, b: Any, *, store: Any = None) -> Diff:
    """Image vs image (shared layers, files added/removed/changed) or layer vs layer."""
    return _diff.diff(as_image(a, function="dockerlab.diff", param="a", store=store, layer=True),
                      as_image(b, function="dockerlab.diff", param="b", store=store, layer=True))


def efficiency(image: Any, *, store: Any = None) -> Efficiency:
    """dive's efficiency score and wasted bytes ("ruang terbuang")."""
    return _efficiency.efficiency(as_image(image, function="dockerlab.efficiency", store=store))


def inspect(obj: Any, *, store: Any = None, program: str = "docker") -> Inspection:
    """Manifest and config (or index) as readable, highlighted JSON."""
    return _inspect.inspect(as_image(obj, function="dockerlab.inspect", param="obj", store=store,
                                      index=True), program)
