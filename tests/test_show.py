"""Graphviz diagrams: the DOT source is deterministic and says what the learner must see."""

from __future__ import annotations

import hashlib

import pytest

from dockerlab.builder.result import BuildStep
from dockerlab.language import set_language
from dockerlab.show import graphs

from conftest_inspect import DIR, make_image

HEAD = """\tgraph [fontname=Helvetica fontsize=11 nodesep=0.3 rankdir={rankdir} ranksep=0.35]
\tnode [fillcolor=white fontname=Helvetica fontsize=10 shape=box style="rounded,filled"]
\tedge [fontname=Helvetica fontsize=9]
"""
A, B = "sha256:" + "a" * 64, "sha256:" + "b" * 64


@pytest.fixture()
def image(tmp_path):
    return make_image(tmp_path, [[("a", DIR), ("a/x", b"12345")], None, [("a/y", b"1")]],
                      ["ADD x / # buildkit", "ENV A=1", "COPY y /a/ # buildkit"], ref="halo:1.0")


def hex16(digest) -> str:
    return str(digest).split(":")[1][:16]


def test_layer_stack_base_at_bottom_and_empty_steps_apart(image):
    """Layers by position (layer 0 = base, as tree(image, layer=0)), sized by their files as
    `docker history` shows them (5 B and 1 B, not the tar's 10 240-byte blocks)."""
    l0, l1 = image.layers
    assert l0.size == l1.size == 10240   # the blobs: tar blocks
    expected = (
        "digraph layer_stack {\n" + HEAD.format(rankdir="BT")
        + f'\tlayer_0 [label="layer 0 · ADD x /\\n5 B · {l0.digest[:19]}\\nlayer dasar" fillcolor="#d6e6fb"]\n'
        + f'\tlayer_1 [label="layer 1 · COPY y /a/\\n1 B · {l1.digest[:19]}" fillcolor="#d6e6fb"]\n'
        + "\tlayer_0 -> layer_1\n"
        + f'\timage_{hex16(image.id)} [label="image halo:1.0\\n{image.id[:19]}" fillcolor="#fff5c2" shape=box3d style=filled]\n'
        + f"\tlayer_1 -> image_{hex16(image.id)}\n"
        + "\tsubgraph cluster_empty {\n"
        + '\t\tcolor=grey50 label="langkah tanpa layer (hanya metadata)" style=dashed\n'
        + '\t\tstep_2 [label="ENV A=1" fillcolor=white shape=note style=dashed]\n'
        + "\t}\n"
        + "\tlayer_0 -> step_2 [arrowhead=none constraint=false style=dotted]\n"
        + "}\n")
    assert graphs.layer_stack(image).source == expected
    assert graphs.layer_stack(image).source == expected  # same input, same text


def test_layer_stack_colours_cache_from_build(image):
    """With the build, one numbering: the build log's step numbers (FROM = 1 brought the base
    layer), the Dockerfile's own instruction text, and the layer's position beside it."""
    steps = [BuildStep(1, 3, "FROM base", 1, None, False, None),
             BuildStep(2, 3, "ENV A=1", 2, None, True, None),
             BuildStep(3, 3, "COPY y /a/", 3, None, False, str(image.layers[1].diff_id))]
    src = graphs.layer_stack(image, build=steps).source
    assert 'layer_1 [label="layer 1 · langkah 3 · COPY y /a/' in src and '" fillcolor="#fde2c4"]' in src
    assert 'layer_0 [label="layer 0 · langkah 1 · ADD x /' in src   # the base's own history text
    assert 'label="langkah 2 · ENV A=1"' in src


def test_content_graph_tag_manifest_config_layers(image):
    src = graphs.content_graph(image, tags=["halo:latest"]).source
    m, c = f"manifest_{hex16(image.digest)}", f"config_{hex16(image.id)}"
    assert f"\t{m} -> {c} [label=config]\n" in src
    for layer in image.layers:
        assert f"\t{m} -> layer_{hex16(layer.digest)} [label={layer.index}]\n" in src
    assert f"\t{T10} -> {m}\n" in src and f"\t{TLATEST} -> {m}\n" in src
    assert src.index(f"{T10} [") < src.index(f"{TLATEST} [")  # sorted by tag text


def _tag_node(name: str) -> str:
    return "tag_" + hashlib.sha256(name.encode()).hexdigest()[:16]


