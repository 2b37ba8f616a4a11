"""Docker's word lexer: quote removal and ``$VAR`` substitution in Dockerfile arguments.

Docker substitutes variables itself (not through a shell) in ADD, COPY, ENV, EXPOSE, FROM, LABEL,
STOPSIGNAL, USER, VOLUME, WORKDIR and ARG. This follows the rules of BuildKit's
``frontend/dockerfile/shell`` lexer, which the legacy builder uses too: single quotes are literal,
double quotes allow ``$`` and escape only ``"``, ``$`` and the escape character, the escape
character outside quotes keeps the next character literally, and ``${VAR:-x}``, ``${VAR-x}``,
``${VAR:+x}``, ``${VAR+x}``, ``${VAR:?msg}``, ``${VAR?msg}`` work as in a POSIX shell.

Written by hand because no Python library implements Docker's variant (``shlex`` knows neither
``$`` substitution nor Docker's escape-character directive).
"""

from __future__ import annotations

import re
from typing import Mapping


class LexError(ValueError):
    """A word the lexer cannot read; ``key``/``params`` name an i18n message."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)


def env_map(env: list[str] | tuple[str, ...] | Mapping[str, str]) -> dict[str, str]:
    """``["A=1", "B=2"]`` (Docker's Env list) as a dict; later entries win."""
    if isinstance(env, Mapping):
        return dict(env)
    out: dict[str, str] = {}
    for item in env:
        key, _, value = item.partition("=")
        out[key] = value
    return out


class _Lexer:
    def __init__(self, word: str, env: Mapping[str, str], escape: str) -> None:
        self.word = word
        self.text = word
        self.pos = 0
        self.env = env
        self.escape = escape

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def next(self) -> str:
        ch = self.peek()
        self.pos += 1
        return ch

    def words(self, split: bool) -> list[str]:
        words: list[str] = []
        current: list[str] = []
        in_word = False

        def flush() -> None:
            nonlocal current, in_word
            if in_word:
                words.append("".join(current))
            current, in_word = [], False

        while self.pos < len(self.text):
            ch = self.peek()
            if split and ch in " \t\r\n":
                self.next()
                flush()
            elif ch == "'":
                current.append(self.single_quoted())
                in_word = True
            elif ch == '"':
                current.append(self.double_quoted())
                in_word = True
            elif ch == "$":
                value = self.dollar()
                if not split:
                    current.append(value)
                    in_word = True
                    continue
                # an unquoted expansion is split into words, as the shell does
                for piece in re.split(r"(\s+)", value):
                    if piece.isspace():
                        flush()
                    elif piece:
                        current.append(piece)
                        in_word = True
            else:
                self.next()
                in_word = True
                if ch == self.escape:
                    if self.peek() == "":
                        continue
                    ch = self.next()
                current.append(ch)
        flush()
        return words

    def single_quoted(self) -> str:
        self.next()
        out: list[str] = []
        while True:
            ch = self.next()
            if ch == "":
                raise LexError("build.lex.unterminated", quote="'", word=self.word)
            if ch == "'":
                return "".join(out)
            out.append(ch)

    def double_quoted(self) -> str:
        self.next()
        out: list[str] = []
        while True:
            ch = self.peek()
            if ch == "":
                raise LexError("build.lex.unterminated", quote='"', word=self.word)
            if ch == '"':
                self.next()
                return "".join(out)
            if ch == "$":
                out.append(self.dollar())
                continue
            self.next()
            if ch == self.escape:
                nxt = self.peek()
                if nxt == "":
                    continue
                if nxt in ('"', "$", self.escape):
                    ch = self.next()
            out.append(ch)

    def name(self) -> str:
        ch = self.peek()
        if ch.isdigit():
            start = self.pos
            while self.peek().isdigit():
                self.next()
            return self.text[start:self.pos]
        start = self.pos
        while self.peek() and (self.peek().isalnum() or self.peek() == "_"):
            self.next()
        return self.text[start:self.pos]

    def dollar(self) -> str:
        self.next()  # the "$"
        if self.peek() != "{":
            name = self.name()
            if not name:
                return "$"
            return self.env.get(name, "")
        self.next()  # "{"
        name = self.name()
        if not name:
            raise LexError("build.lex.bad_substitution", word=self.word)
        ch = self.peek()
        if ch == "}":
            self.next()
            return self.env.get(name, "")
        colon = False
        if ch == ":":
            colon = True
            self.next()
            ch = self.peek()
        if ch not in ("-", "+", "?"):
            raise LexError("build.lex.bad_substitution", word=self.word)
        self.next()
        word = self.braced_word()
        is_set = name in self.env
        value = self.env.get(name, "")
        present = bool(value) if colon else is_set
        if ch == "-":
            return value if present else word
        if ch == "+":
            return word if present else ""
        if not present:
            raise LexError("build.lex.required", name=name, message=word or "-")
        return value

    def braced_word(self) -> str:
        """The word inside ``${NAME:-word}``: may hold quotes and nested ``$``."""
        out: list[str] = []
        while True:
            ch = self.peek()
            if ch == "":
                raise LexError("build.lex.bad_substitution", word=self.word)
            if ch == "}":
                self.next()
                return "".join(out)
            if ch == "'":
                out.append(self.single_quoted())
            elif ch == '"':
                out.append(self.double_quoted())
            elif ch == "$":
                out.append(self.dollar())
            else:
                self.next()
                if ch == self.escape and self.peek():
                    ch = self.next()
                out.append(ch)


def process_word(word: str, env: Mapping[str, str], escape: str = "\\") -> str:
    """Expand ``word`` as one word: quotes removed, variables substituted, spaces kept."""
    return "".join(_Lexer(word, env, escape).words(split=False))


def process_words(text: str, env: Mapping[str, str], escape: str = "\\") -> list[str]:
    """Expand ``text`` into words split on unquoted whitespace (Docker does this for EXPOSE)."""
    return _Lexer(text, env, escape).words(split=True)


def split_words(text: str, escape: str = "\\") -> list[str]:
    """Split on whitespace outside quotes, keeping quotes and escapes (Docker's ``parseWords``)."""
    words: list[str] = []
    current: list[str] = []
    quote = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if not quote and ch in " \t\r\n":
            if current:
                words.append("".join(current))
                current = []
            i += 1
            continue
        current.append(ch)
        if ch == escape and i + 1 < len(text) and quote != "'":
            current.append(text[i + 1])
            i += 2
            continue
        if quote and ch == quote:
            quote = ""
        elif not quote and ch in ("'", '"'):
            quote = ch
        i += 1
    if current:
        words.append("".join(current))
    return words
