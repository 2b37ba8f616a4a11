"""dockerlab.course: fresh lesson workspaces, files from cells, docker commands, other tools."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import dockerlab
from dockerlab import course, engines


@pytest.fixture
def lesson_home(tmp_path, monkeypatch):
    """A course home in tmp; cwd, DOCKERLAB_HOME and the engine choice are put back afterwards."""
    home = tmp_path / "home"
    monkeypatch.setenv("DOCKERLAB_HOME", str(home))
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(course, "_home", None)
    monkeypatch.setattr(course, "_lesson", None)
    engines.reset()
    yield home
    engines.reset()


def test_start_gives_a_fresh_workspace_with_the_examples(lesson_home):
    lesson = course.start("02-struktur-berlapis")
    root = lesson_home / "kursus" / "02-struktur-berlapis"
    assert Path.cwd() == root / "kerja"
    assert os.environ["DOCKERLAB_HOME"] == str(root / "store")
    assert lesson.examples and all((root / "kerja" / e).is_dir() for e in lesson.examples)
    (root / "kerja" / "sisa.txt").write_text("dari run sebelumnya")
    again = course.start("02-struktur-berlapis")
    assert not (root / "kerja" / "sisa.txt").exists()
    assert str(again) == str(lesson)
    assert course.current() is again


def test_lesson_text_shows_no_machine_path(lesson_home):
    lesson = course.start("01-image-pertama")
    for text in (str(lesson), lesson._repr_html_()):
        assert str(lesson_home) not in text
        assert "kursus/01-image-pertama/kerja" in text
        assert "mesin bawaan dockerlab" in text


def test_a_second_lesson_is_not_nested_in_the_first(lesson_home):
    course.start("01-image-pertama")
    course.start("03-immutable")
    assert Path.cwd() == lesson_home / "kursus" / "03-immutable" / "kerja"


def test_unknown_lesson_is_refused(lesson_home):
    with pytest.raises(ValueError, match="01-image-pertama"):
        course.start("99-tidak-ada")


def test_engine_is_chosen_again_for_the_new_store(lesson_home):
    course.start("01-image-pertama")
    first = engines.current()
    course.start("02-struktur-berlapis")
    assert engines.current() is not first
    assert engines.engine().name == "local"


def test_write_show_replace_files(lesson_home):
    course.start("01-image-pertama")
    shown = course.write("contoh/halo/Dockerfile", """
        FROM dockerlab.local/busybox
        CMD ["echo", "halo"]
    """)
    assert Path("contoh/halo/Dockerfile").read_text() == 'FROM dockerlab.local/busybox\nCMD ["echo", "halo"]\n'
    assert str(shown).startswith("📄 contoh/halo/Dockerfile\n    FROM dockerlab.local/busybox")
    assert "&quot;halo&quot;" in shown._repr_html_()
    assert course.show("contoh/halo/Dockerfile").text == shown.text
    changed = course.replace("contoh/halo/Dockerfile", "halo", "hai")
    assert '"hai"' in Path("contoh/halo/Dockerfile").read_text() and "Diubah" in str(changed)
    with pytest.raises(ValueError, match="tidak ditemukan"):
        course.replace("contoh/halo/Dockerfile", "tidak-ada", "x")
    listing = str(course.files("contoh/halo"))
    assert listing.splitlines() == ["📁 contoh/halo", f"    Dockerfile  ({len(changed.text)} B)"]


def test_paths_outside_the_workspace_are_refused(lesson_home):
    course.start("01-image-pertama")
    with pytest.raises(ValueError, match="keluar dari folder kerja"):
        course.write("../../luar.txt", "x")
    with pytest.raises(FileNotFoundError, match="tidak ada"):
        course.show("tidak-ada.txt")


@pytest.mark.parametrize("call, expected", [
    (lambda: course.docker("build", "contoh/my-app", tag="my-app:latest"),
     "$ docker build -t my-app:latest contoh/my-app"),
    (lambda: course.docker("run", "my-app:latest", detach=True, name="web"),
     "$ docker run -d --name web my-app:latest"),
    (lambda: course.docker("build", ".", tag=["a:1", "a:2"], build_args={"V": "1"}, no_cache=True),
     "$ docker build -t a:1 -t a:2 --build-arg V=1 --no-cache ."),
    (lambda: course.docker("image ls"), "$ docker image ls"),
    (lambda: course.docker("run", "img", ["sh", "-c", "echo 'hi there'"]),
     "$ docker run img sh -c 'echo '\"'\"'hi there'\"'\"''"),
    (lambda: course.docker("save", "my-app:latest", output="my-app.tar", platform=None),
     "$ docker save -o my-app.tar my-app:latest"),
])
def test_docker_command(call, expected):
    command = call()
    assert str(command) == expected
    assert "Perintah Docker yang setara" in command._repr_html_()


def test_tool_runs_a_program_and_hides_the_workspace_path(lesson_home, need_tool):
    need_tool("busybox")
    course.start("01-image-pertama")
    out = course.tool("busybox", "ls", str(Path.cwd() / "contoh"))
    assert out.ok and str(lesson_home) not in str(out)
    failed = course.tool("busybox", "false")
    assert not failed.ok and "kode 1" in str(failed)


def test_tool_missing_is_reported_not_raised(lesson_home):
    out = course.tool("program-yang-tidak-ada")
    assert out.returncode is None and "tidak terpasang" in str(out)


def test_english(lesson_home):
    dockerlab.set_language("en")
    lesson = course.start("01-image-pertama")
    assert "Lesson 01-image-pertama is ready." in str(lesson)


def test_tamper_changes_one_byte_that_validate_catches_and_undo_restores(lesson_home):
    from dockerlab.model import validate

    course.start("03-immutable")
    image = dockerlab.api.build("contoh/salam", tag="salam:1", progress=False).image
    layer = image.layers[-1]
    before = Path(engines.current().store.blob_path(layer.digest)).read_bytes()
    change = course.tamper(layer.digest, find="dunia")
    assert "'d' → 'e'" in str(change)
    problems = validate(dockerlab.image("salam:1"))
    assert [p.digest for p in problems] == [layer.digest]
    change.undo()
    assert Path(engines.current().store.blob_path(layer.digest)).read_bytes() == before
    assert validate(dockerlab.image("salam:1")) == []
    with pytest.raises(ValueError):
        course.tamper(layer.digest, find="tidak-ada-di-layer")


def test_tamper_refuses_the_docker_engine(lesson_home, monkeypatch, docker_client):
    from dockerlab.engines.docker import DockerEngine

    course.start("03-immutable")
    monkeypatch.setattr(engines, "current", lambda: DockerEngine(docker_client))
    with pytest.raises(RuntimeError, match="mesin bawaan"):
        course.tamper("sha256:" + "0" * 64)
