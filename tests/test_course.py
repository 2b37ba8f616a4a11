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
    monkeypatch.setattr(course.lesson, "_home", None)
    monkeypatch.setattr(course.lesson, "_lesson", None)
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


@pytest.mark.parametrize("name", ["..", "../..", "", ".", "contoh/../..", "/tmp"])
def test_a_name_outside_the_lessons_folder_removes_nothing(lesson_home, name):
    course.start("01-image-pertama")
    keep = lesson_home / "milik-pelajar.txt"
    keep.write_text("jangan dihapus")
    with pytest.raises(dockerlab.UsageError, match="tidak dikenal"):
        course.start(name)
    assert keep.read_text() == "jangan dihapus"
    assert (lesson_home / "kursus" / "01-image-pertama" / "kerja").is_dir()


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
    listing = str(course.files("contoh/halo"))
    assert listing.splitlines() == ["📁 contoh/halo", f"    Dockerfile  ({len(changed.text)} B)"]


def test_replace_run_twice_changes_nothing_the_second_time(lesson_home):
    course.start("03-immutable")
    first = course.replace("contoh/salam/pesan.txt", "dunia!", "dunia?")
    assert Path("contoh/salam/pesan.txt").read_text() == "Halo, dunia?\n"
    assert "Diubah" in str(first)
    again = course.replace("contoh/salam/pesan.txt", "dunia!", "dunia?")
    assert Path("contoh/salam/pesan.txt").read_text() == "Halo, dunia?\n"
    assert str(again).startswith("📄 contoh/salam/pesan.txt — sudah diubah sebelumnya "
                                 "('dunia!' → 'dunia?') — tidak ada yang diubah lagi\n")
    assert "sudah diubah sebelumnya" in again._repr_html_() and again.text == first.text
    course.replace("contoh/salam/pesan.txt", "Halo", "Halo lagi")   # the new text holds the old
    course.replace("contoh/salam/pesan.txt", "Halo", "Halo lagi")
    assert Path("contoh/salam/pesan.txt").read_text() == "Halo lagi, dunia?\n"


def test_replace_of_text_that_is_not_there_is_a_short_usage_error(lesson_home):
    course.start("03-immutable")
    with pytest.raises(dockerlab.UsageError) as err:
        course.replace("contoh/salam/pesan.txt", "planet", "bumi")
    text = str(err.value)
    assert "'planet'" in text and "'bumi'" in text and "contoh/salam/pesan.txt" in text
    assert "course.show('contoh/salam/pesan.txt')" in text
    assert err.value._render_traceback_()[0].startswith("❌ UsageError: Teks 'planet' tidak ditemukan")
    assert Path("contoh/salam/pesan.txt").read_text() == "Halo, dunia!\n"


def test_paths_outside_the_workspace_are_refused(lesson_home):
    course.start("01-image-pertama")
    with pytest.raises(dockerlab.UsageError, match="keluar dari folder kerja"):
        course.write("../../luar.txt", "x")
    with pytest.raises(FileNotFoundError, match="tidak ada") as err:
        course.show("contoh/my-app/tidak-ada.txt")
    assert isinstance(err.value, dockerlab.DockerlabError)
    assert "course.files('contoh/my-app')" in str(err.value)


