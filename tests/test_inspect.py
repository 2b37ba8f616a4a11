"""Inspection on images built byte by byte: trees, whiteouts, dive's efficiency, history, diff."""

from __future__ import annotations

import json

import pytest

import dockerlab
import dockerlab.inspection as di
from dockerlab.builder.result import BuildStep
from dockerlab.language import set_language

from conftest_inspect import DIR, OPAQUE, WHITEOUT, Link, make_image

# The hand-worked image (sizes in bytes):
#   layer 0: /app/ /app/big.bin(1000) /app/keep.txt(100) /tmp/ /tmp/cache/ a(300) b(200)
#   layer 1: /app/ /app/big.bin(400)  /etc/ /etc/conf(50)
#   layer 2: /app/ .wh.big.bin        /tmp/ .wh.cache
#   step 4:  ENV (no layer)
LAYERS = [
    [("app", DIR), ("app/big.bin", b"x" * 1000), ("app/keep.txt", b"k" * 100),
     ("tmp", DIR), ("tmp/cache", DIR), ("tmp/cache/a", b"a" * 300), ("tmp/cache/b", b"b" * 200)],
    [("app", DIR), ("app/big.bin", b"y" * 400), ("etc", DIR), ("etc/conf", b"c" * 50)],
    [("app", DIR), ("app/big.bin", WHITEOUT), ("tmp", DIR), ("tmp/cache", WHITEOUT)],
    None,
]
STEPS = ["ADD rootfs.tar / # buildkit", "COPY big.bin /app/ # buildkit",
         "RUN /bin/sh -c rm -rf /app/big.bin /tmp/cache # buildkit", "ENV MODE=prod"]


@pytest.fixture()
def image(tmp_path):
    return make_image(tmp_path, LAYERS, STEPS, ref="halo:1.0")


@pytest.fixture(autouse=True)
def indonesian():
    set_language("id")
    yield
    set_language(None)


def test_efficiency_matches_dive_definition_worked_by_hand(image):
    eff = di.efficiency(image)
    # Leaves visited per layer (directories with entries below them are not leaves):
    #   L0: big.bin 1000, keep.txt 100, cache/a 300, cache/b 200
    #   L1: big.bin 400, etc/conf 50
    #   L2: whiteout big.bin -> it was a file below -> 0
    #       whiteout tmp/cache -> it was a directory -> its subtree: 0 + 300 + 200 = 500
    # Per path (count, cumulative, minimum):
    #   /app/big.bin (3, 1400, 0)  keep.txt (1, 100, 100)  a (1, 300, 300)  b (1, 200, 200)
    #   /etc/conf (1, 50, 50)      /tmp/cache (1, 500, 500)
    # wasted = cumulative of paths seen >= 2 times = 1400
    # score  = sum(min) / sum(cumulative) = 1150 / 2550
    # size   = entry sizes per layer: 1600 + 450 + 0 = 2050; user size (without base) = 450
    assert eff.wasted_bytes == 1400
    assert eff.score == pytest.approx(1150 / 2550)
    assert eff.size_bytes == 2050
    assert eff.user_size_bytes == 450
    assert eff.wasted_user_percent == pytest.approx(1400 / 450)
    # Not a dive figure: every byte a whiteout deletes (big.bin's 400 + the cache folder's 500).
    assert eff.removed_bytes == 900
    assert [(i.path, i.count, i.cumulative_size, i.layers) for i in eff.inefficiencies] == [
        ("/app/big.bin", 3, 1400, (0, 1, 2))]
    text = str(eff)
    assert "ruang terbuang" in text and "dive" in text and "/app/big.bin" in text
    assert repr(eff) == "<Efficiency score=0.4510 wasted=1400 paths=1>"


