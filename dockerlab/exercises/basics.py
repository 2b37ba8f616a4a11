"""Checkers for 00-pengantar (image vs container) and 01-image-pertama (the first workflow)."""

from __future__ import annotations

import json
import re
import shlex
from typing import Any

from ..i18n import messages, tr
from .answers import as_choices, as_image, as_text, not_template
from .result import Explain, Result, _joined, checker, right, wrong, wrong_type

messages({
    # 00.1 — image or container?
    "ex.00_1.expect": (
        "pasangan nomor pernyataan: 'image' atau 'kontainer' di antara kurung kurawal, misalnya "
        "{1: 'image', 2: 'kontainer'}",
        "pairs of statement number: 'image' or 'container' in curly braces, for example "
        "{1: 'image', 2: 'container'}",
    ),
    # the statements, as the form shows them beside their drop-downs (notebook 00, Latihan 1)
    "ex.00_1.statement.1": ("Bersifat hanya-baca (read-only).", "Is read-only."),
    "ex.00_1.statement.2": ("Sedang berjalan sebagai proses dan punya nomor proses (PID).",
                            "Runs as a process and has a process number (PID)."),
    "ex.00_1.statement.3": ("Bisa dikirim ke registry dengan `docker push`.",
                            "Can be sent to a registry with `docker push`."),
    "ex.00_1.statement.4": ("Punya layer tulis sendiri tempat berkas baru disimpan.",
                            "Has its own writable layer where new files are stored."),
    "ex.00_1.statement.5": ("Dibuat dari Dockerfile dengan `docker build`.",
                            "Is made from a Dockerfile with `docker build`."),
    "ex.00_1.statement.6": ("Dibuat dengan `docker run`.", "Is made with `docker run`."),
    "ex.00_1.missing": ("Pernyataan yang belum dijawab: {numbers}.", "Statements not answered yet: {numbers}."),
    "ex.00_1.bad_word": (
        "Untuk pernyataan {number}, tulis 'image' atau 'kontainer', bukan {value!r}.",
        "For statement {number}, write 'image' or 'container', not {value!r}.",
    ),
    "ex.00_1.ok": (
        "Keenam pernyataan terjawab dengan tepat. Image adalah templat yang diam dan hanya-baca; "
        "kontainer adalah image yang sedang berjalan.",
        "All six statements are right. An image is a still, read-only template; a container is an "
        "image that is running.",
    ),
    "ex.00_1.wrong": ("{count} dari 6 pernyataan belum tepat: nomor {numbers}.",
                      "{count} of 6 statements are not right yet: number {numbers}."),
    "ex.00_1.why.1": ("Image hanya-baca; yang bisa ditulisi adalah layer milik kontainer.",
                      "An image is read-only; what can be written is the container's own layer."),
    "ex.00_1.why.2": ("Proses dan PID hanya ada ketika sesuatu sedang berjalan.",
                      "Processes and PIDs exist only while something runs."),
    "ex.00_1.why.3": ("Yang dikirim ke registry adalah image (templatnya), bukan proses yang berjalan.",
                      "What goes to a registry is the image (the template), not a running process."),
    "ex.00_1.why.4": ("Setiap kontainer mendapat layer tulis sendiri di atas image.",
                      "Each container gets its own writable layer on top of the image."),
    "ex.00_1.why.5": ("`docker build` membaca Dockerfile dan menghasilkan image.",
                      "`docker build` reads a Dockerfile and produces an image."),
    "ex.00_1.why.6": ("`docker run` membuat dan menjalankan kontainer dari sebuah image.",
                      "`docker run` creates and starts a container from an image."),
    # 00.2 — what is inside an image?
    "ex.00_2.ok": (
        "Tepat: kode, dependensi dan pustaka, konfigurasi, serta berkas sistem operasi dasar.",
        "Right: code, dependencies and libraries, configuration, and the base OS files.",
    ),
    # The choices, as notebook 00 lists them (the form shows them beside the letters).
    "ex.00_2.choice.a": ("kode aplikasi", "application code"),
    "ex.00_2.choice.b": ("dependensi dan pustaka", "dependencies and libraries"),
    "ex.00_2.choice.c": ("konfigurasi (perintah awal, variabel lingkungan)",
                         "configuration (start command, environment variables)"),
    "ex.00_2.choice.d": ("berkas-berkas sistem operasi dasar", "the base operating system's files"),
    "ex.00_2.choice.e": ("proses yang sedang berjalan", "running processes"),
    "ex.00_2.choice.f": ("kernel Linux", "the Linux kernel"),
    "ex.00_2.choice.g": ("data yang ditulis aplikasi saat berjalan", "data the application writes while running"),
    # Counts only: which right choices are missing is in a (folded) hint, not in the message.
    "ex.00_2.wrong": (
        "Pilihan Anda {given}: {correct} tepat, {wrong} keliru, dan {missing} pilihan yang benar belum dipilih.",
        "You chose {given}: {correct} right, {wrong} wrong; right choices not chosen yet: {missing}.",
    ),
    "ex.00_2.think": (
        "Image adalah cetakan yang tidak berubah: ia membawa semua yang dibutuhkan aplikasi untuk "
        "berjalan, tetapi tidak membawa apa pun yang baru ada ketika kontainer berjalan.",
        "An image is an unchanging template: it carries everything the application needs to run, "
        "but nothing that only exists once a container runs.",
    ),
    "ex.00_2.missed": ("Pilihan {choice} juga termasuk isi image.", "Also part of an image: {choice}."),
    "ex.00_2.why.e": ("(e) Proses yang berjalan hanya ada di kontainer, bukan di image.",
                      "(e) Running processes exist only in a container, not in an image."),
    "ex.00_2.why.f": ("(f) Kontainer memakai kernel milik mesin host; image hanya membawa berkas sistem operasi.",
                      "(f) Containers use the host machine's kernel; an image carries only the OS files."),
    "ex.00_2.why.g": ("(g) Data yang ditulis saat berjalan masuk ke layer tulis kontainer, image tidak berubah.",
                      "(g) Data written while running goes to the container's writable layer; the image does not change."),
    "ex.00_2.unknown": ("Pilihan {choices} tidak ada; pilih dari a sampai g.",
                        "Choices {choices} do not exist; pick from a to g."),
    # 01.1 — an image that greets: judged by what a container of it prints
    "ex.01_1.ok": ("Kontainer dari image {image} mencetak {text!r} — persis yang diminta.",
                   "A container of image {image} prints {text!r} — exactly what was asked."),
    "ex.01_1.no_cmd": (
        "Image ini tidak punya perintah bawaan (CMD atau ENTRYPOINT), jadi kontainernya tidak "
        "menjalankan apa pun.",
        "This image has no default command (CMD or ENTRYPOINT), so its container runs nothing.",
    ),
    "ex.01_1.hint_add_cmd": (
        "Tambahkan baris CMD di akhir Dockerfile: perintah yang dijalankan kontainer ketika dimulai.",
        "Add a CMD line at the end of the Dockerfile: the command the container runs when it starts.",
    ),
    "ex.01_1.printed": (
        "Kontainer dari image ini mencetak {output!r}, bukan {text!r}.",
        "A container of this image prints {output!r}, not {text!r}.",
    ),
    "ex.01_1.silent": (
        "Kontainer dari image ini tidak mencetak apa pun (perintah bawaannya: {cmd}).",
        "A container of this image prints nothing (its default command: {cmd}).",
    ),
    "ex.01_1.more": (
        "Kontainer mencetak {text!r}, tetapi juga teks lain: {output!r}. Yang diminta hanya {text!r}.",
        "The container prints {text!r}, but other text too: {output!r}. Only {text!r} was asked for.",
    ),
    "ex.01_1.exit_code": ("Kontainernya berhenti dengan kode {code} (bukan 0: perintahnya gagal).",
                          "The container exited with code {code} (not 0: its command failed)."),
    "ex.01_1.hint_text": (
        "Yang dicetak kontainer berasal dari perintah bawaannya, baris CMD di Dockerfile. Ubah teks "
        "yang dicetak CMD itu, lalu jalankan sel ini lagi.",
        "What the container prints comes from its default command, the CMD line of the Dockerfile. "
        "Change the text that CMD prints, then run this cell again.",
    ),
    "ex.01_1.hint_print": (
        "CMD harus mencetak teksnya ke layar (keluaran standar), misalnya dengan program echo.",
        "CMD must print its text to the screen (standard output), for example with the echo program.",
    ),
    "ex.01_1.hint_run": (
        "Dockerfile Anda punya `{step}`: RUN dijalankan ketika image DIBANGUN (build), sedangkan "
        "CMD adalah perintah yang dijalankan kontainer ketika DIMULAI. Ganti RUN itu menjadi CMD.",
        "Your Dockerfile has `{step}`: RUN runs while the image is BUILT, whereas CMD is what the "
        "container runs when it STARTS. Change that RUN to CMD.",
    ),
    "ex.01_1.one_element": (
        "CMD {cmd} menaruh seluruh perintah dalam satu elemen, jadi Docker mencari program yang "
        "bernama {program!r}, dan program itu tidak ada.",
        "CMD {cmd} puts the whole command in one element, so Docker looks for a program named "
        "{program!r}, and there is none.",
    ),
    "ex.01_1.hint_split": (
        "Dalam bentuk JSON, setiap kata perintah menjadi elemen sendiri: nama program dulu, lalu "
        "argumennya, misalnya CMD [\"ls\", \"-l\"].",
        "In the JSON form, each word of the command is its own element: the program's name first, "
        "then its arguments, for example CMD [\"ls\", \"-l\"].",
    ),
    "ex.01_1.bad_json": (
        "CMD {cmd} ditulis seperti array JSON, tetapi bukan JSON yang valid, jadi Docker "
        "menjalankannya sebagai perintah shell dan kontainernya gagal dengan \"not found\".",
        "CMD {cmd} is written like a JSON array but is not valid JSON, so Docker runs it as a "
        "shell command and the container fails with \"not found\".",
    ),
    "ex.01_1.hint_json": ("Periksa tanda kutip (harus kutip ganda \") dan koma di baris CMD itu.",
                          "Check the quotes (they must be double quotes \") and the commas in that CMD line."),
    "ex.01_1.hint_case": ("Periksa huruf besar-kecil dan tanda baca: harus persis {text!r}.",
                          "Check upper/lower case and punctuation: it must be exactly {text!r}."),
    "ex.01_1.cannot_run": (
        "Image ini tidak bisa dijalankan di sini untuk diperiksa: {error}",
        "This image cannot be run here to check it: {error}",
    ),
    "ex.01_1.still_running": (
        "Kontainernya masih berjalan setelah {seconds} detik, jadi dihentikan. Perintah bawaannya "
        "({cmd}) harus mencetak teksnya lalu selesai.",
        "The container was still running after {seconds} seconds, so it was stopped. Its default "
        "command ({cmd}) must print its text and then end.",
    ),
    # 01.2 / 01.3 — the equivalent docker commands
    "ex.cmd.not_docker": ("Perintah harus diawali `docker`, bukan {word!r}.",
                          "The command must start with `docker`, not {word!r}."),
    "ex.cmd.verb": ("Subperintahnya harus `{verb}`, bukan {given!r}.",
                    "The subcommand must be `{verb}`, not {given!r}."),
    "ex.cmd.case": ("Opsi membedakan huruf besar dan kecil: `{given}` bukan `{wanted}`. Tulis `{wanted}`.",
                    "Options are case-sensitive: `{given}` is not `{wanted}`. Write `{wanted}`."),
    "ex.cmd.parse": ("Perintah tidak bisa dibaca: {error}. Periksa tanda kutip.",
                     "The command cannot be read: {error}. Check the quotes."),
    "ex.01_2.ok": ("`{command}` membangun image my-app:1.0 dari folder saat ini.",
                   "`{command}` builds image my-app:1.0 from the current folder."),
    "ex.01_2.no_tag": ("Nama image belum diberikan. Pakai -t my-app:1.0 (atau --tag).",
                       "The image name is missing. Use -t my-app:1.0 (or --tag)."),
    "ex.01_2.bad_tag": ("Tag-nya {given!r}; yang diminta my-app:1.0.",
                        "The tag is {given!r}; the exercise asks for my-app:1.0."),
    "ex.01_2.context": ("Konteks build harus folder saat ini, yaitu `.`, bukan `{given}`.",
                        "The build context must be the current folder, `.`, not `{given}`."),
    "ex.01_2.no_context": ("Folder build context belum ditulis. Tambahkan `.` (titik = folder saat ini) "
                           "di akhir perintah.",
                           "The build context folder is missing. Add `.` (dot = the current folder) at "
                           "the end of the command."),
    "ex.01_3.detach_after_image": ("`-d` ditulis setelah nama image, jadi Docker menganggapnya perintah "
                                   "yang dijalankan di dalam kontainer, bukan opsi. Pindahkan ke depan: "
                                   "docker run -d my-app:1.0",
                                   "`-d` comes after the image name, so Docker takes it as the command to "
                                   "run inside the container, not as an option. Move it in front: "
                                   "docker run -d my-app:1.0"),
    "ex.01_2.hint_order": ("Bentuknya: docker build -t NAMA:TAG FOLDER", "The shape: docker build -t NAME:TAG FOLDER"),
    "ex.01_3.ok": ("`{command}` menjalankan kontainer dari my-app:1.0 di latar belakang.",
                   "`{command}` runs a container from my-app:1.0 in the background."),
    "ex.01_3.no_detach": ("Kontainer harus berjalan di latar belakang: tambahkan -d (atau --detach).",
                          "The container must run in the background: add -d (or --detach)."),
    "ex.01_3.image": ("Image yang dijalankan {given}; yang diminta my-app:1.0.",
                      "The image run is {given}; the exercise asks for my-app:1.0."),
    "ex.01_3.hint_order": ("Opsi ditulis sebelum nama image: docker run -d NAMA:TAG",
                           "Options come before the image name: docker run -d NAME:TAG"),
})

