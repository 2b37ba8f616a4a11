"""What every checker returns, and the wrapper that keeps checkers from ever raising.

A learner who passes the wrong thing (a string where an image was asked for, nothing at all, a
typo) must read an explanation, not a traceback: :func:`checker` turns any exception inside a
checker into a :class:`Result` that says what was expected.
"""

from __future__ import annotations

import functools
import inspect
import re
from dataclasses import dataclass
from html import escape
from typing import Any, Callable

from ..i18n import tr


REGISTRY: dict[str, Callable[..., "Result"]] = {}


@dataclass(frozen=True)
class Result:
    """The verdict on one answer: right or not, why, and hints for the next try."""

    exercise: str  # e.g. "02.1"
    ok: bool
    message: str  # learner-facing, in the active language
    hints: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        mark = "✅" if self.ok else "❌"
        head = f"{mark} {tr('ex.title', exercise=self.exercise)}: {tr('ex.ok' if self.ok else 'ex.not_yet')}"
        lines = [head, self.message]
        lines += [f"  • {tr('ex.hint')}: {h}" for h in self.hints]
        return "\n".join(line for line in lines if line)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        color = "var(--dl-added, #1a7f37)" if self.ok else "var(--dl-deleted, #cf222e)"
        mark = "✅" if self.ok else "❌"
        head = f"{tr('ex.title', exercise=self.exercise)}: {tr('ex.ok' if self.ok else 'ex.not_yet')}"
        hints = "".join(f"<li>{html_text(h)}</li>" for h in self.hints)
        hints_html = (f"<details><summary>{escape(tr('ex.hint'))}</summary><ul>{hints}</ul></details>"
                      if hints else "")
        return (f"<div class='dl-wrap dl-exercise' style='border-left:4px solid {color};"
                f"padding:4px 10px;margin:4px 0'>"
                f"<div class='dl-header'>{mark} {escape(head)}</div>"
                f"<div>{html_text(self.message)}</div>{hints_html}</div>")


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def html_text(text: str) -> str:
    """``text`` escaped, with its Markdown code spans (`` `docker run` ``) as ``<code>`` elements:
    verdicts are written with backticks, which the plain-text form keeps and HTML must not show."""
    return _CODE_SPAN.sub(r"<code>\1</code>", escape(text))


def right(exercise: str, key: str, **params: Any) -> Result:
    return Result(exercise, True, tr(key, **params))


def wrong(exercise: str, key: str, *hints: str, **params: Any) -> Result:
    return Result(exercise, False, tr(key, **params), tuple(hints))


class Explain(Exception):
    """Raised inside a checker to stop with a learner-facing explanation (never escapes)."""

    def __init__(self, message: str, *hints: str) -> None:
        super().__init__(message)
        self.message = message
        self.hints = hints


def short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def wrong_type(what: str, expected: str, value: Any) -> Explain:
    """What a learner reads when ``value`` is not the kind of thing asked for: what is expected
    and the value as given, never a Python type name (``str``, ``int``)."""
    return Explain(tr("ex.wrong_type", what=what, expected=expected, value=short(value)))


def _usage_names(usage: str) -> list[str]:
    """The argument names a usage text shows, by position: ``layer_count(jawaban, image)`` →
    ``["jawaban", "image"]``; an example value (``{1, 2}``, ``'docker build ...'``) gives ``""``."""
    inner = usage[usage.find("(") + 1: usage.rfind(")")] if "(" in usage else ""
    parts, depth, quote, current = [], 0, "", ""
    for char in inner:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        current += char
    parts.append(current.strip())
    return [p if p.isidentifier() else "" for p in parts]


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {tr('ex.and')} {items[-1]}"


