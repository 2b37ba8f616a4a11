"""The Dockerfile front end: text -> a list of :class:`Instruction` with 1-based line numbers.

The rules are BuildKit's (``frontend/dockerfile/parser`` and ``instructions``), the parser of the
Docker Engine a learner most likely has; where the legacy builder of older engines differs, the
message says so:

* **Lines.** A line ends at ``\\n`` (``\\r`` before it is dropped); a line longer than 65 535
  bytes is an error. A UTF-8 byte-order mark at the start is ignored.
* **Parser directives** (``# escape=``, ``# syntax=``, ``# check=``) count only at the top,
  before any instruction, comment or blank line; each at most once; ``escape`` is ``\\`` or
  ````` ```` ``. ``syntax`` and ``check`` are read and ignored (nothing is fetched).
* **Comments** are lines whose first non-blank character is ``#``; a ``#`` later on a line is
  text. Inside a continued instruction comment lines are skipped.
* **Continuation.** A line whose last non-blank character is the escape character, not itself
  preceded by one, continues on the next line; the escape character (and the blanks after it)
  is removed and the lines are joined as written (the indentation of the next line is kept).
  Blank lines inside a continuation are skipped, as BuildKit does with a warning
  (:attr:`Instruction.warnings`); an instruction still continued at the end of the file ends there.
* **Instruction line.** The first word is the instruction (any case); ``--name=value`` /
  ``--name`` words right after it are flags (quotes and escapes inside them removed), up to the
  first other word or ``--``; the rest, trimmed, is the argument text.
* **JSON (exec) form** (``parseMaybeJSON``): an argument that starts with ``[`` and decodes as a
  JSON array is the exec form; an array holding anything but strings is an error; text after a
  complete array is ignored (Go's ``json.Decoder``); anything else is the shell form. SHELL must
  be JSON.
* **Heredocs** (RUN, COPY, ADD, also after ONBUILD; not in the JSON form): each word
  ``[n]<<[-]WORD`` (blanks allowed after ``<<``/``<<-``) on the instruction line opens a
  document read from the following lines up to a line equal to ``WORD`` (``<<-``: leading tabs
  ignored there, and removed from the body when it is used). A quoted ``WORD`` (``<<'EOF'``,
  ``<<"EOF"``, ``<<E"O"F``) turns off variable expansion in the body. Several heredocs on one
  line are read one after the other. The legacy builder has no heredocs at all.

Written by hand: ``dockerfile-parse`` (the library the project first used) joins continuation
lines and comments differently from BuildKit, keeps an escaped escape at the end of a line as a
continuation, has no heredocs, no line-length limit and no ``# check`` directive; no Python
library implements BuildKit's rules, which are the ones this module must match.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildContextError, DockerfileError
from ..i18n import tr
from .lexer import LexError, process_words

# Instruction -> its flags: name -> "string" | "bool" | "strings" (may repeat)
KNOWN: dict[str, dict[str, str]] = {
    "FROM": {"platform": "string"},
    "ARG": {},
    "ENV": {},
    "LABEL": {},
    "MAINTAINER": {},
    "WORKDIR": {},
    "COPY": {"from": "string", "chown": "string", "chmod": "string", "link": "bool"},
    "ADD": {"chown": "string", "chmod": "string", "link": "bool"},
    "RUN": {"network": "string"},
    "CMD": {},
    "ENTRYPOINT": {},
    "SHELL": {},
    "EXPOSE": {},
    "USER": {},
    "VOLUME": {},
    "STOPSIGNAL": {},
    "HEALTHCHECK": {"interval": "string", "timeout": "string", "start-period": "string",
                    "start-interval": "string", "retries": "string"},
    "ONBUILD": {},
}
# BuildKit flags dockerlab does not implement: refused with a message that says so.
BUILDKIT_ONLY: dict[str, tuple[str, ...]] = {
    "RUN": ("mount", "security", "device"), "COPY": ("parents", "exclude"),
    "ADD": ("checksum", "keep-git-dir", "exclude", "unpack"),
}
JSON_FORMS = ("RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME")
HEREDOC_FORMS = ("RUN", "COPY", "ADD")
EXAMPLES = {
    "FROM": "FROM busybox", "ARG": "ARG VERSION=1.0", "ENV": "ENV NAMA=nilai",
    "LABEL": 'LABEL versi="1.0"', "WORKDIR": "WORKDIR /app", "COPY": "COPY app.py /app/",
    "ADD": "ADD data.tar.gz /data/", "RUN": "RUN echo hai", "CMD": 'CMD ["sh"]',
    "ENTRYPOINT": 'ENTRYPOINT ["/app/run"]', "SHELL": 'SHELL ["/bin/sh", "-c"]',
    "EXPOSE": "EXPOSE 8080", "USER": "USER 1000", "VOLUME": "VOLUME /data",
    "STOPSIGNAL": "STOPSIGNAL SIGTERM", "HEALTHCHECK": "HEALTHCHECK CMD wget -q -O- localhost",
    "ONBUILD": "ONBUILD COPY . /app", "MAINTAINER": "MAINTAINER nama",
}
MAX_LINE = 65535  # bufio.MaxScanTokenSize - 1: BuildKit's scanner refuses longer lines
DIRECTIVES = ("syntax", "escape", "check")
_DIRECTIVE = re.compile(r"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$")
_HEREDOC = re.compile(r"^(\d*)<<(-?)\s*([^<]*)$", re.S)
_BLANKS = re.compile(r"[\t\v\f\r ]+")
_STAGE_NAME = re.compile(r"^[a-z][a-z0-9\-_.]*$")


@dataclass(frozen=True)
class Heredoc:
    """One here-document: ``name`` its terminator, ``content`` the lines between, as written."""

    name: str
    content: str
    fd: int = 0  # ``3<<EOF``: the file descriptor the shell reads it on (0 when not given)
    expand: bool = True  # False when the name was quoted: no variable expansion in the body
    chomp: bool = False  # ``<<-``: leading tabs are removed from the body's lines

    @property
    def body(self) -> str:
        """The content as the instruction uses it (leading tabs removed for ``<<-``)."""
        return re.sub(r"(?m)^\t+", "", self.content) if self.chomp else self.content


@dataclass(frozen=True)
class Instruction:
    """One instruction as written: ``keyword`` upper-case, ``flags`` parsed, ``args`` the rest."""

    keyword: str
    args: str  # text after the keyword and the --flags, continuations joined
    line: int  # 1-based first line
    end_line: int  # 1-based last line (the heredoc terminators included)
    flags: tuple[tuple[str, str], ...] = ()
    json: tuple[str, ...] | None = None  # the exec/JSON form, when written that way
    escape: str = "\\"
    heredocs: tuple[Heredoc, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)
    source: str = field(default="", compare=False)  # the joined line as written (BuildKit's Original)

    @property
    def original(self) -> str:
        """``"COPY --from=build app /app"``: the instruction as written, its lines joined (what
        Docker prints after ``Step 3/7 :``)."""
        if self.source:
            return self.source
        flags = " ".join(f"--{k}={v}" for k, v in self.flags)
        return " ".join(p for p in (self.keyword, flags, self.args) if p)

    def flag(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.flags:
            if key == name:
                return value
        return default

    def heredoc(self, word: str) -> Heredoc | None:
        """The heredoc a word of the arguments opens (``<<EOF`` -> its document), if any."""
        found = parse_heredoc_word(word, self.line)
        if found is None:
            return None
        for doc in self.heredocs:
            if doc.name == found.name:
                return doc
        return None

    def __str__(self) -> str:
        return self.original


# -- the line scanner (BuildKit's parser.Parse) -------------------------------------------------

class _Lines:
    """The file's lines with their numbers; each line keeps its ``\\n``."""

    def __init__(self, text: str, escape: str = "\\") -> None:
        self.lines = _split_on_newline(text)  # not str.splitlines: Docker splits on \n only
        self.index = 0
        self.escape = escape

    def next(self) -> str | None:
        if self.index >= len(self.lines):
            return None
        line = self.lines[self.index]
        self.index += 1
        size = len(line.rstrip("\n").encode("utf-8", "replace"))
        if size > MAX_LINE:
            raise DockerfileError("build.dockerfile.line_too_long", line=self.index, size=size, escape=self.escape)
        return line

    @property
    def number(self) -> int:
        return self.index


