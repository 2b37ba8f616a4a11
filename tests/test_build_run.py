"""RUN steps on the busybox base image, through the real executor, and running what was built."""

from __future__ import annotations

import pytest

from build_helpers import build, layer_file, layer_listing, make_context, need_executor
from dockerlab.baseimage import ensure_base_image

pytestmark = pytest.mark.executor


@pytest.fixture
def base(store):
    need_executor()
    return ensure_base_image(store)


def _names(store, layer):
    return [e[0] for e in layer_listing(store, layer.digest)]


def test_run_layer_is_exactly_the_change(store, base, tmp_path):
    ctx = make_context(tmp_path / "c", {}, """\
FROM dockerlab.local/busybox
RUN mkdir -p /opt/old/inner && echo x > /opt/old/inner/f && echo keep > /opt/keep && echo del > /opt/del
RUN rm /opt/del && rm -rf /opt/old && mkdir /opt/old && echo new > /opt/old/g && echo changed > /opt/keep && rm /etc/group
RUN true
""")
    result = build(store, ctx)
    first, second = result.image.layers[1:]
    assert _names(store, first) == ["opt", "opt/del", "opt/keep", "opt/old", "opt/old/inner", "opt/old/inner/f"]
    names = _names(store, second)
    # a directory deleted and made again: a whiteout for each name it held (never an opaque
    # marker, which would depend on whether the filesystem reused the inode)
    assert names == sorted(["etc", "etc/.wh.group", "opt", "opt/.wh.del", "opt/keep", "opt/old", "opt/old/.wh.inner",
                            "opt/old/g"])
    from dockerlab.builder.fsview import FsView

    merged = FsView.from_layers(store, [layer.descriptor for layer in result.image.layers])
    assert "opt/old/inner" not in merged.entries and "opt/del" not in merged.entries
    assert "etc/group" not in merged.entries and "opt/old/g" in merged.entries
    assert layer_file(store, second.digest, "opt/keep") == b"changed\n"
    history = result.image.config.history
    assert history[-1].created_by == "/bin/sh -c true" and history[-1].empty_layer  # no change: no layer
    assert history[-2].created_by.startswith("/bin/sh -c rm /opt/del") and not history[-2].empty_layer
    assert len(result.image.layers) == 3


def test_run_sees_env_args_workdir_user_and_shell(store, base, tmp_path):
    ctx = make_context(tmp_path / "c", {}, """\
FROM dockerlab.local/busybox
ARG WHO=dunia
ENV GREETING=halo
WORKDIR /work
RUN echo "$GREETING $WHO from $(pwd)" > out.txt
USER nobody
RUN id -u > /tmp/uid
SHELL ["/bin/sh", "-ec"]
RUN echo shell-form
RUN ["/bin/echo", "exec", "form"]
""")
    result = build(store, ctx, build_args={"WHO": "kelas"})
    layers = result.image.layers
    assert layer_file(store, layers[2].digest, "work/out.txt") == b"halo kelas from /work\n"
    uid_layer = next(l for l in layers if "tmp/uid" in _names(store, l))
    assert layer_file(store, uid_layer.digest, "tmp/uid") == b"65534\n"
    by = [h.created_by for h in result.image.config.history]
    assert '|1 WHO=kelas /bin/sh -c echo "$GREETING $WHO from $(pwd)" > out.txt' in by
    assert "|1 WHO=kelas /bin/sh -ec echo shell-form" in by
    assert "|1 WHO=kelas /bin/echo exec form" in by
    assert "/bin/sh -ec #(nop)  SHELL [/bin/sh -ec]" in by  # committed with the new shell, as Docker does
    outputs = [s.output for s in result.steps if s.instruction.startswith("RUN")]
    assert "shell-form\n" in outputs and "exec form\n" in outputs


