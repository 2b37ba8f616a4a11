"""The layer order of docs/internals.md's module map, checked on the source.

Every ``import`` of the package is read with :mod:`ast` – at module level, inside functions and
under ``TYPE_CHECKING`` alike – and resolved to the module it loads (``from ..model import X``
loads ``dockerlab.model``, ``from . import steps`` loads ``dockerlab.builder.steps``). On that
graph:

* every module belongs to a floor of :data:`FLOORS` and imports only from floors below its own
  (or from its own package);
* the one exception is a display hook: a ``_repr_html_`` method may import ``dockerlab.show``
  (Jupyter calls it when it shows the object; the import runs then, never at import time);
* without those hook edges the graph has no loop at all (no strongly connected component);
* what a display hook reaches (``dockerlab.show.html`` and everything it imports) is a renderer:
  no engine, builder, registry, container or store;
* ``inspection`` works on model objects alone: it never looks a name up in an engine.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import dockerlab

PACKAGE = Path(dockerlab.__file__).parent

# Bottom to top. A unit is the first name below ``dockerlab`` (a module or a package); the package
# face ``dockerlab/__init__.py`` is ``__init__``. A unit imports only units of lower floors.
FLOORS: list[set[str]] = [
    {"fsutil", "waiting", "messages"},
    {"i18n"},
    {"errors", "textutil", "product"},
    {"model", "executor", "machine", "language"},
    {"reference", "tarutil"},
    {"store", "baseimage"},
    {"builder", "container", "archive", "registry"},
    {"engines"},
    {"inspection"},
    {"show"},
    {"api", "cli", "exercises", "platforms"},
    {"course"},
    {"kelas"},
    {"__init__", "__main__"},
]
FLOOR = {unit: number for number, units in enumerate(FLOORS) for unit in units}
HOOK = "_repr_html_"
# What a display hook may never reach: the parts that do things (build, run, push, store).
NOT_FROM_HOOKS = {"engines", "builder", "container", "archive", "registry", "store"}


def _module_name(path: Path) -> str:
    parts = ["dockerlab", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if path.name == "__init__.py" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _loaded(name: str) -> str:
    """The package module that ``import name`` loads (``dockerlab.model.Image`` -> ``dockerlab.model``)."""
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def _imports(path: Path) -> list[tuple[int, str, str | None]]:
    """Every ``dockerlab`` module ``path`` imports, anywhere in it: ``(line, module, function)``
    where ``function`` is the innermost function the import is in (None at module level)."""
    module = _module_name(path).split(".")
    package = module if path.name == "__init__.py" else module[:-1]
    found: list[tuple[int, str, str | None]] = []

    def visit(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            if isinstance(child, ast.Import):
                found.extend((child.lineno, a.name, function) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = ".".join(package[: len(package) - (child.level - 1)]
                                    + ([child.module] if child.module else []))
                else:
                    base = child.module or ""
                for alias in child.names:  # `from . import x`: x is a module or a name in base
                    full = f"{base}.{alias.name}"
                    found.append((child.lineno, full if full in MODULES else base, function))
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), None)
    return [(line, _loaded(name), fn) for line, name, fn in found
            if name == "dockerlab" or name.startswith("dockerlab.")]


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _is_hook(module: str, target: str, function: str | None) -> bool:
    return function == HOOK and target.startswith("dockerlab.show")


EDGES = {m: [(line, t, fn) for line, t, fn in _imports(p) if t != m] for m, p in MODULES.items()}


def _graph(*, hooks: bool) -> dict[str, set[str]]:
    return {m: {t for _, t, fn in edges if hooks or not _is_hook(m, t, fn)} for m, edges in EDGES.items()}


def _loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    loops = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    loops.append(sorted(component))
    return loops


def _reach(start: str, graph: dict[str, set[str]]) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(graph.get(module, ()))
    return seen


def test_every_module_has_a_floor():
    assert sorted({_unit(m) for m in MODULES} - set(FLOOR)) == []
    assert sorted(set(FLOOR) - {_unit(m) for m in MODULES}) == []


@pytest.mark.parametrize("unit", sorted(FLOOR))
def test_a_unit_imports_only_from_lower_floors(unit):
    wrong = []
    for module, edges in EDGES.items():
        if _unit(module) != unit:
            continue
        for line, target, function in edges:
            other = _unit(target)
            if other == unit or FLOOR[other] < FLOOR[unit] or _is_hook(module, target, function):
                continue
            where = f" in {function}()" if function else ""
            wrong.append(f"{MODULES[module].relative_to(PACKAGE.parent)}:{line}{where} imports {target}")
    assert wrong == []


def test_display_hooks_import_only_show():
    hooks = [(m, line, t) for m, edges in EDGES.items() for line, t, fn in edges if fn == HOOK]
    assert hooks, "the model's _repr_html_ hooks are found"
    assert [h for h in hooks if not h[2].startswith("dockerlab.show") and FLOOR[_unit(h[2])] > FLOOR[_unit(h[0])]] == []


def test_the_import_graph_has_no_loop_outside_the_display_hooks():
    assert _loops(_graph(hooks=False)) == []


def test_the_loop_check_finds_a_loop():
    assert _loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _loops({"a": {"b"}, "b": set()}) == []


def test_a_display_hook_reaches_no_engine():
    reached = _reach("dockerlab.show.html", _graph(hooks=True))
    assert sorted(m for m in reached if _unit(m) in NOT_FROM_HOOKS) == []


def test_inspection_works_on_model_objects_alone():
    reached = _reach("dockerlab.inspection", _graph(hooks=False))
    assert sorted(m for m in reached if _unit(m) in NOT_FROM_HOOKS | {"executor"}) == []


@pytest.mark.parametrize("path", ["builder/result.py", "registry/result.py"])
def test_result_tables_do_not_reach_into_inspection(path):
    names = [name for _, name, _ in _imports(PACKAGE / path)]
    assert "dockerlab.textutil" in names
    assert not [n for n in names if n.startswith(("dockerlab.inspection", "dockerlab.container"))]


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
    assert loaded == "['errors', 'i18n', 'language', 'messages', 'model']"  # messages: the catalogs (data)

    import dockerlab.api

    assert dockerlab.validate is dockerlab.api.validate
