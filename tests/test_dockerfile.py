"""The Dockerfile front end and Docker's word lexer."""

from __future__ import annotations

import pytest

from dockerlab.builder import dockerfile as df
from dockerlab.builder.lexer import LexError, process_word, process_words, split_words
from dockerlab.errors import DockerfileError


def test_instructions_have_one_based_lines_and_joined_continuations():
    text = (
        "# syntax=docker/dockerfile:1\n"
        "FROM scratch AS base\n"
        "\n"
        "RUN echo a \\\n"
        "  # a comment inside the continuation\n"
        "  && echo b\n"
        "COPY --chown=1:2 --from=base a b /x/\n"
        'CMD ["sh", "-c", "x"]\n'
    )
    got = df.parse(text)
    assert [(i.keyword, i.line, i.end_line) for i in got] == [
        ("FROM", 2, 2), ("RUN", 4, 6), ("COPY", 7, 7), ("CMD", 8, 8)]
    assert got[1].args == "echo a   && echo b"
    assert got[2].flags == (("chown", "1:2"), ("from", "base"))
    assert got[2].args == "a b /x/"
    assert got[3].json == ("sh", "-c", "x")
    assert got[1].json is None


def test_escape_directive_changes_the_continuation_character():
    text = "# escape=`\nFROM scratch\nRUN echo a `\n  b\nCOPY c:\\x /y\n"
    got = df.parse(text)
    assert got[1].args == "echo a   b"
    assert got[1].escape == "`"
    assert got[2].args == "c:\\x /y"


def test_keywords_are_case_insensitive():
    got = df.parse("from scratch\nenv A=1\n")
    assert [i.keyword for i in got] == ["FROM", "ENV"]


@pytest.mark.parametrize("text, line, fragment", [
    ("FROM scratch\nFOO bar\n", 2, "FOO"),
    ("FROM scratch\nRUN\n", 2, "RUN"),
    ('FROM scratch\nCMD ["a", \'b\']\n', 2, "JSON"),
    ('FROM scratch\nENTRYPOINT ["a",]\n', 2, "JSON"),
    ("FROM scratch\nSHELL /bin/sh -c\n", 2, "SHELL"),
    ("FROM scratch\nCOPY --bogus=1 a b\n", 2, "--bogus"),
    ("FROM scratch\nRUN --mount=type=cache,target=/c make\n", 2, "BuildKit"),
    ("FROM scratch\nRUN <<EOF\necho hi\nEOF\n", 2, "heredoc"),
    ("RUN echo\n", 1, "FROM"),
    ("ARG A=1\nENV B=2\n", 2, "FROM"),
])
def test_bad_dockerfiles_name_the_line(text, line, fragment):
    with pytest.raises(DockerfileError) as info:
        df.parse(text)
    assert info.value.line == line
    assert fragment in str(info.value)
    assert "baris" in str(info.value)  # Indonesian by default


def test_empty_dockerfile_is_an_error(tmp_path):
    (tmp_path / "Dockerfile").write_text("# only a comment\n\n")
    with pytest.raises(DockerfileError, match="kosong"):
        df.read(tmp_path / "Dockerfile")


def test_missing_dockerfile_is_an_error(tmp_path):
    with pytest.raises(DockerfileError, match="tidak ditemukan"):
        df.read(tmp_path / "Dockerfile")


ENV = {"A": "1", "EMPTY": "", "S": "x y"}


@pytest.mark.parametrize("word, expected", [
    ("$A", "1"),
    ("${A}", "1"),
    ("pre${A}post", "pre1post"),
    ("$UNSET", ""),
    ("${UNSET:-def}", "def"),
    ("${EMPTY:-def}", "def"),
    ("${EMPTY-def}", ""),
    ("${UNSET-def}", "def"),
    ("${A:+alt}", "alt"),
    ("${EMPTY:+alt}", ""),
    ("${EMPTY+alt}", "alt"),
    ("${UNSET:+alt}", ""),
    ("${UNSET:-$A}", "1"),
    ("'$A'", "$A"),
    ('"$A b"', "1 b"),
    ('"a\\"b"', 'a"b'),
    ('"a\\nb"', "a\\nb"),
    ("\\$A", "$A"),
    ("a\\ b", "a b"),
    ("$", "$"),
    ("${S}", "x y"),
])
def test_word_expansion_follows_docker(word, expected):
    assert process_word(word, ENV) == expected


def test_unterminated_quote_and_required_variable_raise():
    with pytest.raises(LexError):
        process_word('"abc', ENV)
    with pytest.raises(LexError):
        process_word("${UNSET:?must be set}", ENV)
    with pytest.raises(LexError):
        process_word("${A", ENV)


def test_words_split_unquoted_expansions_only():
    assert process_words('$S 80 "a b"', ENV) == ["x", "y", "80", "a b"]
    assert split_words('a="x y" b=c\\ d') == ['a="x y"', "b=c\\ d"]


def test_instruction_continued_at_end_of_file_is_kept():
    got = df.parse("FROM scratch\nENV A=1 \\")
    assert [(i.keyword, i.args, i.line, i.end_line) for i in got] == [("FROM", "scratch", 1, 1), ("ENV", "A=1", 2, 2)]