T10, TLATEST = _tag_node("halo:1.0"), _tag_node("halo:latest")


def test_tag_map_shows_moved_tag():
    rows = [("halo:latest", B, A), ("halo:1.0", A, None)]
    expected = (
        "digraph tag_map {\n" + HEAD.format(rankdir="LR")
        + "\tsubgraph tags {\n\t\trank=same\n"
        + f'\t\t{T10} [label="halo:1.0" fillcolor="#fff5c2" shape=cds]\n'
        + f'\t\t{TLATEST} [label="halo:latest" fillcolor="#fff5c2" shape=cds]\n\t}}\n'
        + '\td_aaaaaaaaaaaaaaaa [label="sha256:aaaaaaaaaaaa" fillcolor="#d6e6fb"]\n'
        + '\td_bbbbbbbbbbbbbbbb [label="sha256:bbbbbbbbbbbb" fillcolor="#d6e6fb"]\n'
        + f"\t{T10} -> d_aaaaaaaaaaaaaaaa\n"
        + f"\t{TLATEST} -> d_bbbbbbbbbbbbbbbb\n"
        + f"\t{TLATEST} -> d_aaaaaaaaaaaaaaaa [label=dulu color=grey50 fontcolor=grey40 style=dashed]\n"
        + "}\n")
    assert graphs.tag_map(rows).source == expected
    assert graphs.tag_map(list(reversed(rows))).source == expected  # order of input does not matter
    set_language("en")
    assert "label=previously" in graphs.tag_map(rows).source


def test_tags_that_differ_only_in_punctuation_are_two_nodes():
    rows = [("a-b:1", A, None), ("a_b:1", B, None), ("a.b:1", A, None)]
    src = graphs.tag_map(rows).source
    ids = {_tag_node(t) for t, _, _ in rows}
    assert len(ids) == 3
    for tag, digest, _ in rows:
        assert f'\t\t{_tag_node(tag)} [label="{tag}"' in src
        assert f"\t{_tag_node(tag)} -> d_{digest.split(':')[1][:16]}\n" in src
    assert src.count("shape=cds") == 3


def test_family_tree_shares_base_layer(tmp_path, image):
    other = make_image(tmp_path / "b", [[("a", DIR), ("a/x", b"12345")], [("b", b"2")]], ref="lain:1")
    src = graphs.family_tree([other, image]).source
    base = f"chain_{hex16(image.layers[0].chain_id)}"
    assert src.count(f"\t{base} [") == 1  # one node for the shared base layer
    assert f"\tscratch -> {base}\n" in src
    assert f"\t{base} -> chain_{hex16(image.layers[1].chain_id)}\n" in src
    assert f"\t{base} -> chain_{hex16(other.layers[1].chain_id)}\n" in src
    assert src == graphs.family_tree([image, other]).source


def test_cache_graph_reused_and_executed():
    before = [BuildStep(1, 3, "FROM base:1", 1, "0", False, None),
              BuildStep(2, 3, "COPY a /", 2, "0", False, "sha256:" + "c" * 64, 5),
              BuildStep(3, 3, "RUN make", 3, "0", False, "sha256:" + "d" * 64, 9)]
    after = [BuildStep(1, 3, "FROM base:1", 1, "0", True, None),
             BuildStep(2, 3, "COPY a /", 2, "0", True, "sha256:" + "c" * 64, 5),
             BuildStep(3, 3, "RUN make", 3, "0", False, "sha256:" + "e" * 64, 9)]
    src = graphs.cache_graph(after, previous=before).source
    # FROM only picks the base image: grey, never "dijalankan" nor "dari cache", never "reused".
    for prefix in ("p", "s"):
        assert (f'\t\t{prefix}_1 [label="langkah 1/3 · FROM base:1\\nimage dasar" fillcolor="#eeeeee" '
                'style="rounded,filled,dashed"]\n') in src
    # the build log's step numbers, and no layer size (the cache is about steps, not bytes)
    assert 's_2 [label="langkah 2/3 · COPY a /\\ndari cache" fillcolor="#d3f0d8" style="rounded,filled"]' in src
    assert 's_3 [label="langkah 3/3 · RUN make\\ndijalankan" fillcolor="#fde2c4" style="rounded,filled"]' in src
    assert 'p_2 -> s_2 [label="dipakai ulang"' in src and "p_3 -> s_3" not in src and "p_1 -> s_1" not in src
    assert "FROM base:1\\ndijalankan" not in src and "FROM base:1\\ndari cache" not in src
    single = graphs.cache_graph(after).source
    assert single == (
        "digraph cache_graph {\n" + HEAD.format(rankdir="TB")
        + "\tsubgraph cluster_s {\n"
        + '\t\tcolor=grey60 label="build ini" style=rounded\n'
        + '\t\ts_1 [label="langkah 1/3 · FROM base:1\\nimage dasar" fillcolor="#eeeeee" style="rounded,filled,dashed"]\n'
        + '\t\ts_2 [label="langkah 2/3 · COPY a /\\ndari cache" fillcolor="#d3f0d8" style="rounded,filled"]\n'
        + '\t\ts_3 [label="langkah 3/3 · RUN make\\ndijalankan" fillcolor="#fde2c4" style="rounded,filled"]\n'
        + "\t}\n\ts_1 -> s_2\n\ts_2 -> s_3\n}\n")
    set_language("en")
    assert 'step 1/3 · FROM base:1\\nbase image" fillcolor="#eeeeee"' in graphs.cache_graph(after).source


