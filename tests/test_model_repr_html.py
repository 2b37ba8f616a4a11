"""Images and layers display as rich HTML in a notebook, through dockerlab.show.html."""

from __future__ import annotations

from conftest_store import busybox_image


def test_image_and_layer_have_html_reprs(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    html = image._repr_html_()
    assert "<details" in html and "<script" not in html
    assert image.id.short in html
    layer_html = image.layers[0]._repr_html_()
    assert image.layers[0].digest.hex[:12] in layer_html
