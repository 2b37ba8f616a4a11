"""Images and layers display as rich HTML in a notebook, through dockerlab.show.html."""

from __future__ import annotations

import re

from conftest_store import busybox_image


def test_image_and_layer_have_html_reprs(store, tmp_path):
    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    html = image._repr_html_()
    assert "<details" in html and "<script" not in html
    assert image.id.short in html
    layer_html = image.layers[0]._repr_html_()
    assert image.layers[0].digest.hex[:12] in layer_html


def test_validate_shows_a_verdict_and_stays_a_list(store, tmp_path):
    import dockerlab
    from dockerlab.model import validate

    image = busybox_image(store, "halo:1.0", tmp=tmp_path)
    problems = validate(image)
    assert problems == [] and isinstance(problems, list) and list(problems) == []
    assert str(problems) == repr(problems) == "✅ semua blob cocok dengan digest-nya (3 blob diperiksa)"
    html = problems._repr_html_()
    assert "✅ semua blob cocok dengan digest-nya (3 blob diperiksa)" in html and "<script" not in html
    assert str(validate(image, content=False)).endswith("(1 blob diperiksa)")  # only the config hashed
    dockerlab.set_language("en")
    assert str(problems) == "✅ every blob matches its digest (3 blobs checked)"
    dockerlab.set_language("id")

    blob = store.blob_path(image.layers[1].digest)
    blob.chmod(0o644)
    blob.write_bytes(b"rusak")
    problems = validate(image)
    assert [p.kind for p in problems] == ["digest_mismatch"]
    lines = str(problems).splitlines()
    assert lines[0] == "❌ 1 masalah ditemukan (3 blob diperiksa):"
    assert lines[1] == f"- {problems[0].message}" and "layer 1" in lines[1]
    html = problems._repr_html_()
    assert image.layers[1].digest.hex[:12] in html and "✅" not in html
    # the kind in the learner's words, and a problem is never drawn struck through (as if solved)
    assert "isi tidak cocok dengan digest" in html and "digest_mismatch" not in html
    assert "hash SHA-256 isinya" in problems[0].message and "ber-sha256" not in problems[0].message
    assert "class='dl-deleted'" not in html and "class='dl-problem'" in html
    from dockerlab.show.html import css

    rule = re.search(r"\.dl-problem \{([^}]*)\}", css())
    assert rule and "line-through" not in rule.group(1)


def test_an_index_has_an_html_repr_with_each_platform(store, tmp_path):
    from dockerlab.model import ImageConfig, Index, Platform, mediatypes as mt
    from dockerlab.show.html import css
    from dockerlab.tarutil import Entry, write_layer

    with store.blob_writer(media_type=mt.OCI_LAYER) as w:
        write_layer(w, [Entry("etc", "dir", 0o755), Entry("etc/os", "file", data=b"sama")])
    manifests = {}
    for arch in ("arm64", "amd64"):
        image = store.put_image(ImageConfig.create(architecture=arch, diff_ids=[w.descriptor.digest]).raw,
                                [w.descriptor])
        manifests[arch] = image.descriptor.with_platform(Platform("linux", arch))
    index = store.tag("multi:1", store.put_manifest(Index.build(list(manifests.values())).raw))
    html = index._repr_html_()
    assert "<script" not in html and css().strip()[:40] in html
    assert html.count("<details") == html.count("</details>")
    assert "Index image multi:1" in html and str(index.digest) in html and "jenis isi (media type)" in html
    amd, arm = html.index("<td>linux/amd64</td>"), html.index("<td>linux/arm64</td>")
    assert amd < arm  # sorted by platform
    assert str(manifests["amd64"].digest) in html[amd:arm] and str(manifests["arm64"].digest) in html[arm:]
    here = "linux/amd64" if Platform.host().architecture == "amd64" else "linux/arm64"
    row = html[html.index(f"<td>{here}</td>"):]
    assert "← mesin ini" in row[:row.index("</tr>")]
    fallback = html.split("dl-text-repr-fallback'>", 1)[1].split("</pre>", 1)[0]
    assert f"linux/amd64: {manifests['amd64'].digest}" in fallback
    assert repr(index).startswith("<ImageIndex multi:1 sha256:")  # the short text repr is unchanged
