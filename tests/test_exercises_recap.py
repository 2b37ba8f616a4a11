"""09-rangkuman's quiz: twelve questions in three parts, each part right, half right and wrong,
with an explanation per wrong or missing answer naming its notebook; the forms give the same."""

from __future__ import annotations

import pytest

from dockerlab import exercises as ex
from dockerlab.exercises.recap import KEY, PARTS

CHECKERS = {"09.1": ex.quiz_1, "09.2": ex.quiz_2, "09.3": ex.quiz_3}


def right_answers(part: str) -> dict[int, str]:
    return {n: KEY[n][0] for n in PARTS[part]}


def test_twelve_questions_over_every_idea():
    assert sorted(KEY) == list(range(1, 13))
    assert {notebook for _, notebook in KEY.values()} >= {"00", "02", "03", "04", "05", "06", "07", "08"}
    assert len({letter for letter, _ in KEY.values()}) == 4  # the right answers are not all "b"


@pytest.mark.parametrize("part", sorted(PARTS))
def test_right_half_right_and_wrong(part):
    check = CHECKERS[part]
    good = right_answers(part)
    assert check(good).ok and "Semua 4 jawaban benar" in check(good).message
    first, *rest = PARTS[part]
    wrong_letter = next(c for c in "abcd" if c != good[first])
    half = dict(good, **{str(first): wrong_letter})  # keys as text work too (a form gives ints)
    result = check({int(k): v for k, v in half.items()})
    assert not result.ok and result.message.startswith("3 dari 4 jawaban benar")
    assert len(result.hints) == 1 and result.hints[0].startswith(f"Soal {first}: {wrong_letter} belum tepat")
    assert f"(notebook {KEY[first][1]})" in result.hints[0]
    missing = check({n: good[n] for n in rest})
    assert not missing.ok and missing.hints == (f"Soal {first} belum dijawab.",)
    none = check({n: next(c for c in "abcd" if c != good[n]) for n in PARTS[part]})
    assert not none.ok and none.message.startswith("Belum ada jawaban yang benar") and len(none.hints) == 4


def test_bad_answers_are_explained():
    assert "kamus nomor soal" in ex.quiz_1("b").message
    assert "satu huruf a, b, c, atau d" in ex.quiz_1({1: "e"}).message
    assert "tidak punya soal nomor 9" in ex.quiz_1({9: "a"}).message
    assert "templat" in ex.quiz_1(...).message
    assert ex.quiz_1({1: "B)", 2: "c", 3: "a", 4: "d"}).ok  # as copied from the choice list


@pytest.mark.parametrize("part", sorted(PARTS))
def test_the_form_checks_what_the_code_checks(part):
    form = ex.form(part)
    good = right_answers(part)
    assert len(form.input.radios) == 4
    for number, radio in zip(PARTS[part], form.input.radios):
        radio.value = good[number]
    assert form.check().ok
    form.input.radios[0].value = next(c for c in "abcd" if c != good[PARTS[part][0]])
    assert form.result is not None and not form.result.ok  # re-checked on change
    assert form.answer == {**good, PARTS[part][0]: form.input.radios[0].value}


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_length_of_an_option_gives_the_answer_away_in_no_more_than_a_third(language):
    """A trial found the right option the longest in 9 of 12 questions: a learner could pick the
    longest and pass. Now it is the strictly longest, or the strictly shortest, in at most a third."""
    import dockerlab
    from dockerlab.i18n import tr

    dockerlab.set_language(language)
    longest = shortest = 0
    for number, (letter, _) in KEY.items():
        sizes = {c: len(tr(f"ex.09.q{number}.{c}")) for c in "abcd"}
        others = [size for c, size in sizes.items() if c != letter]
        longest += sizes[letter] > max(others)
        shortest += sizes[letter] < min(others)
    assert longest <= len(KEY) // 3 and shortest <= len(KEY) // 3, (language, longest, shortest)


def _taught_instructions() -> set[str]:
    """The Dockerfile instructions notebook 01's table teaches (`FROM`, `COPY`, …)."""
    import json
    import re
    from pathlib import Path

    notebook = json.loads((Path(__file__).parents[1] / "notebooks" / "01-image-pertama.ipynb").read_text())
    table = next("".join(c["source"]) for c in notebook["cells"]
                 if c["cell_type"] == "markdown" and "| instruksi |" in "".join(c["source"]))
    return set(re.findall(r"^\| `([A-Z]+)` \|", table, re.M))


def test_the_quiz_offers_only_instructions_the_course_taught():
    """Question 2 offered ADD, which notebook 01's instruction table does not teach."""
    import re

    from dockerlab.i18n import tr

    taught = _taught_instructions()
    assert {"FROM", "COPY", "RUN", "ENV", "CMD"} <= taught and "ADD" not in taught
    for number in KEY:
        for c in "abcd":
            words = set(re.findall(r"\b[A-Z]{3,}\b", tr(f"ex.09.q{number}.{c}")))
            named = words & {"ADD", "ARG", "ONBUILD", "SHELL", "STOPSIGNAL", "HEALTHCHECK", "VOLUME", "LABEL",
                             "ENTRYPOINT", "MAINTAINER", *taught}
            assert named <= taught, (number, c, named - taught)
