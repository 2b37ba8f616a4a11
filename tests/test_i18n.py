"""Every learner-facing message exists in Indonesian and English, with the same fields."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest

import dockerlab
from dockerlab import i18n


def _import_all_modules() -> None:
    for info in pkgutil.walk_packages(dockerlab.__path__, prefix="dockerlab."):
        if info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)


def test_every_message_in_both_languages_with_same_fields():
    _import_all_modules()
    catalog = i18n.catalog()
    assert len(catalog) > 20
    for key, (indonesian, english) in catalog.items():
        assert i18n.placeholders(indonesian) == i18n.placeholders(english), key
        assert indonesian.strip() and english.strip(), key


def test_default_is_indonesian_and_switchable():
    err = dockerlab.InvalidReference("i18n.unknown_language", lang="xx", choices="id, en")
    assert "tidak dikenal" in str(err)
    dockerlab.set_language("en")
    assert "Unknown language" in str(err)  # rendered again in the new language
    dockerlab.set_language(None)
    assert dockerlab.get_language() == "id"


def test_unknown_language_is_refused_in_indonesian():
    with pytest.raises(ValueError, match="tidak dikenal"):
        dockerlab.set_language("fr")


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}, "id"),  # Binder's locale is ignored
    ({"DOCKERLAB_LANG": "en"}, "en"),
    ({"DOCKERLAB_LANG": "id"}, "id"),
])
def test_language_never_from_the_system_locale(env, expected):
    code = "import dockerlab; print(dockerlab.get_language())"
    out = subprocess.run([sys.executable, "-c", code], env={"PATH": "/usr/bin:/bin", **env},
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == expected


def test_messages_only_name_functions_that_exist():
    """Advice like "run dockerlab.validate(...)" must name a real function: a learner types it."""
    import re

    from dockerlab import course, exercises

    _import_all_modules()
    namespaces = {"dockerlab": dockerlab, "course": course, "latihan": exercises,
                  "dockerlab.show": dockerlab.show, "dockerlab.course": course}
    wrong = []
    for key, pair in i18n.catalog().items():
        for text in pair:
            for space, name in re.findall(r"\b(dockerlab\.show|dockerlab\.course|dockerlab|course|latihan)"
                                          r"\.([a-z_]+)\(", text):
                if not hasattr(namespaces[space], name):
                    wrong.append(f"{key}: {space}.{name}(")
    assert not wrong, "messages advise calls that do not exist:\n" + "\n".join(sorted(set(wrong)))


def test_a_message_exists_whatever_was_imported_before():
    """The catalogs are data loaded on first use: no module imports another to make a message exist."""
    import subprocess
    import sys

    code = ("from dockerlab.i18n import tr\n"
            "print(tr('build.table.cached'), '|', tr('docker.image_not_found', ref='x', engine='Docker Engine', cli='docker'))\n"
            "import sys\nprint(sorted(m for m in sys.modules if m.startswith('dockerlab.')"
            " and not m.startswith('dockerlab.messages')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    first, loaded = out.splitlines()
    assert first.startswith("dari cache | Docker Engine tidak punya image 'x'.")
    assert loaded == "['dockerlab.errors', 'dockerlab.i18n', 'dockerlab.language']"  # the package face's only


def test_no_module_registers_messages_or_imports_only_for_them():
    import ast
    from pathlib import Path

    package = Path(dockerlab.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.parent.name == "messages" or path.name == "i18n.py":  # the catalogs, and their loader
            continue
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "messages":
                found.append(f"{path.relative_to(package)}:{node.lineno} calls messages()")
        found += [f"{path.relative_to(package)}: {line.strip()}" for line in text.splitlines()
                  if "noqa: F401" in line and "messages" in line or "registers" in line and "import" in line]
    assert found == []


def test_grouped_numbers_are_written_the_learners_way(monkeypatch):
    """``{size:,}`` and ``whole()``: thousands grouped with a dot in Indonesian, a comma in English;
    anything but a number is written as it is; other fields are untouched (a port stays 48709)."""
    from dockerlab import i18n
    from dockerlab.textutil import whole

    i18n.catalog()  # loaded first, so the test's own message is the only one added (and taken away)
    monkeypatch.setitem(i18n._CATALOG, "test.grouped",
                        ("{size:,} byte di port {port}, {x:,.1f}", "{size:,} bytes on port {port}, {x:,.1f}"))
    monkeypatch.setattr(i18n, "_language", "id")
    assert i18n.tr("test.grouped", size=2129920, port=48709, x=1234.5) == "2.129.920 byte di port 48709, 1.234,5"
    assert i18n.tr("test.grouped", size="?", port=1, x=None) == "? byte di port 1, None"
    assert whole(400000) == "400.000"
    monkeypatch.setattr(i18n, "_language", "en")
    assert i18n.tr("test.grouped", size=2129920, port=48709, x=1234.5) == "2,129,920 bytes on port 48709, 1,234.5"
    assert whole(400000) == "400,000"


def test_both_languages_group_the_same_numbers():
    """A field grouped (``{size:,}``) in one language is grouped in the other: the same sentence
    must not write ``2.129.920`` beside ``2129921``."""
    import string

    from dockerlab import i18n

    def grouped(text: str) -> set[str]:
        return {name for _, name, spec, _ in string.Formatter().parse(text) if name and spec and "," in spec}

    uneven = {key: (grouped(a), grouped(b)) for key, (a, b) in i18n.catalog().items() if grouped(a) != grouped(b)}
    assert uneven == {}