def test_efficiency_figures_read_the_right_way_round(image):
    """A learner trial read "ruang terbuang / ukuran di atas layer dasar 100.0%" as a good score:
    the score says what 100% means, the wasted share says it is bad, and the copies column does not
    count a whiteout as a copy. dive's own figures stay as they are (see the hand-worked test)."""
    eff = di.efficiency(image)
    big = eff.inefficiencies[0]
    assert (big.count, big.copies, big.markers) == (3, 2, 1)  # dive's count keeps the whiteout
    lines = str(eff).splitlines()
    assert "  skor efisiensi: 45,1% (100% = tidak ada yang terbuang; makin kecil, makin boros)" in lines
    assert ("  ruang terbuang: 1,4 kB — sama dengan 311% dari semua yang ditambahkan di atas layer "
            "dasar (makin besar, makin boros)") in lines
    assert not any(" / " in line for line in lines[:6])  # no bare ratio that reads like a score
    row = next(line for line in lines if line.endswith("/app/big.bin"))
    assert "2 salinan + 1 penanda hapus" in row, row
    html = eff._repr_html_()
    assert "100% = tidak ada yang terbuang" in html and "sama dengan 311% dari semua" in html
    assert "2 salinan + 1 penanda hapus" in html and "jumlah salinan" not in html
    set_language("en")
    text = str(eff)
    assert "45.1% (100% = nothing wasted; the lower, the more wasteful)" in text
    assert "1.4 kB — equal to 311% of everything added above the base layer" in text
    assert "2 × copy + 1 × deletion marker" in text
    assert eff.to_dict()["inefficiencies"][0]["markers"] == 1


def test_efficiency_copies_without_a_whiteout_and_without_added_bytes(tmp_path):
    from dockerlab.inspection._efficiency import compute
    from dockerlab.inspection.entries import Entry

    eff = compute([[Entry("/a", size=10)], [Entry("/a", size=10)]])
    assert [(i.count, i.copies, i.appears_as()) for i in eff.inefficiencies] == [(2, 2, "2 salinan")]
    assert "sama dengan 200% dari semua yang ditambahkan" in str(eff)  # dive counts both copies
    only_base = compute([[Entry("/a", size=10)]])
    assert only_base.user_size_bytes == 0
    assert "  ruang terbuang: 0 B\n" in str(only_base)  # no share of nothing
    small = compute([[Entry("/a", size=10)], [Entry("/a", size=1), Entry("/b", size=999)]])
    assert "sama dengan 1% dari" in str(small)  # 11 / 1000 = 1.1%: whole percents above 0.5%


@pytest.mark.parametrize("language, words", [
    ("id", ["layer bawah", "dihapus atau ditimpa", "layer atas", "diunduh", "satu RUN"]),
    ("en", ["lower layer", "deleted or overwritten", "higher layer", "downloaded", "one RUN"]),
])
def test_efficiency_explains_wasted_bytes_and_the_fix_first(image, language, words):
    """Right under the figures: what wasted bytes are and what to do; dive's counting rules later."""
    set_language(language)
    eff = di.efficiency(image)
    paragraphs = str(eff).split("\n\n")
    explanation = paragraphs[1]
    assert all(word in explanation for word in words), explanation
    assert "dive" not in explanation and "÷" not in explanation
    assert "dive" in paragraphs[-1] and "÷" in paragraphs[-1]  # the counting rules come last
    html = eff._repr_html_()
    body = html[html.index("class='dl-wrap'"):]
    assert body.index(words[-1]) < body.index("<table") < body.index("÷")
    assert "<details><summary>" in body[body.index("<table"):]  # the rules are folded away


def test_efficiency_reproduces_dives_own_test_case():
    # dive's TestEfficency: parents only implied (no directory entries), whiteout of /etc/nginx
    # counts 0 there, so the expected score is exactly 0.75 with one inefficient path of 7000.
    from dockerlab.inspection._efficiency import compute
    from dockerlab.inspection.entries import Entry

    trees = [[Entry("/etc/nginx/nginx.conf", size=2000), Entry("/etc/nginx/public", size=3000)],
             [Entry("/etc/nginx/nginx.conf", size=5000), Entry("/etc/athing", size=10000)],
             [Entry("/etc/nginx", "other", whiteout=True)]]
    eff = compute(trees)
    assert eff.score == 0.75
    assert [(i.path, i.cumulative_size) for i in eff.inefficiencies] == [("/etc/nginx/nginx.conf", 7000)]
    assert compute([[Entry("/nothing", size=0)], [], []]).score == 1.0


