"""An opt-in IPython extension for a machine where RUN steps and containers cannot run:
``%load_ext dockerlab.course.kernel``.

Where no executor exists (no root, no proot), the cell that builds or runs raises
:class:`~dockerlab.errors.ExecutorUnavailable` and says why. Every later cell that uses what that
cell would have made (``hasil.image``, ``image_hitung``) then fails with a bare ``NameError``. With
this extension loaded such a ``NameError`` is shown as an ``ExecutorUnavailable`` that names the
missing variable and repeats the original reason, and a cell failing that way leaves its own names
missing for the same reason, so the explanation follows the chain of cells.

Only names that a cell which ended in ``ExecutorUnavailable`` binds (and left unbound) count; any
other ``NameError`` — a typo, a cell not run since the kernel restarted — is IPython's own, as it
would be without the extension. The course does not load it: ``course.start`` names it in its
warning where RUN cannot work here, and a JupyterHub or Binder can turn it on for every kernel
(``c.InteractiveShellApp.extensions = ["dockerlab.course.kernel"]`` in ``ipython_kernel_config.py``).
Where proot is installed (Binder's ``apt.txt``), it never has anything to do.

IPython has no ready-made switch for this; it offers the two hooks used here: ``set_custom_exc``
(the handler then displays the error itself through ``showtraceback``, whose ``etype`` becomes the
``error`` message's ``ename``) and the ``post_run_cell`` event (which sees the cell's
``ExecutionResult`` before ipykernel builds the ``execute_reply`` from ``result.error_in_exec``,
so the reply names the same error as the output).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from ..errors import ExecutorUnavailable


_NOT_DEFINED = re.compile(r"name '([^']+)' is not defined")


@dataclass
class _Memory:
    """What one shell's extension remembers: names left unbound by cells that could not run."""

    missing: dict[str, str] = field(default_factory=dict)       # name -> the original reason
    replaced: tuple[BaseException, ExecutorUnavailable] | None = None  # in the running cell
    previous: tuple = ()                                         # (types, handler) set before ours
    callback: object = None


def load_ipython_extension(shell) -> None:
    """``%load_ext dockerlab.course.kernel``: hook ``shell`` (once; loading again does nothing).
    A custom exception handler someone else set is kept and still called for its own types."""
    if getattr(shell, "_dockerlab_kernel", None) is not None:
        return
    memory = _Memory()
    types = tuple(getattr(shell, "custom_exceptions", ()) or ())
    memory.previous = (types, getattr(shell, "CustomTB", None) if types else None)

    def handler(self, etype, value, tb, tb_offset=None):
        shown = _explained(memory, value, tb) if isinstance(value, NameError) else None
        if shown is not None:
            memory.replaced = (value, shown)
            self.showtraceback((type(shown), shown, tb), tb_offset=tb_offset)
            return None
        previous_types, previous = memory.previous
        if previous is not None and isinstance(value, previous_types):
            return previous(etype, value, tb, tb_offset=tb_offset)
        self.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None

    shell.set_custom_exc(types + tuple(t for t in (NameError,) if t not in types), handler)
    memory.callback = lambda result: _after_cell(memory, shell, result)
    shell.events.register("post_run_cell", memory.callback)
    shell._dockerlab_kernel = memory


def unload_ipython_extension(shell) -> None:
    """``%unload_ext dockerlab.course.kernel``: the shell as it was before loading."""
    memory = getattr(shell, "_dockerlab_kernel", None)
    if memory is None:
        return
    types, previous = memory.previous
    if previous is not None:   # already IPython's wrapper: put it back as it was, not wrapped again
        shell.CustomTB, shell.custom_exceptions = previous, types
    else:
        shell.set_custom_exc((), None)
    try:
        shell.events.unregister("post_run_cell", memory.callback)
    except ValueError:
        pass
    shell._dockerlab_kernel = None


def _missing_name(error: NameError) -> str | None:
    """The name a ``NameError`` is about (``error.name``, else read from its message)."""
    name = getattr(error, "name", None)
    if not isinstance(name, str) or not name:
        found = _NOT_DEFINED.search(str(error))
        name = found.group(1) if found else None
    return name


def _explained(memory: _Memory, error: NameError, tb) -> ExecutorUnavailable | None:
    """The ExecutorUnavailable to show for ``error``, or ``None`` for an ordinary NameError."""
    if isinstance(error, UnboundLocalError):
        return None
    name = _missing_name(error)
    reason = memory.missing.get(name) if name else None
    if reason is None:
        return None
    shown = ExecutorUnavailable("course.kernel.missing_name", name=name, reason=reason)
    shown.__cause__ = error   # the full traceback (DOCKERLAB_TRACEBACK=1) still shows it
    return shown.with_traceback(tb)


def _after_cell(memory: _Memory, shell, result) -> None:
    """``post_run_cell``: make the reply name the shown error, and remember what went missing."""
    if result is None:
        return
    replaced, memory.replaced = memory.replaced, None
    if replaced is not None and result.error_in_exec is replaced[0]:
        result.error_in_exec = replaced[1]
    namespace = shell.user_ns
    for name in [n for n in memory.missing if n in namespace]:
        del memory.missing[name]   # made since (the learner fixed it, or another cell did)
    error = result.error_in_exec
    if not isinstance(error, ExecutorUnavailable):
        return
    reason = str(error.params.get("reason") or error)
    source = getattr(getattr(result, "info", None), "raw_cell", "") or ""
    try:
        source = shell.transform_cell(source)   # %magics -> Python that ast can parse
    except Exception:  # noqa: BLE001 - a cell IPython cannot transform binds nothing we see
        return
    for name in bound_names(source):
        if name not in namespace:
            memory.missing[name] = reason


def bound_names(source: str) -> set[str]:
    """The global names a cell binds (assignments, imports, ``def``/``class``, loop targets…).

    Function, class and lambda bodies are not entered: what they bind is local to them.
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return set()
    names: set[str] = set()

    class Binder(ast.NodeVisitor):
        def visit_Name(self, node: ast.Name) -> None:
            if isinstance(node.ctx, ast.Store):
                names.add(node.id)

        def visit_FunctionDef(self, node) -> None:
            names.add(node.name)

        visit_AsyncFunctionDef = visit_ClassDef = visit_FunctionDef

        def visit_Lambda(self, node) -> None:   # own scope, like comprehensions
            pass

        visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_Lambda

        def visit_Import(self, node) -> None:
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])

        visit_ImportFrom = visit_Import

        def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
            if node.name:
                names.add(node.name)
            self.generic_visit(node)

    Binder().visit(tree)
    return names - {"*"}
