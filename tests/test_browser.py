"""Every lesson, run in a real JupyterLab in a real Chromium, as a learner would run it.

One JupyterLab server (loopback, free port, throwaway token, private config/runtime/data folders,
a copy of ``notebooks/``, a fresh ``DOCKERLAB_HOME``, the embedded engine) serves the module; each
notebook is opened in Debian's Chromium, cleared and run with *Run → Run All Cells*, then checked:
no traceback, every diagram drawn as SVG, every widget rendered, and the widgets operated: a
layer chosen in the explorer, an exercise form's *Periksa* button clicked (and in 00, the first
exercise answered wrong, then right, through its drop-downs). A full-page
screenshot of each lands in ``test-output/screenshots/<notebook>.png`` for a person to look at.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from browser_support import CHROMIUM, SCREENSHOTS, Expected, LabServer, NotebookPage, course_notebooks
from components import missing, record

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOKS = course_notebooks()
RUN_TIMEOUT = 420.0   # seconds for one notebook's Run All (builds images on the embedded engine)
REPORT = SCREENSHOTS.parent / "browser-report.json"


@pytest.fixture(scope="module")
def playwright():
    if importlib.util.find_spec("playwright") is None:
        missing("Playwright for Python", "pip install -e '.[dev]'")
    if not os.access(CHROMIUM, os.X_OK):
        missing(f"Chromium at {CHROMIUM}", "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright):
    from browser_support import chromium

    with tempfile.TemporaryDirectory(prefix="dl-chromium-") as profile, \
            chromium(playwright, Path(profile)) as context:
        yield context


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    extra = tmp_path_factory.mktemp("extra-notebooks")
    server = LabServer([_broken_notebook(extra)]).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def page(browser, lab):
    page = browser.new_page()
    try:
        yield page
    finally:
        page.close()
        lab.shutdown_sessions()   # one kernel at a time, like a learner with one notebook


def _broken_notebook(folder: Path) -> Path:
    """A notebook the checks must reject: a diagram and a widget that work, then a traceback."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("import graphviz\ng = graphviz.Digraph()\ng.edge('a', 'b')\ng"),
        nbformat.v4.new_code_cell(
            "import ipywidgets as w\npilih = w.Dropdown(options=['satu', 'dua'])\n"
            "hasil = w.HTML('dipilih: satu')\n"
            "pilih.observe(lambda c: setattr(hasil, 'value', 'dipilih: ' + c['new']), 'value')\n"
            "w.VBox([pilih, hasil])"),
        nbformat.v4.new_code_cell("1 / 0"),
        nbformat.v4.new_code_cell("'tidak sampai di sini'"),
    ]
    path = folder / "zz-rusak.ipynb"
    nbformat.write(nb, path)
    return path


def test_the_course_has_notebooks():
    assert NOTEBOOKS, "no notebooks/NN-*.ipynb found: the browser test has nothing to run"


def test_the_checks_see_a_broken_notebook(page, lab):
    """The harness itself: it must see the traceback, the diagram and the working widget."""
    notebook = NotebookPage(page, lab, "zz-rusak.ipynb",
                            Expected(code_cells=4, diagram_cells=1, widget_cells=1))
    notebook.open()
    state = notebook.run_all(timeout=120)
    assert state["tracebacks"] and "ZeroDivisionError" in state["tracebacks"][0]
    assert state["numbered"] == 3, "Run All stops at the error: the last cell must not run"
    state = notebook.wait_rendered()
    assert state["svgs"] == 1 and state["widgetOutputs"] == 1
    assert "'dua'" in notebook.operate_explorer()


# The first notebook's first exercise, answered in the browser: wrong, then right.
ANSWERS = {"00-pengantar.ipynb": (
    ["image", "kontainer", "image", "kontainer", "image", "image"],
    ["image", "kontainer", "image", "kontainer", "image", "kontainer"])}


# A text form answered by typing and Enter: the check must see every key typed before Enter.
TYPED = {"01-image-pertama.ipynb": (0, "docker build -t my-app:1.0 .", "my-app:1.0")}


@pytest.mark.parametrize("name", [nb.name for nb in NOTEBOOKS])
def test_notebook_runs_in_jupyterlab(name, page, lab):
    expected = Expected.of(lab.root_dir / name)
    notebook = NotebookPage(page, lab, name, expected)
    notebook.open()
    notebook.hide_file_browser()
    operated = []
    try:
        started = time.monotonic()
        notebook.run_all(timeout=RUN_TIMEOUT)
        record(REPORT, name, {"run_all_seconds": round(time.monotonic() - started, 1)})
        state = notebook.wait_rendered()
        if not state["widgetErrors"]:
            if expected.widget_cells > expected.form_cells:
                operated.append(notebook.operate_explorer())
            if expected.form_cells:
                assert notebook.forms().count() == expected.form_cells, (
                    f"{name}: {notebook.forms().count()} answer forms on the page, the stored "
                    f"notebook has {expected.form_cells}")
                verdict = notebook.check_form(0)
                assert verdict.startswith("❌") and "Belum ada jawaban" in verdict, verdict
                operated.append(f"clicked Periksa in an empty form: {verdict!r}")
            if name in ANSWERS:
                wrong, right = ANSWERS[name]
                verdict = notebook.check_form(0, choose=wrong)
                assert verdict.startswith("❌") and "nomor 6" in verdict, verdict
                verdict = notebook.check_form(0, choose=right)
                assert verdict.startswith("✅") and "Benar" in verdict, verdict
                operated.append("answered 00.1 in the form: wrong, then right")
            if name in TYPED:
                index, text, word = TYPED[name]
                verdict = notebook.check_form(index, type_text=text)
                assert verdict.startswith("✅") and word in verdict, verdict
                operated.append(f"typed {text!r} into a form and pressed Enter")
            state = notebook.state()
    finally:
        shot = notebook.take_screenshot()
    where = f"(screenshot: {shot})"
    assert len(state["tracebacks"]) <= expected.error_cells, (
        f"{name}: a cell failed {where}:\n" + "\n---\n".join(state["tracebacks"]))
    assert state["numbered"] >= expected.code_cells, (
        f"{name}: only {state['numbered']} of {expected.code_cells} code cells ran {where}")
    assert state["svgs"] >= expected.diagram_cells, (
        f"{name}: {state['svgs']} SVG diagrams on the page, the stored notebook has "
        f"{expected.diagram_cells} {where}")
    assert not state["widgetErrors"], f"{name}: widget errors {state['widgetErrors']} {where}"
    assert state["widgetOutputs"] >= expected.widget_cells, (
        f"{name}: {state['widgetOutputs']} widgets rendered, the stored notebook has "
        f"{expected.widget_cells} {where}")
    assert expected.widget_cells, f"{name}: the lesson has no widget to operate (no answer form?)"
    assert operated, f"{name}: no widget was operated {where}"
    assert shot.parent == SCREENSHOTS and shot.stat().st_size > 10_000