def test_copy_lets_an_example_change_while_the_original_stays(lesson_home):
    course.start("03-immutable")
    listing = course.copy("contoh/salam", "contoh/salam-2")
    assert str(listing).splitlines()[0] == "📁 contoh/salam-2 — disalin dari contoh/salam"
    assert {rel for rel, _ in listing.entries} == {"Dockerfile", "pesan.txt"}
    course.replace("contoh/salam-2/pesan.txt", "dunia!", "dunia?")
    assert Path("contoh/salam/pesan.txt").read_text() == "Halo, dunia!\n"
    # the cell run again: a fresh copy, changed again, and the original still as it was
    again = course.copy("contoh/salam", "contoh/salam-2")
    assert "disalin ulang dari contoh/salam; yang sebelumnya ada di contoh/salam-2 diganti" in str(again)
    assert Path("contoh/salam-2/pesan.txt").read_text() == "Halo, dunia!\n"
    assert "Diubah" in str(course.replace("contoh/salam-2/pesan.txt", "dunia!", "dunia?"))
    one = course.copy("contoh/salam/Dockerfile", "Dockerfile.salinan")
    assert Path("Dockerfile.salinan").read_text() == Path("contoh/salam/Dockerfile").read_text()
    assert one.entries == (("Dockerfile.salinan", Path("Dockerfile.salinan").stat().st_size),)
    with pytest.raises(dockerlab.UsageError, match="contoh bawaan pelajaran") as err:
        course.copy("contoh/salam-2", "contoh/salam")
    assert "'contoh/salam-3'" in str(err.value)   # beside the destination, and free
    assert Path("contoh/salam/pesan.txt").read_text() == "Halo, dunia!\n"
    with pytest.raises(dockerlab.UsageError, match="contoh bawaan") as err:
        course.copy("contoh/salam-2/pesan.txt", "contoh/salam/pesan.txt")
    assert "'contoh/salam/pesan-2.txt'" in str(err.value)
    assert Path("contoh/salam/pesan.txt").read_text() == "Halo, dunia!\n"
    course.copy("contoh/salam-2/pesan.txt", "contoh/salam/pesan-2.txt")   # a new file is fine
    with pytest.raises(dockerlab.UsageError, match="di dalam") as err:
        course.copy("contoh/salam-2", "contoh/salam-2/lagi")
    assert "'contoh/salam-2-2'" in str(err.value)
    with pytest.raises(FileNotFoundError, match="tidak-ada"):
        course.copy("contoh/tidak-ada", "contoh/x")


def test_a_new_file_in_an_example_folder_can_be_copied_again_and_again(lesson_home):
    """Only what course.start copied is the example: the learner's own files may be replaced."""
    course.start("03-immutable")
    first = course.copy("contoh/salam/pesan.txt", "contoh/salam/pesan-baru.txt")
    assert "disalin dari contoh/salam/pesan.txt" in str(first)
    Path("contoh/salam/pesan-baru.txt").write_text("diubah pelajar\n")
    again = course.copy("contoh/salam/pesan.txt", "contoh/salam/pesan-baru.txt")   # the cell again
    assert "disalin ulang dari contoh/salam/pesan.txt; yang sebelumnya ada di" in str(again)
    assert Path("contoh/salam/pesan-baru.txt").read_text() == "Halo, dunia!\n"
    course.write("contoh/salam/catatan.txt", "milik pelajar\n")   # not a copy, not an example
    over = course.copy("contoh/salam/pesan.txt", "contoh/salam/catatan.txt")
    assert "yang sebelumnya ada di contoh/salam/catatan.txt diganti" in str(over)   # one note, no memory
    assert "contoh bawaan" not in str(over)
    course.copy("contoh/salam", "contoh/lain/salam")   # a new folder holding a copy, twice
    course.copy("contoh/salam", "contoh/lain/salam")
    for dst in ("contoh", "contoh/salam/Dockerfile"):
        with pytest.raises(dockerlab.UsageError, match="contoh bawaan pelajaran ini .disalin oleh"):
            course.copy("contoh/lain/salam/pesan.txt", dst)
    assert Path("contoh/salam/Dockerfile").is_file() and Path("contoh/salam/pesan.txt").is_file()
    # A new lesson run: the example folder is as course.start copied it, the notes start afresh.
    course.start("03-immutable")
    assert not Path("contoh/salam/pesan-baru.txt").exists()
    assert "disalin dari" in str(course.copy("contoh/salam/pesan.txt", "contoh/salam/pesan-baru.txt"))


def test_copy_again_replaces_an_old_copy_with_a_read_only_folder_as_an_ordinary_user():
    """Binder runs as an ordinary user: a 0555 folder in the old copy must not stop the cell."""
    from rootfs_helpers import ordinary_user_home, run_as_ordinary_user

    script = (
        "import os, sys\n"
        "os.chdir(sys.argv[1])\n"
        "from dockerlab import course\n"
        "course.copy('asal', 'salinan')\n"
        "os.chmod('salinan/sub', 0o555)\n"
        "print(course.copy('asal', 'salinan'))\n")
    with ordinary_user_home() as home:
        (home / "asal" / "sub").mkdir(parents=True)
        (home / "asal" / "sub" / "berkas.txt").write_text("isi\n")
        done = run_as_ordinary_user(script, str(home), home=home, with_dependencies=True)
        assert done.returncode == 0, done.stderr
        assert "disalin ulang dari asal; yang sebelumnya ada di salinan diganti" in done.stdout
        assert (home / "salinan" / "sub" / "berkas.txt").read_text() == "isi\n"


