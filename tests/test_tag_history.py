"""The tag history the store keeps: every tag set, moved or removed, through the one index writer;
read bounded; a hostile log named clearly, never crashing a listing; the Docker Engine's version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

import dockerlab
from dockerlab.engines.local import LocalEngine
from dockerlab.inspection import TagTable
from dockerlab.errors import DockerlabError
from dockerlab.store import Store, TagLog, history as history_module
from dockerlab.store.history import MAX_BYTES, MAX_LINE

from test_show import _images


def lines(store: Store) -> list[dict]:
    return [json.loads(line) for line in (store.root / "tag-history.jsonl").read_text().splitlines()]


def test_every_verb_of_the_engine_appends_what_it_did_to_a_tag(tmp_path):
    engine = LocalEngine(Store(tmp_path / "store"))
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    (ctx / "Dockerfile").write_text("FROM scratch\nCOPY versi /versi\n")
    (ctx / "versi").write_text("1")
    v1 = engine.build(ctx, "app:1.0", progress=False).image
    engine.tag("app:1.0", "app:latest")
    (ctx / "versi").write_text("2")
    v2 = engine.build(ctx, ["app:2.0", "app:latest"], progress=False).image
    saved = engine.save("app:1.0", tmp_path / "v1.tar")
    engine.remove("app:1.0")
    engine.load(saved)
    got = [(e.number, e.name, e.kind, e.old_id, e.new_id, e.command) for e in engine.tag_history()]
    assert got == [
        (1, "app:1.0", "created", None, v1.id, "build"),
        (2, "app:latest", "created", None, v1.id, "tag"),
        (3, "app:2.0", "created", None, v2.id, "build"),
        (4, "app:latest", "moved", v1.id, v2.id, "build"),
        (5, "app:1.0", "removed", v1.id, None, "rmi"),
        (6, "app:1.0", "created", None, v1.id, "load"),
    ]
    first = engine.tag_history()[0]
    assert first.new_digest == v1.digest and first.new_id == v1.id  # manifest digest and image ID
    assert [e.number for e in engine.tag_history("app:latest")] == [2, 4], "numbers stay in a filtered view"
    assert [e.name for e in engine.tag_history("app")] == [e.name for e in engine.tag_history()]
    assert engine.tag_history("lain").name == "lain" and not engine.tag_history("lain")
    assert engine.tag_history().current() == {"app:1.0": v1.id, "app:2.0": v2.id, "app:latest": v2.id}
    # the same tag set to the same image again is no event
    engine.tag("app:2.0", "app:latest")
    assert len(engine.tag_history()) == 6
    text = str(TagTable(engine.tag_history()))
    assert "dipindah" in text and "dihapus" in text and v1.id.short in text
    assert repr(engine.tag_history()) == "<TagHistory 6 events problems=0>"
    html = TagTable(engine.tag_history())._repr_html_()
    assert "Riwayat tag" in html and "6 peristiwa" in html and "<table" in html


def test_the_log_is_the_stores_own_private_file_and_only_appended(store):
    one, two = _images(store, 2)
    store.tag("a:1", one)
    path = store.root / "tag-history.jsonl"
    assert (path.stat().st_mode & 0o777) == 0o600
    before = path.read_bytes()
    store.tag("a:1", two)
    assert path.read_bytes().startswith(before), "append-only"
    assert [(d["old"], d["new"]) for d in lines(store)] == [(None, one.id), (one.id, two.id)]


@pytest.mark.parametrize("bad", [
    b"ini bukan json",
    b"[1, 2]",
    b'{"time": "kemarin", "name": "a:1", "new": null}',
    b'{"time": 1, "name": "A B:1", "new": "sha256:' + b"a" * 64 + b'"}',
    b'{"time": 1, "name": "a:1", "new": "sha256:xyz"}',
    b'{"time": 1, "name": "a@sha256:' + b"a" * 64 + b'", "new": "sha256:' + b"a" * 64 + b'"}',
    b'{"time": 1, "name": "a:1", "old": null, "new": null}',
    b'{"time": 1e999, "name": "a:1", "new": "sha256:' + b"a" * 64 + b'"}',
    b"\xff\xfe\x00",
    b"{" * 100000,
], ids=["text", "list", "time", "name", "digest", "pinned-name", "nothing", "infinite", "binary", "deep"])
def test_a_damaged_line_is_named_and_skipped_and_the_rest_still_listed(store, bad):
    one, two = _images(store, 2)
    store.tag("a:1", one)
    with open(store.root / "tag-history.jsonl", "ab") as f:
        f.write(bad + b"\n")
    store.tag("a:1", two)
    history = store.tag_history()
    assert [(e.old_id, e.new_id) for e in history] == [(None, one.id), (one.id, two.id)]
    [problem] = history.problems
    assert "Baris 2 di riwayat tag" in problem and "tag-history.jsonl" in problem and "dilewati" in problem
    assert problem in str(TagTable(history)) and "Baris 2" in TagTable(history)._repr_html_()
    assert dockerlab.show.tag_map(store).source.count("->") == 2
    dockerlab.set_language("en")
    assert "Line 2 of the tag history" in store.tag_history().problems[0]


def test_a_line_cut_by_a_crash_spoils_only_itself(store):
    one, two = _images(store, 2)
    store.tag("a:1", one)
    path = store.root / "tag-history.jsonl"
    path.write_bytes(path.read_bytes()[:-20])  # killed in the middle of a write
    store.tag("a:1", two)
    history = store.tag_history()
    assert [(e.old_id, e.new_id) for e in history] == [(one.id, two.id)]
    assert len(history.problems) == 1 and "Baris 1" in history.problems[0]


def test_reading_is_bounded_in_bytes_lines_and_events(store):
    one, = _images(store, 1)
    path = store.root / "tag-history.jsonl"
    event = json.dumps({"time": 1, "name": "a:1", "old": None, "new": one.id}).encode()
    with open(path, "wb") as f:
        f.write(b"x" * (MAX_LINE * 2) + b"\n")          # an over-long line
        f.write((event + b"\n") * (MAX_BYTES // len(event) + 500))  # more than a read looks at
    history = store.tag_history()
    assert history.cut and len(history) == 1000 and history[-1].new_id == one.id
    assert not history.problems, "the long line is beyond the part read"
    assert "hanya 1000 peristiwa terakhir" in str(TagTable(history))
    assert len(store.tag_history(limit=5)) == 5
    path.write_bytes(b"y" * (MAX_LINE + 1) + b"\n" + event + b"\n")
    short = store.tag_history()
    assert len(short) == 1 and f"> {MAX_LINE} byte" in short.problems[0]


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder"])
def test_a_planted_log_is_refused_before_any_tag_changes(store, tmp_path, kind):
    one, = _images(store, 1)
    path = store.root / "tag-history.jsonl"
    target = tmp_path / "elsewhere.txt"
    target.write_text("tidak boleh berubah\n")
    if kind == "symlink":
        path.symlink_to(target)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    index = (store.layout / "index.json").read_bytes()
    with pytest.raises(DockerlabError, match="Riwayat tag .* bukan berkas biasa milik Anda") as caught:
        store.tag("a:1", one)
    assert "tidak ada yang diubah" in str(caught.value)
    assert (store.layout / "index.json").read_bytes() == index, "the tag was not set"
    assert target.read_text() == "tidak boleh berubah\n"
    history = store.tag_history()  # listing never fails, it says why it is empty
    assert not history and len(history.problems) == 1 and "tidak bisa dibaca" in history.problems[0]


def test_two_processes_tagging_one_store_lose_no_event(tmp_path):
    store = Store(tmp_path / "store")
    one, two = _images(store, 2)
    script = textwrap.dedent(f"""
        import sys
        from dockerlab.store import Store
        store = Store({str(store.root)!r})
        for n in range(25):
            store.tag(f"{{sys.argv[1]}}:{{n}}", sys.argv[2])
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, name, str(image.id)])
             for name, image in (("satu", one), ("dua", two))]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    history = store.tag_history()
    assert not history.problems and len(history) == 50
    assert len(history.names()) == 50 and all(e.kind == "created" for e in history)


