"""Progress recording: every Latihan check appends one line to the learner's own file, read back by
``dockerlab.progress()`` and, hostile-safely, by the teacher's service (``read_records``)."""

from __future__ import annotations

import json
import os
import stat
import time

import pytest

import dockerlab
from dockerlab import exercises as ex
from dockerlab.exercises import progress as pg


@pytest.fixture
def progress_file(course_home, monkeypatch):
    monkeypatch.delenv("DOCKERLAB_PROGRESS", raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setenv("JUPYTERHUB_USER", "ani")
    monkeypatch.setattr(pg, "_home", None)
    monkeypatch.setattr(pg, "_lesson", None)
    return course_home / "progress.jsonl"


def lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_every_check_is_recorded_once_with_learner_notebook_and_result(progress_file):
    assert not ex.build_command("docker run my-app")
    assert ex.build_command("docker build -t my-app:1.0 .")
    assert not ex.check("02.1", 99, "not an image")
    recorded = lines(progress_file)
    assert [(r["learner"], r["notebook"], r["exercise"], r["ok"]) for r in recorded] == [
        ("ani", "01", "01.2", False), ("ani", "01", "01.2", True), ("ani", "02", "02.1", False)]
    assert all(isinstance(r["time"], float) for r in recorded)
    assert stat.S_IMODE(progress_file.stat().st_mode) == 0o600


def test_a_wrongly_called_checker_is_recorded_as_not_yet(progress_file):
    assert not ex.build_command()
    assert [(r["exercise"], r["ok"]) for r in lines(progress_file)] == [("01.2", False)]


def test_notebook_comes_from_the_kernel_session(progress_file, monkeypatch):
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/ani/notebooks/01-image-pertama.ipynb")
    ex.build_command("docker build -t my-app:1.0 .")
    assert lines(progress_file)[0]["notebook"] == "01-image-pertama"


def test_progress_shows_the_last_result_and_attempts(progress_file):
    empty = dockerlab.progress()
    assert empty.exercises == () and "Belum ada latihan" in str(empty)
    ex.build_command("docker run my-app")
    ex.build_command("docker build -t my-app:1.0 .")
    ex.run_command("docker build -t x .")
    shown = dockerlab.progress()
    assert [(e.exercise, e.ok, e.attempts) for e in shown.exercises] == [("01.2", True, 2), ("01.3", False, 1)]
    text = str(shown)
    assert "Kemajuan ani" in text and "1 dari 2 latihan sudah benar." in text
    assert "<table" in shown._repr_html_() and "percobaan" in shown._repr_html_()


def test_a_lesson_records_in_the_learners_home_not_the_lesson_store(progress_file, course_home, monkeypatch):
    monkeypatch.setattr(pg, "_home", course_home)
    monkeypatch.setenv("DOCKERLAB_HOME", str(course_home / "kursus" / "01-image-pertama" / "store"))
    ex.build_command("docker build -t my-app:1.0 .")
    assert lines(progress_file)[0]["ok"] is True


def test_an_unwritable_file_loses_the_line_not_the_verdict(progress_file, monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKERLAB_PROGRESS", str(tmp_path / "folder"))
    (tmp_path / "folder").mkdir()
    result = ex.build_command("docker build -t my-app:1.0 .")
    assert result.ok


def test_hostile_progress_lines_are_skipped(tmp_path):
    path = tmp_path / "progress.jsonl"
    good = {"learner": "ani", "notebook": "01", "exercise": "01.2", "ok": True, "time": 1.0}
    bad = [b"not json", b"[]", json.dumps({**good, "ok": "yes"}).encode(),
           json.dumps({**good, "exercise": "<script>"}).encode(), json.dumps({**good, "time": True}).encode(),
           json.dumps({**good, "learner": "a" * 5000}).encode()]
    path.write_bytes(b"\n".join([*bad, json.dumps(good).encode()]) + b"\n")
    assert [c.to_dict() for c in pg.read_records(path)] == [good]
    link = tmp_path / "link.jsonl"
    os.symlink(path, link)
    assert list(pg.read_records(link)) == []
    assert list(pg.read_records(tmp_path / "missing")) == []
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert list(pg.read_records(fifo)) == []


def _write_checks(home, learner, *checks):
    (home / ".dockerlab").mkdir(parents=True)
    (home / ".dockerlab" / "progress.jsonl").write_text("".join(
        json.dumps({"learner": learner, "notebook": e[:2], "exercise": e, "ok": ok, "time": t}) + "\n"
        for e, ok, t in checks))


def test_the_class_table_reads_each_learner_and_no_symlink_to_another(tmp_path, monkeypatch):
    from dockerlab.kelas.teacher import class_table

    monkeypatch.setenv("KELAS_HOMES", str(tmp_path / "{name}"))
    _write_checks(tmp_path / "budi", "budi", ("01.1", False, 1.0), ("01.1", True, 2.0), ("02.1", False, 3.0))
    _write_checks(tmp_path / "cici", "budi", ("01.2", True, 1.0))  # names another learner: not counted
    (tmp_path / "ani").mkdir()
    os.symlink(tmp_path / "budi" / ".dockerlab", tmp_path / "ani" / ".dockerlab")  # A points at B's
    (tmp_path / "dedi" / ".dockerlab").mkdir(parents=True)
    os.symlink(tmp_path / "budi" / ".dockerlab" / "progress.jsonl", tmp_path / "dedi" / ".dockerlab" / "progress.jsonl")
    table = class_table(["ani", "budi", "cici", "dedi", "eka"])
    assert {n: {e: (s.ok, s.attempts) for e, s in per.items()} for n, per in table.states.items()} == {
        "ani": {}, "budi": {"01.1": (True, 2), "02.1": (False, 1)}, "cici": {}, "dedi": {}, "eka": {}}
    assert table.exercises == ["01.1", "02.1"]
    assert table.counts("02.1") == (0, 1) and table.most_stuck() == ("02.1", 1)
    rows = table.csv().splitlines()
    assert rows[0] == "learner,notebook,exercise,ok,attempts,last_check_utc"
    assert rows[1:] == ["budi,01,01.1,1,2,1970-01-01T00:00:02Z", "budi,02,02.1,0,1,1970-01-01T00:00:03Z"]
    html = table.html()
    assert "Kemajuan kelas" in html and "Latihan 02.1 (1 peserta)" in html and "kelas.csv" in html


def test_a_forms_periksa_button_is_recorded_like_a_check_in_code(progress_file):
    form = ex.form("01.2")
    form.input.value = "docker build -t my-app:2.0 ."  # typing before a first check: no line
    form.button.click()                                  # F
    form.input.value = "docker build -t my-app:1.0 ."  # the live re-check turns the verdict: T
    form.button.click()                                  # T
    form.input.value = "docker build -t  my-app:1.0 ."  # re-checked, verdict unchanged: no line
    form.input.value = "docker build -t my-app:3.0 ."  # turns again: F
    recorded = [ok for r in lines(progress_file) for ok in [r["ok"]] if r["exercise"] == "01.2"]
    assert recorded == [False, True, True, False] and form.attempts == 2


def test_a_started_lesson_tells_progress_the_home_and_the_notebook(progress_file, course_home, monkeypatch):
    from dockerlab import course

    monkeypatch.setattr("dockerlab.course.lesson._home", None)
    monkeypatch.setattr("dockerlab.course.lesson._lesson", None)
    monkeypatch.chdir(course_home.parent)
    course.start("01-image-pertama")
    assert os.environ["DOCKERLAB_HOME"] != str(course_home)  # the lesson's own store
    ex.build_command("docker build -t my-app:1.0 .")
    assert [(r["notebook"], r["ok"]) for r in lines(progress_file)] == [("01-image-pertama", True)]


def test_failures_count_the_failed_checks_in_a_row_since_the_last_right_one(progress_file):
    """What a checker reads to give the exact hint only after repeated failures."""
    assert pg.failures("04.3") == 0  # never checked (no file yet)
    for answer, expected in [("a", 1), ("c", 2), ("b", 0), ("d", 1), ("d", 2), ("a", 3)]:
        ex.exec_format_error(answer)
        assert pg.failures("04.3") == expected, answer
    assert pg.failures("05.1") == 0  # per exercise
    state = pg.summarise(pg.read_records(progress_file))["04.3"]
    assert (state.attempts, state.failures, state.ok) == (6, 3, False)


def test_failures_of_an_earlier_kernel_do_not_count(progress_file, monkeypatch):
    """"Restart & Run All" runs a notebook's pre-filled check again: the checks of the kernel
    before are in the file (the teacher sees them) but are not tries of this one."""
    for _ in range(3):
        ex.exec_format_error("a")
    assert pg.failures("04.3") == 3
    monkeypatch.setattr(pg, "_SINCE", time.time() + 1)  # a new kernel began after those checks
    assert pg.failures("04.3") == 0
    assert pg.summarise(pg.read_records(progress_file))["04.3"].attempts == 3
