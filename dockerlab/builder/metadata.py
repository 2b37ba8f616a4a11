"""Metadata instructions: they change the image config and add a history entry, never a layer.

Each handler applies one instruction to a :class:`~.state.Stage` and returns the comment the
legacy builder commits (``created_by`` becomes ``<shell> #(nop)  <comment>``). Variable
substitution happens where Docker does it (ENV, LABEL, ARG, EXPOSE, USER, VOLUME, STOPSIGNAL);
CMD, ENTRYPOINT, SHELL and HEALTHCHECK keep ``$`` for the shell that runs them later.
"""

from __future__ import annotations

import re
import signal as _signal
from typing import Callable

from ..errors import DockerfileError
from . import gofmt
from .dockerfile import Instruction
from .lexer import LexError, process_word, process_words, split_words
from .state import Stage


def expand(inst: Instruction, stage: Stage, word: str, env: dict[str, str] | None = None, *,
           escape: str | None = None, **options: bool) -> str:
    """Docker's single-word expansion, errors reported at the instruction's line."""
    try:
        return process_word(word, stage.expansion_env() if env is None else env,
                            inst.escape if escape is None else escape, **options)
    except LexError as exc:
        from ..i18n import tr

        raise DockerfileError("build.meta.lex", line=inst.line, detail=tr(exc.key, **exc.params)) from None


def name_values(inst: Instruction, allow_old: bool = True) -> list[tuple[str, str]]:
    """``K=V K2="v 2"`` or the old ``K value with spaces`` form (raw, not yet expanded)."""
    words = split_words(inst.args, inst.escape)
    if allow_old and words and "=" not in words[0]:
        parts = re.split(r"\s+", inst.args.strip(), maxsplit=1)
        if len(parts) < 2:
            raise DockerfileError("build.meta.name_value", line=inst.line, name=inst.keyword, word=words[0])
        return [(parts[0], parts[1])]
    out = []
    for word in words:
        if "=" not in word:
            raise DockerfileError("build.meta.name_value", line=inst.line, name=inst.keyword, word=word)
        key, _, value = word.partition("=")
        out.append((key, value))
    return out


def do_env(inst: Instruction, stage: Stage) -> str:
    env = stage.expansion_env()  # all pairs see the values from before this instruction
    pairs = [(expand(inst, stage, k, env), expand(inst, stage, v, env)) for k, v in name_values(inst)]
    for key, value in pairs:
        stage.set_env(key, value)
    return "ENV " + " ".join(f"{k}={v}" for k, v in pairs)


def do_label(inst: Instruction, stage: Stage) -> str:
    env = stage.expansion_env()
    pairs = [(expand(inst, stage, k, env), expand(inst, stage, v, env)) for k, v in name_values(inst)]
    labels = dict(stage.config.get("Labels") or {})
    for key, value in pairs:
        labels[key] = value
    stage.config["Labels"] = labels
    return "LABEL " + " ".join(f"{k}={v}" for k, v in pairs)


def do_maintainer(inst: Instruction, stage: Stage) -> str:
    stage.author = inst.args.strip()
    return "MAINTAINER " + stage.author


def _exec_or_shell(inst: Instruction, stage: Stage) -> list[str]:
    if inst.json is not None:
        return list(inst.json)
    return stage.shell + [inst.args]


def do_cmd(inst: Instruction, stage: Stage) -> str:
    stage.config["Cmd"] = _exec_or_shell(inst, stage)
    stage.cmd_set = True
    return "CMD " + gofmt.q_list(stage.config["Cmd"])


def do_entrypoint(inst: Instruction, stage: Stage) -> str:
    stage.config["Entrypoint"] = _exec_or_shell(inst, stage)
    if not stage.cmd_set:
        stage.config.pop("Cmd", None)  # an inherited CMD is reset by ENTRYPOINT
    return "ENTRYPOINT " + gofmt.q_list(stage.config["Entrypoint"])


def do_shell(inst: Instruction, stage: Stage) -> str:
    stage.config["Shell"] = list(inst.json or ())
    return "SHELL " + gofmt.v_list(stage.config["Shell"])


_PORT = re.compile(r"^(\d+)(?:-(\d+))?(?:/(tcp|udp|sctp))?$", re.I)


