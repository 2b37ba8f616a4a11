"""Drive a real JupyterLab in Debian's Chromium with Playwright (for ``tests/test_browser.py``).

:class:`LabServer` starts JupyterLab on loopback with a free port, a throwaway token and its own
config, runtime and data folders, serving a *copy* of the notebooks (the repository's notebooks
are never opened by the browser, so they are never modified). :func:`chromium` launches Debian's
Chromium through Playwright — no browser download. :class:`NotebookPage` does what a learner does
in JupyterLab 4: open a notebook, clear every output and run every cell from the menu bar, then
reads the page to say what went wrong.

Everything waits on a condition with a bound (:func:`dockerlab.waiting.wait_until` or Playwright's
own waits), never on a fixed sleep.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

from dockerlab.waiting import wait_until

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
SVG = "image/svg+xml"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
FORM_TEXT = re.compile(r"^(Latihan|Exercise) \d\d\.\d: (formulir jawaban|an answer form)")

# JupyterLab settings for the throwaway config folder: no news or update toasts over the page,
# the notebook's own kernel starts without a "Select Kernel" dialog, and no blank space after the
# last cell (so a screenshot ends where the notebook does).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker": {"autoStartDefaultKernel": True,
                                               "scrollPastEnd": False},
}


def course_notebooks() -> list[Path]:
    """Every lesson, ``notebooks/NN-*.ipynb``, in reading order."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- what the stored notebook promises -------------------------------------------------------

@dataclass(frozen=True)
class Expected:
    """What a notebook's stored outputs show, so the browser run can be held to it."""

    code_cells: int
    diagram_cells: int      # cells whose stored output is a graphviz diagram (SVG)
    widget_cells: int       # cells whose stored output is an ipywidgets view
    error_cells: int = 0    # cells tagged ``raises-exception``: their traceback is the lesson
    form_cells: int = 0     # widget cells that are exercise answer forms (``latihan.form``)

    @classmethod
    def of(cls, path: Path) -> "Expected":
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]

        def shows(cell, predicate) -> bool:
            return any(predicate(o.get("data", {})) for o in cell.get("outputs", ()))

        def diagram(data) -> bool:
            text = "".join(data.get("text/plain", ""))
            return SVG in data or text.startswith("<graphviz.")

        return cls(
            code_cells=len(code),
            diagram_cells=sum(shows(c, diagram) for c in code),
            widget_cells=sum(shows(c, lambda d: WIDGET_VIEW in d) for c in code),
            error_cells=sum("raises-exception" in c.get("metadata", {}).get("tags", ())
                            for c in code),
            form_cells=sum(shows(c, lambda d: WIDGET_VIEW in d and FORM_TEXT.search(
                "".join(d.get("text/plain", "")))) for c in code),
        )


# --- the server ------------------------------------------------------------------------------

