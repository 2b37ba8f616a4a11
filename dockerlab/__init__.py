"""dockerlab: build, inspect and visualise real container images, with or without Docker.

The package behind the Indonesian course about Docker images. Heavy dependencies (the docker SDK,
ipywidgets, graphviz) are imported on first use, so ``import dockerlab`` stays fast.
"""

from __future__ import annotations

import importlib

from .errors import (
    BlobNotFound,
    BuildContextError,
    BuildError,
    ContainerError,
    DigestMismatch,
    DockerfileError,
    DockerlabError,
    EngineUnavailable,
    ExecutorUnavailable,
    ImageNotFound,
    InvalidImage,
    InvalidReference,
    PlatformMismatch,
    RegistryError,
    ToolMissing,
    UsageError,
)
from .i18n import get_language, set_language
from .i18n import messages as _messages, tr as _tr

__version__ = "0.1.0"

# Public names that live in submodules, imported on first access (PEP 562):
# "module:attribute", or just "module" for a public submodule (``dockerlab.show``).
_LAZY: dict[str, str] = {
    "BuildResult": "dockerlab.builder.result:BuildResult",
    "Change": "dockerlab.container.base:Change",
    "Container": "dockerlab.container.base:Container",
    "Digest": "dockerlab.model:Digest",
    "Image": "dockerlab.model:Image",
    "ImageComparer": "dockerlab.show:ImageComparer",
    "ImageIndex": "dockerlab.model:ImageIndex",
    "Layer": "dockerlab.model:Layer",
    "LayerExplorer": "dockerlab.show:LayerExplorer",
    "Platform": "dockerlab.model:Platform",
    "Reference": "dockerlab.reference:Reference",
    "Store": "dockerlab.store:Store",
    "assemble_index": "dockerlab.platforms:assemble_index",
    "base_image": "dockerlab.course:prepare_base_image",
    "build": "dockerlab.api:build",
    "build_platforms": "dockerlab.platforms:build_platforms",
    "containers": "dockerlab.api:containers",
    "copy_image": "dockerlab.transfer:copy",
    "diff": "dockerlab.inspection:diff",
    "efficiency": "dockerlab.inspection:efficiency",
    "engine": "dockerlab.api:engine",
    "environment": "dockerlab.machine:environment",
    "explain_platform": "dockerlab.platforms:explain_platform",
    "history": "dockerlab.inspection:history",
    "image": "dockerlab.api:image",
    "images": "dockerlab.api:images",
    "inspect": "dockerlab.inspection:inspect",
    "inspect_remote": "dockerlab.registry:inspect_remote",
    "layers": "dockerlab.inspection:layers",
    "list_tags": "dockerlab.registry:list_tags",
    "load": "dockerlab.api:load",
    "pull": "dockerlab.api:pull",
    "push": "dockerlab.api:push",
    "remove": "dockerlab.api:remove",
    "run": "dockerlab.api:run",
    "save": "dockerlab.api:save",
    "show": "dockerlab.show",
    "start_registry": "dockerlab.registry:start_registry",
    "stop_registry": "dockerlab.registry:stop_registry",
    "tag": "dockerlab.api:tag",
    "tag_history": "dockerlab.api:tag_history",
    "tree": "dockerlab.inspection:tree",
    "use_engine": "dockerlab.api:use_engine",
    "validate": "dockerlab.api:validate",
}

__all__ = sorted(
    [
        "BlobNotFound",
        "BuildContextError",
        "BuildError",
        "ContainerError",
        "DigestMismatch",
        "DockerfileError",
        "DockerlabError",
        "EngineUnavailable",
        "ExecutorUnavailable",
        "ImageNotFound",
        "InvalidImage",
        "InvalidReference",
        "PlatformMismatch",
        "RegistryError",
        "ToolMissing",
        "UsageError",
        "get_language",
        "set_language",
        *_LAZY,
    ]
)


_messages({
    "api.no_attribute.close": ("{module} tidak punya `{name}`. Maksud Anda `{match}`?",
                               "{module} has no `{name}`. Did you mean `{match}`?"),
    "api.no_attribute.far": ("{module} tidak punya `{name}`. Daftar nama yang ada: `help({module})`.",
                             "{module} has no `{name}`. For the names it has: `help({module})`."),
})


def _no_attribute(module: str, name: str, public: list[str]) -> AttributeError:
    """The error for ``module.name`` that does not exist: for a public-looking name, in the
    learner's language with the closest public name (``dockerlab.bulid`` → ``build``,
    :func:`difflib.get_close_matches`), or where to look. Still an ``AttributeError``, so
    ``hasattr`` and IPython's completion work; a name starting with ``_`` (``__path__``,
    ``_ipython_display_``: probes by tools) gets Python's own short message, without any lookup.
    Used by the ``__getattr__`` of this package, :mod:`dockerlab.exercises` and
    :mod:`dockerlab.course`."""
    import sys

    if name.startswith("_"):
        return AttributeError(f"module {module!r} has no attribute {name!r}")
    import difflib

    close = difflib.get_close_matches(name, public, n=1)
    text = (_tr("api.no_attribute.close", module=module, name=name, match=close[0]) if close
            else _tr("api.no_attribute.far", module=module, name=name))
    # ``obj`` set and ``name`` left unset: Python then adds no English "Did you mean" of its own.
    return AttributeError(text, obj=sys.modules.get(module))


def __getattr__(name: str):
    target = _LAZY.get(name)
    if target is None:
        raise _no_attribute(__name__, name, __all__)
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    value = getattr(module, attr) if attr else module
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
