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
    ('FROM scratch\nCMD ["a", 1]\n', 2, "JSON"),
    ('FROM scratch\nENTRYPOINT ["a", ["b"]]\n', 2, "tanda kutip ganda"),
    ("FROM scratch\nSHELL /bin/sh -c\n", 2, "SHELL"),
    ('FROM scratch\nSHELL ["/bin/sh", -c]\n', 2, "array JSON"),
    ("FROM scratch\nCOPY --bogus=1 a b\n", 2, "--bogus"),
    ("FROM scratch\nRUN --mount=type=cache,target=/c make\n", 2, "BuildKit"),
    ("FROM scratch\nRUN <<EOF\necho hi\nEOF2\n", 2, "heredoc"),  # never closed
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


@pytest.mark.parametrize("text, expected", [
    # Docker's parseMaybeJSON: not a JSON array -> the shell form, kept as written
    ('CMD ["echo", Selamat belajar]', ("CMD", None, '["echo", Selamat belajar]')),
    ("CMD ['echo', 'hai']", ("CMD", None, "['echo', 'hai']")),
    ('ENTRYPOINT ["a",]', ("ENTRYPOINT", None, '["a",]')),
    ('RUN ["echo", x]', ("RUN", None, '["echo", x]')),
    ('CMD [NaN]', ("CMD", None, "[NaN]")),
    ('COPY ["a.txt", /x/]', ("COPY", None, '["a.txt", /x/]')),
    ('VOLUME ["/a", /b]', ("VOLUME", None, '["/a", /b]')),
    # Go's json.Decoder reads the first value and ignores what follows it
    ('CMD ["a", "b"] junk', ("CMD", ("a", "b"), '["a", "b"] junk')),
    ('CMD  [ "a" ]', ("CMD", ("a",), '[ "a" ]')),
])
def test_a_value_that_is_not_a_json_array_is_the_shell_form(text, expected):
    inst = df.parse(f"FROM scratch\n{text}\n")[1]
    assert (inst.keyword, inst.json, inst.args) == expected


def test_a_json_form_split_over_lines_falls_back_as_joined():
    inst = df.parse('FROM scratch\nCMD ["a",\\\n  b]\n')[1]
    assert (inst.json, inst.args, inst.end_line) == (None, '["a",  b]', 3)


@pytest.mark.parametrize("word, match", [("CDM", "CMD"), ("FORM", "FROM"), ("COPPY", "COPY"), ("RUNN", "RUN"),
                                         ("ENTRYPIONT", "ENTRYPOINT"), ("workdri", "WORKDIR")])
def test_a_misspelt_instruction_names_the_close_one(word, match):
    text = f"FROM scratch\n{word} x\n" if word != "FORM" else "FORM scratch\n"
    line = 1 if word == "FORM" else 2
    with pytest.raises(DockerfileError) as info:
        df.parse(text)
    assert info.value.line == line
    assert str(info.value) == \
        f"Dockerfile baris {line}: instruksi tidak dikenal {word.upper()!r} — maksud Anda {match}?"


def test_an_unknown_word_with_no_close_instruction_lists_them_all():
    with pytest.raises(DockerfileError) as info:
        df.parse("FROM scratch\nFROBNICATE x\n")
    assert "'FROBNICATE'" in str(info.value) and "maksud" not in str(info.value)
    assert "HEALTHCHECK, LABEL" in str(info.value)


CONTINUED = "sepertinya lanjutan perintah RUN di baris {prev}: akhiri baris {prev} dengan `{esc}`."


@pytest.mark.parametrize("text, line, prev", [
    # the course's example: && at the end, the next command alone on its line
    ("FROM scratch\nRUN head -c 400000 /dev/zero > /tmp/unduhan.bin &&\n mkdir -p /opt\n", 3, 2),
    ("FROM scratch\nRUN false ||   \nECHO gagal\n", 3, 2),
    ("FROM scratch\nRUN cat /etc/passwd |\nWC -l\n", 3, 2),
    # a lower-case word after a RUN: a shell command, even one close to an instruction (cp ~ COPY)
    ("FROM scratch\nRUN mkdir -p /app\ncp /etc/passwd /app/\n", 3, 2),
    # blank lines and comments between: the RUN's last line is the one to end with the escape
    ("FROM scratch\nRUN echo a \\\n  && echo b\n\n# next\nmkdir /x\n", 6, 3),
])
def test_a_forgotten_continuation_says_which_line_to_end(text, line, prev):
    with pytest.raises(DockerfileError) as info:
        df.parse(text)
    assert info.value.line == line
    message = str(info.value)
    assert message.startswith(f"Dockerfile baris {line}: instruksi tidak dikenal ")
    assert f"Baris {line} " + CONTINUED.format(prev=prev, esc="\\") in message


def test_the_continuation_hint_names_the_escape_directive_and_speaks_english():
    import dockerlab

    with pytest.raises(DockerfileError) as info:
        df.parse("# escape=`\nFROM scratch\nRUN echo a &&\necho b\n")
    assert "akhiri baris 3 dengan ```." in str(info.value)
    dockerlab.set_language("en")
    assert "looks like the rest of the RUN command on line 3: end line 3 with ```." in str(info.value)


def test_no_continuation_hint_without_a_run_or_operator_before():
    # upper-case after a complete RUN: a typo, not a shell command
    with pytest.raises(DockerfileError) as info:
        df.parse("FROM scratch\nRUN echo a\nCOPPY a b\n")
    assert "maksud Anda COPY?" in str(info.value) and "lanjutan" not in str(info.value)
    # lower-case after COPY: no RUN to continue
    with pytest.raises(DockerfileError) as info:
        df.parse("FROM scratch\nCOPY a /a\nfrobnicate x\n")
    assert "lanjutan" not in str(info.value) and "'FROBNICATE'" in str(info.value)


def test_lower_case_instructions_stay_instructions_after_an_open_run():
    # Docker's keywords are case-insensitive: `run` after a RUN ending in && is a new RUN
    got = df.parse("FROM scratch\nRUN echo a &&\nrun echo b\n")
    assert [(i.keyword, i.args) for i in got] == [("FROM", "scratch"), ("RUN", "echo a &&"), ("RUN", "echo b")]
