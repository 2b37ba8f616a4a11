"""Docker's word lexer: quote removal and ``$VAR`` substitution in Dockerfile arguments.

Docker substitutes variables itself (not through a shell) in ADD, COPY, ENV, EXPOSE, FROM, LABEL,
STOPSIGNAL, USER, VOLUME, WORKDIR, ARG and ONBUILD. The rules are those of BuildKit's
``frontend/dockerfile/shell`` lexer (the one the Docker Engine uses):

* single quotes are literal; double quotes allow ``$`` and let the escape character escape only
  ``"``, ``$`` and itself; outside quotes the escape character keeps the next character literally
  (and is dropped at the end of the text);
* ``$NAME``, ``${NAME}``; a name is letters, digits and ``_``, or a run of digits, or one special
  parameter (``@ * # ? - $ ! 0``) — which the build never sets, so ``$@``, ``${#}`` … are empty;
* ``${NAME:-word}``/``${NAME-word}``, ``${NAME:+word}``/``${NAME+word}``,
  ``${NAME:?message}``/``${NAME?message}``, the patterns ``${NAME#pat}``, ``${NAME##pat}``,
  ``${NAME%pat}``, ``${NAME%%pat}`` and ``${NAME/pat/repl}``, ``${NAME//pat/repl}`` (``*`` and
  ``?`` wildcards, no bracket expressions). The legacy builder of older engines knows neither the
  patterns nor the forms without ``:``; BuildKit does, and dockerlab follows BuildKit;
* an unquoted expansion is split into words where the text is split (EXPOSE); an empty quoted
  string makes no word.

The options mirror BuildKit's: ``raw_quotes`` keeps the quote characters, ``raw_escapes`` the
escape characters, ``skip_unset`` leaves references to unset variables as written,
``skip_process_quotes`` treats quotes as plain characters (the body of a COPY heredoc), and
``heredoc`` keeps ``<<`` together with the word after it (used to find heredocs on a line).

Written by hand because no Python library implements Docker's variant (``shlex`` knows neither
``$`` substitution nor Docker's escape-character directive).
"""

from __future__ import annotations

import re
from typing import Mapping


SPECIAL_PARAMS = "@*#?-$!0"


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