class LabServer:
    """JupyterLab on ``127.0.0.1:<free port>`` with a throwaway token and private folders."""

    def __init__(self, notebooks: list[Path], *, env: dict[str, str] | None = None) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="dl-lab-"))
        self.root_dir = self.base / "notebooks"
        # A copy of the course folder: notebooks and what they read beside them (contoh/ ...).
        shutil.copytree(NOTEBOOKS, self.root_dir, ignore=shutil.ignore_patterns(
            ".ipynb_checkpoints", "__pycache__"))
        for nb in notebooks:
            if nb.parent != NOTEBOOKS:
                shutil.copy2(nb, self.root_dir / nb.name)
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.log_path = self.base / "jupyterlab.log"
        self.env = {
            **os.environ,
            "JUPYTER_CONFIG_DIR": str(self.base / "config"),
            "JUPYTER_RUNTIME_DIR": str(self.base / "runtime"),
            "JUPYTER_DATA_DIR": str(self.base / "data"),
            "IPYTHONDIR": str(self.base / "ipython"),
            "DOCKERLAB_HOME": str(self.base / "dockerlab-home"),
            "DOCKERLAB_ENGINE": "local",
            **(env or {}),
        }
        for name in ("DOCKERLAB_LANG", "SOURCE_DATE_EPOCH", "JUPYTERLAB_SETTINGS_DIR",
                     "JUPYTERLAB_WORKSPACES_DIR"):
            self.env.pop(name, None)
        self.proc: subprocess.Popen[bytes] | None = None

    def _write_settings(self) -> None:
        settings = self.base / "config" / "lab" / "user-settings"
        for plugin, values in LAB_SETTINGS.items():
            path = settings / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))

    def start(self, timeout: float = 90.0) -> "LabServer":
        self._write_settings()
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
                   f"--port={self.port}", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}",
                   f"--ServerApp.root_dir={self.root_dir}",
                   "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                   # window.jupyterapp: read execution counts from the notebook model, since a
                   # cell with a hidden input (a Latihan's solution) shows no prompt.
                   "--LabApp.expose_app_in_browser=True"]
        if os.geteuid() == 0:
            command.append("--allow-root")
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(command, env=self.env, cwd=self.base, stdout=log,
                                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True)

        def answers() -> bool:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited ({self.proc.returncode}): {self.log_tail()}")
            url = f"http://127.0.0.1:{self.port}/api/status?token={self.token}"
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status == 200

        try:
            wait_until(answers, timeout=timeout, interval=0.2,
                       what=f"JupyterLab answering on 127.0.0.1:{self.port}")
        except BaseException:
            self.stop()
            raise
        return self

    def url(self, notebook: str) -> str:
        # ``reset``: start from an empty workspace, not with the last test's notebook reopened.
        return f"http://127.0.0.1:{self.port}/lab/tree/{quote(notebook)}?token={self.token}&reset"

    def _api(self, method: str, path: str):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/api/{path}?token={self.token}", method=method)
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_sessions(self) -> None:
        """Shut down every notebook's kernel (DELETE /api/sessions/<id>)."""
        for session in self._api("GET", "sessions"):
            self._api("DELETE", f"sessions/{session['id']}")

    def kernel_state(self, notebook: str) -> str | None:
        """The server's view of the notebook's kernel (``"idle"``, ``"busy"`` …), or None."""
        for session in self._api("GET", "sessions"):
            if session.get("path") == notebook and session.get("kernel"):
                return session["kernel"].get("execution_state")
        return None

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self, timeout: float = 30.0) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)   # the server shuts its kernels down
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=timeout)
        if proc is not None:
            try:   # kernels are in the server's process group; none may outlive the test
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.base, ignore_errors=True)


# --- the browser -----------------------------------------------------------------------------

@contextmanager
def chromium(playwright, user_data_dir: Path, *, viewport=(1280, 900)) -> Iterator:
    """A persistent Chromium context on Debian's ``/usr/bin/chromium`` (headless, no downloads)."""
    args = list(CHROMIUM_ARGS)
    if os.geteuid() == 0:
        args.append("--no-sandbox")   # Chromium's sandbox refuses to run as root
    context = playwright.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=CHROMIUM, headless=True, args=args,
        viewport={"width": viewport[0], "height": viewport[1]},
    )
    try:
        yield context
    finally:
        context.close()


# --- a notebook in JupyterLab ----------------------------------------------------------------

