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


def test_a_name_an_unrunnable_cell_would_have_made_says_why(kernel):
    assert "proot" in start_lesson(kernel)   # the lesson's warning, under the first cell
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
    assert typo.traceback[0].startswith("❌ NameError: Nama `hasl` belum ada.")

    kernel.ok("dockerlab.set_language('en')")
    english = kernel.run("hasil")
    assert english.error["ename"] == "ExecutorUnavailable"
    assert english.error["evalue"].startswith("The name `hasil` does not exist")


def test_with_the_switch_the_converted_error_shows_the_name_error_too(kernel):
    start_lesson(kernel)
    kernel.run(BUILD_WITH_RUN)
    kernel.ok("%env DOCKERLAB_TRACEBACK=1")
    ran = kernel.run("hasil.image")
    assert ran.error["ename"] == "ExecutorUnavailable"
    full = "\n".join(ran.traceback)
    assert "NameError" in full and "hasil.image" in full and "❌" not in full


def test_a_name_error_with_no_earlier_failure_is_shown_short_with_what_to_do(kernel):
    start_lesson(kernel)
    ran = kernel.run("hasil.image")
    assert ran.error["ename"] == ran.reply["ename"] == "NameError"   # what nbclient and nbval read
    assert ran.error["evalue"] == ran.reply["evalue"] == "name 'hasil' is not defined"
    assert ran.traceback == [
        "❌ NameError: Nama `hasil` belum ada. Mungkin sel yang membuatnya belum dijalankan "
        "(misalnya setelah kernel dimulai ulang): klik sel ini, pilih Run → Run All Above "
        "Selected Cell, lalu jalankan sel ini lagi.", ran.traceback[1]]
    assert HINT in ran.traceback[1]


def test_a_name_error_suggests_a_close_name_from_the_namespace(kernel):
    start_lesson(kernel)
    kernel.ok("salam_1 = 1\nkontainer_lain = 2")
    ran = kernel.run("print(salam1)")
    assert ran.error["ename"] == "NameError" and ran.error["evalue"] == "name 'salam1' is not defined"
    assert ran.traceback[0].startswith("❌ NameError: Nama `salam1` belum ada.")
    assert ran.traceback[1] == "Maksud Anda `salam_1`?" and HINT in ran.traceback[2]
    nothing_close = kernel.run("zzzqqq")
    assert not any("Maksud Anda" in line for line in nothing_close.traceback)
    kernel.ok("dockerlab.set_language('en')")
    english = kernel.run("salam1")
    assert english.traceback[0].startswith("❌ NameError: The name `salam1` does not exist yet.")
    assert english.traceback[1] == "Did you mean `salam_1`?"


def test_a_name_error_with_the_switch_shows_the_frames(kernel):
    start_lesson(kernel)
    kernel.ok("%env DOCKERLAB_TRACEBACK=1")
    ran = kernel.run("def f():\n    return belum_ada\nf()")
    assert ran.error["ename"] == "NameError"
    full = "\n".join(ran.traceback)
    assert "❌" not in full and "return belum_ada" in full


def test_a_name_error_not_from_the_cells_own_code_keeps_its_frames(kernel):
    """Only a name the cell itself uses is "not made yet"; elsewhere the failing line must show."""
    start_lesson(kernel)
    inside = kernel.run("def f():\n    return undefined_thing\nf()")
    assert inside.error["ename"] == inside.reply["ename"] == "NameError"
    full = "\n".join(inside.traceback)
    assert "❌" not in full and "Run All Above" not in full and "return undefined_thing" in full
    evaluated = kernel.run("eval('x_tidak_ada', {})")
    assert evaluated.error["ename"] == "NameError" and "❌" not in "\n".join(evaluated.traceback)
    assert len(evaluated.traceback) > 2
    subclass = kernel.run("class UndefinedVariableError(NameError):\n    pass\n"
                          "raise UndefinedVariableError(\"name 'kolom' is not defined\")")
    assert subclass.error["ename"] == "UndefinedVariableError"
    assert "❌" not in "\n".join(subclass.traceback)
    assert kernel.run("belum_ada").traceback[0].startswith("❌ NameError: Nama `belum_ada` belum ada.")


def test_tb_after_a_short_name_error_shows_the_frames(kernel):
    start_lesson(kernel)
    assert kernel.run("belum_ada").traceback[0].startswith("❌ NameError: Nama `belum_ada`")
    kernel.ok("%env DOCKERLAB_TRACEBACK=1")
    shown = kernel.run("%tb")
    full = "\n".join(shown.traceback)
    assert "❌" not in full and "belum_ada" in full and len(shown.traceback) > 2, full


