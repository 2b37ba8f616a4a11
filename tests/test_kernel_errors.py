"""What a learner sees in a real Jupyter kernel when a dockerlab call fails.

Each test starts an IPython kernel (jupyter_client) where proot is not on PATH
(``DOCKERLAB_EXECUTOR=proot``, so root does not fall back to namespaces) and reads the ``error``
messages the kernel publishes and the ``execute_reply`` — what nbclient and nbval read.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel

import binder_support
from dockerlab.course import kernel as course_kernel
from dockerlab.course.kernel import bound_names

pytestmark = [pytest.mark.timeout(300)]

ANSI = re.compile(r"\x1b\[[0-9;]*m")
HINT = "%env DOCKERLAB_TRACEBACK=1"
BUILD_WITH_RUN = """
course.write("contoh/pakai-run/Dockerfile", '''
    FROM dockerlab.local/busybox
    RUN echo halo > /halo.txt
''')
hasil = dockerlab.build("contoh/pakai-run", tag="pakai-run:1", progress=False)
"""


@dataclass
class Ran:
    reply: dict
    errors: list[dict] = field(default_factory=list)
    text: str = ""

    @property
    def error(self) -> dict:
        assert len(self.errors) == 1, f"expected one error output, got {self.errors!r}\n{self.text}"
        return self.errors[0]

    @property
    def traceback(self) -> list[str]:
        return [ANSI.sub("", line) for line in self.error["traceback"]]


class Kernel:
    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.manager, self.client = start_new_kernel(kernel_name="python3", env=env, cwd=str(cwd))

    def run(self, code: str) -> Ran:
        errors, text = [], []

        def seen(msg) -> None:
            kind, content = msg["msg_type"], msg["content"]
            if kind == "error":
                errors.append(content)
            elif kind == "stream":
                text.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                text.append(content["data"].get("text/plain", ""))

        reply = self.client.execute_interactive(code, output_hook=seen, timeout=240)
        return Ran(reply["content"], errors, "".join(text))

    def ok(self, code: str) -> str:
        ran = self.run(code)
        assert ran.reply["status"] == "ok", (ran.errors, ran.text)
        return ran.text

    def stop(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


@pytest.fixture
def kernel(tmp_path):
    """A kernel in a fresh course home, on a machine without proot."""
    env = {k: v for k, v in os.environ.items() if k not in ("DOCKERLAB_LANG", "DOCKERLAB_TRACEBACK")}
    env.update({
        "DOCKERLAB_HOME": str(tmp_path / "home"), "DOCKERLAB_ENGINE": "local",
        "DOCKERLAB_EXECUTOR": "proot", "DOCKER_HOST": "unix:///nonexistent/docker.sock",
        "PATH": str(binder_support.path_without("proot", tmp_path / "bin")),
    })
    started = Kernel(env, tmp_path)
    try:
        yield started
    finally:
        started.stop()


def start_lesson(kernel: Kernel) -> str:
    return kernel.ok('import dockerlab\nfrom dockerlab import course\n'
                     'print(course.start("01-image-pertama"))')


def test_a_dockerlab_error_is_shown_short_and_keeps_its_name(kernel):
    ran = kernel.run('import dockerlab\ndockerlab.image("tidak-ada:1")')
    error = ran.error
    assert error["ename"] == ran.reply["ename"] == "ImageNotFound"
    assert "tidak-ada:1" in error["evalue"] and error["evalue"] == ran.reply["evalue"]
    assert ran.traceback == [f"❌ ImageNotFound: {error['evalue']}", ran.traceback[1]]
    assert HINT in ran.traceback[1]


def test_the_full_traceback_switch_brings_back_the_frames(kernel):
    kernel.ok("%env DOCKERLAB_TRACEBACK=1\nimport dockerlab")
    ran = kernel.run('dockerlab.image("tidak-ada:1")')
    assert ran.error["ename"] == ran.reply["ename"] == "ImageNotFound"
    full = "\n".join(ran.traceback)
    assert len(ran.traceback) > 2 and "❌" not in full
    assert re.search(r"dockerlab[/\\]\S+\.py", full), full   # frames inside the package
    kernel.ok("%env DOCKERLAB_TRACEBACK=0")
    assert kernel.run('dockerlab.image("tidak-ada:1")').traceback[0].startswith("❌ ImageNotFound: ")


LOAD = "%load_ext dockerlab.course.kernel"


def test_a_name_an_unrunnable_cell_would_have_made_says_why(kernel):
    """With the opt-in extension loaded, the chain of cells after one that cannot run here says
    why; a typo stays IPython's own NameError."""
    warning = start_lesson(kernel)
    assert "proot" in warning and LOAD in warning   # the lesson's warning names the extension
    kernel.ok(LOAD)
    build = kernel.run(BUILD_WITH_RUN)
    assert build.error["ename"] == "ExecutorUnavailable"
    assert "proot" in build.error["evalue"]
    assert build.traceback[0].startswith("❌ ExecutorUnavailable: Dockerfile baris 2")

    used = kernel.run("gambar = hasil.image")
    assert used.error["ename"] == used.reply["ename"] == "ExecutorUnavailable"
    assert used.error["evalue"] == used.reply["evalue"]
    assert "`hasil`" in used.error["evalue"]
    assert "program proot tidak ditemukan" in used.error["evalue"]   # the original reason
    assert used.traceback == [f"❌ ExecutorUnavailable: {used.error['evalue']}", used.traceback[1]]

    # What that cell would have made is missing for the same reason.
    chained = kernel.run("print(gambar.id)")
    assert chained.error["ename"] == "ExecutorUnavailable" and "`gambar`" in chained.error["evalue"]

    typo = kernel.run("hasl.image")   # a typo after such a failure is no ExecutorUnavailable
    assert typo.error["ename"] == typo.reply["ename"] == "NameError"
    assert typo.error["evalue"] == "name 'hasl' is not defined"
    assert "❌" not in "\n".join(typo.traceback) and len(typo.traceback) > 2   # IPython's own

    kernel.ok("dockerlab.set_language('en')")
    english = kernel.run("hasil")
    assert english.error["ename"] == "ExecutorUnavailable"
    assert english.error["evalue"].startswith("The name `hasil` does not exist")


