"""The layer order of docs/internals.md's module map, checked on the source: a lower module never
imports a higher one – not even inside a function, where an import cycle used to hide."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import dockerlab

PACKAGE = Path(dockerlab.__file__).parent

# module or package (first name below dockerlab) -> what it may import, besides itself
ALLOWED = {
    "fsutil": set(),
    "textutil": {"i18n"},
    "model": {"errors", "i18n"},
    "tarutil": {"model", "errors", "i18n", "fsutil"},
    "store": {"model", "reference", "errors", "i18n", "fsutil", "tarutil"},
    "archive": {"store", "tarutil", "model", "reference", "errors", "i18n", "fsutil"},
    "registry": {"store", "model", "reference", "errors", "i18n", "fsutil", "textutil", "waiting"},
}
# Documented exceptions: the model's HTML reprs import show.html on first display only.
EXCEPTIONS = {("model", "show.html")}


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every ``dockerlab.…`` module ``path`` imports (anywhere in it), as ``(line, dotted name)``."""
    module = ["dockerlab", *path.relative_to(PACKAGE).with_suffix("").parts]
    package = module if path.name == "__init__.py" else module[:-1]
    if path.name == "__init__.py":
        module = module[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
                if node.module is None:  # from . import x: each x is a module or a name in base
                    found += [(node.lineno, f"{target}.{a.name}") for a in node.names]
                    continue
                found.append((node.lineno, target))
            elif node.module:
                found.append((node.lineno, node.module))
    return [(line, name) for line, name in found if name.startswith("dockerlab.")]


def _sources(top: str) -> list[Path]:
    if (PACKAGE / f"{top}.py").is_file():
        return [PACKAGE / f"{top}.py"]
    return sorted((PACKAGE / top).rglob("*.py"))


@pytest.mark.parametrize("top", sorted(ALLOWED))
def test_lower_layers_import_only_what_is_below_them(top):
    wrong = []
    for path in _sources(top):
        for line, name in _imports(path):
            target = name.split(".")[1]
            rest = ".".join(name.split(".")[1:3])
            if target == top or target in ALLOWED[top] or (top, rest) in EXCEPTIONS:
                continue
            wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}")
    assert wrong == []


@pytest.mark.parametrize("path", ["builder/result.py", "registry/result.py"])
def test_result_tables_do_not_reach_into_inspection(path):
    names = [name for _, name in _imports(PACKAGE / path)]
    assert "dockerlab.textutil" in names
    assert not [n for n in names if n.startswith(("dockerlab.inspection", "dockerlab.container"))]


def test_the_old_homes_still_export_the_moved_helpers():
    from dockerlab import fsutil, textutil
    from dockerlab.builder.result import human_size as build_size
    from dockerlab.container.filesystem import remove_tree
    from dockerlab.inspection.format import human_size, text_table

    assert remove_tree is fsutil.remove_tree
    assert text_table is textutil.text_table and human_size is build_size is textutil.human_size


def test_model_validate_stays_a_leaf_and_dockerlab_validate_resolves_the_argument():
    """``dockerlab.model.validate`` takes only an Image (no engine, no inspection imported);
    ``dockerlab.validate`` (the api-level wrapper) is the one that accepts names and build results."""
    code = ("import sys\nfrom dockerlab.errors import UsageError\nfrom dockerlab.model import validate\n"
            "try:\n    validate('halo:1.0')\nexcept UsageError as exc:\n    print(exc)\n"
            "print(sorted({m.split('.')[1] for m in sys.modules if m.startswith('dockerlab.')}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    message, loaded = out.splitlines()
    assert message == ("dockerlab.model.validate hanya menerima Image, bukan objek str. Untuk hasil build "
                       "atau nama image seperti 'my-app:latest', pakai dockerlab.validate(...).")
    assert loaded == "['errors', 'i18n', 'model']"

    import dockerlab.api

    assert dockerlab.validate is dockerlab.api.validate