def _split_on_newline(text: str) -> list[str]:
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def _trim_newline(line: str) -> str:
    return line.rstrip("\r\n")


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


class _Directives:
    def __init__(self) -> None:
        self.done = False
        self.seen: set[str] = set()
        self.escape = "\\"

    def see(self, line: str, number: int) -> bool:
        """Read a possible directive; True when ``line`` is one."""
        if self.done:
            return False
        match = _DIRECTIVE.match(line)
        if match is None or match.group(1).lower() not in DIRECTIVES:
            self.done = True
            return False
        name, value = match.group(1).lower(), match.group(2)
        if name in self.seen:
            raise DockerfileError("build.dockerfile.directive_twice", line=number, name=name)
        self.seen.add(name)
        if name == "escape":
            if value not in ("\\", "`"):
                raise DockerfileError("build.dockerfile.bad_escape", line=number, value=value)
            self.escape = value
        return True


def _continuation(escape: str) -> re.Pattern[str]:
    e = re.escape(escape)
    return re.compile(rf"([^{e}]){e}[ \t]*\Z|^{e}[ \t]*\Z")


def _scan(text: str) -> list[tuple[str, int, int, list[Heredoc], bool, str]]:
    """The instruction lines: (joined text, first line, last line, heredocs, empty continuation
    line seen, escape character)."""
    directives = _Directives()
    lines = _Lines(text)
    out = []
    pattern = _continuation("\\")
    while True:
        raw = lines.next()
        if raw is None:
            break
        if lines.number == 1 and raw.startswith("\ufeff"):
            raw = raw[1:]
        token = _trim_newline(raw).lstrip()
        if directives.see(token, lines.number):
            pattern = _continuation(directives.escape)
            lines.escape = directives.escape
        if _is_comment(token):
            token = ""
        start = lines.number
        joined, continued = _trim_continuation(token, pattern)
        if not continued and not joined:
            continue
        parts = [joined]
        empty_line = False
        while continued:
            raw = lines.next()
            if raw is None:
                break
            token = _trim_newline(raw)
            if _is_comment(token):
                continue
            if not token.strip():
                empty_line = True
                continue
            token, continued = _trim_continuation(token, pattern)
            parts.append(token)
        line = "".join(parts)
        # heredocs are read right away: their bodies are not instructions
        docs: list[Heredoc] = []
        for doc in _heredocs_of(line, start):
            content: list[str] = []
            while True:
                raw = lines.next()
                if raw is None:
                    raise DockerfileError("build.dockerfile.heredoc_open", line=start, name=doc.name)
                candidate = _trim_newline(raw)
                if doc.chomp:
                    candidate = candidate.lstrip("\t")
                if candidate == doc.name:
                    break
                content.append(raw)
            docs.append(Heredoc(doc.name, "".join(content), doc.fd, doc.expand, doc.chomp))
        out.append((line, start, lines.number, docs, empty_line, directives.escape))
    return out


