"""Turning what a learner passes into what a checker compares — or into an explanation.

Checkers accept the objects a cell naturally has at hand: an image, a build result holding one,
a list of build steps; digests with or without ``sha256:``, full or shortened to 12 digits, with
the quotes they were copied with; numbers as typed in a form (``"4."``, ``"3 layer"``); choices
as letters or numbers in any case and order. Everything else becomes an :class:`~.result.Explain`
that says what was expected, in words a learner knows (never a Python type name).
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable

from ..i18n import tr
from .result import Explain, Result, right, short, wrong, wrong_type


_HEX = re.compile(r"^(?:sha256:)?([0-9a-f]+)$")
# A number as typed in a form: " 4 ", "4.", "4.0", "3 layer" (one word after it).
_NUMBER = re.compile(r"^(\d+)(?:[.,]0*)?(?:\s+[^\W\d_]+\.?)?$")
# What may surround a pasted digest: quotes from JSON or code, a trailing comma.
_PASTE_JUNK = "\"'`,; \t\r\n"


# A hint that names the exact command comes only after this many failed checks in a row: the
# first tries get the idea, one step; the Solusi is there for whoever wants the answer at once.
EXACT_HINT_AFTER = 2


def stepped_hints(exercise: str, idea: str, exact: str) -> tuple[str, ...]:
    """``(idea,)`` for the first tries of ``exercise``, ``(idea, exact)`` once the learner's
    progress file (:func:`.progress.failures`) shows :data:`EXACT_HINT_AFTER` failed checks in a row."""
    from .progress import failures

    return (idea, exact) if failures(exercise) >= EXACT_HINT_AFTER else (idea,)


def not_template(value: Any) -> None:
    if value is Ellipsis or value is None or (isinstance(value, str) and value.strip() in ("", "...", "…")):
        raise Explain(tr("ex.still_template"))


def is_image(obj: Any) -> bool:
    return hasattr(obj, "manifest") and hasattr(obj, "config") and hasattr(obj, "layers")


def as_image(obj: Any, what: str = "ex.what.image") -> Any:
    """An Image from an Image or a build result (``.image``). A list of images (what
    ``dockerlab.load`` returns) and an image name as text are explained as such."""
    not_template(obj)
    if is_image(obj):
        return obj
    inner = getattr(obj, "image", None)
    if inner is not None and not callable(inner) and hasattr(inner, "layers"):
        return inner
    if isinstance(obj, (list, tuple)) and obj and all(is_image(item) for item in obj):
        raise Explain(tr("ex.image_list", what=tr(what), count=len(obj)))
    if isinstance(obj, str) and obj.strip() and not obj.strip().startswith("sha256:"):
        raise Explain(tr("ex.image_by_name", value=obj.strip()))
    raise wrong_type(tr(what), tr("ex.expect.image"), obj)


def as_index(obj: Any) -> Any:
    not_template(obj)
    if hasattr(obj, "manifests") and hasattr(obj, "image_for"):
        return obj
    raise wrong_type(tr("ex.what.index"), tr("ex.expect.index"), obj)


def as_steps(obj: Any) -> list[Any]:
    """Build steps from a build result (``.steps``) or a list of ``BuildStep``."""
    not_template(obj)
    steps = getattr(obj, "steps", obj)
    if isinstance(steps, (list, tuple)) and steps and all(hasattr(s, "cached") and hasattr(s, "number") for s in steps):
        return list(steps)
    raise wrong_type(tr("ex.what.build"), tr("ex.expect.steps"), obj)


def as_int(value: Any) -> int:
    """A whole number from ``3``, ``3.0``, ``"3"``, ``" 4 "``, ``"4."`` or ``"3 layer"``."""
    not_template(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        match = _NUMBER.match(value.strip())
        if match is not None:
            return int(match[1])
    raise Explain(tr("ex.not_a_number", value=short(value)))


def as_text(value: Any) -> str:
    not_template(value)
    if not isinstance(value, str):
        raise wrong_type(tr("ex.what.answer"), tr("ex.expect.text"), value)
    return value


def as_hex(value: Any) -> str:
    """The hex digits of a digest answer (full or a prefix of at least 12 digits), lower case.

    Quotes, spaces and a trailing comma pasted along with it (from JSON, from code) are dropped,
    and ``name@sha256:…`` gives its digest; an image name (``salam:1``) is explained."""
    not_template(value)
    if not isinstance(value, str):
        raise wrong_type(tr("ex.what.answer"), tr("ex.expect.digest"), value)
    text = value.strip(_PASTE_JUNK).strip().lower()
    not_template(text)
    if "@" in text:
        text = text.rsplit("@", 1)[1]
    match = _HEX.match(text)
    if match is None:
        if ":" in text and not text.startswith("sha256:"):
            raise Explain(tr("ex.image_name_not_digest", value=value.strip(_PASTE_JUNK)))
        raise wrong_type(tr("ex.what.answer"), tr("ex.expect.digest"), value)
    digits = match.group(1)
    if len(digits) < 12:
        raise Explain(tr("ex.digest_too_short", value=value))
    if len(digits) > 64:
        raise Explain(tr("ex.digest_too_long", value=value))
    return digits


def names(value: Any, hex_digest: str) -> bool:
    """Does the answer's hex (full or prefix) name ``hex_digest``?"""
    return str(hex_digest).split(":")[-1].startswith(value)


