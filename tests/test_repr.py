"""HTML reprs (xarray's manner) and the short, stable text reprs nbval compares."""

from __future__ import annotations

import pytest

import dockerlab.inspection as di
from dockerlab.language import set_language
from dockerlab.show.html import css, image_html, layer_html

from conftest_inspect import DIR, WHITEOUT, make_image


@pytest.fixture()
def image(tmp_path):
    return make_image(tmp_path, [
        [("app", DIR), ("app/<b>.txt", b"x" * 20)],
        None,
        [("app", DIR), ("app/<b>.txt", WHITEOUT)],
    ], ["ADD <rootfs> / # buildkit", "ENV A=<1>", "RUN rm '/app/<b>.txt' # buildkit"], ref="halo:1.0")


def assert_wellformed(html: str) -> None:
    assert "<script" not in html.lower()
    assert css().strip()[:40] in html  # packaged stylesheet inlined
    assert "class='dl-text-repr-fallback'" in html
    assert html.count("<details") == html.count("</details>")
    assert "<b>.txt" not in html and "<rootfs>" not in html  # everything escaped


def test_css_is_packaged():
    text = css()
    assert ".dl-added" in text and ".dl-text-repr-fallback" in text


def test_image_html(image):
    html = image_html(image)
    assert_wellformed(html)
    assert "&lt;rootfs&gt;" in html and str(image.id) in html
    assert "Riwayat" in html and "tanpa layer" in html and "Konfigurasi" in html
    set_language("en")
    html = image_html(image)
    assert "History" in html and "no layer" in html


def test_layer_html_lists_files_and_whiteouts(image):
    html = layer_html(image.layers[1])
    assert_wellformed(html)
    assert "/app/&lt;b&gt;.txt" in html and "dl-deleted" in html
    assert str(image.layers[1].diff_id) in html


@pytest.mark.parametrize("make", [
    lambda img: di.history(img), lambda img: di.layers(img), lambda img: di.efficiency(img),
    lambda img: di.tree(img), lambda img: di.tree(img, layer=1), lambda img: di.inspect(img),
])
def test_results_have_html_and_text(image, make):
    result = make(image)
    html = result._repr_html_()
    assert "<script" not in html.lower() and "dl-wrap" in html
    assert str(result)  # a plain-text fallback exists
    assert repr(result).startswith("<") and "0x" not in repr(result)  # no memory addresses


def test_diff_html(tmp_path, image):
    other = make_image(tmp_path / "b", [[("app", DIR), ("app/<b>.txt", b"y" * 20)]], ref="lain:1")
    d = di.diff(image, other)
    html = d._repr_html_()
    assert_wellformed(html)
    assert "dl-added" in html  # the file image A deleted is back in B


def test_short_reprs_are_stable(image):
    assert repr(di.history(image)) == "<History halo:1.0 steps=3 layers=2>"
    assert repr(di.layers(image)) == "<Layers halo:1.0 count=2>"
    assert repr(di.tree(image)) == "<FileTree halo:1.0 entries=1 size=0>"
    assert repr(di.inspect(image)) == "<Inspection halo:1.0 manifest,config>"
    eff = di.efficiency(image)
    assert repr(eff) == "<Efficiency score=0.0000 wasted=20 paths=1>"
    assert repr(eff.inefficiencies[0]) == "<Inefficiency /app/<b>.txt x2 20 B>"


def test_every_text_table_has_one_layout(image):
    from dockerlab.cli.output import table
    from dockerlab.textutil import text_table
    from dockerlab.inspection.imagelist import ImageList

    assert text_table(["a", "bb"], [["ccc", ""], [1, 2]]) == "a     bb\n---   --\nccc\n1     2"
    assert text_table(["a", "bb"], [["ccc", "d"]], rule=False) == "a     bb\nccc   d"
    assert table([["a", "bb"], ["ccc", "d"]]) == text_table(["a", "bb"], [["ccc", "d"]], rule=False)
    history = str(di.history(image)).splitlines()
    assert set(history[2]) <= {"-", " "} and "   " in history[2] and "    " not in history[2]
    from dockerlab.reference import Reference

    listed = ImageList([image.with_ref(Reference.parse("halo:1.0"))]).table().splitlines()
    assert listed[0].startswith("REPOSITORY   TAG   IMAGE ID")
    assert listed[1].startswith("halo         1.0   " + image.id.hex[:12] + "   ")


def _whiteout_layer_image(tmp_path, extra: int):
    """Layer 0 holds /tmp/unduhan.bin and ``extra`` files in /data; layer 1 only deletes the download."""
    base = [("tmp", DIR), ("tmp/unduhan.bin", b"z" * 50), ("data", DIR)]
    base += [(f"data/f{i:03}", b"d") for i in range(extra)]
    return make_image(tmp_path, [base, [("tmp", DIR), ("tmp/unduhan.bin", WHITEOUT)]],
                      ["COPY . / # buildkit", "RUN rm /tmp/unduhan.bin # buildkit"], ref="boros:1")


def test_a_small_tree_is_shown_open_so_a_deep_whiteout_is_seen(tmp_path):
    image = _whiteout_layer_image(tmp_path, 3)
    html = di.tree(image, layer=1)._repr_html_()
    assert_wellformed(html)
    assert "<details open><summary>" in html and "<details><summary>" not in html
    # the red "- unduhan.bin" line sits inside the opened tmp/ folder
    opened = html.index("<details open><summary>")
    assert html.index("tmp/", opened) < html.index("unduhan.bin", opened)
    assert "<span class='dl-deleted'" in html
    merged = di.tree(image)._repr_html_()  # 5 entries: data/ (the one folder with files) open too
    assert "<details><summary>" not in merged and merged.count("<details open>") == 1
    fallback = html.split("dl-text-repr-fallback'>", 1)[1].split("</pre>", 1)[0]
    assert "- unduhan.bin" in fallback  # the text fallback goes as deep


def test_a_big_tree_starts_with_its_folders_closed(tmp_path):
    image = _whiteout_layer_image(tmp_path, 40)
    html = di.tree(image)._repr_html_()
    assert "<details open>" not in html and "<details><summary>" in html


def test_history_names_the_plain_docker_command(image):
    hist = di.history(image)
    assert hist.docker_command == "docker history halo:1.0"
    assert str(hist).endswith("Perintah Docker yang setara: docker history halo:1.0")
    assert "<code>docker history halo:1.0</code>" in hist._repr_html_()


def test_images_note_explains_the_fixed_created_date(image):
    from dockerlab.inspection.imagelist import ImageList
    from dockerlab.reference import Reference

    listed = ImageList([image.with_ref(Reference.parse("halo:1.0"))])
    assert "2024-01-01 00:00:00" in listed.table()
    text = str(listed)
    assert "tanggal tetap 2024-01-01" in text and "Docker menampilkan waktu build yang sebenarnya" in text
    assert "tanggal tetap 2024-01-01" in listed._repr_html_()
    set_language("en")
    assert "fixed date 2024-01-01 so that the same build gives the same ID" in str(listed)