_00_1_ANSWERS = {1: "image", 2: "kontainer", 3: "image", 4: "kontainer", 5: "image", 6: "kontainer"}
_WORDS = {"image": "image", "img": "image", "kontainer": "kontainer", "container": "kontainer"}


@checker("00.1", "image_or_container({1: 'image', 2: 'kontainer', ...})")
def image_or_container(answer: Any) -> Result:
    """00.1: label six statements as true of an image or of a container."""
    not_template(answer)
    if not isinstance(answer, dict):
        raise wrong_type(tr("ex.what.answer"), tr("ex.00_1.expect"), answer)
    given: dict[int, str] = {}
    for value in answer.values():
        not_template(value)
    for key, value in answer.items():
        try:
            number = int(key)
        except (TypeError, ValueError):
            raise wrong_type(tr("ex.what.answer"), tr("ex.00_1.expect"), answer) from None
        word = _WORDS.get(str(value).strip().lower()) if isinstance(value, str) else None
        if word is None:
            raise Explain(tr("ex.00_1.bad_word", number=number, value=value))
        given[number] = word
    missing = sorted(set(_00_1_ANSWERS) - set(given))
    if missing:
        raise Explain(tr("ex.00_1.missing", numbers=", ".join(map(str, missing))))
    bad = [n for n, word in _00_1_ANSWERS.items() if given[n] != word]
    if not bad:
        return right("00.1", "ex.00_1.ok")
    return wrong("00.1", "ex.00_1.wrong", *[tr(f"ex.00_1.why.{n}") for n in bad],
                 count=len(bad), numbers=", ".join(map(str, bad)))


