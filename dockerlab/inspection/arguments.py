"""What the public functions accept: one place that turns a learner's argument into an Image.

Every public function that takes an image (``dockerlab.tree``, ``history``, ``validate``,
``show.layer_stack``, ``explain_platform``, ``course.run_on_host`` …) calls :func:`as_image`, so they
all accept the same three things:

* an ``Image`` (an ``ImageIndex`` becomes this machine's image, unless the function shows indexes);
* a build result, or anything else whose ``.image`` is one (``dockerlab.build(...)``,
  ``course.tamper(...)``);
* a reference string such as ``"my-app:latest"`` only with ``store=`` (looked up there). Without
  one a name is refused: this layer works on model objects alone. The public entry points
  (:mod:`dockerlab.api`, the diagrams and explorers of :mod:`dockerlab.show`, :mod:`dockerlab.platforms`,
  the course and the CLI) look a name up in the active engine first, with
  :func:`dockerlab.engines.lookup`, then call :func:`as_image`.

Anything else is a :class:`~dockerlab.errors.UsageError` that names the function, the parameter,
what was given and what is expected — never a raw ``AttributeError`` from deep inside.
:func:`as_build` does the same for build results and :func:`as_int` for whole-number options.
"""

from __future__ import annotations

from typing import Any

from ..errors import UsageError
from ..i18n import tr
from ..model import Image, ImageIndex, Layer


def describe(value: Any) -> str:
    """What a learner passed, in words: ``teks '1'``, ``sebuah image``, ``objek Layer`` …"""
    if value is None:
        return tr("inspect.given.none")
    if isinstance(value, Image):
        return tr("inspect.given.image")
    if isinstance(value, ImageIndex):
        return tr("inspect.given.index")
    if isinstance(value, str):
        return tr("inspect.given.text", value=value)
    if isinstance(value, bool):
        return tr("inspect.given.bool", value=value)
    if isinstance(value, (int, float)):
        return tr("inspect.given.number", value=value)
    if isinstance(value, (list, tuple)):
        return tr("inspect.given.list", count=len(value))
    if isinstance(value, dict):
        return tr("inspect.given.mapping", count=len(value))
    return tr("inspect.given.object", type=type(value).__name__)


def _image_of(value: Any) -> Any:
    """The model view ``value`` is or carries (a build result's ``.image``), else None."""
    if isinstance(value, (Image, ImageIndex)):
        return value
    inner = getattr(value, "image", None)
    if isinstance(inner, (Image, ImageIndex)):
        return inner
    return None


def as_image(value: Any, *, function: str, param: str = "image", store: Any = None,
             index: bool = False, layer: bool = False) -> Any:
    """The ``Image`` that ``value`` names (see the module docstring).

    ``index=True``: an ``ImageIndex`` is returned as it is (for functions that show indexes);
    otherwise it becomes the image for this machine. ``layer=True``: a ``Layer`` passes too (diff).
    """
    if layer and isinstance(value, Layer):
        return value
    view = _image_of(value)
    if view is None and isinstance(value, str):
        if store is None:
            raise UsageError("inspect.arg.name_here", function=function, param=param, value=value)
        view = store.resolve(value)
    if view is None:
        raise UsageError("inspect.arg.not_image", function=function, param=param, given=describe(value))
    if isinstance(view, ImageIndex) and not index:
        view = view.image_for()
    return view


def is_build(value: Any) -> bool:
    """A build result (``.steps`` and ``.image``) or a non-empty list of build steps (an empty
    list has no steps to show: it is a mistake, not an empty build)."""
    if _image_of(value) is not None and hasattr(value, "steps"):
        return True
    return isinstance(value, (list, tuple)) and bool(value) and all(
        hasattr(s, "cached") and hasattr(s, "instruction") for s in value)


def as_build(value: Any, *, function: str, param: str = "build", required: bool = False) -> Any:
    """``value`` when it is a build result or a list of build steps; None for None (unless
    ``required``); a UsageError otherwise."""
    if value is None and not required:
        return None
    if value is not None and is_build(value):
        return value
    raise UsageError("inspect.arg.not_build", function=function, param=param, given=describe(value))


def as_int(value: Any, *, function: str, param: str) -> int:
    """``value`` when it is a whole number (``True``/``False`` and ``"1"`` are not)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise UsageError("inspect.arg.not_int", function=function, param=param, given=describe(value))


__all__ = ["as_build", "as_image", "as_int", "describe", "is_build"]
