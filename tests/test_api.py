"""The public API: a sorted, documented ``__all__`` whose names all resolve; a light import."""

from __future__ import annotations

import subprocess
import sys

import dockerlab
import pytest


def test_all_is_sorted_and_unique():
    assert list(dockerlab.__all__) == sorted(set(dockerlab.__all__))


def test_every_public_name_resolves():
    for name in dockerlab.__all__:
        assert getattr(dockerlab, name) is not None, name


def test_unknown_attribute_is_an_attribute_error():
    try:
        dockerlab.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_import_is_light():
    """Heavy dependencies are imported on first use, not by ``import dockerlab``."""
    code = ("import sys, dockerlab; heavy = [m for m in ('docker', 'ipywidgets', 'graphviz', "
            "'requests', 'tqdm', 'pygments') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_errors_inherit_matching_builtins():
    assert issubclass(dockerlab.InvalidReference, ValueError)
    assert issubclass(dockerlab.ImageNotFound, LookupError)
    assert issubclass(dockerlab.BuildError, RuntimeError)
    assert issubclass(dockerlab.BlobNotFound, FileNotFoundError)
    for name in dockerlab.__all__:
        obj = getattr(dockerlab, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, dockerlab.DockerlabError), name


def test_public_functions_are_not_shadowed_by_submodules():
    """Importing every submodule must not replace a public function with a module object."""
    import importlib
    import pkgutil
    import types

    for info in pkgutil.walk_packages(dockerlab.__path__, prefix="dockerlab."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    for name, target in dockerlab._LAZY.items():
        if ":" in target:  # a function or class, not a public submodule
            value = getattr(dockerlab, name)
            assert not isinstance(value, types.ModuleType), name


def test_the_version_is_the_installed_one():
    from importlib.metadata import version

    assert dockerlab.__version__ == version("dockerlab")


def test_the_engine_interface_declares_every_verb_and_both_engines_take_its_arguments():
    import inspect

    from dockerlab.engines.base import Engine
    from dockerlab.engines.docker import DockerEngine
    from dockerlab.engines.local import LocalEngine

    verbs = {"info", "build", "images", "image", "write", "tag", "remove", "save", "load",
             "ensure_base_image", "run", "containers", "push", "pull"}
    assert Engine.__abstractmethods__ == verbs
    for verb in sorted(verbs):
        declared = list(inspect.signature(getattr(Engine, verb)).parameters)
        for engine in (LocalEngine, DockerEngine):
            taken = list(inspect.signature(getattr(engine, verb)).parameters)
            assert taken[:len(declared)] == declared, (engine.__name__, verb)


def test_the_public_verbs_spell_out_their_keyword_arguments():
    import inspect

    from dockerlab import api
    from dockerlab.engines.base import Engine

    for verb in ("build", "run", "push", "pull", "tag", "remove", "save", "load", "containers"):
        params = inspect.signature(getattr(api, verb)).parameters
        assert not [p for p in params.values() if p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL)], verb
        assert list(params) == list(inspect.signature(getattr(Engine, verb)).parameters)[1:], verb


def test_a_call_that_does_not_fit_is_explained_before_anything_runs(monkeypatch):
    """A keyword typo gets the close name, as an attribute typo does; a missing argument gets the
    way to call it, with no Python type names; the signature ``help()`` shows is unchanged."""
    import inspect

    from dockerlab.errors import UsageError

    with pytest.raises(UsageError) as error:
        dockerlab.run("tidak-ada:1", detatch=True)
    assert "`detatch`" in str(error.value) and "Maksud Anda `detach`?" in str(error.value)
    with pytest.raises(UsageError) as error:
        dockerlab.images(zzz=1)
    assert "Parameternya: digests." in str(error.value)
    with pytest.raises(UsageError) as error:
        dockerlab.base_image(x=1)
    assert "tidak menerima parameter apa pun" in str(error.value)
    with pytest.raises(UsageError) as error:
        dockerlab.tag("a")
    assert "`dockerlab.tag(source, target)`" in str(error.value) and "str" not in str(error.value)
    assert "detach" in inspect.signature(dockerlab.run).parameters
