"""Answer forms (``latihan.form``): filled in and clicked the way a learner does, they reach the
same verdict as the checker called in code, and they explain an empty or impossible form.

The widgets are driven from Python (``.value`` on a control, ``.click()`` on the button), which is
what the browser does through the widget protocol; ``tests/test_browser.py`` clicks them in
Chromium.
"""

from __future__ import annotations

import re

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
    for dropdown, word in zip(form.input.dropdowns, words):
        dropdown.value = word


def from_browser(widget: w.Widget, data: dict) -> None:
    """Deliver a message the way the front end sends it over the widget's comm."""
    widget._handle_msg({"content": {"data": data}, "buffers": []})


def type_text(form, text: str) -> None:
    """Keystrokes in the text box (continuous_update=True): the value arrives as typed, and
    before any Enter or click that follows (one websocket, handled in order)."""
    for end in range(1, len(text) + 1):
        from_browser(form.input, {"method": "update", "state": {"value": text[:end]}})
    assert form.input.value == text


def press_enter(form, text: str | None = None) -> ex.Result:
    """Type ``text`` (if given), then Enter, as ipywidgets 8.1's TextView sends it: a custom
    ``submit`` event after the keystrokes' values."""
    before = form.attempts
    if text is not None:
        form.input.value = ""
        type_text(form, text)
    from_browser(form.input, {"method": "custom", "content": {"event": "submit"}})
    assert form.attempts == before + 1
    return form.result


def tick(form, labels):
    for box in (c for c in form.input.children if isinstance(c, w.Checkbox)):
        box.value = box.description.split(":")[0].rstrip(")") in labels


# ---- every form: empty, wrong, right – and the same verdict as the code path -----------------

def test_every_form_explains_an_empty_answer(app, index):
    build = [step(1, False, "FROM base"), step(2, True), step(3, False)]
    from test_exercises_serving import push_result

    push = push_result(["skipped", "sent"])
    context = {"02.1": (app,), "02.2": (build,), "03.1": (app,), "04.2": (index[0],), "05.3": (app,), "07.1": (app, app), "08.2": (push,),
               "08.3": (push,)}
    for exercise in FORMS:
        form = ex.form(exercise, *context.get(exercise, ()))
        result = click(form)
        assert not result.ok and "Belum ada jawaban" in result.message, (exercise, result)
        assert "Belum ada jawaban" in form.verdict.value and "Pemeriksaan ke-1" in form.verdict.value


def test_00_1_dropdowns():
    form = ex.form("00.1")
    assert [d.tooltip for d in form.input.dropdowns] == [f"Pernyataan {n}" for n in range(1, 7)]
    fill_labels(form, ["image", "kontainer", "image"])
    result = click(form)
    assert not result.ok and "4, 5, 6" in result.message          # the unanswered ones are named
    fill_labels(form, ["image", "kontainer", "image", "kontainer", "image", "image"])
    result = click(form)
    assert not result.ok and "nomor 6" in result.message
    assert str(result) == str(ex.image_or_container(form.answer))
    fill_labels(form, ["image", "kontainer", "image", "kontainer", "image", "kontainer"])
    assert click(form).ok and "✅" in form.verdict.value and "Pemeriksaan ke-3" in form.verdict.value


def test_00_1_shows_each_statement_beside_its_dropdown():
    """One row per statement: its text, then its drop-down (the learner need not scroll up)."""
    form = ex.form("00.1")
    grid = form.input
    assert isinstance(grid, w.GridBox) and len(grid.layout.grid_template_columns.split()) == 2
    texts, dropdowns = grid.children[0::2], grid.children[1::2]
    assert list(dropdowns) == form.input.dropdowns and all(isinstance(d, w.Dropdown) for d in dropdowns)
    assert {(d.label, d.value) for d in dropdowns} == {("— pilih —", None)} and form.answer is None
    assert all(isinstance(t, w.HTML) for t in texts)
    assert "<b>1.</b> Bersifat hanya-baca (read-only)." in texts[0].value
    assert "<b>3.</b> Bisa dikirim ke registry dengan <code>docker push</code>." in texts[2].value
    assert "<code>docker run</code>" in texts[5].value
    dockerlab.set_language("en")
    english = ex.form("00.1").input.children
    assert "<b>2.</b> Runs as a process and has a process number (PID)." in english[2].value
def test_00_2_and_04_3_letters():
    form = ex.form("00.2")
    tick(form, {"a", "e"})
    assert form.answer == "ae" and not click(form).ok
    tick(form, {"a", "b", "c", "d"})
    assert form.answer == "abcd" and click(form).ok
    single = ex.form(ex.exec_format_error)           # a checker function names its exercise too
    assert isinstance(single.input, w.RadioButtons) and single.input.value is None and single.answer is None
    single.input.value = "a"
    assert not click(single).ok and "digest-nya tidak cocok" in " ".join(single.result.hints)
    single.input.value = "b"
    assert single.answer == "b" and click(single).ok


