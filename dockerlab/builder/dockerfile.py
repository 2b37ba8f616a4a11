"""The Dockerfile front end: text -> a list of :class:`Instruction` with 1-based line numbers.

Line handling (continuations, comments inside continuations, the ``escape`` parser directive) is
done by ``dockerfile-parse``. It has no heredoc support, and neither has Docker's legacy builder,
whose behaviour this package reproduces; a heredoc is therefore reported as an error that says how
to write the step instead. What ``dockerfile-parse`` does not do — ``--flag`` parsing, the JSON
(exec) form and its validation, checking instruction names — is done here.

The JSON form follows Docker's parser (``parseMaybeJSON``): a value that starts with ``[`` but is
not a JSON array is not an error, it is the shell form (``CMD ["echo", hai]`` runs
``/bin/sh -c '["echo", hai]'``; COPY, ADD and VOLUME split it on spaces); only SHELL must be JSON,
and an array holding anything but strings is refused. Like Go's ``json.Decoder``, text after a
complete array is ignored. Docker's legacy builder prints no warning for the fallback, so none is
printed here either. An unknown instruction is reported with a hint: the close instruction name
(``difflib``) for a typo, or, for a shell command on a line of its own after a RUN, the missing
continuation character on the line before.
"""

from __future__ import annotations

import difflib
import io
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from dockerfile_parse import DockerfileParser

from ..errors import BuildContextError, DockerfileError


# Instruction -> allowed --flags.
KNOWN: dict[str, tuple[str, ...]] = {
    "FROM": ("platform",),
    "ARG": (),
    "ENV": (),
    "LABEL": (),
    "MAINTAINER": (),
    "WORKDIR": (),
    "COPY": ("from", "chown", "chmod"),
    "ADD": ("chown", "chmod"),
    "RUN": (),
    "CMD": (),
    "ENTRYPOINT": (),
    "SHELL": (),
    "EXPOSE": (),
    "USER": (),
    "VOLUME": (),
    "STOPSIGNAL": (),
    "HEALTHCHECK": ("interval", "timeout", "start-period", "retries"),
    "ONBUILD": (),
}
BUILDKIT_ONLY: dict[str, tuple[str, ...]] = {
    "RUN": ("mount", "network", "security"), "COPY": ("link", "parents", "exclude"),
    "ADD": ("link", "checksum", "keep-git-dir", "exclude"), "HEALTHCHECK": ("start-interval",),
}
JSON_FORMS = ("RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME")
EXAMPLES = {
    "FROM": "FROM busybox", "ARG": "ARG VERSION=1.0", "ENV": "ENV NAMA=nilai",
    "LABEL": 'LABEL versi="1.0"', "WORKDIR": "WORKDIR /app", "COPY": "COPY app.py /app/",
    "ADD": "ADD data.tar.gz /data/", "RUN": "RUN echo hai", "CMD": 'CMD ["sh"]',
    "ENTRYPOINT": 'ENTRYPOINT ["/app/run"]', "SHELL": 'SHELL ["/bin/sh", "-c"]',
    "EXPOSE": "EXPOSE 8080", "USER": "USER 1000", "VOLUME": "VOLUME /data",
    "STOPSIGNAL": "STOPSIGNAL SIGTERM", "HEALTHCHECK": "HEALTHCHECK CMD wget -q -O- localhost",
    "ONBUILD": "ONBUILD COPY . /app", "MAINTAINER": "MAINTAINER nama",
}
_HEREDOC = re.compile(r"(^|\s)<<-?\s*[\"']?[A-Za-z_][A-Za-z0-9_]*[\"']?")
_ESCAPE = re.compile(r"^\s*#\s*escape\s*=\s*(\\|`)\s*$", re.I)
_DIRECTIVE = re.compile(r"^\s*#\s*[a-z]+\s*=", re.I)