def test_cache_graph_of_an_empty_list_is_a_usage_error():
    """An empty list has no steps: a mistake (a filtered list that kept nothing), not an empty build."""
    from dockerlab.errors import UsageError

    step = BuildStep(1, 1, "FROM base:1", 1, "0", False, None)
    with pytest.raises(UsageError) as info:
        graphs.cache_graph([])
    assert str(info.value).startswith("dockerlab.show.cache_graph butuh hasil build (dockerlab.build(...)) "
                                      "untuk build, bukan daftar berisi 0 item."), str(info.value)
    with pytest.raises(UsageError, match="untuk previous, bukan daftar berisi 0 item"):
        graphs.cache_graph([step], previous=[])
    assert "s_1 [" in graphs.cache_graph([step]).source and "s_1 [" in graphs.cache_graph((step,)).source


def test_dot_renders_with_graphviz(image, need_tool):
    need_tool("dot")
    svg = graphs.layer_stack(image).pipe(format="svg").decode()
    assert "<svg" in svg and "ENV A=1" in svg


def test_content_graph_of_an_index_and_tag_map_of_a_store(store, tmp_path):
    from dockerlab.model import Descriptor, ImageConfig, Index, Platform, mediatypes as mt
    from dockerlab.tarutil import Entry, write_layer

    with store.blob_writer(media_type=mt.OCI_LAYER) as w:
        write_layer(w, [Entry("etc", "dir", 0o755), Entry("etc/os", "file", data=b"sama")])
    shared = w.descriptor
    manifests = []
    for arch in ("arm64", "amd64"):
        config = ImageConfig.create(architecture=arch, diff_ids=[shared.digest])
        image = store.put_image(config.raw, [shared])
        manifests.append(image.descriptor.with_platform(Platform("linux", arch)))
    index = store.put_manifest(Index.build(manifests).raw)
    store.tag("multi:1", index)
    src = graphs.content_graph(store.resolve("multi:1")).source
    top = f"index_{hex16(index.digest)}"
    labels = [line.split("label=")[1].rstrip("]") for line in src.splitlines() if line.startswith(f"\t{top} -> ")]
    assert labels == ['"linux/amd64"', '"linux/arm64"']  # sorted by platform
    assert src.count(f"\tlayer_{hex16(shared.digest)} [") == 1  # one layer, shared by both
    assert f"\t{_tag_node('multi:1')} -> " + top in src
    store.tag("multi:latest", index)
    tags = graphs.tag_map(store).source
    assert f"\t{_tag_node('multi:1')} -> d_{hex16(index.digest)}\n" in tags
    assert f"\t{_tag_node('multi:latest')} -> d_{hex16(index.digest)}\n" in tags


def test_an_uncompressed_layer_table_says_why_digest_equals_diff_id(image):
    """A learner trial: every layer table showed digest == diff_id and no compressed size, with
    no word why. The note says so, and that a registry's digests differ after push."""
    from dockerlab.inspection import layers
    from dockerlab.show import html

    for shown in (html.layers_html(layers(image)), html.image_html(image)):
        assert "disimpan tanpa kompresi, jadi digest-nya sama dengan diff_id" in shown
        assert "Saat push, layer dikompresi" in shown
