"""The explorers, driven from Python as a learner would drive them by hand."""

from __future__ import annotations

import pytest

from dockerlab.language import set_language
from dockerlab.show.widgets import ImageComparer, LayerExplorer

from conftest_inspect import DIR, OPAQUE, WHITEOUT, make_image


@pytest.fixture()
def image(tmp_path):
    return make_image(tmp_path, [
        [("etc", DIR), ("etc/os", b"busybox"), ("app", DIR), ("app/old.txt", b"o" * 30),
         ("app/lib", DIR), ("app/lib/a.py", b"a" * 10)],
        [("app", DIR), ("app/old.txt", WHITEOUT), ("app/new.txt", b"n" * 5), ("app/lib", DIR),
         ("app/lib", OPAQUE), ("app/lib/b.py", b"b" * 7)],
    ], ["ADD rootfs / # buildkit", "COPY app /app # buildkit"], ref="halo:1.0")


def test_layer_explorer_starts_at_base_and_switches_layer(image):
    ex = LayerExplorer(image)
    assert ex.layer.value == 0
    assert "6 ditambah · 0 diubah · 0 dihapus · 0 tersembunyi" in ex.info.value  # every base entry
    assert [v for _, v in ex.entries.options] == ["/app", "/etc"]
    assert "ADD rootfs /" in ex.info.value
    base_listing = ex.listing.value
    ex.layer.value = 1
    assert "COPY app /app" in ex.info.value
    assert ex.listing.value != base_listing
    # new.txt and b.py added, old.txt deleted by a whiteout, a.py hidden by the opaque dir
    assert "2 ditambah · 0 diubah · 1 dihapus · 1 tersembunyi" in ex.info.value


def test_layer_explorer_opens_folders_on_demand(image):
    ex = LayerExplorer(image, layer=1)
    assert ex.up_button.disabled
    ex.entries.value = "/app"
    ex.open_button.click()
    assert ex.path == "/app"
    labels = [label for label, _ in ex.entries.options]
    assert any(label.startswith("- old.txt") for label in labels)  # deleted by a whiteout
    assert any(label.startswith("+ new.txt") for label in labels)
    assert "dl-deleted" in ex.listing.value and "dl-added" in ex.listing.value
    ex.entries.value = "/app/lib"
    ex.open_button.click()
    labels = [label for label, _ in ex.entries.options]
    assert any(label.startswith("× a.py") for label in labels)  # hidden by the opaque dir
    assert "dl-hidden" in ex.listing.value
    ex.up_button.click()
    ex.up_button.click()
    assert ex.path == "/" and ex.up_button.disabled


def test_layer_explorer_merged_view_and_file_not_opened(image):
    ex = LayerExplorer(image)
    ex.layer.value = -1
    ex.open_folder("/app")
    assert sorted(v for _, v in ex.entries.options) == ["/app/lib", "/app/new.txt"]
    ex.entries.value = "/app/new.txt"
    ex.open_button.click()  # a file: nothing to open
    assert ex.path == "/app"
    set_language("en")
    ex.layer.value = 1
    assert "added" in ex.info.value


def test_image_comparer_filters(tmp_path, image):
    other = make_image(tmp_path / "b", [
        [("etc", DIR), ("etc/os", b"busybox"), ("app", DIR), ("app/old.txt", b"o" * 30),
         ("app/lib", DIR), ("app/lib/a.py", b"a" * 10)],
        [("etc", DIR), ("etc/os", b"alpine!")],
    ], ref="lain:1")
    cmp = ImageComparer(image, other)
    # the base layer is shared: said once (as in the text view), not as "shared" and "identical"
    assert "1 layer dasar sama" in cmp.summary.value and cmp.summary.value.count("<li>") == 3
    everything = cmp.files.value
    assert {f.status for f in cmp.visible()} == {"added", "removed", "changed"}
    cmp.status.value = "changed"
    assert [f.path for f in cmp.visible()] == ["/etc/os"]
    assert cmp.files.value != everything and "/etc/os" in cmp.files.value
    cmp.status.value = "all"
    cmp.prefix.value = "/app/lib"
    assert {f.path for f in cmp.visible()} == {"/app/lib/a.py", "/app/lib/b.py"}
    assert repr(cmp).startswith("<ImageComparer halo:1.0 -> lain:1 ")
    assert cmp.prefix.description == "Di folder:"
    set_language("en")
    assert ImageComparer(image, other).prefix.description == "In folder:"


def test_layer_explorer_numbers_layers_like_history_and_the_build_log(image):
    """One numbering (notebook 02): layer i as tree(image, layer=i) counts it, with the build
    step that made it when the build is given; sizes are the files' bytes (docker history's)."""
    from dockerlab.builder.result import BuildStep

    plain = LayerExplorer(image)
    assert [label for label, _ in plain.layer.options][1:] == ["layer 0: ADD rootfs /", "layer 1: COPY app /app"]
    steps = [BuildStep(1, 2, "FROM base", 1, None, False, None),
             BuildStep(2, 2, "COPY app/ /app", 2, None, False, str(image.layers[1].diff_id))]
    built = LayerExplorer(image, build=steps)
    assert [label for label, _ in built.layer.options][1:] == [
        "layer 0 · langkah 1: ADD rootfs /", "layer 1 · langkah 2: COPY app/ /app"]
    built.layer.value = 1
    assert "langkah build" in built.info.value and "12 B" in built.info.value   # 5 + 7 bytes of files
    assert "10,2 kB" not in built.info.value
