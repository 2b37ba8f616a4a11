"""What a learner sees in the notebook when a cell cannot run because an earlier one could not.

Where RUN steps and containers cannot run (no root, no proot), the cell that builds or runs
raises :class:`~dockerlab.errors.ExecutorUnavailable` and says why. Every later cell that uses
what that cell would have made (``hasil.image``, ``image_hitung``) would then fail with a bare
``NameError``. :func:`install` (called by ``course.start``) teaches the IPython kernel to show
such a ``NameError`` as an ``ExecutorUnavailable`` that names the missing variable, repeats the
original reason and says what to do.

Only names that a cell which ended in ``ExecutorUnavailable`` binds (and left unbound) count:
after such a failure, a typo is still the ``NameError`` it is. A cell that fails on a converted
``NameError`` leaves its own names missing for the same reason, so the explanation follows the
chain of cells.

A plain ``NameError`` raised by the cell's own top-level code (a name the cell uses directly) keeps
its name (``ename``) and message (``evalue``) but is shown short, like a dockerlab error: the name
does not exist yet, most likely because the cell that makes it has not run since the kernel
(re)started, how to run the cells above, and, when a name in the learner's namespace is close
(:func:`difflib.get_close_matches`), which one may be meant. A ``NameError`` raised anywhere else
(inside a function the learner wrote, in ``eval`` with other globals, in a library or in dockerlab
itself) and subclasses of it (pandas' ``UndefinedVariableError``) keep IPython's full traceback:
"run the cells above" would be wrong advice there, and the line that failed must stay visible.
``DOCKERLAB_TRACEBACK=1`` brings back IPython's own traceback for the short ones too; the short
form is attached to the exception only while it is shown, so ``%tb`` afterwards shows the frames.

IPython has no ready-made switch for this; it offers the two hooks used here:
``set_custom_exc`` (the handler then displays the error itself through ``showtraceback``, whose
``etype`` becomes the ``error`` message's ``ename``) and the ``post_run_cell`` event (which
sees the cell's ``ExecutionResult`` before ipykernel builds the ``execute_reply`` from
``result.error_in_exec``, so the reply names the same error as the output).
"""

from __future__ import annotations

import ast
import builtins
import difflib
import functools
import re
import sys
import weakref
from dataclasses import dataclass, field

from ..errors import ExecutorUnavailable, full_tracebacks
from ..i18n import messages, tr

messages({
    "course.kernel.missing_name": (
        "Nama `{name}` belum ada, karena sel sebelumnya yang seharusnya membuatnya tidak bisa "
        "berjalan di sini: {reason} Sel ini memerlukan hasil sel itu, jadi juga tidak bisa "
        "berjalan. Yang bisa dilakukan: jalankan kursus di tempat yang punya proot (`sudo apt-get "
        "install proot` atau `conda install -c conda-forge proot`) atau Docker Engine, lalu "
        "jalankan notebook ini lagi dari awal. Lihat juga peringatan ⚠ di bawah sel pertama "
        "(`course.start`).",
        "The name `{name}` does not exist, because the earlier cell that was to make it cannot "
        "run here: {reason} This cell needs that cell's result, so it cannot run either. What to "
        "do: run the course where proot (`sudo apt-get install proot` or `conda install -c "
        "conda-forge proot`) or a Docker Engine is available, then run this notebook again from "
        "the top. See also the ⚠ warning under the first cell (`course.start`).",
    ),
    "course.kernel.unknown_name": (
        "Nama `{name}` belum ada. Mungkin sel yang membuatnya belum dijalankan (misalnya setelah "
        "kernel dimulai ulang): klik sel ini, pilih Run → Run All Above Selected Cell, lalu "
        "jalankan sel ini lagi.",
        "The name `{name}` does not exist yet. Perhaps the cell that makes it has not run (for "
        "example after the kernel restarted): click this cell, choose Run → Run All Above "
        "Selected Cell, then run this cell again.",
    ),
    "course.kernel.did_you_mean": ("Maksud Anda `{match}`?", "Did you mean `{match}`?"),
})

_NOT_DEFINED = re.compile(r"name '([^']+)' is not defined")


@dataclass
class _Memory:
    """What this kernel remembers: names left unbound by cells that could not run, and why."""

    missing: dict[str, str] = field(default_factory=dict)       # name -> the original reason
    replaced: tuple[BaseException, ExecutorUnavailable] | None = None  # in the running cell


_memory = _Memory()
# shell -> the CustomTB bound method install() set. IPython replaces it when a handler raises
# ("Custom TB Handler failed, unregistering") or when someone else sets theirs.
_installed: "weakref.WeakKeyDictionary[object, object]" = weakref.WeakKeyDictionary()
_listening: "weakref.WeakKeyDictionary[object, object]" = weakref.WeakKeyDictionary()  # post_run_cell


def install(shell=None) -> bool:
    """Hook the running IPython shell (or ``shell``); ``False`` outside IPython.

    Safe to call again: a shell is hooked once, and hooked again only when its exception handler
    is no longer ours (IPython unregisters a handler that raised). A custom exception handler
    someone else set is kept and still called for its own exception types.
    """
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return False
    if not _hooked(shell):
        _set_handler(shell)
    callback = _listening.get(shell)
    if callback is None or callback not in shell.events.callbacks.get("post_run_cell", ()):
        callback = functools.partial(_after_cell, shell)
        shell.events.register("post_run_cell", callback)
        _listening[shell] = callback
    return True