_00_2_RIGHT = {"a", "b", "c", "d"}
_00_2_ALL = set("abcdefg")


@checker("00.2", "image_contents({'a', 'b'})")
def image_contents(answer: Any) -> Result:
    """00.2: which of a–g does an image hold? (code, dependencies, configuration, base OS files)."""
    chosen = as_choices(answer)
    unknown = sorted(chosen - _00_2_ALL)
    if unknown:
        raise Explain(tr("ex.00_2.unknown", choices=", ".join(unknown)))
    if chosen == _00_2_RIGHT:
        return right("00.2", "ex.00_2.ok")
    wrongly = sorted(chosen - _00_2_RIGHT)
    missing = sorted(_00_2_RIGHT - chosen)
    # The message counts and explains the wrong choices (that teaches); the missing ones are named
    # only in the last hint, which the form folds away, so the answer is not handed over at once.
    message = " ".join([tr("ex.00_2.wrong", given=", ".join(sorted(chosen)) or "-",
                           correct=len(chosen & _00_2_RIGHT), wrong=len(wrongly), missing=len(missing)),
                        *(tr(f"ex.00_2.why.{c}") for c in wrongly)])
    hints = [tr("ex.00_2.think")]
    if missing:
        hints.append(tr("ex.00_2.missed", choice=_joined(missing)))
    return Result("00.2", False, message, tuple(hints))


