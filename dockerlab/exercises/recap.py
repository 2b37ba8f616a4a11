"""Checkers for 09-rangkuman: a recap quiz of twelve questions over the whole course, in three parts.

Each part takes ``{question number: letter}`` (the form gives exactly that). The verdict counts the
right answers; every wrong or missing one gets its own explanation, naming the notebook that shows
it, so a half-right part says precisely what to look at again.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..i18n import tr
from .answers import not_template
from .result import Explain, Result, checker, wrong_type

LETTERS = "abcd"
# question number -> (right letter, notebook)
KEY: dict[int, tuple[str, str]] = {
    1: ("b", "00"), 2: ("c", "02"), 3: ("a", "02"), 4: ("d", "03"),
    5: ("a", "04"), 6: ("b", "05"), 7: ("c", "05"), 8: ("d", "06"),
    9: ("a", "07"), 10: ("c", "07"), 11: ("b", "07"), 12: ("d", "08"),
}
PARTS = {"09.1": (1, 2, 3, 4), "09.2": (5, 6, 7, 8), "09.3": (9, 10, 11, 12)}

def _answers(value: Any, numbers: tuple[int, ...]) -> dict[int, str]:
    not_template(value)
    if not isinstance(value, Mapping):
        # The example names this part's questions and no letter: any letter would be an answer.
        example = "{" + ", ".join(f"{n}: '...'" for n in numbers) + "}"
        raise wrong_type(tr("ex.what.answer"), tr("ex.09.expect", example=example), value)
    out: dict[int, str] = {}
    unknown = []
    for key, letter in value.items():
        try:
            number = int(key)
        except (TypeError, ValueError):
            unknown.append(str(key))
            continue
        if number not in numbers:
            unknown.append(str(key))
            continue
        if letter is None or letter is Ellipsis:
            continue
        text = str(letter).strip().lower().rstrip(")")
        if text not in LETTERS or len(text) != 1:
            raise Explain(tr("ex.09.bad_letter", number=number, value=letter))
        out[number] = text
    if unknown:
        raise Explain(tr("ex.09.unknown", numbers=", ".join(unknown), known=", ".join(map(str, numbers))))
    return out


def _check(exercise: str, value: Any) -> Result:
    numbers = PARTS[exercise]
    given = _answers(value, numbers)
    lines, right = [], 0
    for number in numbers:
        letter, notebook = KEY[number]
        if number not in given:
            lines.append(tr("ex.09.missing_one", number=number))
        elif given[number] == letter:
            right += 1
        else:
            lines.append(tr("ex.09.wrong_one", number=number, given=given[number], notebook=notebook,
                            why=tr(f"ex.09.q{number}.why")))
    total = len(numbers)
    if right == total:
        return Result(exercise, True, tr("ex.09.all_right", total=total))
    key = "ex.09.none_right" if right == 0 else "ex.09.some_right"
    marks = [tr("ex.09.right_one", number=n) for n in numbers if given.get(n) == KEY[n][0]]
    return Result(exercise, False, tr(key, right=right, total=total) + (" " + ", ".join(marks) if marks else ""),
                  tuple(lines))


@checker("09.1", "quiz_1({1: '...', 2: '...', 3: '...', 4: '...'})")
def quiz_1(answers: Any) -> Result:
    """09.1: questions 1-4 (image vs container, layers, deleted files, content addressing)."""
    return _check("09.1", answers)


@checker("09.2", "quiz_2({5: '...', 6: '...', 7: '...', 8: '...'})")
def quiz_2(answers: Any) -> Result:
    """09.2: questions 5-8 (save/load, latest, digests, push)."""
    return _check("09.2", answers)


@checker("09.3", "quiz_3({9: '...', 10: '...', 11: '...', 12: '...'})")
def quiz_3(answers: Any) -> Result:
    """09.3: questions 9-12 (base image, multi-stage, base updates, run -d -p)."""
    return _check("09.3", answers)