def test_without_the_extension_the_kernel_is_ipythons_own(kernel):
    """The course no longer patches the kernel: course.start hooks nothing, so a later cell's
    NameError is Python's, with IPython's traceback."""
    start_lesson(kernel)
    kernel.run(BUILD_WITH_RUN)
    ran = kernel.run("hasil.image")
    assert ran.error["ename"] == ran.reply["ename"] == "NameError"
    assert ran.error["evalue"] == "name 'hasil' is not defined"
    assert "❌" not in "\n".join(ran.traceback)
    assert kernel.ok("print(get_ipython().custom_exceptions)") == "()\n"


def test_with_the_switch_the_converted_error_shows_the_name_error_too(kernel):
    start_lesson(kernel)
    kernel.ok(LOAD)
    kernel.run(BUILD_WITH_RUN)
    kernel.ok("%env DOCKERLAB_TRACEBACK=1")
    ran = kernel.run("hasil.image")
    assert ran.error["ename"] == "ExecutorUnavailable"
    full = "\n".join(ran.traceback)
    assert "NameError" in full and "hasil.image" in full and "❌" not in full


def test_the_extension_loads_once_keeps_another_handler_and_unloads(kernel):
    kernel.ok(
        "ip = get_ipython()\n"
        "ip.set_custom_exc((ZeroDivisionError,), lambda self, et, v, tb, tb_offset=None: print('milik saya'))\n"
        "sebelum = len(ip.events.callbacks['post_run_cell'])")
    kernel.ok(LOAD)
    kernel.ok(LOAD)
    assert kernel.ok("print(len(ip.events.callbacks['post_run_cell']) - sebelum, ip.custom_exceptions)"
                     ) == "1 (<class 'ZeroDivisionError'>, <class 'NameError'>)\n"
    divided = kernel.run("1 / 0")
    assert "milik saya" in divided.text and not divided.errors
    assert kernel.run("tidak_ada").error["ename"] == "NameError"
    odd = kernel.run("raise NameError('aneh', name=5)")   # a name that is no text
    assert odd.error["ename"] == "NameError" and "Custom TB Handler failed" not in odd.text
    kernel.ok("%unload_ext dockerlab.course.kernel")
    assert kernel.ok("print(len(ip.events.callbacks['post_run_cell']) - sebelum, ip.custom_exceptions)"
                     ) == "0 (<class 'ZeroDivisionError'>,)\n"
    assert "milik saya" in kernel.run("1 / 0").text


def test_bound_names_are_the_cells_global_names():
    source = ("a = 1\nb, (c, d) = x\nfor e in y: f = e\nwith o as g: pass\nimport os.path\n"
              "from m import n as h\ndef fungsi(p):\n    lokal = p\nclass Kelas:\n    atribut = 1\n"
              "[k for k in y]\nlambda q: q\ntry:\n    pass\nexcept Exception as err:\n    pass\n"
              "i += 1\nj: int = 2\nif (w := 3): pass\n")
    assert bound_names(source) == {"a", "b", "c", "d", "e", "f", "g", "os", "h", "fungsi", "Kelas",
                                   "err", "i", "j", "w"}
    assert bound_names("this is not python") == set()
    assert course_kernel._missing_name(NameError("aneh", name=5)) is None   # not a str: no name