@dataclass(frozen=True)
class Instruction:
    """One instruction as written: ``keyword`` upper-case, ``flags`` parsed, ``args`` the rest."""

    keyword: str
    args: str  # text after the keyword and the --flags, continuations joined
    line: int  # 1-based first line
    end_line: int
    flags: tuple[tuple[str, str], ...] = ()
    json: tuple[str, ...] | None = None  # the exec/JSON form, when written that way
    escape: str = "\\"

    @property
    def original(self) -> str:
        """``"COPY --from=build app /app"``: the instruction as written, on one line."""
        flags = " ".join(f"--{k}={v}" for k, v in self.flags)
        return " ".join(p for p in (self.keyword, flags, self.args) if p)

    def flag(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.flags:
            if key == name:
                return value
        return default

    def __str__(self) -> str:
        return self.original


def _escape_char(lines: list[str]) -> str:
    for text in lines:
        match = _ESCAPE.match(text)
        if match:
            return match.group(1)
        if not _DIRECTIVE.match(text):
            break
    return "\\"


def _split_flags(keyword: str, text: str, line: int) -> tuple[tuple[tuple[str, str], ...], str]:
    flags: list[tuple[str, str]] = []
    rest = text.lstrip()
    while rest.startswith("--"):
        word, _, tail = rest.partition(" ")
        name, eq, value = word[2:].partition("=")
        allowed = KNOWN[keyword]
        if name in BUILDKIT_ONLY.get(keyword, ()):
            raise DockerfileError("build.dockerfile.buildkit_flag", line=line, flag=word, name=keyword)
        if name not in allowed:
            raise DockerfileError("build.dockerfile.bad_flag", line=line, flag=word, name=keyword,
                                  allowed=", ".join(f"--{a}" for a in allowed) or "-")
        flags.append((name, value if eq else "true"))
        rest = tail.lstrip()
    return tuple(flags), rest


def _no_constants(name: str) -> object:
    raise ValueError(name)  # NaN/Infinity are not JSON to Go's decoder either


_JSON = json.JSONDecoder(parse_constant=_no_constants)


def _parse_json(keyword: str, text: str, line: int) -> tuple[str, ...] | None:
    """The exec (JSON array) form of ``text``, or ``None`` for the shell form (see the module doc)."""
    stripped = text.strip()
    try:
        value, _ = _JSON.raw_decode(stripped) if stripped.startswith("[") else (None, 0)
    except ValueError:
        value = None
    if not isinstance(value, list):
        if keyword == "SHELL":
            raise DockerfileError("build.dockerfile.needs_json", line=line, name=keyword)
        return None
    if not all(isinstance(v, str) for v in value):
        raise DockerfileError("build.dockerfile.json_strings", line=line, name=keyword, text=stripped)
    return tuple(value)


def parse(text: str, path: str = "Dockerfile") -> list[Instruction]:
    """Parse Dockerfile ``text`` into instructions; raises :class:`DockerfileError` naming the line."""
    lines = text.splitlines(keepends=True)
    escape = _escape_char(lines)
    # dockerfile-parse drops an instruction still continued at the end of the file; Docker keeps it
    padded = text if text.endswith("\n") else text + "\n"
    parser = DockerfileParser(fileobj=io.BytesIO((padded + "\n").encode("utf-8")))
    out: list[Instruction] = []
    seen_from = False
    for item in parser.structure:
        keyword = item["instruction"]
        if keyword == "COMMENT":
            continue
        line = item["startline"] + 1
        if keyword not in KNOWN:
            raise _unknown(item, lines, out[-1] if out else None, escape)
        value = (item["value"] or "").strip()
        flags, rest = _split_flags(keyword, value, line)
        if not rest:
            raise DockerfileError("build.dockerfile.no_args", line=line, name=keyword,
                                  example=EXAMPLES[keyword])
        if keyword in ("RUN", "COPY", "ADD") and _HEREDOC.search(rest):
            raise DockerfileError("build.dockerfile.heredoc", line=line)
        if keyword == "FROM":
            seen_from = True
        elif not seen_from and keyword != "ARG":
            raise DockerfileError("build.dockerfile.no_from", line=line, name=keyword)
        form = _parse_json(keyword, rest, line) if keyword in JSON_FORMS else None
        end = min(item["endline"] + 1, max(len(lines), line))
        out.append(Instruction(keyword, rest, line, end, flags, form, escape))
    # dockerfile-parse drops a keyword written with no arguments; report it like Docker does
    for number, text_line in enumerate(lines, start=1):
        bare = text_line.strip()
        if bare.upper() in KNOWN and not _continues(lines, number - 2, escape):
            raise DockerfileError("build.dockerfile.no_args", line=number, name=bare.upper(),
                                  example=EXAMPLES[bare.upper()])
    if not out:
        raise DockerfileError("build.dockerfile.empty", path=path)
    return out


def from_parts(inst: Instruction) -> tuple[str, str | None]:
    """``FROM image [AS name]`` -> ``(image, name)``; the stage name lower-case (Docker's stage
    names are case-insensitive), ``None`` when the stage has none. Anything else is a
    :class:`DockerfileError` at the instruction's line. The image is as written (``$VAR`` kept).
    """
    words = inst.args.split()
    if len(words) == 1:
        return words[0], None
    if len(words) == 3 and words[1].lower() == "as":
        return words[0], words[2].lower()
    raise DockerfileError("build.from.bad", line=inst.line, text=inst.args)


_SHELL_JOINS = ("&&", "||", "|")


def _unknown(item: dict, lines: list[str], previous: Instruction | None, escape: str) -> DockerfileError:
    """The error for an unknown instruction, with the likeliest fix.

    A word after a line ending in ``&&``/``||``/``|``, or a lower-case word (a shell command: the
    course writes instructions in capitals) right after a RUN, is most likely the rest of that
    RUN with the continuation character forgotten; anything else may be a typo of a known name.
    """
    line = item["startline"] + 1
    name = item["instruction"]
    written = item["content"].split(None, 1)[0] if item["content"].strip() else name
    if previous is not None:
        before = lines[previous.end_line - 1].rstrip() if previous.end_line <= len(lines) else ""
        joined = before.endswith(_SHELL_JOINS)
        if joined or (written.islower() and previous.keyword == "RUN"):
            return DockerfileError("build.dockerfile.unknown_continued", line=line, name=name,
                                   keyword=previous.keyword, previous=previous.end_line, escape=escape)
    close = difflib.get_close_matches(name, list(KNOWN), n=1)
    if close:
        return DockerfileError("build.dockerfile.unknown_close", line=line, name=name, match=close[0])
    return DockerfileError("build.dockerfile.unknown", line=line, name=name, known=", ".join(sorted(KNOWN)))


def _continues(lines: list[str], index: int, escape: str) -> bool:
    """Whether the line at ``index`` (0-based) ends with a continuation."""
    while index >= 0:
        text = lines[index].rstrip()
        if text.lstrip().startswith("#"):
            index -= 1
            continue
        return text.endswith(escape)
    return False


def locate(context: str | Path, dockerfile: str | Path | None = None) -> Path:
    """The Dockerfile a build reads: ``context/Dockerfile``; ``dockerfile`` (``-f``) relative to the
    context when it is there, else as given (the current folder). Both engines use it. A FIFO or
    device is refused (``build.dockerfile.not_regular``: reading it would block or never end); a
    missing file is returned as it is, for the caller to say so."""
    context = Path(context)
    if dockerfile is None:
        path = context / "Dockerfile"
    else:
        candidate = Path(dockerfile)
        path = context / candidate if not candidate.is_absolute() and (context / candidate).exists() else candidate
    try:
        st = os.stat(path)
    except OSError:
        return path
    if not stat.S_ISREG(st.st_mode):
        raise BuildContextError("build.dockerfile.not_regular", path=str(path), kind=stat.filemode(st.st_mode))
    return path


def read(path: str | Path) -> tuple[str, list[Instruction]]:
    """Read and parse the Dockerfile at ``path``; returns ``(text, instructions)``."""
    file = Path(path)
    if not file.is_file():
        raise DockerfileError("build.dockerfile.missing", path=str(file))
    text = file.read_bytes().decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, parse(text, str(file))