def _default_command(image: Any) -> list[str]:
    run = image.config.config
    return [*(run.entrypoint or ()), *(run.cmd or ())]


_SHELL_ECHO = re.compile(r"\b(echo|printf)\b")
# History entries of steps that run nothing (BuildKit writes them as the instruction itself).
_METADATA = ("CMD", "ENTRYPOINT", "ENV", "LABEL", "EXPOSE", "USER", "WORKDIR", "VOLUME",
             "STOPSIGNAL", "HEALTHCHECK", "SHELL", "ARG", "ONBUILD", "COPY", "ADD")


def _run_step_printing(image: Any, text: str) -> str | None:
    """The RUN step in the image's history that prints ``text`` (the learner wrote RUN where
    CMD was meant), as the Dockerfile had it (``RUN echo …``); else ``None``.
    Metadata steps (CMD, ENTRYPOINT …) are ``#(nop)`` entries or start with their keyword."""
    for entry in getattr(image.config, "history", ()) or ():
        created_by = (entry.created_by or "").strip()
        if "#(nop)" in created_by or created_by.split(" ", 1)[0] in _METADATA:
            continue
        if text.lower() in created_by.lower() and _SHELL_ECHO.search(created_by):
            step = created_by.removesuffix("# buildkit").strip().removeprefix("RUN ")
            return "RUN " + step.removeprefix("/bin/sh -c ").strip()
    return None


