"""A mistyped name (``dockerlab.bulid``, ``latihan.greting``, ``course.wirte``) is explained in the
learner's language with the closest public name, and is still an ``AttributeError``."""

from __future__ import annotations

import subprocess
import sys

import pytest

import dockerlab
from dockerlab import course
from dockerlab import exercises as latihan


@pytest.mark.parametrize("module, typo, meant, label", [
    (dockerlab, "bulid", "build", "dockerlab"),
    (dockerlab, "Image_", "Image", "dockerlab"),
    (latihan, "greting", "greeting", "dockerlab.exercises"),
    (course, "wirte", "write", "dockerlab.course"),
])
def test_a_typo_names_the_closest_public_name(module, typo, meant, label):
    with pytest.raises(AttributeError) as err:
        getattr(module, typo)
    assert str(err.value) == f"{label} tidak punya `{typo}`. Maksud Anda `{meant}`?"
    assert meant in module.__all__


def test_the_suggestion_is_english_when_the_course_is():
    dockerlab.set_language("en")
    with pytest.raises(AttributeError, match=r"^dockerlab\.exercises has no `greting`\. Did you mean `greeting`\?$"):
        latihan.greting  # noqa: B018


@pytest.mark.parametrize("module, label", [(dockerlab, "dockerlab"), (latihan, "dockerlab.exercises"),
                                           (course, "dockerlab.course")])
def test_without_a_close_name_it_says_where_to_look(module, label):
    with pytest.raises(AttributeError) as err:
        module.zzqxwv  # noqa: B018
    text = str(err.value)
    assert text == f"{label} tidak punya `zzqxwv`. Daftar nama yang ada: `help({label})`.", text


@pytest.mark.parametrize("module", [dockerlab, latihan, course])
@pytest.mark.parametrize("probe", ["__path__x", "__wrapped__", "_ipython_display_", "_repr_html_", "_bulid"])
def test_private_probes_keep_pythons_own_short_error(module, probe):
    """Tools (IPython, doctest, inspect) probe for ``_`` names: no lookup, Python's own message."""
    assert not hasattr(module, probe)
    with pytest.raises(AttributeError) as err:
        getattr(module, probe)
    assert str(err.value) == f"module {module.__name__!r} has no attribute {probe!r}"


@pytest.mark.parametrize("module", [dockerlab, latihan, course])
def test_hasattr_and_the_public_names_still_work(module):
    assert not hasattr(module, "bulid")
    assert all(hasattr(module, name) for name in module.__all__)
    assert getattr(module, "no_such_name", "default") == "default"


def test_python_adds_no_english_suggestion_of_its_own():
    """Python 3.10+ appends "Did you mean: 'build'?" to a traceback when the error carries the
    name; the learner should read the suggestion once, in their language."""
    code = "import dockerlab\ndockerlab.bulid\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "Maksud Anda `build`?" in out.stderr and "Did you mean" not in out.stderr, out.stderr


def test_submodules_are_still_imported_on_demand():
    """``from package import submodule`` falls back to importing it after an AttributeError."""
    code = ("import sys, dockerlab\nassert 'dockerlab.registry' not in sys.modules\n"
            "from dockerlab import registry\nprint(registry.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "dockerlab.registry"
