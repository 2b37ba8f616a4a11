"""Heredocs in RUN, COPY and ADD, built as BuildKit builds them (the legacy builder has none).

RUN steps run through the real executor on the busybox base image; the layers are read back.
"""

from __future__ import annotations

import pytest

from build_helpers import build, layer_file, layer_listing, make_context, need_executor
from dockerlab.baseimage import ensure_base_image

pytestmark = pytest.mark.executor


@pytest.fixture
def base(store):
    need_executor()
    return ensure_base_image(store)


def _entries(store, layer):
    return {e[0]: e for e in layer_listing(store, layer.digest)}


def test_run_heredoc_is_the_shell_script(store, base, tmp_path):
    ctx = make_context(tmp_path / "c", {}, (
        "FROM dockerlab.local/busybox\n"
        "ENV NAMA=dunia\n"
        "RUN <<EOF\n"
        "mkdir -p /out\n"
        "echo \"halo $NAMA\" > /out/a\n"
        "# a comment line of the script\n"
        "echo dua >> /out/a\n"
        "EOF\n"
        "RUN <<-EOF\n"
        "\techo tab > /out/b\n"
        "\tEOF\n"
    ))
    result = build(store, ctx)
    run1, run2 = result.image.layers[1:]
    assert layer_file(store, run1.digest, "out/a") == b"halo dunia\ndua\n"
    assert layer_file(store, run2.digest, "out/b") == b"tab\n"
    history = [h.created_by for h in result.image.config.history if not h.empty_layer]
    assert history[-2].startswith("/bin/sh -c mkdir -p /out\n")


def test_run_heredoc_with_a_shebang_runs_as_a_file_that_stays_out_of_the_layer(store, base, tmp_path):
    ctx = make_context(tmp_path / "c", {}, (
        "FROM dockerlab.local/busybox\n"
        "RUN <<SKRIP\n"
        "#!/bin/sh -e\n"
        "echo \"$0\" > /dari\n"
        "SKRIP\n"
    ))
    result = build(store, ctx)
    entries = _entries(store, result.image.layers[-1])
    assert list(entries) == ["dari"]
    assert layer_file(store, result.image.layers[-1].digest, "dari") == b"/.dockerlab-heredoc/SKRIP\n"


def test_a_heredoc_inside_a_command_is_the_shell_s_heredoc(store, base, tmp_path):
    ctx = make_context(tmp_path / "c", {}, (
        "FROM dockerlab.local/busybox\n"
        "ARG SIAPA=kamu\n"
        "RUN cat <<A > /satu && cat <<'B' > /dua\n"
        "halo $SIAPA\n"
        "A\n"
        "tetap $SIAPA\n"
        "B\n"
    ))
    result = build(store, ctx)
    digest = result.image.layers[-1].digest
    assert layer_file(store, digest, "satu") == b"halo kamu\n"
    assert layer_file(store, digest, "dua") == b"tetap $SIAPA\n"


def test_copy_heredocs_are_files_expanded_unless_quoted(store, base, tmp_path):
    ctx = make_context(tmp_path / "c", {"biasa.txt": "dari konteks\n"}, (
        "FROM dockerlab.local/busybox\n"
        "ARG VERSI=1.2\n"
        "COPY <<EOF /etc/app.conf\n"
        "versi=$VERSI \"dikutip\" 'juga'\n"
        "EOF\n"
        "COPY --chmod=0755 <<'SKRIP' <<-CATATAN biasa.txt /opt/\n"
        "#!/bin/sh\n"
        "echo $VERSI\n"
        "SKRIP\n"
        "\tcatatan ${VERSI}\n"
        "\tCATATAN\n"
        "ADD <<arsip.tar /data/\n"
        "bukan tar\n"
        "arsip.tar\n"
    ))
    result = build(store, ctx)
    conf, opt, data = result.image.layers[1:]
    entries = _entries(store, conf)
    assert entries["etc/app.conf"][1:5] == ("file", 0o644, 0, 0)
    # BuildKit expands only $VAR in the body: quotes are the file's own text
    assert layer_file(store, conf.digest, "etc/app.conf") == b"versi=1.2 \"dikutip\" 'juga'\n"
    entries = _entries(store, opt)
    assert {k: v[2] for k, v in entries.items() if k.startswith("opt/")} == {
        "opt/SKRIP": 0o755, "opt/CATATAN": 0o755, "opt/biasa.txt": 0o755}
    assert layer_file(store, opt.digest, "opt/SKRIP") == b"#!/bin/sh\necho $VERSI\n"
    assert layer_file(store, opt.digest, "opt/CATATAN") == b"catatan 1.2\n"
    assert layer_file(store, data.digest, "data/arsip.tar") == b"bukan tar\n"  # never unpacked
    again = build(store, ctx)
    assert all(again.cached[1:]) and again.image.id == result.image.id
    (ctx / "Dockerfile").write_text((ctx / "Dockerfile").read_text().replace("bukan tar", "beda"))
    changed = build(store, ctx)
    assert changed.cached[1:] == [True, True, True, False]


def test_empty_continuation_lines_build_with_a_warning(store, base, tmp_path):
    ctx = make_context(tmp_path / "c", {}, "FROM dockerlab.local/busybox\nRUN echo a \\\n\n  && echo b > /b\n")
    events = []
    result = build(store, ctx, progress=events.append)
    assert layer_file(store, result.image.layers[-1].digest, "b") == b"b\n"
    warnings = [e.text for e in events if e.kind == "output" and "Peringatan" in e.text]
    assert len(warnings) == 1 and "baris 2" in warnings[0]