def explain_call(signature: inspect.Signature, usage: str, args: tuple, kwargs: dict) -> str:
    """What is wrong with a call, in the active language, named as the usage text names it:
    which arguments are missing, how many are too many, which names are unknown or given twice.
    (Python's own TypeError text is English and names the function's internal parameters.)"""
    params = list(signature.parameters.values())
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    shown = _usage_names(usage)

    def label(param: inspect.Parameter) -> str:
        position = params.index(param) + 1
        name = shown[position - 1] if position <= len(shown) and shown[position - 1] else (
            tr("ex.answer") if param.name == "answer" else param.name)
        return tr("ex.bad_call.missing_one", position=position, name=name)

    if len(args) > len(positional) and not any(p.kind == p.VAR_POSITIONAL for p in params):
        return tr("ex.bad_call.too_many", most=len(positional), given=len(args))
    by_name = {p.name: p for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    unknown = [k for k in kwargs if k not in by_name]
    if unknown and not any(p.kind == p.VAR_KEYWORD for p in params):
        return tr("ex.bad_call.unknown_name", names=_joined([repr(k) for k in unknown]),
                  known=", ".join(by_name) or "-")
    twice = [p for p in positional[:len(args)] if p.name in kwargs]
    if twice:
        return tr("ex.bad_call.twice", names=_joined([label(p) for p in twice]))
    given = {p.name for p in positional[:len(args)]} | set(kwargs)
    missing = [p for p in params if p.default is p.empty and p.name not in given
               and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    if missing:
        return tr("ex.bad_call.missing", names=_joined([label(p) for p in missing]))
    return tr("ex.bad_call.other")


def checker(exercise: str, usage: str) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """Register a checker under ``exercise`` and make it raise-free; every call is recorded in
    the learner's progress file (:mod:`.progress`).

    ``usage`` is shown to a learner who calls it wrongly, e.g. ``"layer_count(jawaban, image)"``.
    """

    def decorate(fn: Callable[..., Result]) -> Callable[..., Result]:
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Result:
            from .progress import record, recording

            with recording() as outermost:
                result = judge(*args, **kwargs)
            if outermost:
                record(exercise, result.ok)
            return result

        def judge(*args: Any, **kwargs: Any) -> Result:
            try:
                signature.bind(*args, **kwargs)
            except TypeError:
                try:
                    problem = explain_call(signature, usage, args, kwargs)
                except Exception:  # noqa: BLE001 - the explanation must never raise either
                    problem = tr("ex.bad_call.other")
                return Result(exercise, False, tr("ex.bad_call", problem=problem, usage=usage))
            try:
                return fn(*args, **kwargs)
            except Explain as exc:
                return Result(exercise, False, exc.message, tuple(exc.hints))
            except Exception as exc:  # noqa: BLE001 - a checker explains, it never raises
                detail = tr("ex.crashed.detail", error=f"{type(exc).__name__}: {exc}")
                return Result(exercise, False, tr("ex.crashed", usage=usage), (detail,))

        wrapper.exercise = exercise  # type: ignore[attr-defined]
        wrapper.usage = usage  # type: ignore[attr-defined]
        REGISTRY[exercise] = wrapper
        return wrapper

    return decorate


_NUMBER = re.compile(r"^\s*0*(\d{1,2})\s*[.,]\s*(\d)\s*$")


def exercise_key(exercise: Any) -> str:
    """The registry key of an exercise as a learner may write it: ``"2.2"``, ``"02.2"``, ``2.2``
    (a float) and a checker function (``latihan.cache_prediction``) all give ``"02.2"``; anything
    else is returned as text, for the caller to explain."""
    exercise = getattr(exercise, "exercise", exercise)
    if isinstance(exercise, float):
        exercise = f"{exercise:.1f}"
    text = str(exercise)
    match = _NUMBER.match(text)
    return f"{int(match[1]):02d}.{match[2]}" if match else text


def unknown_exercise(exercise: Any) -> tuple[str, dict[str, str]]:
    """The message key and parameters that say ``exercise`` does not exist: with the exercises of
    its lesson (``05.9`` → 05.1, 05.2, 05.3) when the lesson has some, else with all of them."""
    key = exercise_key(exercise)
    lesson = sorted(k for k in REGISTRY if k.split(".", 1)[0] == key.split(".", 1)[0])
    if lesson:
        return "ex.unknown_in_lesson", {"exercise": str(exercise), "lesson": key.split(".", 1)[0],
                                        "known": ", ".join(lesson)}
    return "ex.unknown", {"exercise": str(exercise), "known": ", ".join(sorted(REGISTRY))}


def check(exercise: Any, *args: Any, **kwargs: Any) -> Result:
    """Check an answer by exercise number, e.g. ``check("02.1", 3, image)`` (``"2.1"`` and
    ``2.1`` work too)."""
    key = exercise_key(exercise)
    fn = REGISTRY.get(key)
    if fn is None:
        message, params = unknown_exercise(exercise)
        return Result(key, False, tr(message, **params))
    return fn(*args, **kwargs)
