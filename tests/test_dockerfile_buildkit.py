"""The Dockerfile front end against BuildKit's parser rules (issue 17).

Each case is written here from a rule of BuildKit's ``frontend/dockerfile/parser``,
``instructions`` and ``shell`` packages (line scanning, directives, continuations, heredocs, flags,
the word lexer); none is copied from BuildKit's test data.
"""

from __future__ import annotations

import pytest

import dockerlab
from dockerlab.builder import dockerfile as df
from dockerlab.builder.lexer import LexError, process_word, process_words, split_words
from dockerlab.errors import DockerfileError


def parse(text: str) -> list[df.Instruction]:
    return df.parse(text)


def shape(text: str) -> list[tuple[str, str, int, int]]:
    return [(i.keyword, i.args, i.line, i.end_line) for i in parse(text)]


def refused(text: str) -> DockerfileError:
    with pytest.raises(DockerfileError) as info:
        parse(text)
    return info.value


# -- continuation lines ---------------------------------------------------------------------------

def test_empty_lines_inside_a_continuation_are_skipped_with_a_warning():
    text = "FROM scratch\nRUN echo a \\\n\n    && echo b \\\n   \n    && echo c\nUSER 1\n"
    got = parse(text)
    assert [(i.keyword, i.line, i.end_line) for i in got] == [("FROM", 1, 1), ("RUN", 2, 6), ("USER", 7, 7)]
    assert got[1].args == "echo a     && echo b     && echo c"
    assert len(got[1].warnings) == 1 and "baris kosong" in got[1].warnings[0]
    assert got[0].warnings == () and got[2].warnings == ()


def test_a_blank_line_does_not_end_a_continuation():
    # BuildKit keeps reading: the instruction after the blank line becomes part of the RUN
    got = parse("FROM scratch\nRUN echo a \\\n\nUSER 1\n")
    assert [(i.keyword, i.args) for i in got] == [("FROM", "scratch"), ("RUN", "echo a USER 1")]


def test_comments_inside_a_continuation_are_dropped_whatever_their_indent():
    text = "FROM scratch\nRUN a \\\n# one\n      # two\n  b # not a comment\n"
    assert shape(text)[1] == ("RUN", "a   b # not a comment", 2, 5)


def test_the_next_line_keeps_its_indentation_and_the_blanks_after_the_escape_go():
    assert shape("FROM scratch\nRUN a \\   \t\n\tb\n")[1] == ("RUN", "a \tb", 2, 3)
    assert shape("FROM scratch\nRUN a\\\nb\n")[1] == ("RUN", "ab", 2, 3)


def test_a_lone_escape_line_continues():
    assert shape("FROM scratch\nRUN a \\\n\\\nb\n")[1] == ("RUN", "a b", 2, 4)


def test_an_escaped_escape_at_the_end_is_text_not_a_continuation():
    got = parse("FROM scratch\nENV C trailing\\\\backslash\\\\\nUSER 1\n")
    assert [(i.keyword, i.args, i.line) for i in got[1:]] == [
        ("ENV", "C trailing\\\\backslash\\\\", 2), ("USER", "1", 3)]


def test_env_pairs_continued_over_lines():
    got = parse("FROM scratch\nENV A=1 \\\n    B=2 \\\n    C=\"3 4\"\n")
    assert got[1].args == 'A=1     B=2     C="3 4"'
    assert split_words(got[1].args) == ["A=1", "B=2", 'C="3 4"']


def test_line_numbers_after_continuations_comments_and_heredocs():
    text = ("# syntax=docker/dockerfile:1\n\nFROM scratch\n# a comment\nRUN a \\\n  # inside\n  b\n"
            "COPY <<EOF /x\nbody\nEOF\n\nCMD [\"c\"]\n")
    assert [(i.keyword, i.line, i.end_line) for i in parse(text)] == [
        ("FROM", 3, 3), ("RUN", 5, 7), ("COPY", 8, 10), ("CMD", 12, 12)]


def test_crlf_line_ends_and_a_byte_order_mark():
    got = parse("\ufeffFROM scratch\r\nRUN a \\\r\n  b\r\n")
    assert [(i.keyword, i.args) for i in got] == [("FROM", "scratch"), ("RUN", "a   b")]


def test_a_line_over_65535_bytes_is_refused_at_its_line():
    ok = "FROM scratch\nLABEL a=" + "x" * (65535 - len("LABEL a=")) + "\n"
    assert len(parse(ok)) == 2
    error = refused(ok.replace("LABEL a=", "LABEL a=xx") + "USER 1\n")
    assert error.line == 2 and "65.535" in str(error)
    # bytes, not characters: 'é' is two bytes in UTF-8
    error = refused("FROM scratch\nLABEL a=" + "é" * 33000 + "\n")
    assert error.line == 2


