"""Checkers for 00-pengantar (image vs container) and 01-image-pertama (the first workflow)."""

from __future__ import annotations

import json
import re
import shlex
from typing import Any

from ..i18n import tr
from .answers import as_image, as_text, chosen_among, not_template
from .result import Explain, Result, checker, right, wrong, wrong_type


_00_1_ANSWERS = {1: "image", 2: "kontainer", 3: "image", 4: "kontainer", 5: "image", 6: "kontainer"}
_WORDS = {"image": "image", "img": "image", "kontainer": "kontainer", "container": "kontainer"}


@checker("00.1", "image_or_container({1: '...', 2: '...', 3: '...', 4: '...', 5: '...', 6: '...'})")
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


@checker("00.2", "image_contents('...')")
def image_contents(answer: Any) -> Result:
    """00.2: which of a–g does an image hold? (code, dependencies, configuration, base OS files)."""
    chosen = chosen_among("00.2", answer, _00_2_ALL)
    if chosen == _00_2_RIGHT:
        return right("00.2", "ex.00_2.ok")
    wrongly = sorted(chosen - _00_2_RIGHT)
    missing = sorted(_00_2_RIGHT - chosen)
    # The message counts and explains the wrong choices (that teaches); the missing ones are only
    # counted, never named (the Solusi names them, when the learner opens it).
    message = " ".join([tr("ex.00_2.wrong", given=", ".join(sorted(chosen)) or "-",
                           correct=len(chosen & _00_2_RIGHT), wrong=len(wrongly), missing=len(missing)),
                        *(tr(f"ex.00_2.why.{c}") for c in wrongly)])
    hints = [tr("ex.00_2.think")]
    if missing:
        hints.append(tr("ex.00_2.missed", count=len(missing)))
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
    if not words or words[0] not in ("docker", "podman"):  # Podman's build and run take Docker's flags
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