def _trim_continuation(line: str, pattern: re.Pattern[str]) -> tuple[str, bool]:
    if pattern.search(line):
        return pattern.sub(r"\1", line), True
    return line, False


def _heredocs_of(line: str, number: int) -> list[Heredoc]:
    """The heredocs an instruction line opens (BuildKit's ``heredocsFromLine``)."""
    if "<<" not in line:
        return []
    keyword, _, rest = _split_keyword(line)
    if keyword == "ONBUILD":
        keyword, _, rest = _split_keyword(rest)
    if keyword not in HEREDOC_FORMS:
        return []
    _, args = _split_flags_raw(rest)
    if _json_array(args) is not None:
        return []
    try:
        words = process_words(line, {}, "\\", raw_quotes=True, raw_escapes=True, skip_unset=True, heredoc=True)
    except LexError:
        return []
    docs = []
    for word in words:
        doc = parse_heredoc_word(word, number)
        if doc is not None:
            docs.append(doc)
    return docs


def parse_heredoc_word(word: str, number: int = 0) -> Heredoc | None:
    """``<<EOF``, ``<<-'EOF'``, ``3<<EOF`` … -> the heredoc it opens (empty body); else None."""
    match = _HEREDOC.match(word)
    if match is None or not match.group(3):
        return None
    rest = match.group(3)
    try:
        plain = process_words(rest, {}, "\\", skip_unset=True)
        raw = process_words(rest, {}, "\\", skip_unset=True, raw_quotes=True)
    except LexError:
        raise DockerfileError("build.dockerfile.heredoc_quotes", line=number, word=word) from None
    if len(plain) != 1 or len(raw) != 1:
        return None
    quotes = lambda w: w.count("'") + w.count('"')  # noqa: E731
    return Heredoc(plain[0], "", int(match.group(1) or 0), quotes(plain[0]) == quotes(raw[0]),
                   match.group(2) == "-")