RUN_SECONDS = 30  # a greeting prints and ends at once; anything longer is not one


def _container_output(image: Any) -> tuple[str, int]:
    """Run ``image`` as a container of the active engine (no command given: its own CMD) and
    return what it printed and its exit code; the container is removed afterwards."""
    from .. import engines

    engine = engines.current()
    container = engine.run(str(image.id), detach=True)
    try:
        try:
            code = container.wait(timeout=RUN_SECONDS)
        except Exception:  # noqa: BLE001 - every engine's own timeout error: still running
            container.stop(0)
            raise TimeoutError from None
        return container.logs(), code
    finally:
        try:
            container.remove(force=True)
        except Exception:  # noqa: BLE001 - already gone: nothing to clean up
            pass


@checker("01.1", "greeting(image)")
def greeting(image: Any, text: str = "Selamat belajar Docker!") -> Result:
    """01.1: a container of the image prints exactly ``text`` (and nothing else).

    Judged by running it, so every way that prints the text counts (``CMD ["echo", …]``, the
    shell form, ``COPY`` a file and ``CMD ["cat", …]``, ``ENTRYPOINT`` + ``CMD``) and nothing that
    only mentions it does. The hints move one step; the Dockerfile line is in the Solusi."""
    from ..errors import DockerlabError

    image = as_image(image)
    command = _default_command(image)
    shown = " ".join(command)
    label = getattr(image.ref, "familiar", None) or str(image.ref or image.id.short)
    run_step = _run_step_printing(image, text)
    run_hint = [tr("ex.01_1.hint_run", step=run_step)] if run_step else []
    if not command:
        return wrong("01.1", "ex.01_1.no_cmd", *run_hint, tr("ex.01_1.hint_add_cmd"))
    if command[:2] == ["/bin/sh", "-c"] and len(command) == 3 and command[2].lstrip().startswith("["):
        # Docker's rule: a CMD that looks like a JSON array but does not parse is the shell form,
        # so the container runs `/bin/sh -c '["echo", ...'` and prints "not found".
        return wrong("01.1", "ex.01_1.bad_json", tr("ex.01_1.hint_json"), cmd=command[2])
    if " " in command[0].strip():
        # CMD ["echo Selamat belajar Docker!"]: the exec form runs a program of that whole name.
        return wrong("01.1", "ex.01_1.one_element", tr("ex.01_1.hint_split"),
                     cmd=json.dumps(command, ensure_ascii=False), program=command[0])
    try:
        output, code = _container_output(image)
    except TimeoutError:
        raise Explain(tr("ex.01_1.still_running", seconds=RUN_SECONDS, cmd=shown)) from None
    except DockerlabError as exc:
        raise Explain(tr("ex.01_1.cannot_run", error=exc), *run_hint) from None
    printed = output.strip()
    if printed == text and code == 0:
        return right("01.1", "ex.01_1.ok", image=label, text=text)
    notes = [tr("ex.01_1.exit_code", code=code)] if code else []
    if not printed:
        return Result("01.1", False, " ".join([tr("ex.01_1.silent", cmd=shown), *notes]),
                      tuple([*run_hint, tr("ex.01_1.hint_print")]))
    if text in printed:
        key, hints = "ex.01_1.more", [tr("ex.01_1.hint_text")]
    else:
        key, hints = "ex.01_1.printed", [*run_hint, tr("ex.01_1.hint_text")]
        if printed.lower() == text.lower():
            hints.insert(0, tr("ex.01_1.hint_case", text=text))
    return Result("01.1", False, " ".join([tr(key, output=printed[:200], text=text), *notes]),
                  tuple(hints))