def test_replace_changes_the_first_old_text_that_is_not_part_of_the_new(lesson_home):
    course.start("03-immutable")
    for before, after in (("RUN echo 1 > /a\nRUN echo 10 > /b\n", "RUN echo 10 > /a\nRUN echo 10 > /b\n"),
                          ("RUN echo 10 > /b\nRUN echo 1 > /a\n", "RUN echo 10 > /b\nRUN echo 10 > /a\n")):
        course.write("contoh/angka/Dockerfile", before)
        changed = course.replace("contoh/angka/Dockerfile", "echo 1", "echo 10")
        assert "Diubah" in str(changed) and Path("contoh/angka/Dockerfile").read_text() == after
        again = course.replace("contoh/angka/Dockerfile", "echo 1", "echo 10")   # the cell again
        assert "sudah diubah sebelumnya" in str(again)
        assert Path("contoh/angka/Dockerfile").read_text() == after


def test_replace_works_from_the_pristine_example_and_remembers_nothing(lesson_home):
    """An example file is edited from its original in notebooks/contoh: run again, the cell
    finds the file already so — even when the old text is there twice, and in a new kernel
    (nothing is kept in memory: another module's state cannot be stale)."""
    from dockerlab.course import workspace

    course.start("02-struktur-berlapis")
    original = Path("contoh/cache-buruk/app.sh").read_text()
    Path("contoh/cache-buruk/app.sh").write_text(original + "# versi 1 lagi\n")   # "versi 1" twice
    assert "Diubah" in str(course.replace("contoh/cache-buruk/app.sh", "versi 1", "versi 2"))
    # edited as it was (the learner's line stays): not the original, so changed where it is
    assert Path("contoh/cache-buruk/app.sh").read_text().count("versi 1") == 1
    course.start("02-struktur-berlapis")   # a fresh folder: the original again
    first = course.replace("contoh/cache-buruk/app.sh", "versi 1", "versi 2")
    edited = Path("contoh/cache-buruk/app.sh").read_text()
    assert edited == original.replace("versi 1", "versi 2", 1) and "Diubah" in str(first)
    again = course.replace("contoh/cache-buruk/app.sh", "versi 1", "versi 2")
    assert "sudah diubah sebelumnya" in str(again) and Path("contoh/cache-buruk/app.sh").read_text() == edited
    assert not [name for name in vars(workspace) if name.startswith("_replaced") or name == "_copies"]
    course.write("contoh/dua/catatan.txt", "a\na\n")   # no example: edited as it is
    course.replace("contoh/dua/catatan.txt", "a", "b")
    assert Path("contoh/dua/catatan.txt").read_text() == "b\na\n"
    course.write("contoh/dua/catatan.txt", "a\na\n")   # the cell that writes it run again
    assert "Diubah" in str(course.replace("contoh/dua/catatan.txt", "a", "b"))
    assert Path("contoh/dua/catatan.txt").read_text() == "b\na\n"


def test_the_rebuilt_original_keeps_its_id_when_a_copy_is_changed(lesson_home):
    """Notebook 03: salam:1 built again after the change is the same image; salam:2 differs."""
    course.start("03-immutable")
    salam_1 = dockerlab.build("contoh/salam", tag="salam:1", progress=False).image
    course.copy("contoh/salam", "contoh/salam-2")
    course.replace("contoh/salam-2/pesan.txt", "dunia!", "dunia?")
    salam_2 = dockerlab.build("contoh/salam-2", tag="salam:2", progress=False).image
    assert dockerlab.build("contoh/salam", tag="salam:1", progress=False).image.id == salam_1.id
    assert salam_2.id != salam_1.id
    assert salam_2.layers[0].digest == salam_1.layers[0].digest


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