def test_merged_tree_applies_whiteouts(image):
    tree = di.tree(image)
    assert "/app/keep.txt" in tree and "/etc/conf" in tree
    assert "/app/big.bin" not in tree and "/tmp/cache" not in tree and "/tmp/cache/a" not in tree
    assert [n.name for n in tree.children("/")] == ["app", "etc", "tmp"]
    assert tree.size("/") == 150
    assert tree["/etc/conf"].layer == 1
    rendered = tree.render(depth=3)
    assert "keep.txt" in rendered and "big.bin" not in rendered


def test_layer_statuses(image):
    changes = di.layer_changes(image)
    assert len(changes) == 3
    l1, l2 = changes[1].tree, changes[2].tree
    assert l1["/app/big.bin"].status == "modified" and l1["/app/big.bin"].previous_size == 1000
    assert l1["/etc/conf"].status == "added"
    assert l1["/app"].status == "unchanged"
    assert l2["/app/big.bin"].status == "deleted" and l2["/app/big.bin"].previous_size == 400
    assert l2["/tmp/cache"].status == "deleted" and l2["/tmp/cache"].previous_size == 500
    assert l2["/tmp/cache/a"].status == "deleted"
    assert di.tree(image, layer=2).get("/tmp/cache/b").previous_size == 200


def test_opaque_directory_hides_lower_entries(tmp_path):
    img = make_image(tmp_path, [
        [("d", DIR), ("d/x", b"1" * 10), ("d/y", b"2" * 20), ("d/sub", DIR), ("d/sub/z", b"3")],
        [("d", DIR), ("d", OPAQUE), ("d/y", b"5" * 5), ("lnk", Link("d/y"))],
    ])
    l1 = di.tree(img, layer=1)
    assert l1["/d/x"].status == "hidden" and l1["/d/x"].previous_size == 10
    assert l1["/d/sub/z"].status == "hidden"
    assert l1["/d/y"].status == "modified" and l1["/d/y"].previous_size == 20
    merged = di.tree(img)
    assert sorted(merged.paths()) == ["/d", "/d/y", "/lnk"]
    assert merged["/lnk"].linkname == "d/y"


def test_history_rows_and_cache(image):
    hist = di.history(image)
    assert [r.instruction for r in hist] == [
        "ADD rootfs.tar /", "COPY big.bin /app/", "RUN rm -rf /app/big.bin /tmp/cache",
        "ENV MODE=prod"]
    assert [r.empty for r in hist] == [False, False, False, True]
    assert all(r.cached is None for r in hist)
    text = str(hist)
    assert "tanpa layer" in text and "tidak tercatat" in text
    assert repr(hist) == "<History halo:1.0 steps=4 layers=3>"
    steps = [BuildStep(1, 3, "COPY big.bin /app/", 2, None, True, str(image.layers[1].diff_id), 400),
             BuildStep(2, 3, "RUN rm -rf /app/big.bin /tmp/cache", 3, None, False,
                       str(image.layers[2].diff_id)),
             BuildStep(3, 3, "ENV MODE=prod", 4, None, False, None)]
    hist = di.history(image, build=steps)
    assert [r.cached for r in hist] == [None, True, False, False]
    assert "dari cache" in str(hist) and "dijalankan" in str(hist)
    assert str(hist).count("bagian image dasar") == 1  # the base image's row: neither cached nor run
    assert "tidak tercatat" not in str(hist)


def test_layers_table(image):
    table = di.layers(image)
    assert len(table) == 3
    row = table[1]
    assert row.digest == str(image.layers[1].digest) == row.diff_id
    assert row.size == image.layers[1].size and row.compressed_size is None
    assert row.instruction == "COPY big.bin /app/"
    assert json.loads(json.dumps(table.to_dict()))["layers"][0]["index"] == 0


def test_diff_images_shares_base_and_lists_files(tmp_path, image):
    other = make_image(tmp_path / "b", [
        LAYERS[0], [("app", DIR), ("app/keep.txt", b"K" * 100), ("app/new", b"n" * 7)]], ref="halo:2.0")
    d = di.diff(image, other)
    assert d.common_base == 1 and d.shared_layers == (str(image.layers[0].diff_id),)
    assert len(d.only_a) == 2 and len(d.only_b) == 1
    by_path = {f.path: f for f in d.files}
    assert by_path["/app/keep.txt"].status == "changed"  # same size, other bytes
    assert by_path["/app/new"].status == "added" and by_path["/app/new"].size_b == 7
    assert by_path["/etc/conf"].status == "removed"
    assert by_path["/tmp/cache/a"].status == "added"  # only image A deleted it
    assert repr(d).startswith("<Diff halo:1.0 -> halo:2.0 ")