def do_expose(inst: Instruction, stage: Stage) -> str:
    try:
        ports = process_words(inst.args, stage.expansion_env(), inst.escape)
    except LexError as exc:
        from ..i18n import tr

        raise DockerfileError("build.meta.lex", line=inst.line, detail=tr(exc.key, **exc.params)) from None
    exposed = dict(stage.config.get("ExposedPorts") or {})
    for port in ports:
        match = _PORT.match(port)
        if not match or not 0 < int(match.group(1)) <= 65535:
            raise DockerfileError("build.meta.bad_port", line=inst.line, port=port)
        low = int(match.group(1))
        high = int(match.group(2) or low)
        proto = (match.group(3) or "tcp").lower()
        for number in range(low, high + 1):
            exposed[f"{number}/{proto}"] = {}
    stage.config["ExposedPorts"] = exposed
    return "EXPOSE " + " ".join(sorted(ports))  # Docker 20.10 writes them sorted


def do_user(inst: Instruction, stage: Stage) -> str:
    stage.config["User"] = expand(inst, stage, inst.args.strip())
    return f"USER {stage.config['User']}"


def do_volume(inst: Instruction, stage: Stage) -> str:
    raw = list(inst.json) if inst.json is not None else inst.args.split()
    volumes = [expand(inst, stage, v) for v in raw if v.strip()]
    current = dict(stage.config.get("Volumes") or {})
    for volume in volumes:
        current[volume] = {}
    stage.config["Volumes"] = current
    return "VOLUME " + gofmt.v_list(volumes)


def do_stopsignal(inst: Instruction, stage: Stage) -> str:
    value = expand(inst, stage, inst.args.strip())
    name = value.upper()
    known = name.isdigit() or hasattr(_signal, name) or hasattr(_signal, "SIG" + name)
    if not known:
        raise DockerfileError("build.meta.bad_signal", line=inst.line, signal=value)
    stage.config["StopSignal"] = value
    return f"STOPSIGNAL {value}"


def do_healthcheck(inst: Instruction, stage: Stage) -> str:
    """BuildKit's ``parseHealthcheck``: ``NONE`` (its flags are not read) or ``CMD`` with a
    command; each duration flag at least 1ms, ``--retries`` at least 1."""
    text = inst.args.strip()
    keyword, _, rest = text.partition(" ")
    keyword = keyword.upper()
    if keyword == "NONE":
        if rest.strip():
            raise DockerfileError("build.meta.bad_healthcheck", line=inst.line, detail="NONE")
        health: dict = {"Test": ["NONE"]}
    elif keyword == "CMD" and rest.strip():
        from .dockerfile import _parse_json

        form = _parse_json("HEALTHCHECK", rest, inst.line)
        test = ["CMD"] + list(form) if form is not None else ["CMD-SHELL", rest.strip()]
        health = {"Test": test}
        for flag, key in (("interval", "Interval"), ("timeout", "Timeout"), ("start-period", "StartPeriod"),
                          ("start-interval", "StartInterval")):
            value = inst.flag(flag)
            if value:
                try:
                    ns = gofmt.parse_duration(value)
                except ValueError:
                    ns = -1
                if ns < 1_000_000:  # container.MinimumDuration
                    raise DockerfileError("build.meta.bad_healthcheck", line=inst.line,
                                          detail=f"--{flag}={value}") from None
                health[key] = ns
        retries = inst.flag("retries")
        if retries:
            if not re.fullmatch(r"[+-]?\d+", retries) or int(retries) < 1:
                raise DockerfileError("build.meta.bad_healthcheck", line=inst.line, detail=f"--retries={retries}")
            health["Retries"] = int(retries)
    else:
        raise DockerfileError("build.meta.bad_healthcheck", line=inst.line, detail=text[:40])
    stage.config["Healthcheck"] = health
    return "HEALTHCHECK " + gofmt.healthcheck(health)


def do_onbuild(inst: Instruction, stage: Stage) -> str:
    expression = inst.args.strip()
    name = expression.split(None, 1)[0].upper() if expression else ""
    if name in ("ONBUILD", "FROM", "MAINTAINER"):
        raise DockerfileError("build.meta.bad_onbuild", line=inst.line, name=name)
    stage.config["OnBuild"] = list(stage.config.get("OnBuild") or []) + [expression]
    return "ONBUILD " + expression


HANDLERS: dict[str, Callable[[Instruction, Stage], str]] = {
    "ENV": do_env, "LABEL": do_label, "MAINTAINER": do_maintainer, "CMD": do_cmd,
    "ENTRYPOINT": do_entrypoint, "SHELL": do_shell, "EXPOSE": do_expose, "USER": do_user,
    "VOLUME": do_volume, "STOPSIGNAL": do_stopsignal, "HEALTHCHECK": do_healthcheck,
    "ONBUILD": do_onbuild,
}
