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
from .errors import no_attribute as _no_attribute
from .i18n import get_language
from .language import set_language

__version__ = "0.1.0"  # = pyproject.toml's (tests/test_api.py); the embedded engine reports the installed one

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
    "base_image": "dockerlab.api:base_image",
    "build": "dockerlab.api:build",
    "build_platforms": "dockerlab.platforms:build_platforms",
    "containers": "dockerlab.api:containers",
    "copy_image": "dockerlab.engines.transfer:copy",
    "diff": "dockerlab.api:diff",
    "efficiency": "dockerlab.api:efficiency",
    "engine": "dockerlab.api:engine",
    "environment": "dockerlab.machine:environment",
    "explain_platform": "dockerlab.platforms:explain_platform",
    "history": "dockerlab.api:history",
    "image": "dockerlab.api:image",
    "images": "dockerlab.api:images",
    "inspect": "dockerlab.api:inspect",
    "inspect_remote": "dockerlab.registry:inspect_remote",
    "layers": "dockerlab.api:layers",
    "list_tags": "dockerlab.registry:list_tags",
    "load": "dockerlab.api:load",
    "progress": "dockerlab.exercises.progress:progress",
    "pull": "dockerlab.api:pull",
    "push": "dockerlab.api:push",
    "remove": "dockerlab.api:remove",
    "run": "dockerlab.api:run",
    "save": "dockerlab.api:save",
    "show": "dockerlab.show",
    "start_registry": "dockerlab.registry:start_registry",
    "stop_registry": "dockerlab.registry:stop_registry",
    "tag": "dockerlab.api:tag",
    "tree": "dockerlab.api:tree",
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