def test_diff_says_a_shared_base_once(tmp_path, image):
    """A shared base layer is one line in the text and in the HTML, not "shared" plus "identical"."""
    other = make_image(tmp_path / "b", [LAYERS[0], [("app", DIR), ("app/new", b"n")]], ref="halo:2.0")
    d = di.diff(image, other)
    lines = str(d).splitlines()
    assert lines[1:4] == ["  1 layer dasar sama (dipakai bersama, disimpan sekali)",
                          "  hanya di halo:1.0: 2 layer", "  hanya di halo:2.0: 1 layer"]
    assert len(lines) == len(set(lines))
    html = d._repr_html_()
    assert html.count("1 layer dasar sama") == 2  # the styled body and the hidden text fallback
    assert "identik" not in html and "≡" not in html
    set_language("en")
    assert "  1 identical base layers (stored once, used by both)" in str(d).splitlines()


def test_diff_names_shared_layers_that_are_not_the_base(tmp_path, image):
    """The same layer above another base is shared but not a common base: both facts are shown."""
    other = make_image(tmp_path / "b", [[("other", b"o")], LAYERS[0]], ref="lain:1")
    d = di.diff(image, other)
    assert (len(d.shared_layers), d.common_base) == (1, 0)
    text = str(d)
    assert "1 layer sama (dipakai bersama, disimpan sekali)" in text
    assert "0 di antaranya layer dasar" in text


def test_diff_layers(image):
    d = di.diff(image.layers[0], image.layers[1])
    statuses = {f.path: f.status for f in d.files}
    assert statuses["/app/big.bin"] == "changed"
    assert statuses["/etc/conf"] == "added"
    assert statuses["/tmp/cache/a"] == "removed"


def test_inspect_json_and_language(image):
    view = di.inspect(image)
    assert dockerlab.inspect(image).to_dict() == view.to_dict()
    data = view.to_dict()
    assert data["config"]["rootfs"]["diff_ids"][0] == str(image.layers[0].diff_id)
    assert data["manifest"]["config"]["digest"] == str(image.id)
    assert "ID image" in str(view)
    set_language("en")
    assert "image ID" in str(view)
    assert "no layer" in str(di.history(image))
    assert "wasted space" in str(di.efficiency(image))
    assert "\x1b[" in view.ansi()


def test_history_cache_uses_the_final_stage_only(image):
    steps = [BuildStep(1, 5, "FROM builder AS build", 1, "build", False, None),
             BuildStep(2, 5, "RUN make", 2, "build", False, "sha256:" + "e" * 64),
             BuildStep(3, 5, "FROM base", 3, "1", True, None),
             BuildStep(4, 5, "COPY --from=build /out /app", 4, "1", True, None),
             BuildStep(5, 5, "ENV MODE=prod", 5, "1", False, None)]
    # Final stage: COPY (cached) then ENV (rebuilt) are the last two history entries; the
    # builder stage's RUN must not be paired with the image's older steps.
    assert [r.cached for r in di.history(image, build=steps)] == [None, None, True, False]


def test_layer_out_of_range_says_what_exists(image):
    with pytest.raises(di.LayerIndexError) as info:
        di.tree(image, layer=3)
    assert isinstance(info.value, IndexError)
    assert "3 layer (nomor 0 sampai 2" in str(info.value) and "dockerlab.layers" in str(info.value)


def test_folder_replaced_by_a_file(tmp_path):
    img = make_image(tmp_path, [[("x", DIR), ("x/a", b"12")], [("x", b"now a file")]])
    merged = di.tree(img)
    assert merged.paths() == ["/x"] and merged["/x"].kind == "file"
    changes = di.tree(img, layer=1)
    assert changes["/x"].status == "modified" and changes["/x/a"].status == "deleted"


def test_inspect_names_the_manifest_digest_and_a_local_docker_command(image):
    view = di.inspect(image)
    assert "digest manifest" in str(view)
    assert view.docker_command.startswith("docker image inspect")
    assert "manifest inspect" not in str(view)  # that command asks a registry, not the local engine