class _Words:
    """BuildKit's word splitter: whitespace from text (and unquoted expansions) ends a word."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.buf = ""
        self.in_word = False

    def add_char(self, ch: str) -> None:
        if ch.isspace():
            if self.in_word and self.buf:
                self.words.append(self.buf)
                self.buf, self.in_word = "", False
        else:
            self.add_raw(ch)

    def add_raw(self, text: str) -> None:
        self.buf += text
        self.in_word = True

    def add_string(self, text: str) -> None:
        for ch in text:
            self.add_char(ch)

    def result(self) -> list[str]:
        if self.buf:
            self.words.append(self.buf)
            self.buf, self.in_word = "", False
        return self.words


_EOF = ""


class _Lexer:
    def __init__(self, word: str, env: Mapping[str, str], escape: str, *, raw_quotes: bool = False,
                 raw_escapes: bool = False, skip_unset: bool = False, heredoc: bool = False,
                 skip_process_quotes: bool = False) -> None:
        self.word = word
        self.text = word
        self.pos = 0
        self.env = env
        self.escape = escape
        self.raw_quotes = raw_quotes
        self.raw_escapes = raw_escapes
        self.skip_unset = skip_unset
        self.heredoc = heredoc
        self.quotes = not skip_process_quotes

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else _EOF

    def next(self) -> str:
        ch = self.peek()
        self.pos += 1
        return ch

    def error(self, key: str, **params: object) -> LexError:
        return LexError(key, word=self.word, **params)

    # -- BuildKit's processStopOn -------------------------------------------------------------
    def until(self, stop: str | None, raw_escapes: bool) -> tuple[str, list[str]]:
        """Read up to ``stop`` (consumed) or the end: (the text, its words)."""
        result: list[str] = []
        words = _Words()
        saved, self.raw_escapes = self.raw_escapes, raw_escapes
        try:
            while self.peek() != _EOF:
                ch = self.peek()
                if stop is not None and ch == stop:
                    self.next()
                    return "".join(result), words.result()
                if ch == "$":
                    value = self.dollar()
                    result.append(value)
                    words.add_string(value)
                elif ch == "'" and self.quotes:
                    value = self.single_quoted()
                    result.append(value)
                    words.add_raw(value)
                elif ch == '"' and self.quotes:
                    value = self.double_quoted()
                    result.append(value)
                    words.add_raw(value)
                elif ch == "<" and self.heredoc:
                    value = self.possible_heredoc()
                    result.append(value)
                    words.add_raw(value)
                else:
                    self.next()
                    if ch == self.escape:
                        if self.raw_escapes:
                            words.add_raw(ch)
                            result.append(ch)
                        ch = self.next()
                        if ch == _EOF:
                            break
                        words.add_raw(ch)
                    else:
                        words.add_char(ch)
                    result.append(ch)
        finally:
            self.raw_escapes = saved
        if stop is not None:
            raise self.error("build.lex.missing_brace" if stop == "}" else "build.lex.missing_slash")
        return "".join(result), words.result()

    def single_quoted(self) -> str:
        opening = self.next()
        out = [opening] if self.raw_quotes else []
        while True:
            ch = self.next()
            if ch == _EOF:
                raise self.error("build.lex.unterminated", quote="'")
            if ch == "'":
                if self.raw_quotes:
                    out.append(ch)
                return "".join(out)
            out.append(ch)

    def double_quoted(self) -> str:
        opening = self.next()
        out = [opening] if self.raw_quotes else []
        while True:
            ch = self.peek()
            if ch == _EOF:
                raise self.error("build.lex.unterminated", quote='"')
            if ch == '"':
                self.next()
                if self.raw_quotes:
                    out.append(ch)
                return "".join(out)
            if ch == "$":
                out.append(self.dollar())
                continue
            self.next()
            if ch == self.escape:
                if self.raw_escapes:
                    out.append(ch)
                nxt = self.peek()
                if nxt == _EOF:
                    continue
                if nxt in ('"', "$", self.escape):
                    ch = self.next()
            out.append(ch)

    def possible_heredoc(self) -> str:
        """``<<``, ``<<-`` and the blanks after them stay with the word that follows."""
        self.next()
        if self.peek() != "<":
            return "<"
        self.next()
        out = "<<"
        if self.peek() == "-":
            out += self.next()
        while self.peek() in (" ", "\t", "\r"):
            out += self.next()
        return out

    def name(self) -> str:
        ch = self.peek()
        if ch and ch.isdigit():
            start = self.pos
            while self.peek() and self.peek().isdigit():
                self.next()
            return self.text[start:self.pos]
        if ch and ch in SPECIAL_PARAMS:
            return self.next()
        start = self.pos
        while self.peek() and (self.peek().isalnum() or self.peek() == "_"):
            self.next()
        return self.text[start:self.pos]

    def lookup(self, name: str) -> tuple[str, bool]:
        if name in self.env:
            return self.env[name], True
        return "", False

    def dollar(self) -> str:
        self.next()  # "$"
        if self.peek() != "{":
            name = self.name()
            if not name:
                return "$"
            value, found = self.lookup(name)
            if not found and self.skip_unset:
                return "$" + name
            return value
        self.next()  # "{"
        first = self.peek()
        if first == _EOF:
            raise self.error("build.lex.missing_brace")
        if first in ("{", "}", ":"):
            raise self.error("build.lex.bad_substitution")
        name = self.name()
        ch = self.next()
        modifier = ch
        if ch == _EOF:  # BuildKit says "unsupported modifier" here; the missing brace is the fault
            raise self.error("build.lex.missing_brace")
        if ch == "}":
            value, found = self.lookup(name)
            if not found and self.skip_unset:
                return "${" + name + "}"
            return value
        if ch == "/":
            return self.replace(name)
        colon = False
        if ch == ":":
            colon = True
            ch = self.next()
            modifier += ch
        elif ch not in ("+", "-", "?", "#", "%"):
            raise self.error("build.lex.unsupported", modifier=modifier or "}")
        pattern = ch in ("#", "%")
        if colon and pattern:
            raise self.error("build.lex.unsupported", modifier=modifier)
        word, _ = self.until("}", pattern)
        value, found = self.lookup(name)
        if self.skip_unset and not found:
            return "${" + name + modifier + word + "}"
        empty = not found or (colon and value == "")
        if ch == "-":
            return word if empty else value
        if ch == "+":
            return "" if empty else word
        if ch == "?":
            if not found:
                raise LexError("build.lex.required", name=name, message=word or _tr("build.lex.required_unset"))
            if colon and value == "":
                raise LexError("build.lex.required", name=name, message=word or _tr("build.lex.required_empty"))
            return value
        if ch in ("#", "%"):
            greedy = word.startswith(ch)
            if greedy:
                word = word[1:]
            if ch == "%":
                return self.trim_suffix(word, value, greedy)
            return self.trim_prefix(word, value, greedy)
        raise self.error("build.lex.unsupported", modifier=modifier)

    def replace(self, name: str) -> str:
        every = self.peek() == "/"
        if every:
            self.next()
        pattern, _ = self.until("/", True)
        replacement, _ = self.until("}", True)
        value, found = self.lookup(name)
        if self.skip_unset and not found:
            return "${" + name + "/" + pattern + "/" + replacement + "}"
        regex = self.pattern(pattern, greedy=True, anchored=False)
        if every:
            return regex.sub(lambda _m: replacement, value)
        match = regex.search(value)
        return value if match is None else value[:match.start()] + replacement + value[match.end():]

    def pattern(self, pattern: str, *, greedy: bool, anchored: bool) -> "re.Pattern[str]":
        """A shell wildcard pattern (``*``, ``?``, escapes) as a regular expression."""
        out = ["^"] if anchored else []
        i = 0
        while i < len(pattern):
            ch = pattern[i]
            i += 1
            if ch == "*":
                out.append(".*" if greedy else ".*?")
            elif ch == "?":
                out.append(".")
            elif ch == "\\":
                nxt = pattern[i] if i < len(pattern) else ""
                if nxt in ("}", "/"):
                    continue
                if nxt not in ("*", "?", "\\"):
                    raise self.error("build.lex.bad_pattern", pattern=pattern, detail=f"\\{nxt}")
                out.append(re.escape(nxt))
                i += 1
            else:
                out.append(re.escape(ch))
        return re.compile("".join(out), re.S)

    def trim_prefix(self, pattern: str, value: str, greedy: bool) -> str:
        match = self.pattern(pattern, greedy=greedy, anchored=True).search(value)
        return value[match.end():] if match else value

    def trim_suffix(self, pattern: str, value: str, greedy: bool) -> str:
        # regular expressions find the leftmost match: reverse pattern and value, trim, reverse
        return self.trim_prefix(_reverse_pattern(pattern), value[::-1], greedy)[::-1]


def _reverse_pattern(pattern: str) -> str:
    """Reverse a pattern keeping each escape before its character (``a\\*c`` -> ``c\\*a``)."""
    tokens: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            tokens.append(pattern[i:i + 2])
            i += 2
        else:
            tokens.append(pattern[i])
            i += 1
    return "".join(reversed(tokens))


def _tr(key: str) -> str:
    from ..i18n import tr

    return tr(key)


def process_word(word: str, env: Mapping[str, str], escape: str = "\\", **options: bool) -> str:
    """Expand ``word`` as one word: quotes removed, variables substituted, spaces kept."""
    return _Lexer(word, env, escape, **options).until(None, options.get("raw_escapes", False))[0]


def process_words(text: str, env: Mapping[str, str], escape: str = "\\", **options: bool) -> list[str]:
    """Expand ``text`` into words split on unquoted whitespace (Docker does this for EXPOSE)."""
    return _Lexer(text, env, escape, **options).until(None, options.get("raw_escapes", False))[1]


def split_words(text: str, escape: str = "\\") -> list[str]:
    """Split on whitespace outside quotes, keeping quotes and escapes (BuildKit's ``parseWords``):
    the escape character keeps the next character (a quote too) in the word, except inside
    single quotes; an escape character at the very end is dropped."""
    words: list[str] = []
    current: list[str] = []
    in_word = False
    quote = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if not quote and ch.isspace():
            if in_word:
                words.append("".join(current))
                current, in_word = [], False
            i += 1
            continue
        in_word = True
        if quote and ch == quote:
            quote = ""
        elif not quote and ch in ("'", '"'):
            quote = ch
        elif ch == escape and quote != "'":
            if i + 1 == len(text):
                break
            current.append(ch)
            i += 1
            ch = text[i]
        current.append(ch)
        i += 1
    if in_word:
        words.append("".join(current))
    return words