def test_tamper_changes_a_copy_that_validate_catches_and_the_original_never_changes(lesson_home):
    """An image is immutable: course.tamper damages one byte of a copy in a scratch store; the
    original blob stays byte for byte as it was, before and after undo."""
    from dockerlab.model import validate

    course.start("03-immutable")
    image = dockerlab.build("contoh/salam", tag="salam:1", progress=False).image
    layer = image.layers[-1]
    original = Path(engines.current().store.blob_path(layer.digest))
    before = original.read_bytes()
    change = course.tamper(image, find="dunia")
    assert "'d' → 'e'" in str(change) and change.digest == layer.digest and "salinan" in str(change)
    assert change.path != original and not str(change.path).startswith(str(engines.current().store.root))
    assert [p.digest for p in validate(change.image)] == [layer.digest]
    assert validate(dockerlab.image("salam:1")) == [] and original.read_bytes() == before
    assert sum(a != b for a, b in zip(before, change.path.read_bytes())) == 1
    change.undo()
    assert validate(change.image) == [] and change.path.read_bytes() == before
    with pytest.raises(dockerlab.UsageError, match="'tidak-ada-di-layer' tidak ada di layer -1 image salam:1"):
        course.tamper("salam:1", find="tidak-ada-di-layer")


def test_tamper_run_twice_is_the_same_one_byte_change(lesson_home):
    """The cell run again makes the copy afresh: still exactly one byte differs, and nothing is
    remembered between the runs."""
    from dockerlab.course import tampering
    from dockerlab.model import validate

    course.start("03-immutable")
    image = dockerlab.build("contoh/salam", tag="salam:1", progress=False).image
    before = Path(engines.current().store.blob_path(image.layers[-1].digest)).read_bytes()
    first = course.tamper(image, find="dunia")
    again = course.tamper(image, find="dunia")   # the cell run again, before undo()
    assert (again.offset, again.old, again.new, str(again)) == (first.offset, first.old, first.new, str(first))
    assert sum(a != b for a, b in zip(before, again.path.read_bytes())) == 1
    assert [p.digest for p in validate(again.image)] == [image.layers[-1].digest]
    again.undo()
    again.undo()   # twice: still restored
    assert again.path.read_bytes() == before and validate(again.image) == []
    assert not hasattr(tampering, "_changed") and not hasattr(tampering, "forget")


def test_tamper_takes_a_build_result_and_checks_its_layer_and_offset(lesson_home):
    from dockerlab.model import validate

    course.start("03-immutable")
    built = dockerlab.build("contoh/salam", tag="salam:1", progress=False)
    change = course.tamper(built, find="dunia")
    assert change.digest == built.image.layers[-1].digest
    assert [p.digest for p in validate(change.image)] == [change.digest]
    change.undo()
    count = len(built.image.layers)
    with pytest.raises(dockerlab.UsageError, match="course.tamper: layer harus angka bulat") as err:
        course.tamper(built, layer="1")
    assert "teks '1'" in str(err.value)
    with pytest.raises(dockerlab.UsageError, match=f"punya {count} layer, jadi tidak ada layer={count}"):
        course.tamper(built, layer=count)
    with pytest.raises(dockerlab.UsageError, match="course.tamper: image harus sebuah image"):
        course.tamper(["salam:1"])
    size = Path(engines.current().store.blob_path(change.digest)).stat().st_size
    with pytest.raises(dockerlab.UsageError, match=f"offset={size} ada di luar blob") as err:
        course.tamper(built, offset=size)
    assert f"dari 0 sampai {size - 1}" in str(err.value)
    at_start = course.tamper("salam:1", layer=0, offset=0)
    assert at_start.offset == 0 and at_start.digest == built.image.layers[0].digest
    at_start.undo()
    assert validate(dockerlab.image("salam:1")) == []


def test_a_new_lesson_run_removes_the_tampered_copies(lesson_home):
    course.start("03-immutable")
    image = dockerlab.build("contoh/salam", tag="salam:1", progress=False).image
    change = course.tamper(image, find="dunia")   # not undone
    assert change.path.is_file()
    course.start("03-immutable")
    assert not change.path.exists()
    image = dockerlab.build("contoh/salam", tag="salam:1", progress=False).image
    fresh = course.tamper(image, find="dunia")
    assert str(fresh) == str(change)


def test_tamper_on_the_docker_engine_changes_a_copy(lesson_home, monkeypatch, docker_host):
    from dockerlab.model import validate

    monkeypatch.setenv("DOCKER_HOST", docker_host)
    monkeypatch.setenv("DOCKERLAB_ENGINE", "docker")
    engines.reset()
    course.start("03-immutable")
    assert engines.current().name == "docker"
    dockerlab.build("contoh/salam", tag="salam-tamper:1", progress=False)
    change = course.tamper("salam-tamper:1", find="dunia")
    assert [p.digest for p in validate(change.image)] == [change.digest]
    assert validate(dockerlab.image("salam-tamper:1")) == []  # the daemon's copy is untouched
    again = course.tamper("salam-tamper:1", find="dunia")
    assert str(again) == str(change) and [p.digest for p in validate(again.image)] == [change.digest]
    again.undo()
    assert validate(again.image) == []