# -- parser directives ------------------------------------------------------------------------------

def test_escape_directive_backtick():
    got = parse("# escape=`\nFROM scratch\nRUN dir c:\\ `\n  && echo b\nCOPY a\\b c:\\x\\\n")
    assert got[1].args == "dir c:\\   && echo b" and got[1].escape == "`"
    assert got[2].args == "a\\b c:\\x\\"  # a backslash is only text with the backtick escape


def test_directives_are_case_insensitive_and_may_be_spaced():
    assert parse("#  ESCAPE =  `\nFROM scratch\nRUN a `\nb\n")[1].args == "a b"


@pytest.mark.parametrize("head", [
    "# comment\n# escape=`\n",   # after a comment: only a comment
    "\n# escape=`\n",            # after a blank line
    "# unknown=1\n# escape=`\n",  # an unknown directive ends them
    "FROM scratch\n# escape=`\n",  # after an instruction
])
def test_a_late_escape_directive_is_a_comment(head):
    got = parse(head + "FROM scratch\nRUN a `\nUSER b\n")
    assert all(i.escape == "\\" for i in got)
    assert [(i.keyword, i.args) for i in got][-2:] == [("RUN", "a `"), ("USER", "b")]


def test_a_directive_given_twice_or_a_bad_escape_is_refused():
    assert refused("# escape=`\n# escape=\\\nFROM scratch\n").line == 2
    assert refused("# syntax=a\n# syntax=b\nFROM scratch\n").line == 2
    error = refused("# escape=|\nFROM scratch\n")
    assert error.line == 1 and "escape" in str(error)


def test_syntax_and_check_directives_are_read_and_ignored():
    got = parse("# syntax=docker/dockerfile:1.7\n# check=skip=all\nFROM scratch\n")
    assert [i.keyword for i in got] == ["FROM"]


# -- instruction lines and flags ---------------------------------------------------------------------

def test_flags_are_the_double_dash_words_after_the_instruction():
    got = parse('FROM scratch\nCOPY --chown="1:2" --chmod=0640 --link a --b /x/\n')[1]
    assert got.flags == (("chown", "1:2"), ("chmod", "0640"), ("link", "true"))
    assert got.args == "a --b /x/"  # after the first other word, -- is text
    assert parse("FROM scratch\nCOPY --link=FALSE -- --a /x/\n")[1].flags == (("link", "false"),)
    assert parse("FROM scratch\nCOPY --link=FALSE -- --a /x/\n")[1].args == "--a /x/"


@pytest.mark.parametrize("text, fragment", [
    ("FROM scratch\nCOPY --chown 1:1 a b\n", "butuh nilai"),  # a value needs "=", never the next word
    ("FROM scratch\nCOPY --from=a --from=b a b\n", "dua kali"),
    ("FROM scratch\nCOPY --link=maybe a b\n", "true atau false"),
    ("FROM scratch\nENV --x=1 A=1\n", "'--x=1'"),
    ("FROM scratch\nRUN --mount=type=cache,target=/c make\n", "BuildKit"),
    ("FROM scratch\nRUN --network=host true\n", "network.host"),
    ("FROM scratch\nRUN --network=wifi true\n", "default, none, host"),
])
def test_bad_flags_are_refused_at_their_line(text, fragment):
    error = refused(text)
    assert error.line == 2 and fragment in str(error)


def test_run_network_none_and_default_are_accepted():
    for value in ("none", "default"):
        assert parse(f"FROM scratch\nRUN --network={value} true\n")[1].flag("network") == value


def test_instruction_names_are_case_insensitive_and_blanks_around_them_ignored():
    got = parse("  from scratch As Dasar\n\tRun\t echo   a  \nCoPy a b\n")
    assert [(i.keyword, i.args) for i in got] == [("FROM", "scratch As Dasar"), ("RUN", "echo   a"), ("COPY", "a b")]
    assert df.from_parts(got[0]) == ("scratch", "dasar")


def test_stage_names_follow_buildkit():
    assert df.from_parts(parse("FROM a AS b-1_c.d\n")[0]) == ("a", "b-1_c.d")
    for bad in ("1b", "-b", "b/c", "b:c"):
        with pytest.raises(DockerfileError):
            df.from_parts(parse(f"FROM a AS {bad}\n")[0])


@pytest.mark.parametrize("text, line", [
    ("FROM scratch\nONBUILD ONBUILD RUN x\n", 2),
    ("FROM scratch\nONBUILD FROM x\n", 2),
    ("FROM scratch\nonbuild maintainer x\n", 2),
    ("FROM scratch\nSHELL sh -c\n", 2),
    ('FROM scratch\nCMD ["a", false]\n', 2),
    ("FROM scratch\nCOPY a <<EOF\nx\nEOF\n", 2),  # the destination cannot be a heredoc
])
def test_instructions_buildkit_refuses(text, line):
    assert refused(text).line == line


