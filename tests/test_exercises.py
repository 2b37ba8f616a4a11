"""The Latihan checkers: right answers pass, wrong answers fail with a reason, nothing raises.

Images are real OCI images written with stdlib tarfile and the model's builders (no engine).
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest

import dockerlab
from conftest_inspect import DIR, EPOCH, WHITEOUT, BlobDir, layer_tar
from dockerlab import exercises as ex
from dockerlab.builder.result import BuildStep
from dockerlab.model import Descriptor, History, Image, ImageConfig, ImageIndex, Index, Manifest, RunConfig
from dockerlab.model import mediatypes as mt
from dockerlab.model.descriptor import Platform

BASE = [("bin", DIR), ("bin/sh", b"#!busybox\n")]


def image_from(root: Path, layers, *, cmd=("sh",), arch="amd64", ref=None,
               created="2024-01-01T00:00:00Z", steps=()) -> Image:
    """Layers: list of specs (None = metadata-only step); ``steps``: the history's ``created_by``
    texts, by position (default ``STEP <i>`` / ``ENV X=<i>``)."""
    blobs = BlobDir(root)
    history, diff_ids, descs = [], [], []
    for i, spec in enumerate(layers):
        if spec is None:
            history.append(History(created="2024-01-01T00:00:00Z", empty_layer=True,
                                   created_by=steps[i] if i < len(steps) else f"ENV X={i}"))
            continue
        data = layer_tar(spec)
        digest = blobs.put(data)
        diff_ids.append(digest)
        descs.append(Descriptor(mt.OCI_LAYER, digest, len(data)))
        history.append(History(created="2024-01-01T00:00:00Z",
                               created_by=steps[i] if i < len(steps) else f"STEP {i}"))
    config = ImageConfig.create(architecture=arch, config=RunConfig(cmd=tuple(cmd)), diff_ids=diff_ids,
                                history=history, created=created)
    cdig = blobs.put(config.raw)
    manifest = Manifest.build(Descriptor(mt.OCI_CONFIG, cdig, len(config.raw)), descs)
    blobs.put(manifest.raw)
    return Image(blobs.source, manifest, ref)


@pytest.fixture
def app(tmp_path) -> Image:
    # base layer, ENV (no layer), COPY, CMD (no layer) → 2 layers, 4 history steps
    return image_from(tmp_path, [BASE, None, [("app", DIR), ("app/app.sh", b"echo hi\n")], None],
                      cmd=("echo", "Selamat belajar Docker!"))


def step(n: int, cached: bool, instruction: str = "") -> BuildStep:
    return BuildStep(number=n, total=4, instruction=instruction or f"STEP {n}", line=n, stage=None,
                     cached=cached, layer_digest=None)


def assert_result(result, ok: bool, *words: str):
    assert isinstance(result, ex.Result)
    assert result.ok is ok, str(result)
    text = str(result) + " ".join(result.hints)
    for word in words:
        assert word in text, (word, text)
    html = result._repr_html_()
    assert html.startswith("<div class='dl-wrap dl-exercise'") and ("✅" if ok else "❌") in html


# ---- the result object and the raise-free wrapper ---------------------------------------------

def test_result_renders_in_both_languages():
    good = ex.image_contents({"a", "b", "c", "d"})
    assert bool(good) and str(good).startswith("✅ Latihan 00.2: Benar!")
    dockerlab.set_language("en")
    assert str(good).startswith("✅ Exercise 00.2: Correct!")


def test_html_is_escaped():
    result = ex.build_command("docker build -t <b>x</b> .")
    assert "<b>x</b>" not in result._repr_html_() and "&lt;b&gt;" in result._repr_html_()


def test_html_shows_code_spans_as_code_and_text_keeps_backticks():
    result = ex.run_command("docker run -d my-app:1.0")
    html = result._repr_html_()
    assert "<code>docker run -d my-app:1.0</code> menjalankan" in html and "`" not in html, html
    assert "`docker run -d my-app:1.0` menjalankan" in str(result)
    wrong = ex.Result("01.1", False, "pakai `<b>`", ("ganti `CMD`",))
    html = wrong._repr_html_()
    assert "<code>&lt;b&gt;</code>" in html and "<li>ganti <code>CMD</code></li>" in html, html


_DOUBLE = re.compile(r"(?<![.])[.][.](?![.])|…[.]|[?!][.]|[.]{4,}")


def _doubled(text: str) -> bool:
    """Whether ``text`` ends a sentence twice ("…." "!." ".."), outside `code` spans (`..`)."""
    return bool(_DOUBLE.search(re.sub(r"`[^`]*`", "`c`", text)))


def _no_double_punctuation(result) -> None:
    for text in (result.message, *result.hints):
        assert not _doubled(text), text


def test_no_exercise_message_doubles_its_punctuation():
    """Every template, rendered with plain parameters, ends its sentences once."""
    from dockerlab import i18n
    from dockerlab.exercises import forms  # noqa: F401 - registers its messages

    for key, pair in i18n.catalog().items():
        if not key.startswith("ex."):
            continue
        for text in pair:
            fields = i18n.placeholders(text)
            if not all(field.isidentifier() for field in fields):  # literal {1: 'image'}: shown as is
                fields = set()
            rendered = i18n._Grouped("id").vformat(text, (), dict.fromkeys(fields, "x")) if fields else text
            assert not _doubled(rendered), (key, rendered)


def test_verdicts_with_shortened_values_do_not_double_punctuation(app, multiarch):
    for language in ("id", "en"):
        dockerlab.set_language(language)
        _no_double_punctuation(ex.image_id(app.id, app))
        index, _ = multiarch
        arm = next(d for d in index.manifests if str(d.platform) == "linux/arm64")
        _no_double_punctuation(ex.platform_digest(arm.digest, index))
        _no_double_punctuation(ex.build_command("docker build -t my-app:1.0 .."))
        _no_double_punctuation(ex.greeting(list(range(100))))   # a long value is shortened with …
        _no_double_punctuation(ex.layer_count("tiga " * 40, app))


@pytest.mark.parametrize("fn, args", [
    (ex.layer_count, ("tiga", "bukan image")),
    (ex.layer_count, (3,)),
    (ex.image_id, (42, None)),
    (ex.greeting, ("my-app:latest",)),
    (ex.cache_prediction, ({1}, [1, 2])),
    (ex.no_waste, (object(),)),
    (ex.same_image, (None, None)),
    (ex.platform_digest, ("sha256:" + "0" * 64, "index")),
    (ex.image_or_container, (["image"],)),
    (ex.image_contents, (3.5,)),
    (ex.build_command, (["docker", "build"],)),
    (ex.exec_format_error, (...,)),
    (ex.committed, (1, 2)),
    (ex.new_digests, ()),
])
def test_wrong_input_types_are_explained_not_raised(fn, args):
    result = fn(*args)
    assert isinstance(result, ex.Result) and not result.ok and result.message


@pytest.mark.parametrize("call, expected", [
    (lambda: ex.layer_count(3), "argumen ke-2 (image) belum diberikan."),
    (lambda: ex.layer_count(), "argumen ke-1 (jawaban) dan argumen ke-2 (image) belum diberikan."),
    (lambda: ex.cache_prediction({2}), "argumen ke-2 (hasil_build) belum diberikan."),
    (lambda: ex.image_or_container(), "argumen ke-1 (jawaban) belum diberikan."),
    (lambda: ex.same_image(None), "argumen ke-2 (image_hasil_load) belum diberikan."),
    (lambda: ex.layer_count(3, None, 5), "menerima paling banyak 2 argumen, tetapi diberi 3."),
    (lambda: ex.layer_count(3, img=None), "tidak ada argumen bernama 'img'; nama yang dikenal: answer, image."),
    (lambda: ex.layer_count(3, answer=3), "argumen ke-1 (jawaban) diberikan dua kali"),
])
def test_a_wrong_call_is_explained_in_indonesian_from_the_signature(call, expected):
    result = call()
    assert isinstance(result, ex.Result) and not result.ok
    assert expected in result.message and result.message.endswith("Contoh pemakaian: " + result_usage(result))
    for english in ("missing", "required", "positional", "argument:", "TypeError", "takes"):
        assert english not in result.message, result.message


def result_usage(result) -> str:
    return ex.REGISTRY[result.exercise].usage


def test_a_wrong_call_is_explained_in_english_too():
    dockerlab.set_language("en")
    message = ex.layer_count(3).message
    assert "missing: argument 2 (image)." in message and "Usage: layer_count(jawaban, image)" in message


def test_usage_names_are_read_by_position():
    from dockerlab.exercises.result import _usage_names

    assert _usage_names("layer_count(jawaban, image)") == ["jawaban", "image"]
    assert _usage_names("cache_prediction({1, 2}, hasil_build)") == ["", "hasil_build"]
    assert _usage_names("image_or_container({1: 'image', 2: 'kontainer', ...})") == [""]
    assert _usage_names("build_command('docker build -t a,b ...')") == [""]


def test_template_placeholder_is_named():
    assert "..." in ex.layer_count(..., None).message
    assert "..." in ex.image_or_container({1: "image", 2: ...}).message


@pytest.mark.parametrize("number", ["04.3", "4.3", " 4.3 ", "04,3", 4.3])
def test_exercise_numbers_as_a_learner_writes_them(number):
    result = ex.check(number, "b")
    assert result.ok and result.exercise == "04.3"
    assert ex.form(number).exercise == "04.3"


def test_check_by_number_and_unknown_number():
    assert ex.check("04.3", "b").ok
    unknown = ex.check("99.9", 1)
    assert not unknown.ok and "00.1" in unknown.message
    assert {"00.1", "00.2", "01.1", "01.2", "01.3", "02.1", "02.2", "02.3", "03.1", "03.2", "03.3",
            "04.1", "04.2", "04.3"} <= set(ex.REGISTRY)


# ---- 00 ----------------------------------------------------------------------------------------

def test_00_1_image_or_container():
    right = {1: "image", 2: "kontainer", 3: "Image", 4: "container", 5: "image", 6: "KONTAINER"}
    assert_result(ex.image_or_container(right), True)
    wrong = {**right, 1: "kontainer", 6: "image"}
    assert_result(ex.image_or_container(wrong), False, "1, 6", "hanya-baca")
    assert_result(ex.image_or_container({1: "image"}), False, "2, 3, 4, 5, 6")
    assert_result(ex.image_or_container({**right, 2: "proses"}), False, "'proses'")


def test_00_2_image_contents():
    assert_result(ex.image_contents("a, b, c, d"), True)
    assert_result(ex.image_contents(["A", "b", "c", "d", "f"]), False, "kernel")
    assert_result(ex.image_contents({"a", "b", "c"}), False, "Masih ada 1 pilihan")


@pytest.mark.parametrize("answer", ["efg", "e", "abe", "abc", "bcdg"])
def test_00_2_never_names_a_right_choice_not_ticked(answer):
    """An all-wrong first answer read "Pilihan a, b, c dan d juga termasuk isi image": the
    answer. The verdict counts what is unticked and names only what the learner ticked."""
    result = ex.image_contents(answer)
    missing = len(set("abcd") - set(answer))
    text = " ".join((result.message, *result.hints))
    assert not result.ok and f"Masih ada {missing} pilihan yang termasuk isi image" in text, text
    named = set(re.findall(r"(?<![\w`'])([a-g])(?![\w`'])", text.replace("(", " ").replace(")", " ")))
    assert named <= set(answer), (named, text)
    assert_result(ex.image_contents("az"), False, "z")


# ---- 01 ----------------------------------------------------------------------------------------

@pytest.fixture
def greeter(tmp_path, monkeypatch):
    """Build a real image from a Dockerfile in the embedded engine (its containers run through
    this machine's executor): 01.1 judges what a container of it prints."""
    from build_helpers import make_context, need_executor

    from dockerlab import engines

    need_executor()
    monkeypatch.setenv("DOCKERLAB_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    engines.reset()
    count = itertools.count()

    def build(dockerfile: str, files: dict | None = None):
        context = make_context(tmp_path / f"halo-{next(count)}", files or {},
                               "FROM dockerlab.local/busybox\n" + dockerfile)
        return dockerlab.build(str(context), tag="halo:1.0", progress=False).image

    yield build
    engines.reset()


@pytest.mark.executor
@pytest.mark.parametrize("dockerfile, files", [
    ('CMD ["echo", "Selamat belajar Docker!"]', {}),
    ("CMD echo Selamat belajar Docker!", {}),                                  # the shell form
    ('COPY pesan.txt /pesan.txt\nCMD ["cat", "/pesan.txt"]', {"pesan.txt": "Selamat belajar Docker!\n"}),
    ('ENTRYPOINT ["echo"]\nCMD ["Selamat belajar Docker!"]', {}),
])
def test_01_1_every_image_that_prints_the_text_is_right(greeter, dockerfile, files):
    """The checker runs the image: every Dockerfile whose container prints exactly the text passes
    (a learner trial saw COPY + cat rejected when the CMD text was read instead)."""
    assert_result(ex.greeting(greeter(dockerfile, files)), True, "Selamat belajar Docker!", "persis")


@pytest.mark.executor
def test_01_1_what_the_container_prints_is_judged(greeter):
    """A wrong text and a command that prints nothing fail although their CMD holds the text."""
    wrong_text = ex.greeting(greeter('CMD ["echo", "Bukan Selamat belajar Docker! salah"]'))
    assert_result(wrong_text, False, "juga teks lain", "Bukan Selamat belajar Docker! salah")
    silent = ex.greeting(greeter('CMD ["sh", "-c", "echo Selamat belajar Docker! > /dev/null"]'))
    assert_result(silent, False, "tidak mencetak apa pun", "echo")
    shouting = ex.greeting(greeter('CMD ["echo", "SELAMAT BELAJAR DOCKER!"]'))
    assert_result(shouting, False, "huruf besar-kecil")
    failing = ex.greeting(greeter('CMD ["sh", "-c", "echo Selamat belajar Docker!; exit 3"]'))
    assert_result(failing, False, "kode 3")


@pytest.mark.executor
def test_01_1_the_template_gets_one_step_not_the_answer(greeter):
    """Running the pre-filled cell once must not print the solution: the hint says where the
    text comes from (CMD), never the finished line."""
    result = ex.greeting(greeter('CMD ["echo", "Halo"]'))
    assert_result(result, False, "'Halo'", "CMD")
    assert "Selamat belajar Docker!\"]" not in str(result) and 'CMD ["echo", "Selamat' not in str(result)


def test_01_1_no_command_is_explained(tmp_path):
    none = image_from(tmp_path / "n", [BASE], cmd=())
    assert_result(ex.greeting(none), False, "tidak punya perintah bawaan", "Tambahkan baris CMD")


@pytest.mark.executor
@pytest.mark.parametrize("run_line", [
    "RUN echo Selamat belajar Docker!",
    'RUN echo "Selamat belajar Docker!"',
])
def test_01_1_run_instead_of_cmd_is_explained(greeter, run_line):
    """RUN echo … prints while building; the container still runs the template's CMD."""
    result = ex.greeting(greeter(f'{run_line}\nCMD ["echo", "Halo"]'))
    assert_result(result, False, "DIBANGUN", "DIMULAI", "Ganti RUN itu menjadi CMD", "`RUN echo ")
    assert "RUN /bin/sh" not in str(result)


@pytest.mark.parametrize("created_by", [
    "/bin/sh -c echo Selamat belajar Docker!",                       # the course's builder, legacy Docker
    'RUN /bin/sh -c echo "Selamat belajar Docker!" # buildkit',     # BuildKit
])
def test_01_1_the_run_step_is_found_in_either_builders_history(tmp_path, created_by):
    from dockerlab.exercises.basics import _run_step_printing

    image = image_from(tmp_path, [BASE, [("x", b"")], None], cmd=("/app/app.sh",),
                       steps=["COPY", created_by, '/bin/sh -c #(nop)  CMD ["/app/app.sh"]'])
    assert _run_step_printing(image, "Selamat belajar Docker!").startswith("RUN echo ")
    cmd_step = image_from(tmp_path / "c", [BASE, None], cmd=("/app/app.sh",),
                          steps=["COPY", 'CMD ["echo" "Selamat belajar Docker!"] # buildkit'])
    assert _run_step_printing(cmd_step, "Selamat belajar Docker!") is None


def test_01_1_the_whole_command_in_one_json_element(tmp_path):
    """CMD ["echo Selamat belajar Docker!"] names a program that does not exist: not right, and
    the hint shows the JSON form with another command, not the answer."""
    image = image_from(tmp_path, [BASE], cmd=("echo Selamat belajar Docker!",))
    result = ex.greeting(image)
    assert_result(result, False, "'echo Selamat belajar Docker!'", "elemen sendiri", 'CMD ["ls", "-l"]')
    assert 'CMD ["echo", "Selamat belajar Docker!"]' not in str(result)
    dockerlab.set_language("en")
    assert "its own element" in " ".join(ex.greeting(image).hints)


@pytest.mark.parametrize("command", [
    "docker build -t my-app:1.0 .", "$ docker build --tag my-app:1.0 .", "docker build --tag=my-app:1.0 .",
    "docker image build -t my-app:1.0 ./", "docker build . -t my-app:1.0",
    "podman build -t my-app:1.0 .",  # what the course shows a learner on Podman
])
def test_01_2_build_command_accepts_equivalent_forms(command):
    assert_result(ex.build_command(command), True)


@pytest.mark.parametrize("command, word", [
    ("docker build .", "-t my-app:1.0"),
    ("docker build -t my-app .", "'my-app'"),
    ("docker build -t my-app:1.0", "`.`"),
    ("docker run -t my-app:1.0 .", "`build`"),
    ("dokcer build -t my-app:1.0 .", "'dokcer'"),
    ("docker build -t 'my-app:1.0 .", "tanda kutip"),
])
def test_01_2_build_command_explains_mistakes(command, word):
    assert_result(ex.build_command(command), False, word)


@pytest.mark.parametrize("command, given, wanted", [
    ("docker build -T my-app:1.0 .", "-T", "-t"),
    ("docker build --TAG my-app:1.0 .", "--TAG", "--tag"),
])
def test_01_2_options_are_case_sensitive(command, given, wanted):
    result = ex.build_command(command)
    assert_result(result, False, "huruf besar dan kecil", f"`{given}` bukan `{wanted}`")


def test_01_3_run_command():
    assert_result(ex.run_command("docker run -d my-app:1.0"), True)
    assert_result(ex.run_command("docker run --name web -d my-app:1.0"), True)
    assert_result(ex.run_command("docker container run --detach my-app:1.0"), True)
    assert_result(ex.run_command("podman run -d my-app:1.0"), True)
    assert_result(ex.run_command("docker run my-app:1.0"), False, "-d")
    assert_result(ex.run_command("docker run my-app:1.0 -d"), False, "-d")
    assert_result(ex.run_command("docker run -d my-app"), False, "my-app:1.0")


def test_01_3_options_are_case_sensitive():
    result = ex.run_command("docker run -D my-app:1.0")
    assert_result(result, False, "Opsi membedakan huruf besar dan kecil: `-D` bukan `-d`")
    assert_result(ex.run_command("docker run --Detach my-app:1.0"), False, "`--Detach` bukan `--detach`")
    dockerlab.set_language("en")
    assert_result(ex.run_command("docker run -D my-app:1.0"), False, "Options are case-sensitive")


# ---- 02 ----------------------------------------------------------------------------------------

def test_02_1_layer_count(app):
    assert_result(ex.layer_count(2, app), True, "2 layer", "4 entri")
    assert_result(ex.layer_count("2", app), True)
    assert_result(ex.layer_count(1, app), False, "image dasar")
    assert_result(ex.layer_count(True, app), False, "Ketik angka saja, misalnya 3")


@pytest.fixture
def local_engine(course_home):
    from dockerlab import engines

    dockerlab.use_engine("local")
    yield engines.current()
    engines.reset()


def test_02_1_says_where_the_history_steps_come_from(local_engine, tmp_path):
    """A learner trial: "9 langkah" for an 8-line Dockerfile, with no word on the base image's own
    history steps. The verdict splits the count: base image + the learner's Dockerfile."""
    from build_helpers import make_context
    from dockerlab.exercises.layers import base_history_steps

    make_context(tmp_path / "dasar", {"a.txt": "a\n"}, "FROM scratch\nCOPY a.txt /\nENV A=1\n")
    base = dockerlab.build(tmp_path / "dasar", tag="dasar:1", progress=False).image
    make_context(tmp_path / "app", {"b.txt": "b\n"},
                 "FROM dasar:1\nENV B=2\nCOPY b.txt /\nEXPOSE 80\nCMD [\"sh\"]\n")
    # An earlier, shorter build of the same image: it starts the history too, but it is no base.
    make_context(tmp_path / "lama", {"b.txt": "b\n"}, "FROM dasar:1\nENV B=2\n")
    dockerlab.build(tmp_path / "lama", tag="hitung:0", progress=False)
    image = dockerlab.build(tmp_path / "app", tag="hitung:1", progress=False).image
    steps, layers = len(image.config.history), len(image.layers)
    assert (steps, layers) == (6, 2) and len(base.config.history) == 2
    assert base_history_steps(image) == 2
    split = "6 entri (2 dari image dasar + 4 dari Dockerfile Anda)"
    assert_result(ex.layer_count(layers, image), True, f"Riwayatnya berisi {split}; 4 di antaranya")
    assert_result(ex.layer_count(steps, image), False, f"Anda menghitung semua entri riwayat: {split}.")
    # Without the base image in the engine there is no split, and no wrong number either.
    assert base_history_steps(image, candidates=[image]) is None
    dockerlab.set_language("en")
    assert_result(ex.layer_count(layers, image), True,
                  "6 entries (2 from the base image + 4 from your Dockerfile)")


def test_02_1_hints_for_the_usual_wrong_answers_agree_with_the_lesson(local_engine, tmp_path):
    """Notebook 02's Latihan 1: 9 (every history entry) is told which entries add no layer —
    not WORKDIR, which makes one in the history the learner saw; 8 (one per Dockerfile line)
    gets a hint of its own that does not give the number away."""
    from build_helpers import make_context

    make_context(tmp_path / "hitung", {"angka.txt": "1 2 3\n"},
                 "FROM dockerlab.local/busybox\nENV MODE=produksi\nWORKDIR /srv\nCOPY angka.txt /srv/\n"
                 'RUN echo "siap" > /srv/status.txt\nEXPOSE 8080\nUSER nobody\nCMD ["cat", "/srv/status.txt"]\n')
    image = dockerlab.build(tmp_path / "hitung", tag="hitung:1", progress=False).image
    assert (len(image.layers), len(image.config.history)) == (4, 9)
    every = ex.layer_count(9, image)
    assert_result(every, False, "semua entri riwayat", "CMD, ENV, EXPOSE, USER hanya mengubah config",
                  "WORKDIR, COPY dan RUN memang menambah layer")
    assert "WORKDIR hanya" not in str(every) and "WORKDIR, CMD" not in str(every)
    per_line = ex.layer_count(8, image)
    assert_result(per_line, False, "satu per baris Dockerfile", "mengubah berkas")
    assert " 4 " not in str(per_line) and "= 4" not in str(per_line)
    assert_result(ex.layer_count(3, image), False, "image dasar")
    assert_result(ex.layer_count(4, image), True)


def test_02_1_without_a_known_base_names_no_split(app):
    from dockerlab.exercises.layers import base_history_steps

    assert base_history_steps(app, candidates=[]) is None
    assert_result(ex.layer_count(2, app), True, "4 entri (termasuk entri dari image dasar)")
    assert_result(ex.layer_count(4, app), False, "semua entri riwayat: 4 entri (termasuk")


@pytest.mark.parametrize("typed", ["2", " 2 ", "2.", "2.0", "2 layer", "2 lapisan", 2, 2.0])
def test_numbers_are_read_as_a_learner_types_them(typed, app):
    assert_result(ex.layer_count(typed, app), True)


@pytest.mark.parametrize("typed", ["tiga", "2 atau 3", "2.5", "-2", [2], True])
def test_a_non_number_asks_for_just_a_number(typed, app):
    result = ex.layer_count(typed, app)
    assert_result(result, False, "Ketik angka saja, misalnya 3")


def test_02_2_cache_prediction():
    steps = [step(1, True), step(2, True), step(3, False), step(4, False)]
    assert_result(ex.cache_prediction({1, 2}, steps), True, "1, 2")
    assert_result(ex.cache_prediction("1 2", steps), True)
    assert_result(ex.cache_prediction([1, 2, 4], steps), False, "1, 2, 4", "Langkah 4")
    assert_result(ex.cache_prediction({1, 9}, steps), False, "9")

    class Built:  # a build result carries its steps
        pass

    built = Built()
    built.steps = steps
    assert_result(ex.cache_prediction({1, 2}, built), True)
    # FROM is neither built nor cached: only the steps after it count
    with_from = [step(1, False, "FROM base"), step(2, True), step(3, False)]
    assert_result(ex.cache_prediction({2}, with_from), True)
    assert_result(ex.cache_prediction({1}, with_from), False, "FROM")


def test_02_2_a_wrong_guess_is_not_told_the_answer():
    """A learner trial: the first wrong try printed the right set. Now it gets counts and one
    step of help; the set is only in the Solusi."""
    steps = [step(1, False, "FROM base"), step(2, True), step(3, True), step(4, True),
             step(5, False, "COPY app.sh /app/"), step(6, False, "CMD")]
    guess = ex.cache_prediction({2, 3, 4, 5}, steps)
    assert_result(guess, False, "Tebakan Anda 2, 3, 4, 5 belum tepat", "3 benar", "1 tidak diambil")
    assert "2, 3, 4" not in guess.message.replace("2, 3, 4, 5", "")
    assert_result(guess, False, "langkah pertama yang berubah")
    short = ex.cache_prediction({2}, steps)
    assert_result(short, False, "2 langkah yang diambil dari cache belum dicentang", "di atas perubahan")
    assert "3, 4" not in str(short)
    late = ex.cache_prediction({2, 3, 4, 6}, steps)
    assert_result(late, False, "Langkah 6 ada di bawah langkah yang berubah")


def test_02_2_from_is_never_from_the_cache():
    """The notebook says FROM is never "dari cache": a set that includes it is not right."""
    steps = [step(1, False, "FROM base"), step(2, True), step(3, True), step(4, False)]
    result = ex.cache_prediction({1, 2, 3}, steps)
    assert_result(result, False, "Langkah 1 adalah FROM", "tidak pernah diambil dari cache")
    assert_result(ex.cache_prediction({2, 3}, steps), True)



UNDUHAN = b"\0" * 5000  # the downloaded temporary file (400000 bytes in the notebook)


def test_02_3_no_waste(tmp_path):
    one_run = ("base", "/bin/sh -c head -c 400000 /dev/zero > /tmp/unduhan.bin && mkdir -p /opt "
                       "&& wc -c < /tmp/unduhan.bin > /opt/ukuran.txt && rm /tmp/unduhan.bin")
    lean = image_from(tmp_path / "l", [BASE, [("opt", DIR), ("opt/ukuran.txt", b"400000\n")]], steps=one_run)
    assert_result(ex.no_waste(lean), True, "100%")
    padded = image_from(tmp_path / "p", [BASE, [("opt", DIR), ("opt/ukuran.txt", b"  400000 \n")]],
                        steps=one_run)
    assert_result(ex.no_waste(padded), True)
    # the notebook's template: three RUNs, the file deleted in a layer of its own
    wasteful = image_from(tmp_path / "w", [BASE, [("tmp", DIR), ("tmp/unduhan.bin", UNDUHAN)],
                                           [("opt", DIR), ("opt/ukuran.txt", b"400000\n")],
                                           [("tmp/unduhan.bin", WHITEOUT)]],
                          steps=("base", "/bin/sh -c head -c 400000 /dev/zero > /tmp/unduhan.bin",
                                 "/bin/sh -c mkdir -p /opt && wc -c < /tmp/unduhan.bin > /opt/ukuran.txt",
                                 "/bin/sh -c rm /tmp/unduhan.bin"))
    result = ex.no_waste(wasteful)
    assert_result(result, False, "5.000 byte", "/tmp/unduhan.bin", "&&")
    assert re.fullmatch(r"Image ini masih membuang 5\.000 byte \(skor efisiensi \d+%\)\.", result.message)


def test_02_3_no_waste_checks_what_the_image_keeps(tmp_path):
    """A learner trial: one RUN that never deletes the file, or a size typed by hand, passed."""
    kept = image_from(tmp_path / "k", [BASE, [("opt", DIR), ("opt/ukuran.txt", b"400000\n"), ("tmp", DIR),
                                              ("tmp/unduhan.bin", UNDUHAN)]])
    result = ex.no_waste(kept)
    assert_result(result, False, "/tmp/unduhan.bin masih ada di image", "5.000 byte", "rm /tmp/unduhan.bin")
    assert "membuang" not in result.message  # stored once: no waste, yet not what was asked
    typed = image_from(tmp_path / "t", [BASE, [("opt", DIR), ("opt/ukuran.txt", b"400\n")]])
    assert_result(ex.no_waste(typed), False, "/opt/ukuran.txt berisi '400', bukan 400000", "wc -c")
    empty = image_from(tmp_path / "e", [BASE, [("opt", DIR), ("opt/ukuran.txt", b"")]])
    assert_result(ex.no_waste(empty), False, "berisi kosong")
    missing = ex.no_waste(image_from(tmp_path / "m", [BASE]))
    assert_result(missing, False, "/opt/ukuran.txt tidak ada di image", "mkdir -p /opt")
    folder = image_from(tmp_path / "f", [BASE, [("opt", DIR), ("opt/ukuran.txt", DIR)]])
    assert_result(ex.no_waste(folder), False, "bukan berkas biasa")
    # the merged file system counts: a later layer's version of the file is the one read
    later = image_from(tmp_path / "v", [BASE, [("opt", DIR), ("opt/ukuran.txt", b"400000\n")],
                                        [("opt/ukuran.txt", b"400\n")]])
    assert_result(ex.no_waste(later), False, "berisi '400'", "membuang")
    both = image_from(tmp_path / "b", [BASE, [("tmp", DIR), ("tmp/unduhan.bin", UNDUHAN)],
                                       [("opt", DIR), ("opt/ukuran.txt", b"400\n")]])
    result = ex.no_waste(both)
    assert_result(result, False, "masih ada", "berisi '400'", "rm /tmp/unduhan.bin", "wc -c")
    dockerlab.set_language("en")
    assert_result(ex.no_waste(both), False, "is still in the image", "holds '400', not 400000")


# ---- 03 ----------------------------------------------------------------------------------------

def test_03_1_image_id(app):
    assert_result(ex.image_id(app.id, app), True, app.id.short)
    assert_result(ex.image_id(app.id.hex[:12].upper(), app), True)
    result = ex.image_id(app.digest, app)
    assert_result(result, False, "digest manifest", "mesin bawaan dockerlab", "containerd image store")
    assert_result(ex.image_id(str(app.layers[1].digest), app), False, "layer nomor 1")
    assert_result(ex.image_id("sha256:" + "f" * 64, app), False, "tidak cocok")
    assert_result(ex.image_id("abc", app), False, "12 digit")
    assert_result(ex.image_id("sha256:" + "a" * 65, app), False, "terlalu panjang")


def test_03_1_accepts_what_a_containerd_store_shows_as_image_id(app, monkeypatch):
    """Docker with the containerd image store (the default of new Docker Engine 29+ and Docker
    Desktop 4.34+ installs) shows the manifest digest as IMAGE ID: that answer is right there,
    explained, and so is the config digest. (No Docker Engine here has that store: its answer
    to `docker info` is read by dockerlab.machine.docker_image_store, tested on its own.)"""
    from dockerlab.exercises import identity

    monkeypatch.setattr(identity, "image_store", lambda: "containerd")
    manifest = ex.image_id(app.digest, app)
    assert_result(manifest, True, "containerd image store", "digest manifest", app.id.short)
    config = ex.image_id(app.id, app)
    assert_result(config, True, "digest config", "containerd image store", app.digest.short)


def test_the_docker_image_store_is_read_from_docker_info(docker_host, monkeypatch):
    """The real daemon here (Debian 12's 20.10, overlay2) has the classic store; the containerd
    store's `docker info` says driver-type io.containerd.snapshotter.v1 in DriverStatus."""
    import docker as docker_sdk

    from dockerlab import engines
    from dockerlab.exercises.identity import image_store
    from dockerlab.machine import docker_image_store

    info = docker_sdk.DockerClient(base_url=docker_host).info()
    assert docker_image_store(info) == "classic"
    assert docker_image_store({"Driver": "overlayfs",
                               "DriverStatus": [["driver-type", "io.containerd.snapshotter.v1"]]}) == "containerd"
    assert docker_image_store({"Driver": "overlay2", "DriverStatus": [["Backing Filesystem", "extfs"]]}) == "classic"
    monkeypatch.setenv("DOCKER_HOST", docker_host)
    monkeypatch.setenv("DOCKERLAB_ENGINE", "docker")
    engines.reset()
    try:
        assert image_store() == "classic"
    finally:
        engines.reset()
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    assert image_store() == "embedded"


@pytest.mark.parametrize("paste", ['"{d}"', "'{d}'", ' "{d}", ', "`{d}`", "{d}\n", "salam:1@{d}"])
def test_digests_pasted_with_quotes_are_read(app, paste):
    assert_result(ex.image_id(paste.format(d=app.id), app), True)
    assert_result(ex.image_id(paste.format(d="sha256:" + app.id.hex[:12]), app), True)


@pytest.mark.parametrize("name", ["salam:1", "'salam:1'", "docker.io/library/salam:latest"])
def test_an_image_name_is_not_a_digest(app, name):
    result = ex.image_id(name, app)
    shown = name.strip("'")
    assert_result(result, False, f"'{shown}' adalah nama image, bukan digest: salin ID/digest-nya "
                                 "(deretan angka heksadesimal)")


def changed_from(root: Path, *, created="2024-01-01T00:00:00Z") -> Image:
    return image_from(root, [BASE, None, [("app", DIR), ("app/app.sh", b"echo hI\n")], None],
                      cmd=("echo", "Selamat belajar Docker!"), created=created)


def stored_at(image: Image, seconds: int) -> None:
    """Set when the image's config blob was (as if) written."""
    os.utime(image.source.blob_path(image.id), (seconds, seconds))


def test_03_2_new_digests(tmp_path, app):
    changed = changed_from(tmp_path / "c")
    stored_at(app, EPOCH + 10)
    stored_at(changed, EPOCH + 20)
    result = ex.new_digests(app, changed)
    assert_result(result, True, f"ID {app.id.short} → {changed.id.short}", "1 layer bawah", "Image lama")
    assert_result(ex.new_digests(app, app), False, "dua kali")
    copy = image_from(tmp_path / "d", [BASE, None, [("app", DIR), ("app/app.sh", b"echo hi\n")], None],
                      cmd=("echo", "Selamat belajar Docker!"), ref="lain")
    assert_result(ex.new_digests(app, copy), False, "identik")


def test_03_2_old_image_first(tmp_path, app):
    """The course's builder stamps every image with one epoch: the store's write time tells."""
    changed = changed_from(tmp_path / "c")
    stored_at(app, EPOCH + 10)
    stored_at(changed, EPOCH + 20)
    swapped = ex.new_digests(changed, app)
    assert_result(swapped, False, "Urutannya terbalik", "image lama dulu")
    assert "→" not in swapped.message
    # the Docker Engine stamps the build time: created decides, before the files' times
    later = changed_from(tmp_path / "later", created="2024-06-01T10:00:00.123456789Z")
    stored_at(later, EPOCH)
    assert_result(ex.new_digests(app, later), True, "→")
    assert_result(ex.new_digests(later, app), False, "terbalik")


def test_03_2_undecided_order_claims_no_direction(tmp_path, app):
    changed = changed_from(tmp_path / "c")
    for image in (app, changed):
        stored_at(image, EPOCH + 10)
    for pair in ((app, changed), (changed, app)):
        result = ex.new_digests(*pair)
        assert_result(result, True, f"ID {pair[0].id.short} dan {pair[1].id.short}", "1 layer bawah")
        assert "→" not in result.message and "lama" not in result.message


def test_03_3_committed(tmp_path):
    original = image_from(tmp_path / "o", [BASE])
    commit = image_from(tmp_path / "c", [BASE, [("catatan.txt", b"ditulis kontainer\n")]])
    assert_result(ex.committed(original, commit), True, "1 layer", commit.id.short)
    assert_result(ex.committed(original, original), False, "sama dengan image asal")
    other = image_from(tmp_path / "x", [[("etc", DIR)], [("catatan.txt", b"x")]])
    result = ex.committed(original, other)
    assert_result(result, False, "hasil commit")
    assert "terbalik" not in result.message
    swapped = ex.committed(commit, original)
    assert_result(swapped, False, "Urutannya terbalik?", "image asal dulu")
    # The hint fits the swap (which one is which), not the commit the learner already made.
    assert "Jalankan kontainer" not in " ".join(swapped.hints), swapped
    assert len(swapped.hints) == 1 and "lebih banyak layer" in swapped.hints[0], swapped


# ---- 04 ----------------------------------------------------------------------------------------

def test_04_1_same_image(tmp_path, app):
    twin = image_from(tmp_path / "t", [BASE, None, [("app", DIR), ("app/app.sh", b"echo hi\n")], None],
                      cmd=("echo", "Selamat belajar Docker!"))
    assert_result(ex.same_image(app, twin), True, app.id.short, "2 layer")
    other = image_from(tmp_path / "o", [BASE])
    assert_result(ex.same_image(app, other), False, "1 dari 2")
    assert_result(ex.same_image(app, app), False, "objek yang sama")


def test_04_1_the_list_load_returns(tmp_path, app):
    twin = image_from(tmp_path / "t", [BASE, None, [("app", DIR), ("app/app.sh", b"echo hi\n")], None],
                      cmd=("echo", "Selamat belajar Docker!"))
    result = ex.same_image(app, [twin])
    assert_result(result, False, "load mengembalikan daftar image; pakai dimuat[0]")
    assert_result(ex.same_image(app, [twin][0]), True)
    assert_result(ex.greeting([app, twin]), False, "daftar berisi 2 image", "[0]")


@pytest.fixture
def multiarch(tmp_path) -> ImageIndex:
    blobs = BlobDir(tmp_path / "idx")
    images = {arch: image_from(tmp_path / "idx", [[("bin", DIR), ("bin/sh", arch.encode())]], arch=arch)
              for arch in ("amd64", "arm64")}
    index = Index.build([img.manifest.descriptor(platform=Platform("linux", arch)) for arch, img in images.items()])
    blobs.put(index.raw)
    return ImageIndex(blobs.source, index), images


def test_04_2_platform_digest(multiarch):
    index, images = multiarch
    arm, amd = images["arm64"], images["amd64"]
    assert_result(ex.platform_digest(arm.digest, index), True, "linux/arm64")
    assert_result(ex.platform_digest(amd.digest.hex[:16], index, "linux/amd64"), True)
    assert_result(ex.platform_digest(index.digest, index), False, "index")
    assert_result(ex.platform_digest(amd.digest, index), False, "linux/amd64")
    assert_result(ex.platform_digest(arm.id, index), False, "ID image")
    assert_result(ex.platform_digest("sha256:" + "e" * 64, index), False, "tidak ada")
    assert_result(ex.platform_digest(arm.digest, index, "linux/s390x"), False, "linux/s390x")


def test_04_3_exec_format_error():
    assert_result(ex.exec_format_error("b"), True, "arsitektur")
    assert_result(ex.exec_format_error("B"), True)
    assert_result(ex.exec_format_error("a"), False, "digest-nya tidak cocok")
    assert_result(ex.exec_format_error("ab"), False, "satu jawaban")


JUNK = [None, 0, -1, 2.5, True, "", "x", "sha256:", "sha256:" + "z" * 64, [], {}, set(), (), [None],
        {1: None}, {"a"}, b"bytes", object(), ..., float("nan"), "docker", "docker build"]


@pytest.mark.parametrize("exercise", sorted(ex.REGISTRY))
def test_no_checker_raises_on_junk(exercise):
    import itertools

    checker = ex.REGISTRY[exercise]
    for count in range(0, 4):
        for args in itertools.islice(itertools.product(JUNK, repeat=count), 400):
            result = checker(*args)
            assert isinstance(result, ex.Result) and result.exercise == exercise
            if not result.ok:
                assert result.message and str(result) and result._repr_html_()


TYPE_NAMES = re.compile(r"\b(str|int|float|bool|dict|tuple|NoneType|ellipsis|bytes|string)\b")


@pytest.mark.parametrize("exercise", sorted(ex.REGISTRY))
def test_no_python_type_names_in_learner_text(exercise):
    """What the learner reads names what is expected in words, and the value as given (in quotes,
    which this ignores); never `str`/`int`, and junk never reaches the crash explanation."""
    checker = ex.REGISTRY[exercise]
    for language, value in itertools.product(("id", "en"), JUNK):
        dockerlab.set_language(language)
        for args in ((value,), (value, value), (..., value)):
            result = checker(*args)
            text = " ".join((result.message, *result.hints))
            assert not TYPE_NAMES.search(re.sub(r"'[^']*'|\"[^\"]*\"", "", text)), (exercise, args, text)
            assert "tidak bisa diperiksa" not in text and "cannot be checked" not in text, (exercise, args, text)


def test_learner_trial_feedback_names_the_real_mistake():
    from dockerlab import exercises as latihan

    no_context = latihan.build_command("docker build -t my-app:1.0")
    assert not no_context.ok and "titik" in str(no_context) and "bukan -" not in str(no_context)
    late = latihan.run_command("docker run my-app:1.0 -d")
    assert not late.ok and "setelah nama image" in str(late)
    assert latihan.run_command("docker run -d my-app:1.0").ok


def test_01_1_a_broken_json_cmd_is_named(tmp_path):
    # Docker runs a CMD that looks like JSON but does not parse as `/bin/sh -c '<text>'`
    image = image_from(tmp_path, [BASE], cmd=("/bin/sh", "-c", '["echo", "Selamat belajar Docker!]'))
    assert_result(ex.greeting(image), False, "bukan JSON yang valid", "not found")


def test_02_2_a_build_run_again_unchanged_is_explained():
    again = [step(1, False, "FROM base"), step(2, True), step(3, True), step(4, True)]
    assert_result(ex.cache_prediction({2, 3, 4}, again), False, "seluruhnya diambil dari cache",
                  "course.start")


# The right answer of every exercise a learner types or ticks (the notebooks' Solusi), and the
# exercises whose answer is something built or done (an image, a container, a push): their
# usage names variables, which hold no answer.
TYPED_ANSWERS = {
    "00.1": {1: "image", 2: "kontainer", 3: "image", 4: "kontainer", 5: "image", 6: "kontainer"},
    "00.2": "abcd", "01.2": "docker build -t my-app:1.0 .", "01.3": "docker run -d my-app:1.0",
    "02.1": 4, "02.2": {2, 3, 4}, "04.3": "b", "05.1": "bd", "06.1": "docker.io/library/nginx:1.21",
    "06.2": "ad", "07.1": 2, "07.3": "b", "08.2": 1,
    "09.1": {1: "b", 2: "c", 3: "a", 4: "d"}, "09.2": {5: "a", 6: "b", 7: "c", 8: "d"},
    "09.3": {9: "a", 10: "c", 11: "b", 12: "d"},
}
DONE_ANSWERS = {"01.1", "02.3", "03.1", "03.2", "03.3", "04.1", "04.2", "05.2", "05.3", "06.3", "07.2",
                "08.1", "08.3"}


def _example_values(usage: str) -> list:
    """The literal arguments of a usage text (names and calls give nothing)."""
    import ast

    call = ast.parse(usage, mode="eval").body
    values = []
    for arg in call.args:
        try:
            values.append(ast.literal_eval(arg))
        except ValueError:
            pass
    return values


def _gives_away(example, right) -> bool:
    """Does ``example`` equal or hold (part of) the right answer?"""
    from dockerlab.exercises.answers import as_choices

    if isinstance(right, dict):
        return isinstance(example, dict) and any(example.get(k) == v for k, v in right.items())
    if isinstance(right, int):
        return example == right or str(right) == str(example).strip()
    if isinstance(right, set) or (isinstance(right, str) and right.isalpha() and len(right) <= 7):
        try:
            chosen = as_choices(example)
        except Exception:  # noqa: BLE001 - not a choice at all: gives nothing away
            return False
        return bool(chosen & {str(c) for c in (right if isinstance(right, set) else right)})
    return isinstance(example, str) and right in example


def test_every_exercise_is_listed_with_its_kind_of_answer():
    assert set(TYPED_ANSWERS) | DONE_ANSWERS == set(ex.REGISTRY)
    assert not set(TYPED_ANSWERS) & DONE_ANSWERS
    for exercise, right in TYPED_ANSWERS.items():  # the table holds what the checkers accept
        if exercise not in ("02.1", "02.2", "07.1", "08.2"):  # those need the learner's image too
            assert ex.check(exercise, right).ok, exercise


@pytest.mark.parametrize("exercise", sorted(ex.REGISTRY))
def test_no_usage_example_or_form_placeholder_gives_the_answer_away(exercise):
    """A checker called without an answer shows its usage (ex.bad_call); a form shows a
    placeholder; neither may be the solution, nor a part of it."""
    from dockerlab.exercises.forms import FORMS, Text

    usage = ex.REGISTRY[exercise].usage
    bad_call = ex.check(exercise).message
    assert usage in bad_call
    right = TYPED_ANSWERS.get(exercise)
    if right is None:
        return
    for example in _example_values(usage):
        assert not _gives_away(example, right), (exercise, usage)
    field = FORMS.get(exercise)
    if isinstance(field, Text):
        assert field.placeholder is None or not _gives_away(field.placeholder, right), (exercise, field)
    wrong_type = ex.check(exercise, 12345).message  # the "what is expected" text has an example too
    for example in re.findall(r"\{[^{}]*\}|'[^']*'", wrong_type):
        try:
            import ast

            value = ast.literal_eval(example)
        except (ValueError, SyntaxError):
            continue
        assert not _gives_away(value, right), (exercise, wrong_type)