def _docker_words(answer: Any, verb: str) -> list[str]:
    text = as_text(answer).strip().lstrip("$").strip()
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise Explain(tr("ex.cmd.parse", error=exc)) from None
    if not words or words[0] != "docker":
        raise Explain(tr("ex.cmd.not_docker", word=words[0] if words else ""))
    rest = words[1:]
    # `docker image build` / `docker buildx build` / `docker container run` are the same verb.
    if len(rest) >= 2 and rest[0] in ("image", "container", "buildx") and rest[1] == verb:
        rest = rest[1:]
    if not rest or rest[0] != verb:
        raise Explain(tr("ex.cmd.verb", verb=verb, given=rest[0] if rest else ""))
    return rest[1:]


def _options(words: list[str], with_value: set[str], stop_at_positional: bool = False
             ) -> tuple[dict[str, str], list[str]]:
    """Split CLI words into options (``-t x``, ``--tag=x``, ``-d``) and positional arguments.

    With ``stop_at_positional`` (``docker run``), everything after the first positional word is
    the container's command, not options for docker.
    """
    options: dict[str, str] = {}
    positional: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word.startswith("-") and word != "-":
            name, eq, value = word.partition("=")
            if not eq and name in with_value and i + 1 < len(words):
                value = words[i + 1]
                i += 1
            options[name] = value
        elif stop_at_positional:
            positional.extend(words[i:])
            break
        else:
            positional.append(word)
        i += 1
    return options, positional


def _case_mistake(options: dict[str, str], wanted: tuple[str, ...]) -> tuple[str, str] | None:
    """``("-T", "-t")`` when an option given differs from a wanted one only in letter case."""
    for given in options:
        for option in wanted:
            if given != option and given.lower() == option.lower():
                return given, option
    return None


@checker("01.2", "build_command('docker build ...')")
def build_command(answer: Any) -> Result:
    """01.2: the docker command that builds ``my-app:1.0`` from the current folder."""
    command = as_text(answer).strip()
    words = _docker_words(answer, "build")
    options, positional = _options(words, {"-t", "--tag", "-f", "--file", "--platform", "--build-arg", "--target"})
    tag = options.get("-t") or options.get("--tag")
    hint = tr("ex.01_2.hint_order")
    if not tag:
        case = _case_mistake(options, ("-t", "--tag"))
        if case:
            return wrong("01.2", "ex.cmd.case", hint, given=case[0], wanted=case[1])
        return wrong("01.2", "ex.01_2.no_tag", hint)
    if tag != "my-app:1.0":
        return wrong("01.2", "ex.01_2.bad_tag", hint, given=tag)
    if not positional:
        return wrong("01.2", "ex.01_2.no_context", hint)
    if positional not in (["."], ["./"]):
        return wrong("01.2", "ex.01_2.context", hint, given=" ".join(positional))
    return right("01.2", "ex.01_2.ok", command=command)


@checker("01.3", "run_command('docker run ...')")
def run_command(answer: Any) -> Result:
    """01.3: the docker command that runs ``my-app:1.0`` in the background."""
    command = as_text(answer).strip()
    words = _docker_words(answer, "run")
    options, positional = _options(words, {"--name", "-e", "--env", "-p", "--publish", "-v", "--platform"},
                                  stop_at_positional=True)
    hint = tr("ex.01_3.hint_order")
    image = positional[0] if positional else ""
    if image != "my-app:1.0":
        return wrong("01.3", "ex.01_3.image", hint, given=image or "-")
    if not ({"-d", "--detach"} & set(options) or any(o.startswith("-") and not o.startswith("--") and "d" in o
                                                        for o in options)):
        if {"-d", "--detach"} & set(positional[1:]):
            return wrong("01.3", "ex.01_3.detach_after_image", hint)
        case = _case_mistake(options, ("-d", "--detach"))
        if case:
            return wrong("01.3", "ex.cmd.case", hint, given=case[0], wanted=case[1])
        return wrong("01.3", "ex.01_3.no_detach", hint)
    return right("01.3", "ex.01_3.ok", command=command)