# -- one instruction (BuildKit's splitCommand, extractBuilderFlags, BFlags) ----------------------

def _split_keyword(line: str) -> tuple[str, str, str]:
    parts = _BLANKS.split(line.strip(), maxsplit=1)
    keyword = parts[0].upper()
    return keyword, parts[0], parts[1] if len(parts) == 2 else ""


def _split_flags_raw(text: str) -> tuple[list[str], str]:
    """``--a=1 --b "x y" rest`` -> (["--a=1"], rest): flag words up to the first other word."""
    flags: list[str] = []
    pos = 0
    n = len(text)
    while True:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            return flags, ""
        if not text.startswith("--", pos):
            return flags, text[pos:].strip()
        word: list[str] = []
        quote = ""
        while pos < n:
            ch = text[pos]
            if quote:
                if ch == quote:
                    quote = ""
                elif ch == "\\" and pos + 1 < n:
                    pos += 1
                    word.append(text[pos])
                else:
                    word.append(ch)
                pos += 1
                continue
            if ch.isspace():
                break
            if ch in ("'", '"'):
                quote = ch
            elif ch == "\\":
                if pos + 1 < n:
                    pos += 1
                    word.append(text[pos])
            else:
                word.append(ch)
            pos += 1
        value = "".join(word)
        if value == "--":
            return flags, text[pos:].strip()
        flags.append(value)


def _flags(keyword: str, words: list[str], line: int) -> tuple[tuple[str, str], ...]:
    allowed = KNOWN[keyword]
    out: dict[str, str] = {}
    for word in words:
        name, eq, value = word[2:].partition("=")
        if name in BUILDKIT_ONLY.get(keyword, ()):
            raise DockerfileError("build.dockerfile.buildkit_flag", line=line, flag=word, name=keyword)
        kind = allowed.get(name)
        if kind is None:
            raise DockerfileError("build.dockerfile.bad_flag", line=line, flag=word, name=keyword,
                                  allowed=", ".join(f"--{a}" for a in allowed) or "-")
        if name in out:
            raise DockerfileError("build.dockerfile.flag_twice", line=line, flag=name, name=keyword)
        if kind == "bool":
            if eq and value.lower() not in ("true", "false"):
                raise DockerfileError("build.dockerfile.flag_bool", line=line, flag=name, name=keyword, value=value)
            value = value.lower() if eq else "true"
        elif not eq:
            raise DockerfileError("build.dockerfile.flag_value", line=line, flag=name, name=keyword)
        out[name] = value
    return tuple(out.items())


def _no_constants(name: str) -> object:
    raise ValueError(name)  # NaN/Infinity are not JSON to Go's decoder either


_JSON = json.JSONDecoder(parse_constant=_no_constants)


def _json_array(text: str) -> list | None:
    stripped = text.strip()
    if not stripped.startswith("["):
        return None
    try:
        value, _ = _JSON.raw_decode(stripped)
    except ValueError:
        return None
    return value if isinstance(value, list) else None


def _parse_json(keyword: str, text: str, line: int) -> tuple[str, ...] | None:
    """The exec (JSON array) form of ``text``, or ``None`` for the shell form (see the module doc)."""
    value = _json_array(text)
    if value is None:
        if keyword == "SHELL":
            raise DockerfileError("build.dockerfile.needs_json", line=line, name=keyword)
        return None
    if not all(isinstance(v, str) for v in value):
        raise DockerfileError("build.dockerfile.json_strings", line=line, name=keyword, text=text.strip())
    return tuple(value)