def test_shell_form_when_not_a_json_array():
    got = parse("FROM scratch\nCMD [\"a\", 'b']\nENTRYPOINT [\"x\"] extra\nRUN [ ]\n")
    assert (got[1].json, got[2].json, got[3].json) == (None, ("x",), ())


# -- heredocs ------------------------------------------------------------------------------------------

def heredocs(text: str) -> list[tuple]:
    inst = parse("FROM scratch\n" + text)[1]
    return [(d.name, d.content, d.fd, d.expand, d.chomp) for d in inst.heredocs]


@pytest.mark.parametrize("line, name, fd, expand, chomp", [
    ("RUN <<EOF", "EOF", 0, True, False),
    ("RUN <<-EOF", "EOF", 0, True, True),
    ("RUN << EOF", "EOF", 0, True, False),
    ("RUN <<- EOF", "EOF", 0, True, True),
    ("RUN 4<<EOF", "EOF", 4, True, False),
    ("RUN <<'EOF'", "EOF", 0, False, False),
    ('RUN <<"EOF"', "EOF", 0, False, False),
    ('RUN <<E"O"F', "EOF", 0, False, False),
    ("RUN <<EO\\F", "EOF", 0, True, False),  # an escape is no quote: the body still expands
    ("RUN python3 <<EOF", "EOF", 0, True, False),
    ("RUN <<EOF > /out", "EOF", 0, True, False),
])
def test_heredoc_words(line, name, fd, expand, chomp):
    assert heredocs(f"{line}\nbody $X\n{name}\n") == [(name, "body $X\n", fd, expand, chomp)]


def test_a_dash_after_the_blank_belongs_to_the_name():
    assert heredocs("RUN << -EOF\nx\n-EOF\n") == [("-EOF", "x\n", 0, True, False)]


def test_chomp_affects_the_terminator_and_the_body_only_when_used():
    inst = parse("FROM scratch\nRUN <<-EOF\n\tone\n\t\ttwo\n\tEOF\nUSER 1\n")[1]
    assert inst.heredocs[0].content == "\tone\n\t\ttwo\n" and inst.heredocs[0].body == "one\ntwo\n"
    assert inst.end_line == 5
    # without the dash a tab-indented terminator is body text
    error = refused("FROM scratch\nRUN <<EOF\n\tx\n\tEOF\n")
    assert error.line == 2 and "<<EOF" in str(error)


def test_several_heredocs_are_read_in_order_and_bodies_are_not_instructions():
    inst = parse("FROM scratch\nCOPY <<A <<B /d/\nB\nFROM x\nA\n# kept\nA\nB\nUSER 1\n")[1]
    assert [(d.name, d.content) for d in inst.heredocs] == [("A", "B\nFROM x\n"), ("B", "# kept\nA\n")]
    assert (inst.line, inst.end_line) == (2, 8)


@pytest.mark.parametrize("text", [
    'RUN "<<EOF"\n', "RUN '<<EOF'\n", 'RUN ["<<EOF"]\n', "RUN echo a<<<b\n", "RUN <<\n", "ENV A=<<EOF\n",
])
def test_not_heredocs(text):
    got = parse("FROM scratch\n" + text)
    assert len(got) == 2 and got[1].heredocs == ()


def test_a_heredoc_on_a_non_heredoc_instruction_leaves_its_lines_to_the_parser():
    # USER has no heredocs: the next line is an instruction of its own
    assert refused("FROM scratch\nUSER <<EOF\nEOF\n").line == 3


def test_heredoc_after_onbuild_and_after_flags():
    inst = parse("FROM scratch\nONBUILD RUN <<EOF\necho x\nEOF\n")[1]
    assert inst.heredocs[0].content == "echo x\n" and inst.end_line == 4
    inst = parse("FROM scratch\nRUN --network=none <<EOF\ntrue\nEOF\n")[1]
    assert inst.heredocs[0].name == "EOF"


def test_unterminated_heredoc_says_it_is_buildkit_only_in_old_docker():
    error = refused("FROM scratch\nRUN <<EOF\necho\n")
    assert error.line == 2 and "BuildKit" in str(error) and "<<EOF" in str(error)
    dockerlab.set_language("en")
    assert "never closed" in str(error)


def test_an_unclosed_quote_makes_no_heredoc():
    # BuildKit cannot split such a line into words, finds no heredoc, and reads on: "x" is line 3
    assert refused("FROM scratch\nRUN <<'EOF\nx\nEOF\n").line == 3


# -- the word lexer ---------------------------------------------------------------------------------------

ENV = {"A": "1", "EMPTY": "", "P": "/usr/local/bin:/usr/bin", "F": "app.tar.gz", "ñame": "ñ"}