def test_move_to_the_docker_engine_keeps_the_id(lesson_home, monkeypatch, docker_host):
    monkeypatch.setenv("DOCKER_HOST", docker_host)
    course.start("04-portabel")
    image = dockerlab.build("contoh/my-app", tag="move-test:1", progress=False).image
    note = course.move("move-test:1")
    assert f"ID image di sana: {image.id.short} (sebelumnya {image.id.short})" in note
    assert "Docker Engine" in note


def test_move_without_docker_says_so(lesson_home, monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/tidak-ada.sock")
    course.start("04-portabel")
    nothing = tmp_path / "kosong"
    nothing.mkdir()
    monkeypatch.setenv("PATH", str(nothing))  # no docker program either: Docker is not installed
    note = course.move("dockerlab.local/busybox")
    assert "Docker tidak terpasang di komputer ini" in note and repr(note) == str(note)
    assert "mesin bawaan dockerlab tetap bekerja" in note.lower()
    assert "systemctl" not in note  # nothing to start


def _dead_socket(folder: Path) -> Path:
    """A unix socket file nobody listens on (what a stopped daemon leaves): connecting is refused."""
    import socket
    import tempfile

    path = Path(tempfile.mkdtemp(dir=folder)) / "docker.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.close()
    return path


def test_move_when_docker_is_installed_but_not_running(lesson_home, monkeypatch, tmp_path):
    sock = _dead_socket(tmp_path)
    monkeypatch.setenv("DOCKER_HOST", f"unix://{sock}")
    course.start("04-portabel")
    note = course.move("dockerlab.local/busybox")
    assert note.startswith("Docker terpasang di komputer ini, tetapi Docker Engine tidak berjalan")
    assert f"unix://{sock}" in note
    assert "Docker Desktop" in note and "`sudo systemctl start docker`" in note
    assert "mesin bawaan dockerlab tetap bekerja" in note
    # ... and it does: the lesson goes on with the embedded engine.
    assert engines.current().name == "local"
    image = dockerlab.build("contoh/my-app", tag="masih-jalan:1", progress=False).image
    assert dockerlab.image("masih-jalan:1").id == image.id
    dockerlab.set_language("en")
    assert course.move("masih-jalan:1").startswith("Docker is installed on this computer, but the "
                                                   "Docker Engine is not running")


def test_move_with_the_docker_program_but_no_socket_says_start_docker(lesson_home, monkeypatch,
                                                                      tmp_path, need_tool):
    need_tool("docker")
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/tidak-ada.sock")
    course.start("04-portabel")
    note = course.move("dockerlab.local/busybox")
    assert "Docker terpasang" in note and "`sudo systemctl start docker`" in note


def test_unpack_gives_an_oci_layout_that_skopeo_reads(lesson_home, need_tool):
    need_tool("skopeo")
    course.start("04-portabel")
    image = dockerlab.build("contoh/my-app", tag="my-app:latest", progress=False).image
    dockerlab.save("my-app:latest", "my-app.tar")
    assert "dibongkar ke oci-saya/" in course.unpack("my-app.tar", "oci-saya")
    assert Path("oci-saya/oci-layout").is_file()
    out = course.tool("skopeo", "inspect", "oci:oci-saya:my-app:latest")
    assert out.ok and image.digest in out.output


def test_unpack_turns_an_old_docker_save_into_an_oci_layout(lesson_home, monkeypatch, docker_host,
                                                           need_tool):
    """Docker Engine < 25 (the test daemon is Debian 12's 20.10) writes `docker save` as a
    docker-archive without an OCI layout: unpack says so and converts it, so skopeo and umoci read
    the same image (same config, same layers) instead of failing with their English errors."""
    need_tool("skopeo")
    need_tool("umoci")
    monkeypatch.setenv("DOCKER_HOST", docker_host)
    monkeypatch.setenv("DOCKERLAB_ENGINE", "docker")
    engines.reset()
    course.start("04-portabel")
    image = dockerlab.build("contoh/my-app", tag="my-app:latest", progress=False).image
    dockerlab.save("my-app:latest", "my-app.tar")
    import tarfile

    with tarfile.open("my-app.tar") as tar:
        legacy = "oci-layout" not in {m.name.lstrip("./") for m in tar.getmembers()}
    note = course.unpack("my-app.tar", "oci-saya")
    assert "dibongkar ke oci-saya/" in note
    assert Path("oci-saya/oci-layout").is_file() and Path("oci-saya/index.json").is_file()
    if legacy:
        assert "docker-archive" in note and "versi 25" in note
    out = course.tool("skopeo", "inspect", "--config", "oci:oci-saya:my-app:latest")
    assert out.ok, out
    layers = course.tool("skopeo", "inspect", "oci:oci-saya:my-app:latest")
    assert layers.ok and all(str(d) in layers.output for d in image.config.rootfs.diff_ids)
    from dockerlab.model import Digest

    config = course.tool("skopeo", "inspect", "--raw", "oci:oci-saya:my-app:latest")
    assert str(image.id) in config.output   # the manifest names the very config Docker holds
    assert course.tool("umoci", "ls", "--layout", "oci-saya").output.strip() == "my-app:latest"
    assert Digest.of((Path("oci-saya/blobs/sha256") / image.id.hex).read_bytes()) == image.id


def test_history_numbers_steps_as_the_build_log_and_layers_by_position(lesson_home):
    """One numbering in notebook 02: each history row names the build step that made it (the
    base image's rows: the FROM step), each layer its position (tree(image, layer=i)); sizes are
    the files' bytes, as `docker history` shows them (WORKDIR: 0 B), not the tar blocks."""
    course.start("02-struktur-berlapis")
    hasil = dockerlab.build("contoh/berlapis", tag="berlapis:1", progress=False)
    hist = dockerlab.history(hasil.image, hasil)
    assert [r.step for r in hist.rows] == [1, 1, 2, 3, 4, 5, 6, 7]
    assert [r.layer_index for r in hist.rows] == [0, None, 1, None, 2, 3, 4, None]
    assert [s.number for s in hasil.steps if s.layer_digest] == [2, 4, 5, 6]
    sizes = {r.instruction.split()[0]: r.content_size for r in hist.rows[2:] if not r.empty}
    assert sizes["WORKDIR"] == 0 and all(r.size == 10240 for r in hist.rows[2:] if not r.empty)
    headers, rows = hist.table()
    assert headers[:3] == ["langkah", "instruksi", "layer"]
    workdir = next(row for row in rows if row[1] == "WORKDIR /app")
    assert workdir[0] == "2" and workdir[2] == "1" and workdir[4] == "0 B"
    assert "10,2 kB" not in str(hist) and "10.2 kB" not in str(hist)
    without = dockerlab.history(hasil.image).table()[0]
    assert "langkah" not in without   # without the build, no step numbers to give


def test_history_sizes_are_what_docker_history_shows(lesson_home, monkeypatch, docker_host):
    """The same build on the real Docker Engine: our history's sizes equal `docker history`'s."""
    monkeypatch.setenv("DOCKER_HOST", docker_host)
    monkeypatch.setenv("DOCKERLAB_ENGINE", "docker")
    engines.reset()
    course.start("02-struktur-berlapis")
    hasil = dockerlab.build("contoh/berlapis", tag="berlapis-ukuran:1", progress=False)
    ours = [r.content_size for r in dockerlab.history(hasil.image, hasil).rows]
    theirs = [entry["Size"] for entry in reversed(engines.current().client.api.history("berlapis-ukuran:1"))]
    assert ours == theirs


def test_the_lesson_programs_are_real_programs_for_both_cpus(tmp_path, need_tool):
    """The arm64 program needs nothing installed for arm64 (Binder cannot install it): dockerlab
    writes both. Each is a real ELF executable of its CPU: the amd64 one runs here and prints what
    ``uname -m`` prints, the arm64 one prints ``aarch64`` under qemu-user, and this kernel refuses
    it with ENOEXEC (no binfmt handler is registered here)."""
    import platform
    import subprocess

    from dockerlab.course.programs import machine_program
    from dockerlab.executor import elf

    paths = {}
    for arch in ("amd64", "arm64"):
        paths[arch] = tmp_path / f"arsitektur-{arch}"
        paths[arch].write_bytes(machine_program(arch))
        paths[arch].chmod(0o755)
        assert elf.architecture(paths[arch]) == arch and elf.interpreter(paths[arch]) is None
        assert machine_program(arch) == paths[arch].read_bytes()   # the same bytes every time
    assert elf.host_architecture() == "amd64", "this test machine is amd64"
    done = subprocess.run([str(paths["amd64"])], capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout) == (0, platform.machine() + "\n")
    need_tool("qemu-aarch64-static")
    done = subprocess.run(["qemu-aarch64-static", str(paths["arm64"])], capture_output=True,
                          text=True, timeout=30)
    assert (done.returncode, done.stdout) == (0, "aarch64\n")
    if not elf.binfmt_handler("arm64"):
        with pytest.raises(OSError) as refused:
            subprocess.run([str(paths["arm64"])], capture_output=True, timeout=30)
        assert refused.value.errno == 8   # ENOEXEC: "Exec format error"


def test_write_programs_builds_a_two_platform_index_and_run_on_host(lesson_home):
    from dockerlab.platforms import build_platforms

    course.start("04-portabel")
    assert course.write_programs("contoh/multi") == ["linux/amd64", "linux/arm64"]
    Path("contoh/multi/Dockerfile").write_text(
        "FROM scratch\nARG TARGETARCH\nCOPY arsitektur-${TARGETARCH} /bin/arsitektur\n"
        'CMD ["/bin/arsitektur"]\n')
    index = build_platforms(course.store(), "contoh/multi", "multi:1",
                            course.write_programs("contoh/multi"), progress=False)
    assert sorted(str(d.platform) for d in index.manifests) == ["linux/amd64", "linux/arm64"]
    native = course.run_on_host(index.image_for("linux/amd64"), "/bin/arsitektur")
    assert native.endswith(": x86_64")
    assert "Image tidak berisi /bin/tidak-ada" in course.run_on_host(index.image_for("linux/amd64"),
                                                                      "/bin/tidak-ada")
    from dockerlab.executor.elf import binfmt_handler

    foreign = course.run_on_host(index.image_for("linux/arm64"), "/bin/arsitektur")
    if binfmt_handler("arm64"):
        assert "emulator" in foreign and foreign.endswith("aarch64")
    else:
        assert "Exec format error" in foreign and "linux/arm64" in foreign
    # the same bytes on every machine: the index digest is the same everywhere
    again = build_platforms(course.store(), "contoh/multi", "multi:2",
                            course.write_programs("contoh/multi"), progress=False)
    assert again.digest == index.digest


def test_run_on_host_says_when_an_emulator_ran_a_foreign_program(lesson_home):
    """A program the kernel runs although the image is for another CPU went through binfmt_misc:
    an image whose config says arm64 but holds this machine's program stands in for it."""
    course.start("04-portabel")
    course.write_programs("contoh/multi")
    Path("contoh/multi/Dockerfile").write_text("FROM scratch\nCOPY arsitektur-amd64 /bin/arsitektur\n")
    from dockerlab.platforms import build_platforms

    index = build_platforms(course.store(), "contoh/multi", "pura-pura:1", ["linux/arm64"], progress=False)
    note = course.run_on_host(index.image_for("linux/arm64"), "/bin/arsitektur")
    assert "lewat emulator" in note and note.endswith(": x86_64")


def test_a_choice_made_in_code_survives_a_new_lesson(lesson_home, monkeypatch):
    monkeypatch.setenv("DOCKERLAB_ENGINE", "docker")  # would fail: no daemon is asked for here
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    dockerlab.use_engine("local")
    lesson = course.start("01-image-pertama")
    assert engines.engine().name == "local" and "use_engine('local')" in engines.engine().reason
    assert str(engines.current().store.root) == str(lesson.store_root)


def test_base_image_outside_a_lesson(lesson_home):
    image = dockerlab.base_image()
    assert image.ref is not None and "dockerlab.local/busybox" in str(image.ref)
    assert dockerlab.base_image().id == image.id  # made once, then found


def test_base_image_on_the_docker_engine_is_the_same_image(lesson_home, monkeypatch, docker_host):
    local = dockerlab.base_image()
    monkeypatch.setenv("DOCKER_HOST", docker_host)
    monkeypatch.setenv("DOCKERLAB_ENGINE", "docker")
    engines.reset()
    assert dockerlab.base_image().id == local.id
    # both names, as notebook 01 says: the busybox version and latest, one image ID
    listed = {(str(i.ref.familiar) if i.ref else None, i.id) for i in engines.current().images()}
    version = local.config.config.labels["org.opencontainers.image.version"]
    assert {("dockerlab.local/busybox:latest", local.id),
            (f"dockerlab.local/busybox:{version}", local.id)} <= listed


def test_the_course_folder_is_found_from_the_working_folder(tmp_path, monkeypatch):
    """Installed into site-packages, the package finds the learner's notebooks where the kernel starts."""
    from dockerlab.course import lesson

    course_dir = tmp_path / "notebooks"
    (course_dir / "contoh" / "01-image-pertama").mkdir(parents=True)
    (course_dir / "01-image-pertama.ipynb").write_text("{}")
    monkeypatch.delenv("DOCKERLAB_NOTEBOOKS", raising=False)
    monkeypatch.setattr(lesson, "__file__", str(tmp_path / "site-packages" / "dockerlab" / "course" / "lesson.py"))
    monkeypatch.chdir(course_dir)
    assert lesson.find_notebooks() == course_dir.resolve()
    monkeypatch.chdir(tmp_path)
    assert lesson.find_notebooks() == course_dir.resolve()
    monkeypatch.setenv("DOCKERLAB_NOTEBOOKS", str(tmp_path / "lain"))
    assert lesson.find_notebooks() == (tmp_path / "lain").resolve()


def test_unpack_refuses_a_member_that_would_leave_the_folder(lesson_home):
    """unpack goes through the package's one extraction path (tarutil), on every Python: a member
    leading out is a clear error naming it, and nothing is written outside."""
    import io
    import tarfile

    course.start("04-portabel")
    with tarfile.open("t.tar", "w") as tar:
        for name, data in (("ok/berkas.txt", b"isi"), ("../luar.txt", b"jahat")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with pytest.raises(dockerlab.InvalidImage, match=r"t\.tar berisi entri '\.\./luar\.txt' .*path traversal"):
        course.unpack("t.tar", "keluar")
    assert not Path("luar.txt").exists() and not (Path.cwd().parent / "luar.txt").exists()
    with tarfile.open("baik.tar", "w") as tar:
        info = tarfile.TarInfo("ok/berkas.txt")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"isi"))
    assert course.unpack("baik.tar", "keluar") == "1 berkas dibongkar ke keluar/"
    assert Path("keluar/ok/berkas.txt").read_bytes() == b"isi"