def _hooked(shell) -> bool:
    """Whether ``shell``'s custom exception handler is still the one :func:`install` set."""
    ours = _installed.get(shell)
    return (ours is not None and getattr(shell, "CustomTB", None) is ours
            and NameError in tuple(getattr(shell, "custom_exceptions", ()) or ()))


def _set_handler(shell) -> None:
    """Make our handler ``shell``'s custom exception handler, keeping one someone else set."""
    previous_types = tuple(getattr(shell, "custom_exceptions", ()) or ())
    previous = getattr(shell, "CustomTB", None) if previous_types else None

    def handler(self, etype, value, tb, tb_offset=None):
        if isinstance(value, NameError) and not isinstance(value, UnboundLocalError):
            shown = _explained(value, tb)
            if shown is not None:
                _memory.replaced = (value, shown)
                self.showtraceback((type(shown), shown, tb), tb_offset=tb_offset)
                return None
        if previous is not None and isinstance(value, previous_types):
            return previous(etype, value, tb, tb_offset=tb_offset)
        lines = []
        if (type(value) is NameError and not full_tracebacks()
                and _raised_by_cell(tb, self.user_ns)):
            lines = _short_name_error(value, self.user_ns)
        if not lines:
            self.showtraceback((etype, value, tb), tb_offset=tb_offset)
            return None
        # IPython's own protocol: showtraceback() shows this list instead of the frames, and the
        # ``error`` message still carries ename NameError and its evalue. Only while it is shown:
        # ``%tb`` (and DOCKERLAB_TRACEBACK=1) later must find the exception as it was.
        value._render_traceback_ = lambda: lines
        try:
            self.showtraceback((etype, value, tb), tb_offset=tb_offset)
        finally:
            value.__dict__.pop("_render_traceback_", None)
        return None

    types = previous_types + tuple(t for t in (NameError,) if t not in previous_types)
    shell.set_custom_exc(types, handler)
    _installed[shell] = shell.CustomTB


_COMPREHENSIONS = frozenset({"<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"})


def _raised_by_cell(tb, namespace: dict) -> bool:
    """Whether the innermost frame is the cell's own top-level code (not a function it calls,
    not ``eval`` with other globals, not a library or dockerlab itself).

    A comprehension written at the cell's top level counts as the cell's code: before Python
    3.12 it runs in a frame of its own, called straight from the cell's.
    """
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    while frames and frames[-1].f_code.co_name in _COMPREHENSIONS and frames[-1].f_globals is namespace:
        frames.pop()
    return bool(frames) and frames[-1].f_globals is namespace and frames[-1].f_code.co_name == "<module>"


def _missing_name(error: NameError) -> str | None:
    """The name a ``NameError`` is about (``error.name``, else read from its message)."""
    name = getattr(error, "name", None)
    if not isinstance(name, str) or not name:
        found = _NOT_DEFINED.search(str(error))
        name = found.group(1) if found else None
    return name


def _short_name_error(error: NameError, namespace: dict) -> list[str]:
    """The short form of an ordinary ``NameError``: what happened, what to do, a close name."""
    name = _missing_name(error)
    if not name:
        return []
    lines = [f"❌ NameError: {tr('course.kernel.unknown_name', name=name)}"]
    match = close_name(name, namespace)
    if match:
        lines.append(tr("course.kernel.did_you_mean", match=match))
    lines.append(tr("errors.full_traceback"))
    return lines


_HIDDEN = {"In", "Out", "exit", "quit", "get_ipython", "open"}


def close_name(name: str, namespace: dict) -> str | None:
    """The learner's (or a built-in) name closest to ``name``, if one is close enough."""
    candidates = [n for n in namespace if not n.startswith("_") and n not in _HIDDEN]
    candidates += [n for n in dir(builtins) if not n.startswith("_") and n not in candidates]
    found = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    return found[0] if found and found[0] != name else None


def _explained(error: NameError, tb) -> ExecutorUnavailable | None:
    """The ExecutorUnavailable to show for ``error``, or ``None`` for an ordinary NameError."""
    name = _missing_name(error)
    reason = _memory.missing.get(name) if name else None
    if reason is None:
        return None
    shown = ExecutorUnavailable("course.kernel.missing_name", name=name, reason=reason)
    shown.__cause__ = error   # the full traceback (DOCKERLAB_TRACEBACK=1) still shows it
    return shown.with_traceback(tb)


def _after_cell(shell, result) -> None:
    """``post_run_cell``: make the reply name the shown error, and remember what went missing."""
    if result is None:
        return
    replaced, _memory.replaced = _memory.replaced, None
    if replaced is not None and result.error_in_exec is replaced[0]:
        result.error_in_exec = replaced[1]
    namespace = shell.user_ns
    for name in [n for n in _memory.missing if n in namespace]:
        del _memory.missing[name]   # made since (the learner fixed it, or another cell did)
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
            _memory.missing[name] = reason


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