@pytest.mark.parametrize("word, expected", [
    # special parameters: never set in a build, so empty; their forms take the default
    ("$@", ""), ("$*", ""), ("$#", ""), ("$?", ""), ("$-", ""), ("$$", ""), ("$!", ""), ("$0", ""),
    ("${@}", ""), ("${#}", ""), ("${@:-x}", "x"), ("${*-y}", "y"), ("${?:+z}", ""), ("a$$b", "ab"),
    ("$1", ""), ("$12x", "x"),
    # forms without a colon look at set/unset only
    ("${EMPTY-d}", ""), ("${UNSET-d}", "d"), ("${EMPTY+a}", "a"), ("${UNSET+a}", ""),
    ("${EMPTY?m}", ""), ("${A:?m}", "1"),
    # patterns
    ("${P#*/}", "usr/local/bin:/usr/bin"), ("${P##*/}", "bin"), ("${F%.*}", "app.tar"), ("${F%%.*}", "app"),
    ("${F#app.}", "tar.gz"), ("${F%x}", "app.tar.gz"), ("${F/a/o}", "opp.tar.gz"), ("${F//a/o}", "opp.tor.gz"),
    ("${P//\\//|}", "|usr|local|bin:|usr|bin"), ("${F/?/X}", "Xpp.tar.gz"), ("${UNSET#x}", ""),
    # names are letters (any script), digits and _
    ("$ñame", "ñ"), ("${ñame}", "ñ"), ("$A-x", "1-x"),
    # quotes and escapes
    ("'${A}'", "${A}"), ('"${A}\\$A\\\\"', "1$A\\"), ('"\\a"', "\\a"), ("x\\", "x"), ("\\'a", "'a"),
])
def test_lexer_expands_like_buildkit(word, expected):
    assert process_word(word, ENV) == expected


@pytest.mark.parametrize("word, key", [
    ("${}", "build.lex.bad_substitution"), ("${:a}", "build.lex.bad_substitution"),
    ("${A", "build.lex.missing_brace"), ("${A:-x", "build.lex.missing_brace"),
    ("${A:x}", "build.lex.unsupported"), ("${A:#x}", "build.lex.unsupported"), ("${A!}", "build.lex.unsupported"),
    ("${A/x}", "build.lex.missing_slash"), ("${UNSET?}", "build.lex.required"), ("${EMPTY:?}", "build.lex.required"),
    ("${P#\\x}", "build.lex.bad_pattern"), ("'a", "build.lex.unterminated"), ('"a', "build.lex.unterminated"),
])
def test_lexer_errors(word, key):
    with pytest.raises(LexError) as info:
        process_word(word, ENV)
    assert info.value.key == key


def test_required_messages_are_docker_s_or_the_author_s():
    with pytest.raises(LexError) as info:
        process_word("${UNSET:?isi dulu}", ENV)
    assert info.value.params == {"name": "UNSET", "message": "isi dulu"}


def test_words_drop_empty_quotes_and_split_unquoted_expansions():
    assert process_words("'' a \"\" b", ENV) == ["a", "b"]
    assert process_words('x"" $P', {"P": "1  2"}) == ["x", "1", "2"]
    assert process_words('"$P"', {"P": "1  2"}) == ["1  2"]


def test_backtick_escape():
    assert process_word("`$A", ENV, "`") == "$A"
    assert process_word('"a`"b"', ENV, "`") == 'a"b'
    assert process_word("c:\\dir", ENV, "`") == "c:\\dir"


def test_raw_modes_keep_what_they_name():
    assert process_word("'a' \"$A\" \\x $U", ENV, raw_quotes=True, raw_escapes=True, skip_unset=True) == \
        "'a' \"1\" \\x $U"
    assert process_word("say \"hi\" to $A", ENV, skip_process_quotes=True) == 'say "hi" to 1'


def test_the_platform_args_buildkit_defines(store, tmp_path):
    from build_helpers import build, make_context
    from dockerlab.model import Platform

    host = Platform.host()
    ctx = make_context(tmp_path / "c", {}, (
        "ARG TARGETOS\n"
        "FROM --platform=$BUILDPLATFORM scratch AS alat\n"
        "ARG TARGETARCH\n"
        "LABEL os=$TARGETOS arch=$TARGETARCH build=$BUILDPLATFORM tak-dideklarasi=x$TARGETVARIANT$BUILDOS\n"
    ))
    labels = build(store, ctx).image.config.config.labels
    # inside a stage only what the stage declares: a global ARG is not redeclared here
    assert labels == {"os": "", "arch": host.architecture, "build": "", "tak-dideklarasi": "x"}
    # a --build-arg of the same name wins, as the multi-platform build passes them
    labels = build(store, ctx, build_args={"TARGETARCH": "arm64"}).image.config.config.labels
    assert labels["arch"] == "arm64"
