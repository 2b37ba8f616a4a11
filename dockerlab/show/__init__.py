"""Show images: graphviz diagrams, ipywidgets explorers, rich HTML reprs.

Diagram functions return ``graphviz.Digraph``; explorers are ``ipywidgets.VBox`` subclasses; HTML
reprs (``dockerlab.show.html``) need no JavaScript. ``graphviz`` and ``ipywidgets`` are imported
when first used, so importing this package is cheap.
"""

from __future__ import annotations

import importlib

_LAZY = {
    "layer_stack": "graphs", "content_graph": "graphs", "tag_map": "graphs",
    "family_tree": "graphs", "cache_graph": "graphs",
    "LayerExplorer": "widgets", "ImageComparer": "widgets",
    "image_html": "html", "layer_html": "html",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'dockerlab.show' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