def _instruction(text: str, start: int, end: int, heredocs: list[Heredoc], escape: str,
                 previous: "Instruction | None", lines: list[str], warnings: tuple[str, ...] = ()) -> Instruction:
    keyword, written, rest = _split_keyword(text)
    if keyword not in KNOWN:
        raise _unknown(keyword, written, start, previous, lines, escape)
    flag_words, args = _split_flags_raw(rest)
    flags = _flags(keyword, flag_words, start)
    if not args:
        raise DockerfileError("build.dockerfile.no_args", line=start, name=keyword, example=EXAMPLES[keyword])
    form = _parse_json(keyword, args, start) if keyword in JSON_FORMS else None
    network = dict(flags).get("network")
    if keyword == "RUN" and network is not None and network not in ("default", "none"):
        key = "build.dockerfile.network_host" if network == "host" else "build.dockerfile.network"
        raise DockerfileError(key, line=start, value=network)
    if keyword == "ONBUILD":
        inner = _split_keyword(args)[0]
        if inner in ("ONBUILD", "FROM", "MAINTAINER"):
            raise DockerfileError("build.dockerfile.onbuild_bad", line=start, name=inner)
    if keyword in ("COPY", "ADD") and form is None and heredocs:
        dest = args.split()[-1]
        if parse_heredoc_word(dest, start) is not None:
            raise DockerfileError("build.dockerfile.heredoc_dest", line=start, name=keyword)
    return Instruction(keyword, args, start, end, flags, form, escape, tuple(heredocs), warnings, text.strip())


def parse(text: str, path: str = "Dockerfile") -> list[Instruction]:
    """Parse Dockerfile ``text`` into instructions; raises :class:`DockerfileError` naming the line."""
    lines = _split_on_newline(text)
    out: list[Instruction] = []
    seen_from = False
    for joined, start, end, heredocs, empty_line, escape in _scan(text):
        keyword = _split_keyword(joined)[0]
        warnings = ()
        if empty_line:
            warnings = (tr("build.dockerfile.empty_continuation", line=start, name=keyword),)
        inst = _instruction(joined, start, end, heredocs, escape, out[-1] if out else None, lines, warnings)
        if inst.keyword == "FROM":
            seen_from = True
        elif not seen_from and inst.keyword != "ARG":
            raise DockerfileError("build.dockerfile.no_from", line=inst.line, name=inst.keyword)
        out.append(inst)
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
        name = words[2].lower()
        if not _STAGE_NAME.match(name):
            raise DockerfileError("build.from.bad_name", line=inst.line, name=words[2])
        return words[0], name
    raise DockerfileError("build.from.bad", line=inst.line, text=inst.args)


_SHELL_JOINS = ("&&", "||", "|")


def _unknown(name: str, written: str, line: int, previous: Instruction | None, lines: list[str],
             escape: str) -> DockerfileError:
    """The error for an unknown instruction, with the likeliest fix.

    A word after a line ending in ``&&``/``||``/``|``, or a lower-case word (a shell command: the
    course writes instructions in capitals) right after a RUN, is most likely the rest of that
    RUN with the continuation character forgotten; anything else may be a typo of a known name.
    """
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


_LEGACY_GAPS = (
    (re.compile(r"option requires BuildKit"), None),
    (re.compile(r"Unknown flag: (link|start-interval|mount|network|security|parents|exclude|checksum|"
                r"keep-git-dir|chmod|device|unpack)\b"), "--{0}"),
    (re.compile(r"missing ':' in substitution|unsupported modifier \([#%/?+-]\) in substitution"),
     "${{NAMA-x}}, ${{NAMA#pola}}, ${{NAMA%pola}}, ${{NAMA/pola/ganti}}"),
    (re.compile(r'failed to parse platform : "" is an invalid component'),
     "$BUILDPLATFORM, $TARGETPLATFORM, $TARGETARCH …"),
)


def legacy_gap(error: str, path: str | Path | None = None) -> str | None:
    """When the classic builder of a Docker Engine refuses ``error`` because the Dockerfile at
    ``path`` uses a BuildKit feature, the feature's name; else None (the engines' messages use it)."""
    for pattern, feature in _LEGACY_GAPS:
        match = pattern.search(error)
        if match:
            if feature is None:
                return error.split(" option", 1)[0].split()[-1] if " option" in error else "BuildKit"
            return feature.format(*match.groups())
    if path is not None and "unknown instruction" in error.lower():
        try:
            if any(i.heredocs for i in read(path)[1]):
                return "heredoc <<EOF"
        except Exception:  # noqa: BLE001 - unreadable here: no note
            return None
    return None


def with_legacy_note(error: str, path: str | Path | None = None) -> str:
    """``error`` with a note saying it is a BuildKit feature the classic builder lacks, if it is."""
    feature = legacy_gap(error, path)
    return tr("build.dockerfile.legacy_gap", error=error, feature=feature) if feature else error


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