# One read of the active notebook's state; the waits below poll it.
_STATE_JS = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return null;
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
      .map(p => p.textContent.trim());
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const counts = [];
  if (widget && widget.content && widget.content.model) {
    for (const cell of widget.content.model.cells) {
      if (cell.type === 'code') counts.push(cell.executionCount);
    }
  }
  const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const tracebacks = [...panel.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText')]
      .filter(o => /Traceback|Error\\b.*most recent call/.test(o.textContent))
      .map(o => o.textContent.slice(0, 600));
  return {
    codeCells: counts.length,
    numbered: counts.filter(n => typeof n === 'number' && n > 0).length,
    running: prompts.filter(p => p.includes('*')).length,
    status: indicator ? indicator.getAttribute('data-status') : null,
    tracebacks,
    svgs: panel.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="image/svg+xml"] svg, ' +
      '.jp-OutputArea-output[data-mime-type="image/svg+xml"] img').length,
    widgetOutputs: panel.querySelectorAll('.jp-OutputArea-output:has(> .jupyter-widgets)').length,
    widgetErrors: [...panel.querySelectorAll('.jp-OutputArea-output')]
      .map(o => o.textContent)
      .filter(t => /Error displaying widget|Model not found|model not found/.test(t))
      .map(t => t.slice(0, 300)),
  };
}"""


class NotebookPage:
    """One notebook open in JupyterLab, driven through its menus like a learner would."""

    def __init__(self, page, server: LabServer, name: str, expected: Expected) -> None:
        self.page, self.server, self.name, self.expected = page, server, name, expected
        self.screenshot = SCREENSHOTS / f"{Path(name).stem}.png"

    def state(self) -> dict:
        return self.page.evaluate(_STATE_JS) or {}

    def open(self, timeout: float = 120.0) -> None:
        self.page.goto(self.server.url(self.name), timeout=timeout * 1000)
        self.page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell",
                                    timeout=timeout * 1000)
        # The page's indicator says "idle" even before a kernel exists: ask the server too.
        wait_until(lambda: (self.server.kernel_state(self.name) == "idle"
                            and self.state().get("status") == "idle"),
                   timeout=timeout, interval=0.25,
                   what=f"{self.name}: its kernel started and idle (JupyterLab log: "
                        f"{self.server.log_path})")
        self.page.keyboard.press("Escape")   # command mode, whatever cell has focus

    def menu(self, top: str, item: str) -> None:
        """Click ``top`` in the menu bar, then ``item`` in the menu it opens."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
        entry = self.page.locator(".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel",
                                  has_text=item)
        entry.first.click()

    def hide_file_browser(self) -> None:
        """Close the left sidebar so the notebook gets the width (click its active tab)."""
        tab = self.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if tab.count():
            tab.first.click()
            self.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").wait_for(
                state="detached", timeout=10_000)

    def run_all(self, timeout: float) -> dict:
        """Edit → Clear Outputs of All Cells, Run → Run All Cells; wait until all have run."""
        self.menu("Edit", "Clear Outputs of All Cells")
        wait_until(lambda: self.state().get("numbered") == 0, timeout=30,
                   what=f"{self.name}: execution counts cleared")
        self.menu("Run", "Run All Cells")
        want = self.expected.code_cells

        def finished():
            s = self.state()
            done = (s.get("status") == "idle" and s.get("running") == 0
                    and (s.get("numbered", 0) >= want or s.get("tracebacks")))
            return s if done else None

        return wait_until(finished, timeout=timeout, interval=0.5,
                          what=f"{self.name}: every code cell run and the kernel idle "
                               f"(last state: {self.state()!r})")

    def wait_rendered(self, timeout: float = 60.0) -> dict:
        """Outputs render after the kernel replies: wait until the diagrams and widgets the
        stored notebook has are on the page (or time out; the caller's asserts then say which)."""
        want = self.expected

        def rendered():
            s = self.state()
            return s if (s.get("svgs", 0) >= want.diagram_cells
                         and s.get("widgetOutputs", 0) >= want.widget_cells) else None

        try:
            return wait_until(rendered, timeout=timeout, interval=0.25,
                              what=f"{self.name}: diagrams and widgets rendered")
        except TimeoutError:
            return self.state()

    def notebook_height(self) -> int:
        return int(self.page.evaluate("""() => {
          const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
          const inner = panel.querySelector('.jp-WindowedPanel-outer') || panel;
          const cells = panel.querySelectorAll('.jp-Cell');
          const last = cells[cells.length - 1];
          const bottom = last.getBoundingClientRect().bottom - inner.getBoundingClientRect().top
                         + inner.scrollTop;
          return Math.ceil(bottom) + 24 + (window.innerHeight - inner.clientHeight);
        }"""))

    def take_screenshot(self, max_height: int = 30000) -> Path:
        """The whole notebook: grow the window to its height, then a full-page screenshot."""
        self.screenshot.parent.mkdir(parents=True, exist_ok=True)
        size = self.page.viewport_size

        def fits() -> bool:
            # Off-screen cells have estimated heights until shown: grow until the size holds.
            current = self.page.viewport_size["height"]
            wanted = min(max(self.notebook_height(), size["height"]), max_height)
            if wanted <= current:
                return True
            self.page.set_viewport_size({"width": size["width"], "height": wanted})
            return False

        try:
            wait_until(fits, timeout=20, interval=0.3,
                       what=f"{self.name}: the whole notebook laid out in a taller window")
            self.page.screenshot(path=str(self.screenshot), full_page=True)
        finally:
            self.page.set_viewport_size(size)
        return self.screenshot

    def _outputs(self):
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) "
                                 ".jp-OutputArea-output:has(> .jupyter-widgets)")

    def operate_explorer(self, timeout: float = 60.0) -> str:
        """Choose another option in the first widget list that is not an answer form (a layer in
        a LayerExplorer); wait until that widget's view changes."""
        outputs = self._outputs().filter(has_not=self.page.locator(".dl-exercise-form"))
        with_select = outputs.filter(has=self.page.locator("select"))
        if not with_select.count():
            raise AssertionError(f"{self.name}: no widget with a list to operate")
        target = with_select.first
        select = target.locator("select").first
        options = select.locator("option")
        current = select.evaluate("s => s.selectedIndex")
        choice = next(i for i in range(options.count() - 1, -1, -1) if i != current)
        label = (options.nth(choice).text_content() or "").strip()
        target.scroll_into_view_if_needed()
        before = target.inner_html()
        select.select_option(index=choice)
        wait_until(lambda: target.inner_html() != before, timeout=timeout, interval=0.2,
                   what=f"{self.name}: the widget's view changing after choosing {label!r}")
        return f"chose {label!r} in a widget list"

    def forms(self):
        """The exercise answer forms (``latihan.form``) on the page."""
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .dl-exercise-form")

    def check_form(self, index: int = 0, *, choose: list[str] | None = None,
                   type_text: str | None = None, timeout: float = 60.0) -> str:
        """Click the check button of answer form ``index`` (after choosing ``choose[i]`` in its
        i-th drop-down, if given) – or, given ``type_text``, type it into the form's text box
        key by key and press Enter; wait for the kernel's verdict to appear in the form (for
        typed text: the verdict on that whole text) and return the verdict's text."""
        form = self.forms().nth(index)
        form.scroll_into_view_if_needed()
        for select, label in zip(form.locator("select").all(), choose or []):
            select.select_option(label=label)
        attempts = form.locator(".dl-exercise").count()
        before = form.inner_text()
        seen = re.findall(r"(?:Pemeriksaan ke-|Check number )(\d+)", before)
        want = (int(seen[-1]) if seen else 0) + 1
        if type_text is None:
            form.locator("button:not([disabled])").first.click()
        else:
            box = form.locator("input[type=text]").first
            box.fill("")
            box.press_sequentially(type_text, delay=15)   # a learner typing, then Enter
            box.press("Enter")

        def verdict():
            # A typed answer's verdict names the text it judged: wait for the one about the whole
            # text (the last keystrokes may reach the kernel after the Enter; the form then
            # checks again as the same attempt).
            text = form.inner_text()
            numbered = re.search(rf"(?:Pemeriksaan ke-|Check number ){want}\b", text)
            judged = type_text is None or f": {type_text}" in text
            return text if numbered and judged else None

        text = wait_until(verdict, timeout=timeout, interval=0.2,
                          what=f"{self.name}: a verdict in answer form {index} after clicking its "
                               f"check button (had {attempts} before)")
        return text[text.index("✅") if "✅" in text else text.index("❌"):].strip()