def test_a_lesson_warns_when_nothing_can_run_containers(lesson_home, monkeypatch):
    monkeypatch.setenv("DOCKERLAB_EXECUTOR", "proot")
    monkeypatch.setenv("PATH", "/nonexistent")  # no proot: nothing can run RUN steps or containers
    lesson = course.start("01-image-pertama")
    assert "⚠" in str(lesson) and "ExecutorUnavailable" in str(lesson) and "⚠" in lesson._repr_html_()
    assert "proot" in str(lesson) and "sel sesudahnya" in str(lesson)


def test_no_warning_where_containers_can_run(lesson_home):
    assert "⚠" not in str(course.start("01-image-pertama"))


def test_a_tool_that_hangs_is_stopped_with_a_note(lesson_home, need_tool):
    need_tool("busybox")
    course.start("01-image-pertama")
    out = course.tool("busybox", "sleep", "30", timeout=0.5)
    assert out.returncode is None and "0.5 detik" in str(out) and "timeout=120" in str(out)


def test_remove_says_what_docker_rmi_did_in_the_learners_language(lesson_home):
    """Notebook 04 removes an image before loading it back: the output is docker rmi's own lines
    (the list stays as Docker writes them), shown in Indonesian, not a Python list of English."""
    course.start("04-portabel")
    image = dockerlab.build("contoh/my-app", tag="my-app:latest", progress=False).image
    removed = dockerlab.remove("my-app:latest")
    assert list(removed) == ["Untagged: my-app:latest", f"Deleted: {image.id}"]
    assert repr(removed) == f"Tag dilepas: my-app:latest\nDihapus: {image.id}"
    dockerlab.set_language("en")
    try:
        assert repr(removed) == f"Untagged: my-app:latest\nDeleted: {image.id}"
    finally:
        dockerlab.set_language("id")