def test_00_2_shows_each_choice_beside_its_letter():
    """A learner trial: the boxes showed only "a)"…"g)", so the choices had to be read above."""
    grid = ex.form("00.2").input
    assert isinstance(grid, w.GridBox) and len(grid.layout.grid_template_columns.split()) == 2
    boxes, texts = grid.children[0::2], grid.children[1::2]
    assert list(boxes) == grid.boxes and [b.description for b in boxes] == [f"{c})" for c in "abcdefg"]
    assert all(isinstance(b, w.Checkbox) and not b.value for b in boxes)
    assert all(isinstance(t, w.HTML) for t in texts) and len(texts) == 7
    assert "kode aplikasi" in texts[0].value
    assert "konfigurasi (perintah awal, variabel lingkungan)" in texts[2].value
    assert "kernel Linux" in texts[5].value and "saat berjalan" in texts[6].value
    dockerlab.set_language("en")
    english = ex.form("00.2").input.children[1::2]
    assert "application code" in english[0].value and "the Linux kernel" in english[5].value


def test_04_3_radio_buttons_show_each_choice():
    radio = ex.form("04.3").input
    assert isinstance(radio, w.RadioButtons) and radio.value is None
    labels = [label for label, _ in radio.options]
    assert [value for _, value in radio.options] == list("abcd")
    assert labels[0] == "a) Berkas image rusak saat diunduh."
    assert labels[1] == "b) Program di dalam image dibuat untuk arsitektur CPU lain."
    assert labels[3] == "d) Tag image salah."
    dockerlab.set_language("en")
    english = [label for label, _ in ex.form("04.3").input.options]
    assert english[1] == "b) The program inside the image was built for another CPU architecture."


def test_00_2_verdict_counts_and_never_names_the_missing_letters():
    """The message and the hints say how many right choices are missing, never which (the Solusi does)."""
    form = ex.form("00.2")
    tick(form, {"a", "b", "e"})
    result = click(form)
    assert result.message.startswith("Pilihan Anda a, b, e: 2 tepat, 1 keliru, dan 2 pilihan yang benar")
    assert "(e) Proses yang berjalan" in result.message     # a wrong choice is explained
    assert set(re.findall(r"\b[a-g]\b", result.message)) == {"a", "b", "e"}   # c, d not named
    html = form.verdict.value
    assert "c dan d" not in html and "Masih ada 2 pilihan yang termasuk isi image" in html


def test_text_forms_check_once_per_enter_or_click_and_never_while_typing():
    form = ex.form("01.2")
    type_text(form, "docker build -t my-app:2.0 .")      # typing checks nothing
    assert form.attempts == 0 and form.result is None and form.verdict.value == ""
    result = click(form)
    assert form.attempts == 1 and "Pemeriksaan ke-1" in form.verdict.value   # one click, one check
    assert not result.ok and "my-app:2.0" in result.message
    assert press_enter(form, "docker build -t my-app:1.0 .").ok and form.attempts == 2
    assert "Pemeriksaan ke-2" in form.verdict.value and "✅" in form.verdict.value
    assert press_enter(form).ok and form.attempts == 3        # Enter on an unchanged answer checks again
    assert click(form).ok and form.attempts == 4 and "Pemeriksaan ke-4" in form.verdict.value
    from_browser(form.input, {"method": "custom", "content": {"event": "something else"}})
    assert form.attempts == 4


def test_a_change_right_behind_an_action_is_checked_with_it():
    """ipywidgets may deliver the last keystroke after the Enter it preceded (state is held back
    while a message is unanswered; Enter is sent at once): the verdict follows the full text, with
    no time window (issue 15: the form has no timer)."""
    assert not hasattr(ex.AnswerForm, "RECHECK_SECONDS")
    form = ex.form("01.3")
    type_text(form, "docker run -d my-app:1.")
    from_browser(form.input, {"method": "custom", "content": {"event": "submit"}})
    assert not form.result.ok and form.attempts == 1
    from_browser(form.input, {"method": "update",            # the held-back state arrives,
                              "state": {"value": "docker run -d my-app:1.0"}})   # as one message
    assert form.result.ok and form.attempts == 1 and "✅" in form.verdict.value
    assert "Pemeriksaan ke-1 — jawaban yang diperiksa: docker run -d my-app:1.0" in form.verdict.value
    boxes = ex.form("00.2")
    tick(boxes, {"a", "b", "c"})
    assert not click(boxes).ok
    checks = [c for c in boxes.input.children if isinstance(c, w.Checkbox)]
    checks[3].value = True                                    # the tick held back behind the click
    assert boxes.result.ok and boxes.attempts == 1