def as_choices(value: Any) -> set[str]:
    """A set of lower-case choice labels from ``{'a', 'b'}``, ``['A', 'b']``, ``'ab'``, ``'a, b'``."""
    not_template(value)
    items: Iterable[Any]
    if isinstance(value, str):
        items = re.findall(r"[0-9]+|[a-zA-Z]", value)
    elif isinstance(value, (set, frozenset, list, tuple)):
        items = value
    else:
        raise wrong_type(tr("ex.what.answer"), tr("ex.expect.choices"), value)
    out = set()
    for item in items:
        if not isinstance(item, (str, int)) or isinstance(item, bool):
            raise wrong_type(tr("ex.what.answer"), tr("ex.expect.choices"), value)
        out.add(str(item).strip().lower())
    return out


def _keys(exercise: str) -> str:
    """The message keys' prefix of an exercise: ``"05.1"`` → ``"ex.05_1"``."""
    return "ex." + exercise.replace(".", "_")


def chosen_among(exercise: str, answer: Any, options: Iterable[str]) -> set[str]:
    """The choices of ``answer`` (:func:`as_choices`), every one among ``options``; the others are
    explained with ``ex.<exercise>.unknown``."""
    chosen = as_choices(answer)
    unknown = sorted(chosen - set(options))
    if unknown:
        raise Explain(tr(f"{_keys(exercise)}.unknown", choices=", ".join(unknown)))
    return chosen


def judge_set(exercise: str, answer: Any, correct: set[str], options: Iterable[str], *, none: str,
              hints: Callable[[set[str]], Iterable[str]]) -> Result:
    """A question with several true options: ``answer`` right when it chooses exactly ``correct``.

    A wrong answer says how many of its choices are right out of how many (``ex.<exercise>.partly``
    with ``.and_wrong``; ``ex.<exercise>.<none>`` when none is) and how many true options are still
    not chosen (``.missing``), followed by why each wrongly chosen option is wrong
    (``.why.<option>``). The counting is done here, once: ``hints(chosen)`` gives hints that move
    the learner one step and never count nor name the answer."""
    keys = _keys(exercise)
    chosen = chosen_among(exercise, answer, options)
    if chosen == correct:
        return right(exercise, f"{keys}.ok")
    good, bad, missing = chosen & correct, sorted(chosen - correct), correct - chosen
    why = [tr(f"{keys}.why.{c}") for c in bad]
    if not good:
        head = [tr(f"{keys}.{none}", total=len(correct))]
    else:
        tail = tr(f"{keys}.and_wrong", count=len(bad)) if bad else ""
        head = [tr(f"{keys}.partly", good=len(good), total=len(correct), bad=tail)]
        if missing:
            head.append(tr(f"{keys}.missing", count=len(missing)))
    return Result(exercise, False, " ".join([*head, *why]), tuple(hints(chosen)))


def judge_one(exercise: str, answer: Any, correct: str, options: str = "abcd") -> Result:
    """A question with one true option: exactly one of ``options`` chosen (else
    ``ex.<exercise>.one``), right when it is ``correct``, else wrong with that option's own
    explanation (``ex.<exercise>.<option>``)."""
    keys = _keys(exercise)
    chosen = as_choices(answer)
    if len(chosen) != 1 or not chosen <= set(options):
        raise Explain(tr(f"{keys}.one"))
    (choice,) = chosen
    if choice == correct:
        return right(exercise, f"{keys}.ok")
    return wrong(exercise, f"{keys}.wrong", tr(f"{keys}.{choice}"), given=choice)
