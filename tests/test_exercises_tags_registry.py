"""Checkers of 05 (tags and versions) and 06 (registry): right, wrong and half-right answers get
fair Indonesian feedback, against a real store and the real registry server."""

from __future__ import annotations

import pytest

import dockerlab
from dockerlab import course, engines, exercises as ex
from dockerlab.course import lifetime


@pytest.fixture
def lesson_home(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCKERLAB_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(course.lesson, "_home", None)
    monkeypatch.setattr(course.lesson, "_lesson", None)
    engines.reset()
    yield
    lifetime.stop_all()
    engines.reset()


@pytest.fixture
def versions(lesson_home):
    """Notebook 05 up to Latihan 2: v1 tagged 1.21.6/1.21/1/latest, v2 tagged 1.22.0/1.22/1."""
    course.start("05-tag-dan-versi")
    v1 = dockerlab.build("contoh/web", tag="web:1.21.6", progress=False).image
    for name in ["web:1.21", "web:1", "web:latest"]:
        dockerlab.tag("web:1.21.6", name)
    course.replace("contoh/web/versi.txt", "1.21.6", "1.22.0")
    v2 = dockerlab.build("contoh/web", tag=["web:1.22.0", "web:1.22", "web:1"], progress=False).image
    return v1, v2


@pytest.mark.parametrize("answer, ok, words", [
    ("bd", True, ["Tepat", "bukan otomatis versi terbaru"]),
    ({"D", "b"}, True, ["Tepat"]),
    ("b", False, ["Sebagian benar: 1 dari 2", "Apa arti nama tanpa tag"]),
    ("abd", False, ["Sebagian benar: 2 dari 2", "juga 1 yang salah", "(a) salah", "1.22.0"]),
    ("ac", False, ["Belum ada pernyataan benar", "(a) salah", "(c) salah"]),
    ("bz", False, ["Pilihan z tidak ada"]),
    (..., False, ["templat"]),
])
def test_05_1_latest_is_a_name(answer, ok, words):
    result = ex.latest_is_a_name(answer)
    assert result.ok is ok and all(w in str(result) for w in words), str(result)


@pytest.mark.parametrize("answer, missing", [("a", 2), ("ac", 2), ("c", 2), ("b", 1), ("d", 1), ("abc", 1)])
def test_05_1_counts_what_is_still_missing(answer, missing):
    """The judge counts the true statements not chosen yet; no hint counts on its own (a learner
    with none of the two read "there is one more")."""
    result = ex.latest_is_a_name(answer)
    text = str(result)
    assert not result.ok and "benar lagi" not in " ".join(result.hints), text
    if missing == 2:
        assert "Belum ada pernyataan benar yang Anda pilih; ada 2 yang benar." in result.message, text
    else:
        assert "Masih ada 1 pernyataan benar yang belum Anda pilih." in result.message, text
    assert "satu pernyataan benar lagi" not in text and "one more" not in text


@pytest.mark.parametrize("answer, words", [
    ("bce", ["semuanya berubah saat push; ada 2 yang tetap sama"]),
    ("a", ["1 dari 2", "Masih ada 1 yang tetap sama"]),
    ("abcd", ["2 dari 2", "juga 2 yang berubah"]),
])
def test_06_2_counts_what_is_still_missing(answer, words):
    result = ex.push_keeps(answer)
    assert not result.ok and all(w in result.message for w in words), str(result)
    if answer == "abcd":
        assert "Masih ada" not in result.message


def test_05_2_right_wrong_and_half_right(versions):
    v1, v2 = versions
    result = ex.latest_moved(v1, v2)
    assert not result.ok and "masih menunjuk versi lama" in result.message and v1.id.short in result.message
    assert result.hints == (ex_hint("ex.05_2.idea"),)  # a first try gets the idea, not the command
    dockerlab.tag("web:1.22.0", "web:latest")
    dockerlab.tag("web:1.22.0", "web:1.21.6")  # half right: latest moved, but so did an exact version
    half = ex.latest_moved(v1, v2)
    assert not half.ok and "`web:latest` sudah benar" in half.message and "tidak pernah pindah" in half.message
    dockerlab.tag(v1.id, "web:1.21.6")
    good = ex.latest_moved(v1, v2)
    assert good.ok and v2.id.short in good.message and v1.id.short in good.message
    dockerlab.tag("web:1.21.6", "web:latest")
    dockerlab.tag(dockerlab.base_image().id, "web:latest")
    other = ex.latest_moved(v1, v2)
    assert not other.ok and "image lain" in other.message
    dockerlab.remove("web:latest")
    gone = ex.latest_moved(v1, v2)
    assert not gone.ok and "tidak ada lagi" in gone.message
    assert "Image yang diperiksa harus berupa" in ex.latest_moved("v1", v2).message or \
        "teks, bukan image" in ex.latest_moved("v1", v2).message


def test_05_2_a_target_without_repository_is_named(versions):
    """dockerlab.tag("web:1.22.0", "latest") makes latest:latest, silently; the checker says so."""
    v1, v2 = versions
    dockerlab.tag("web:1.22.0", "latest")
    assert dockerlab.image("latest:latest").id == v2.id
    result = ex.latest_moved(v1, v2)
    assert not result.ok and "`latest:latest`" in result.message and "`web:latest`" in result.message, result
    assert "masih menunjuk versi lama" not in result.message
    dockerlab.tag("web:1.22.0", "web:latest")  # then the right target: right, the stray name aside
    assert ex.latest_moved(v1, v2).ok


def ex_hint(key: str) -> str:
    from dockerlab.i18n import tr

    return tr(key)


@pytest.fixture
def progress_file(tmp_path, monkeypatch):
    """This test's own progress file: the attempts a checker counts are this test's only."""
    path = tmp_path / "kemajuan.jsonl"
    monkeypatch.setenv("DOCKERLAB_PROGRESS", str(path))
    return path


def test_05_2_the_exact_command_only_after_repeated_failures(versions, progress_file):
    """The template's first check said "Perintahnya setara `docker tag web:1.22.0 web:latest`":
    the answer. The idea comes first; the command after two failed checks in a row."""
    v1, v2 = versions
    first, second, third = (ex.latest_moved(v1, v2) for _ in range(3))
    for early in (first, second):
        assert not early.ok and "docker tag" not in str(early) and early.hints == (ex_hint("ex.05_2.idea"),)
    assert not third.ok and third.hints == (ex_hint("ex.05_2.idea"), ex_hint("ex.05_2.hint"))
    assert "docker tag web:1.22.0 web:latest" in third.hints[1]
    dockerlab.tag("web:1.22.0", "web:latest")
    assert ex.latest_moved(v1, v2).ok
    dockerlab.tag("web:1.21.6", "web:latest")  # right once: the count starts again
    assert ex.latest_moved(v1, v2).hints == (ex_hint("ex.05_2.idea"),)
    assert '"exercise": "05.2"' in progress_file.read_text()


def test_05_3_pinned_reference(versions):
    v1, v2 = versions
    good = ex.pinned_reference(f"web@{v1.digest}", v1)
    assert good.ok and "selalu berarti image ini" in good.message
    assert ex.pinned_reference(f"  'web@{v1.digest}' ", v1).ok, "quotes pasted along are fine"
    cases = [
        ("web:1.21.6", "nama dengan tag"),
        (str(v1.digest), "tulislah bersama nama repository-nya"),
        (f"web@{v1.id}", "ID image (digest config)"),
        (f"web@{v2.digest}", "image lain"),
        (f"lain@{v1.digest}", "nama repository-nya lain"),
        ("web@sha256:" + "0" * 64, "Tidak ada image dengan digest itu"),
        ("web@sha256:1234", "harus lengkap"),
        ("Web Server", "bukan referensi image yang sah"),
    ]
    for answer, words in cases:
        result = ex.pinned_reference(answer, v1)
        assert not result.ok and words in str(result), (answer, str(result))
    # the form gives the same verdict as the code path
    form = ex.form("05.3", v1)
    form.input.value = f"web@{v1.digest}"
    assert form.check().ok
    dockerlab.set_language("en")
    assert "always means this image" in ex.pinned_reference(f"web@{v1.digest}", v1).message


@pytest.mark.parametrize("answer, ok, words", [
    ("docker.io/library/nginx:1.21", True, ["namespace library"]),
    ("https://docker.io/library/nginx:1.21", True, ["Tepat"]),
    ("docker.io/nginx:1.21", False, ["Hampir", "namespace library"]),
    ("library/nginx:1.21", False, ["Hampir", "registry-nya belum ditulis"]),
    ("docker.io/library/nginx", False, ["tag-nya, 1.21"]),
    ("nginx:1.21", False, ["tulis lengkapnya"]),
    ("index.docker.io/library/nginx:1.21", False, ["nama lama Docker Hub"]),
    ("quay.io/library/nginx:1.21", False, ["registry quay.io", "tidak pernah berarti quay.io"]),
    ("registry-1.docker.io/library/nginx:1.21", False,
     ["server yang dihubungi Docker untuk nama docker.io", "tetap memakai docker.io", "semuanya sudah benar"]),
    ("registry-1.docker.io/nginx:1.21", False, ["tetap memakai docker.io", "namespace library"]),
    ("Docker.io/library/nginx:1.21", False, ["huruf kecil", "semuanya sudah benar"]),
    ("docker.io/library/NGINX:1.21", False, ["huruf kecil", "semuanya sudah benar"]),
    ("DOCKER.IO/nginx:1.21", False, ["huruf kecil", "namespace library"]),
    ("NGINX 1.21", False, ["bukan nama image yang sah"]),
])
def test_06_1_full_name(answer, ok, words):
    result = ex.full_name(answer)
    assert result.ok is ok and all(w in str(result) for w in words), str(result)
    if not ok:  # a sentence that only repeats the answer explains nothing
        assert f"{answer} berarti {answer}" not in result.message, str(result)
        assert len(result.hints) == 1, str(result)


@pytest.mark.parametrize("answer, ok, words", [
    ("ad", True, ["ID image sama", "diff_id"]),
    ("a", False, ["Sebagian benar: 1 dari 2"]),
    ("adc", False, ["2 dari 2", "juga 1 yang berubah", "(c) berubah"]),
    ("bce", False, ["semuanya berubah", "(b) berubah", "(e) berubah"]),
    ("af", False, ["Pilihan f tidak ada"]),
])
def test_06_2_push_keeps(answer, ok, words):
    result = ex.push_keeps(answer)
    assert result.ok is ok and all(w in str(result) for w in words), str(result)


def test_06_3_the_exact_calls_only_after_repeated_failures(lesson_home, progress_file):
    """The template's first check gave `dockerlab.build(..., tag=reg.name('my-app:saya')) →
    course.push(...)`; now the steps come first, the calls after two failed checks in a row."""
    course.start("06-registry")
    reg = course.registry()
    tries = [ex.pushed(reg, "my-app:saya", "my-app:1.0", "my-app:2.0") for _ in range(3)]
    assert all(not r.ok and "belum ada di mesin ini" in r.message for r in tries)
    for early in tries[:2]:
        assert early.hints == (ex_hint("ex.06_3.idea"),) and "dockerlab.build" not in str(early)
    assert tries[2].hints == (ex_hint("ex.06_3.idea"), ex_hint("ex.06_3.hint"))
    assert "course.push(reg.name('my-app:saya'))" in tries[2].hints[1]


def test_06_3_pushed_checks_the_real_registry(lesson_home):
    course.start("06-registry")
    reg = course.registry()
    mine = reg.name("my-app:saya")
    result = ex.pushed(reg, "my-app:saya", "my-app:1.0")
    assert not result.ok and "belum ada di mesin ini" in result.message
    dockerlab.build("contoh/my-app", tag=reg.name("my-app:1.0"), progress=False)
    course.push(reg.name("my-app:1.0"))
    dockerlab.build("contoh/my-app", tag=mine, progress=False)  # not changed, not pushed yet
    result = ex.pushed(reg, "my-app:saya", "my-app:1.0")
    assert not result.ok and "registry belum punya tag saya" in result.message
    course.push(mine)
    same = ex.pushed(reg, "my-app:saya", "my-app:1.0")
    assert not same.ok and "image yang sama dengan my-app:1.0" in same.message, "half right: pushed, not changed"
    course.replace("contoh/my-app/app.sh", "versi 1.0", "versi saya")
    dockerlab.build("contoh/my-app", tag=mine, progress=False)  # changed, but the registry has the old one
    stale = ex.pushed(reg, "my-app:saya", "my-app:1.0")
    assert not stale.ok and "Push sekali lagi" in stale.message
    course.push(mine)
    good = ex.pushed(reg, "my-app:saya", "my-app:1.0")
    assert good.ok and "image Anda" in good.message and "2 layer" in good.message
    assert ex.pushed(reg, mine, "my-app:1.0").ok, "the full name works too"
    assert not ex.pushed("127.0.0.1:5000", "my-app:saya").ok
    reg.stop()
    down = ex.pushed(reg, "my-app:saya")
    assert not down.ok and "tidak menjawab" in down.message