def test_a_verdict_always_belongs_to_the_answer_on_show():
    """Once checked, a form checks every change again (same attempt): a verdict never stands
    beside an answer it was not given for, whenever the change comes."""
    form = ex.form("01.3")
    assert press_enter(form, "docker run -d my-app:1.0").ok
    type_text(form, "docker run -d my-app:1.0x")               # a keystroke after the ✅
    assert form.result is not None and not form.result.ok and form.attempts == 1
    assert "❌" in form.verdict.value and "my-app:1.0x" in form.verdict.value
    type_text(form, "docker run -d my-app:1.0")                # and back
    assert form.result.ok and form.attempts == 1
    assert click(form).ok and form.attempts == 2
    boxes = ex.form("00.2")
    tick(boxes, {"a", "b", "c", "d"})
    assert click(boxes).ok
    tick(boxes, {"a", "b", "c"})                               # a check box, too
    assert not boxes.result.ok and boxes.attempts == 1
    labels = ex.form("00.1")
    fill_labels(labels, ["image"] * 6)
    assert not click(labels).ok
    labels.input.dropdowns[5].value = "kontainer"             # and a drop-down
    assert not labels.result.ok and "nomor 2, 4" in labels.result.message
    before = ex.form("01.2")
    type_text(before, "docker build -t my-app:1.0 .")         # before the first check: nothing
    assert before.result is None and before.verdict.value == "" and before.attempts == 0


def test_text_form_placeholder_says_how_to_check():
    assert ex.form("01.2").input.placeholder == "misalnya docker build ... — lalu tekan Enter atau klik Periksa"
    dockerlab.set_language("en")
    assert ex.form("01.3").input.placeholder == "for example docker run ... — then press Enter or click Check"


def test_forms_with_context(app, index):
    count = ex.form("02.1", app)
    assert not press_enter(count, "4").ok
    assert press_enter(count, f"{len(app.layers)} layer").ok and count.attempts == 2

    build = [step(1, False, "FROM base"), step(2, True, "WORKDIR /app"), step(3, True, "COPY a /a"),
             step(4, False, "COPY b /b")]
    cache = ex.form("02.2", build)
    assert [b.description for b in cache.input.children] == [
        "1: FROM base  (image dasar: tidak pernah dari cache)", "2: WORKDIR /app", "3: COPY a /a",
        "4: COPY b /b"]
    assert [b.disabled for b in cache.input.children] == [True, False, False, False]
    tick(cache, {"2", "3", "4"})
    assert cache.answer == {2, 3, 4} and not click(cache).ok
    tick(cache, {"2", "3"})
    assert click(cache).ok

    ident = ex.form("03.1", app)
    ident.input.value = app.digest            # pasted: the manifest digest is not the image ID
    assert not click(ident).ok
    ident.input.value = f'"{app.id.hex[:12]}"'   # pasted from JSON, quotes and all
    assert click(ident).ok

    idx, images = index
    arm = ex.form("04.2", idx)
    assert press_enter(arm, images["arm64"].digest).ok


def test_english_labels():
    dockerlab.set_language("en")
    form = ex.form("00.1")
    assert form.button.description == "Check"
    assert form.input.dropdowns[0].options[2] == ("container", "kontainer")
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


@pytest.mark.parametrize("number, lesson", [("05.9", "05: 05.1, 05.2, 05.3"), ("5.9", "05: 05.1, 05.2, 05.3"),
                                            ("00.7", "00: 00.1, 00.2")])
def test_a_form_for_an_exercise_that_does_not_exist_says_so(app, number, lesson):
    """form("05.9") suggested latihan.check('05.9', ...), which does not exist either."""
    with pytest.raises(UsageError) as raised:
        ex.form(number)
    text = str(raised.value)
    assert "Tidak ada latihan bernama" in text and f"Latihan di pelajaran {lesson}." in text, text
    assert "latihan.check" not in text and "formulir" not in text, text
    checked = ex.check(number, "a")
    assert not checked.ok and f"Latihan di pelajaran {lesson}." in checked.message
    elsewhere = ex.check("42.1", "a")
    assert not elsewhere.ok and "Yang ada: 00.1" in elsewhere.message


def test_every_form_has_a_checker_and_a_visible_title():
    forms = FORMS
    assert set(forms) <= set(ex.REGISTRY)
    form = ex.form("04.3")
    assert form.children[0].value == "<b>Latihan 04.3</b>" and "dl-exercise-form" in form._dom_classes