def test_run_is_cached_and_rerun_after_a_change(store, base, tmp_path):
    ctx = make_context(tmp_path / "c", {"v.txt": "1"}, """\
FROM dockerlab.local/busybox
RUN date +%s%N > /stamp
COPY v.txt /
RUN cat /v.txt > /copy
""")
    first = build(store, ctx)
    second = build(store, ctx)
    assert second.image.id == first.image.id and second.cached == [False, True, True, True]
    (ctx / "v.txt").write_text("2")
    third = build(store, ctx)
    assert third.cached == [False, True, False, False]
    assert third.image.layers[1].digest == first.image.layers[1].digest  # the stamp came from cache
    assert layer_file(store, third.image.layers[-1].digest, "copy") == b"2"


def test_multi_stage_copies_what_an_earlier_stage_ran(store, base, tmp_path):
    ctx = make_context(tmp_path / "c", {}, """\
FROM dockerlab.local/busybox AS build
RUN mkdir /out && echo artefak > /out/app.txt && ln -s app.txt /out/link
FROM scratch
COPY --from=build /out/ /app/
""")
    result = build(store, ctx)
    listing = layer_listing(store, result.image.layers[0].digest)
    assert [(e[0], e[1]) for e in listing] == [("app", "dir"), ("app/app.txt", "file"), ("app/link", "link")]


def test_onbuild_triggers_run_in_the_child_build(store, base, tmp_path):
    parent = make_context(tmp_path / "p", {}, "FROM dockerlab.local/busybox\nONBUILD RUN echo dipicu > /triggered\n")
    build(store, parent, "induk:1")
    child = make_context(tmp_path / "k", {}, "FROM induk:1\nLABEL anak=ya\n")
    result = build(store, child)
    assert "triggered" in _names(store, result.image.layers[-1])
    assert result.image.config.config.on_build == ()  # triggers are consumed, not inherited


def test_the_built_image_runs(store, base, tmp_path):
    from dockerlab.container import run

    ctx = make_context(tmp_path / "c", {"app.sh": "echo \"halo dari $NAMA\"\n"}, """\
FROM dockerlab.local/busybox
ENV NAMA=kursus
COPY app.sh /app/
RUN chmod +x /app/app.sh
CMD ["sh", "/app/app.sh"]
""")
    result = build(store, ctx, "halo:1")
    container = run(store, "halo:1", remove=False)
    assert container.wait(timeout=60) == 0
    assert container.logs() == "halo dari kursus\n"


def test_every_blob_is_world_readable_after_a_build_with_run(store, base, tmp_path):
    import stat

    ctx = make_context(tmp_path / "c", {"a.txt": "a\n"}, """\
FROM dockerlab.local/busybox
COPY a.txt /a.txt
RUN echo hasil > /hasil
""")
    build(store, ctx)
    blobs = [p for p in (store.layout / "blobs").rglob("*") if p.is_file()]
    assert len(blobs) >= 5
    modes = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in blobs}
    assert set(modes.values()) == {"0o644"}, modes


def test_chown_names_are_read_inside_the_image_even_through_an_absolute_symlink(store, base, tmp_path):
    ctx = make_context(tmp_path / "c", {"a.txt": "a\n"}, """\
FROM dockerlab.local/busybox
RUN echo 'tamu:x:4321:4321::/:/bin/sh' > /etc/passwd.dl && echo 'tamu:x:4322:' > /etc/group.dl \
 && rm /etc/passwd /etc/group && ln -s /etc/passwd.dl /etc/passwd && ln -s /etc/group.dl /etc/group
COPY --chown=tamu a.txt /a.txt
""")
    result = build(store, ctx)
    rows = {row[0]: row for row in layer_listing(store, result.image.layers[-1].digest)}
    assert rows["a.txt"][3:5] == (4321, 4322), rows["a.txt"]


def test_build_cleans_its_temporary_trees_with_the_shared_remover(store, base, tmp_path):
    import dockerlab.builder.builder as builder_mod

    assert not hasattr(builder_mod, "_rmtree")  # one recursive delete: fsutil.remove_tree
    ctx = make_context(tmp_path / "c", {}, """\
FROM dockerlab.local/busybox
RUN mkdir -p /ro/dalam && echo x > /ro/dalam/f && chmod 555 /ro/dalam /ro
""")
    build(store, ctx)
    assert [p.name for p in store.tmp.iterdir()] == []
