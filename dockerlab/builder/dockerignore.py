"""``.dockerignore`` and Go ``filepath.Match`` patterns, with Docker's exact rules.

Ported from moby's ``patternmatcher`` (``MatchesOrParentMatches``) and ``ignorefile.ReadAll``:

- lines starting with ``#`` are comments; surrounding whitespace is trimmed; empty lines skipped;
- a leading ``!`` makes an exception; the pattern is ``filepath.Clean``-ed and a leading ``/``
  dropped, so ``/foo`` and ``foo`` are the same;
- ``*`` and ``?`` never cross ``/``; ``**`` matches any number of directories (also zero);
  ``[...]`` is a character class (``^`` negates); ``\\`` escapes the next character;
- patterns are applied in order and the last one that matches wins; a path is also matched when
  one of its parent directories matches.

Written by hand: ``fnmatch`` lets ``*`` cross ``/`` and has no ``**``; ``pathspec`` follows
gitignore, whose rules differ from Docker's (unanchored names, trailing-slash directories).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import BuildContextError


def clean(path: str) -> str:
    """Go's ``path.Clean`` (lexical: collapses ``//``, ``.``, ``..``; ``""`` -> ``"."``)."""
    if not path:
        return "."
    rooted = path.startswith("/")
    out: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if out and out[-1] != "..":
                out.pop()
            elif not rooted:
                out.append("..")
            continue
        out.append(part)
    text = "/".join(out)
    return ("/" + text) if rooted else (text or ".")


def _class(pattern: str, i: int) -> tuple[str, int]:
    """Translate the ``[...]`` class starting at ``pattern[i] == "["``; returns (regex, next i)."""
    j = i + 1
    out = "["
    if j < len(pattern) and pattern[j] == "^":
        out += "^/"  # a negated class never matches the separator
        j += 1
    first = True
    while j < len(pattern) and (pattern[j] != "]" or first):
        ch = pattern[j]
        first = False
        if ch == "\\" and j + 1 < len(pattern):
            j += 1
            ch = pattern[j]
        if ch == "-" and out[-1] != "[" and j + 1 < len(pattern) and pattern[j + 1] != "]":
            out += "-"
        else:
            out += re.escape(ch)
        j += 1
    if j >= len(pattern):
        raise ValueError("unterminated character class")
    if out in ("[", "[^/"):
        raise ValueError("empty character class")
    return out + "]", j + 1


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str, double_star: bool = True) -> re.Pattern[str]:
    """A regex for a Docker ignore pattern (``double_star``) or a Go ``filepath.Match`` pattern."""
    out = "^"
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "*":
            if double_star and i + 1 < n and pattern[i + 1] == "*":
                i += 2
                if i < n and pattern[i] == "/":
                    i += 1
                out += ".*" if i >= n else "(.*/)?"
                continue
            out += "[^/]*"
        elif ch == "?":
            out += "[^/]"
        elif ch == "\\":
            if i + 1 < n:
                i += 1
                out += re.escape(pattern[i])
            else:
                out += re.escape("\\")
        elif ch == "[":
            regex, i = _class(pattern, i)
            out += regex
            continue
        else:
            out += re.escape(ch)
        i += 1
    return re.compile(out + "$", re.S)


def match(pattern: str, name: str) -> bool:
    """Go ``filepath.Match(pattern, name)`` on ``/``-separated paths (used by COPY wildcards)."""
    return compile_pattern(pattern, double_star=False).match(name) is not None


def has_wildcards(path: str) -> bool:
    """Whether a COPY source uses ``filepath.Match`` syntax (Docker: ``*``, ``?``, ``[``, ``\\``)."""
    return any(c in path for c in "*?[\\")


@dataclass(frozen=True)
class _Rule:
    pattern: str
    exclusion: bool
    regex: re.Pattern[str]
    parts: int


class DockerIgnore:
    """The patterns of one ``.dockerignore``; ``ignored(path)`` says whether a path is left out."""

    def __init__(self, patterns: list[str] | tuple[str, ...] = ()) -> None:
        rules: list[_Rule] = []
        for number, raw in enumerate(patterns, start=1):
            text = raw.strip()
            if not text:
                continue
            exclusion = text.startswith("!")
            if exclusion:
                text = text[1:].strip()
            text = clean(text)
            if len(text) > 1 and text.startswith("/"):
                text = text[1:]
            try:
                regex = compile_pattern(text)
            except (ValueError, re.error):
                raise BuildContextError("build.ignore.bad_pattern", pattern=raw, line=number) from None
            if text.startswith("**") and not has_wildcards(text[2:]):
                # moby's "suffixMatch" shortcut: a plain string suffix test
                suffix = text[2:]
                tail = "|" + re.escape(suffix[1:]) if suffix.startswith("/") else ""
                regex = re.compile("^(?:.*" + re.escape(suffix) + tail + ")$", re.S)
            rules.append(_Rule(text, exclusion, regex, len(text.split("/"))))
        self.rules = tuple(rules)
        self.patterns = tuple(("!" if r.exclusion else "") + r.pattern for r in rules)

    @classmethod
    def read(cls, context: str | Path) -> "DockerIgnore":
        """The ``.dockerignore`` of a build context (an empty one when the file is missing)."""
        file = Path(context) / ".dockerignore"
        if not file.is_file():
            return cls()
        text = file.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
        lines = [line for line in text.splitlines() if not line.startswith("#")]
        return cls(lines)

    def __bool__(self) -> bool:
        return bool(self.rules)

    def ignored(self, path: str) -> bool:
        """Whether context-relative ``path`` (``/``-separated) is excluded from the context."""
        path = clean(path)
        if path == "." or not self.rules:
            return False
        parent = posixpath.dirname(path)
        parents = parent.split("/") if parent else []
        matched = False
        for rule in self.rules:
            if rule.exclusion != matched:
                continue
            hit = rule.regex.match(path) is not None
            if not hit:
                for i in range(len(parents)):
                    if rule.regex.match("/".join(parents[: i + 1])):
                        hit = True
                        break
            if hit:
                matched = not rule.exclusion
        return matched

    def may_contain_exceptions(self, directory: str) -> bool:
        """Whether an ignored ``directory`` must still be walked.

        Docker's rule (``archive.TarWithOptions``): only when an exception pattern starts with the
        directory's path; a wildcard exception does not rescue it (moby issue 30018).
        """
        prefix = clean(directory) + "/"
        return any(r.exclusion and (r.pattern + "/").startswith(prefix) for r in self.rules)