def test_an_outer_command_names_the_events_of_the_inner_ones(store):
    one, = _images(store, 1)
    with history_module.recording("pull"):
        with history_module.recording("tag"):
            store.tag("a:1", one)
    store.tag("a:2", one)
    assert [e.command for e in store.tag_history()] == ["pull", None]
    assert "-" in str(TagTable(store.tag_history())).splitlines()[2].split()


def test_tag_history_through_the_public_api(course_home, monkeypatch):
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    from dockerlab import engines

    engines.reset()
    try:
        store = engines.current().store
        one, = _images(store, 1)
        dockerlab.tag(str(one.id), "x:1")
        assert [(e.name, e.command) for e in dockerlab.tag_history()] == [("x:1", "tag")]
        assert isinstance(dockerlab.tag_history(), TagTable) and "x:1" in str(dockerlab.tag_history())
        assert "Belum ada peristiwa untuk y." in str(dockerlab.tag_history("y"))
        assert "x:1" in dockerlab.show.tag_map().source
    finally:
        engines.reset()


def test_taglog_reads_a_missing_file_as_empty(tmp_path):
    assert list(TagLog(tmp_path / "none.jsonl").read()) == []


def test_a_pinned_name_does_not_move_when_its_tag_does_and_images_lists_digests(tmp_path):
    engine = LocalEngine(Store(tmp_path / "store"))
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    (ctx / "Dockerfile").write_text("FROM scratch\nCOPY versi /versi\n")
    (ctx / "versi").write_text("1")
    v1 = engine.build(ctx, "app:latest", progress=False).image
    pinned = f"app@{v1.digest}"
    (ctx / "versi").write_text("2")
    v2 = engine.build(ctx, "app:latest", progress=False).image
    assert engine.image("app:latest").id == v2.id and engine.image(pinned).id == v1.id
    from dockerlab.inspection.imagelist import ImageList

    listed = ImageList(engine.images(), digests=True)
    assert listed.headers == ("REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE")
    cells = {c[2]: c for c in listed.cells()}
    assert cells[str(v2.digest)][:2] == ("app", "latest")
    assert cells[str(v1.digest)][:2] == ("<none>", "<none>"), "the old image stays, untagged, by digest"
    assert "DIGEST = digest manifest" in str(listed) and "docker images --digests" in listed._repr_html_()
    assert "DIGEST" not in ImageList(engine.images()).table()


def test_tag_takes_the_image_a_notebook_holds(course_home, monkeypatch):
    """``dockerlab.tag(v1, "web:1.21.6")`` — what 05's own advice says — tags by the image's ID;
    a build result works the same; anything else is named in Indonesian."""
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    from dockerlab import engines
    from dockerlab.errors import UsageError

    engines.reset()
    try:
        store = engines.current().store
        one, two = _images(store, 2)

        class Built:  # what dockerlab.build returns carries its image as .image
            image = two

        assert dockerlab.tag(one, "web:1.21.6").id == one.id
        assert dockerlab.tag(Built(), "web:latest").id == two.id
        assert dockerlab.image("web:1.21.6").id == one.id and dockerlab.image("web:latest").id == two.id
        with pytest.raises(UsageError) as error:
            dockerlab.tag(42, "web:2")
        assert "dockerlab.tag" in str(error.value) and "source" in str(error.value)
    finally:
        engines.reset()