def test_start_hooks_the_kernel_again_after_ipython_unregistered_the_handler(kernel):
    start_lesson(kernel)
    # What IPython does when a custom handler raises ("Custom TB Handler failed, unregistering").
    kernel.ok("ip = get_ipython()\nip.set_custom_exc((), None)\n"
              "sebelum = len(ip.events.callbacks['post_run_cell'])")
    assert "❌" not in "\n".join(kernel.run("belum_ada").traceback)
    start_lesson(kernel)
    assert kernel.run("belum_ada").traceback[0].startswith("❌ NameError: Nama `belum_ada`")
    assert kernel.ok("print(len(ip.events.callbacks['post_run_cell']) - sebelum)") == "0\n"
    # A NameError whose name is no text once made the handler itself fail (and IPython drop it).
    odd = kernel.run("raise NameError('aneh', name=5)")
    assert odd.error["ename"] == "NameError" and "Custom TB Handler failed" not in odd.text
    assert kernel.run("belum_ada").traceback[0].startswith("❌ NameError: Nama `belum_ada`")


def test_a_name_error_before_course_start_stays_plain(kernel):
    ran = kernel.run("hasil.image")
    assert ran.error["ename"] == "NameError" and "❌" not in "\n".join(ran.traceback)


def test_start_hooks_the_kernel_once_and_keeps_another_handler(kernel):
    kernel.ok(
        "ip = get_ipython()\n"
        "ip.set_custom_exc((ZeroDivisionError,), lambda self, et, v, tb, tb_offset=None: print('milik saya'))\n"
        "sebelum = len(ip.events.callbacks['post_run_cell'])")
    start_lesson(kernel)
    start_lesson(kernel)
    assert kernel.ok("print(len(ip.events.callbacks['post_run_cell']) - sebelum, ip.custom_exceptions)"
                     ) == "1 (<class 'ZeroDivisionError'>, <class 'NameError'>)\n"
    divided = kernel.run("1 / 0")
    assert "milik saya" in divided.text and not divided.errors
    assert kernel.run("tidak_ada").error["ename"] == "NameError"


def test_install_outside_ipython_does_nothing():
    assert course_kernel.install() is False


def test_bound_names_are_the_cells_global_names():
    source = ("a = 1\nb, (c, d) = x\nfor e in y: f = e\nwith o as g: pass\nimport os.path\n"
              "from m import n as h\ndef fungsi(p):\n    lokal = p\nclass Kelas:\n    atribut = 1\n"
              "[k for k in y]\nlambda q: q\ntry:\n    pass\nexcept Exception as err:\n    pass\n"
              "i += 1\nj: int = 2\nif (w := 3): pass\n")
    assert bound_names(source) == {"a", "b", "c", "d", "e", "f", "g", "os", "h", "fungsi", "Kelas",
                                   "err", "i", "j", "w"}
    assert bound_names("this is not python") == set()


def test_only_a_name_the_cells_own_top_level_code_uses_counts_as_the_cells():
    """A NameError from a function, from eval with other globals or from dockerlab's own code
    (a bug there) is not about a cell that has not run: its frames must stay visible."""
    import dockerlab

    def innermost_is_cell(source: str, filename: str, namespace: dict, globals_: dict | None = None) -> bool:
        try:
            exec(compile(source, filename, "exec"), namespace if globals_ is None else globals_)
        except NameError as exc:
            return course_kernel._raised_by_cell(exc.__traceback__, namespace)
        raise AssertionError(f"{source!r} raised no NameError")

    cell = "<ipython-input-1>"
    assert innermost_is_cell("belum_ada", cell, {}) is True
    assert innermost_is_cell("def f():\n    return belum_ada\nf()", cell, {}) is False
    assert innermost_is_cell("eval('belum_ada', {})", cell, {}) is False
    assert innermost_is_cell("[belum_ada for _ in range(2)]", cell, {}) is True
    assert innermost_is_cell("sum(belum_ada for _ in range(2))", cell, {}) is True
    assert innermost_is_cell("def f():\n    return [belum_ada for _ in range(2)]\nf()", cell, {}) is False
    assert innermost_is_cell("belum_ada", cell, {}, globals_={}) is False   # other globals
    inside = str(Path(dockerlab.__file__).parent / "pura_pura.py")
    assert innermost_is_cell("belum_ada", inside, {}, globals_={}) is False
    assert course_kernel._missing_name(NameError("aneh", name=5)) is None   # not a str: no name
    assert course_kernel.close_name("prnt", {}) == "print"
    assert course_kernel.close_name("In", {"In": [], "Out": {}}) is None
