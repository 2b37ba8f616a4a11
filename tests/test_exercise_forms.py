"""Answer forms (``latihan.form``): filled in and clicked the way a learner does, they reach the
same verdict as the checker called in code, and they explain an empty or impossible form.

The widgets are driven from Python (``.value`` on a control, ``.click()`` on the button), which is
what the browser does through the widget protocol; ``tests/test_browser.py`` clicks them in
Chromium.
"""

from __future__ import annotations

import ipywidgets as w
import pytest

import dockerlab
from dockerlab import exercises as ex
from dockerlab.errors import UsageError
from dockerlab.exercises.forms import FORMS
from dockerlab.model import Index, ImageIndex
from dockerlab.model.descriptor import Platform
from test_exercises import BASE, DIR, BlobDir, image_from, step


@pytest.fixture
def app(tmp_path):
    return image_from(tmp_path, [BASE, None, [("app", DIR), ("app/app.sh", b"echo hi\n")], None])


@pytest.fixture
def index(tmp_path):
    blobs = BlobDir(tmp_path / "idx")
    images = {arch: image_from(tmp_path / "idx", [[("bin", DIR), ("bin/sh", arch.encode())]], arch=arch)
              for arch in ("amd64", "arm64")}
    raw = Index.build([img.manifest.descriptor(platform=Platform("linux", arch))
                       for arch, img in images.items()])
    blobs.put(raw.raw)
    return ImageIndex(blobs.source, raw), images


def click(form: ex.AnswerForm) -> ex.Result:
    before = form.attempts
    form.button.click()
    assert form.attempts == before + 1
    return form.result


def fill_labels(form, words):
    for dropdown, word in zip(form.input.children, words):
        dropdown.value = word


def tick(form, labels):
    for box in form.input.children:
        box.value = box.description.split(":")[0].rstrip(")") in labels


# ---- every form: empty, wrong, right – and the same verdict as the code path -----------------

def test_every_form_explains_an_empty_answer(app, index):
    build = [step(1, False, "FROM base"), step(2, True), step(3, False)]
    context = {"02.1": (app,), "02.2": (build,), "03.1": (app,), "04.2": (index[0],)}
    for exercise in FORMS:
        form = ex.form(exercise, *context.get(exercise, ()))
        result = click(form)
        assert not result.ok and "Belum ada jawaban" in result.message, (exercise, result)
        assert "Belum ada jawaban" in form.verdict.value and "Pemeriksaan ke-1" in form.verdict.value


def test_00_1_dropdowns():
    form = ex.form("00.1")
    assert [d.description for d in form.input.children] == [f"Pernyataan {n}" for n in range(1, 7)]
    fill_labels(form, ["image", "kontainer", "image"])
    result = click(form)
    assert not result.ok and "4, 5, 6" in result.message          # the unanswered ones are named
    fill_labels(form, ["image", "kontainer", "image", "kontainer", "image", "image"])
    result = click(form)
    assert not result.ok and "nomor 6" in result.message
    assert str(result) == str(ex.image_or_container(form.answer))
    fill_labels(form, ["image", "kontainer", "image", "kontainer", "image", "kontainer"])
    assert click(form).ok and "✅" in form.verdict.value and "Pemeriksaan ke-3" in form.verdict.value


def test_00_2_and_04_3_letters():
    form = ex.form("00.2")
    tick(form, {"a", "e"})
    assert form.answer == "ae" and not click(form).ok
    tick(form, {"a", "b", "c", "d"})
    assert click(form).ok
    single = ex.form(ex.exec_format_error)           # a checker function names its exercise too
    assert isinstance(single.input, w.RadioButtons) and single.input.value is None
    single.input.value = "a)"
    assert not click(single).ok and "digest-nya tidak cocok" in " ".join(single.result.hints)
    single.input.value = "b)"
    assert click(single).ok


def test_text_forms_check_on_enter_and_on_click():
    form = ex.form("01.2")
    form.input.value = "docker build -t my-app:2.0 ."     # Enter (continuous_update=False) checks
    assert form.attempts == 1 and not form.result.ok and "my-app:2.0" in form.result.message
    form.input.value = "docker build -t my-app:1.0 ."
    assert form.attempts == 2 and form.result.ok
    assert click(form).ok and form.attempts == 3
    run = ex.form("01.3")
    run.input.value = "docker run my-app:1.0 -d"
    assert not run.result.ok and "-d" in run.result.message


def test_forms_with_context(app, index):
    count = ex.form("02.1", app)
    count.input.value = "4"
    assert not count.result.ok
    count.input.value = str(len(app.layers))
    assert count.result.ok

    build = [step(1, False, "FROM base"), step(2, True, "WORKDIR /app"), step(3, True, "COPY a /a"),
             step(4, False, "COPY b /b")]
    cache = ex.form("02.2", build)
    assert [b.description for b in cache.input.children] == [
        "1: FROM base", "2: WORKDIR /app", "3: COPY a /a", "4: COPY b /b"]
    tick(cache, {"2", "3", "4"})
    assert cache.answer == {2, 3, 4} and not click(cache).ok
    tick(cache, {"2", "3"})
    assert click(cache).ok

    ident = ex.form("03.1", app)
    ident.input.value = app.digest            # the manifest digest is not the image ID
    assert not ident.result.ok
    ident.input.value = app.id.hex[:12]
    assert ident.result.ok

    idx, images = index
    arm = ex.form("04.2", idx)
    arm.input.value = images["arm64"].digest
    assert arm.result.ok


def test_english_labels():
    dockerlab.set_language("en")
    form = ex.form("00.1")
    assert form.button.description == "Check"
    assert form.input.children[0].options[2] == ("container", "kontainer")
    assert "No answer yet" in click(form).message
    assert repr(form) == "Exercise 00.1: an answer form. In code: latihan.check('00.1', answer)"


def test_text_fallback_names_the_code_way():
    for exercise, context in (("00.1", ()), ("02.2", ([step(1, False)],))):
        text = repr(ex.form(exercise, *context))
        assert len(text) <= 110, "ipywidgets cuts text/plain at 110 characters"
        assert text.startswith(f"Latihan {exercise}: formulir jawaban")
    assert text.endswith("latihan.check('02.2', jawaban, hasil_build)")


def test_bad_calls_are_explained(app):
    with pytest.raises(UsageError, match="'01.1' tidak punya formulir.*00.1, 00.2"):
        ex.form("01.1")
    with pytest.raises(UsageError, match=r"butuh hasil_build: panggil latihan.form\('02.2', hasil_build\)"):
        ex.form("02.2")
    with pytest.raises(UsageError, match="Formulir latihan 02.2: Hasil build harus"):
        ex.form("02.2", "baik_2")
    with pytest.raises(UsageError, match="butuh image"):
        ex.form("03.1")


def test_every_form_has_a_checker_and_a_visible_title():
    forms = FORMS
    assert set(forms) <= set(ex.REGISTRY)
    form = ex.form("04.3")
    assert form.children[0].value == "<b>Latihan 04.3</b>" and "dl-exercise-form" in form._dom_classes
