"""Every public function that takes an image accepts the same things — an Image, a build result,
or a reference string resolved in the active engine — and refuses anything else with an
Indonesian UsageError naming the function, the parameter, what was given and what is expected.
Below the public entry points (``dockerlab.inspection``, the HTML reprs) names are not looked up:
those work on model objects alone."""

from __future__ import annotations

import shutil

import pytest

import dockerlab
from dockerlab import course, engines, platforms, show
from dockerlab.errors import UsageError
from dockerlab.inspection import LayerIndexError, layer_changes
from dockerlab.inspection.arguments import as_image
from dockerlab.model import Image

from conftest_store import BUSYBOX

DOCKERFILE = """\
FROM scratch
COPY busybox /bin/busybox
COPY pesan.txt /app/
CMD ["/bin/busybox", "cat", "/app/pesan.txt"]
"""

REF = "argumen:1"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """The embedded engine on a fresh store, with one image built from a real Dockerfile."""
    home = tmp_path_factory.mktemp("home")
    context = tmp_path_factory.mktemp("ctx")
    shutil.copy(BUSYBOX, context / "busybox")
    (context / "pesan.txt").write_text("halo\n")
    (context / "Dockerfile").write_text(DOCKERFILE)
    patch = pytest.MonkeyPatch()
    patch.setenv("DOCKERLAB_HOME", str(home))
    patch.setenv("DOCKERLAB_ENGINE", "local")
    engines.reset()
    try:
        result = dockerlab.build(str(context), tag=REF, progress=False)
        yield result
    finally:
        engines.reset()
        patch.undo()


@pytest.fixture(autouse=True)
def same_engine(lab):
    """Tests of this module resolve strings in the lab's engine (another test may have reset it)."""
    import os

    assert os.environ["DOCKERLAB_ENGINE"] == "local"
    yield


def _store():
    return engines.current().store


# (name shown in the error, parameter named in it, call)
FUNCTIONS = [
    ("dockerlab.tree", "image", lambda x: dockerlab.tree(x)),
    ("dockerlab.tree", "image", lambda x: dockerlab.tree(x, layer=0)),
    ("dockerlab.history", "image", lambda x: dockerlab.history(x)),
    ("dockerlab.layers", "image", lambda x: dockerlab.layers(x)),
    ("dockerlab.efficiency", "image", lambda x: dockerlab.efficiency(x)),
    ("dockerlab.inspect", "obj", lambda x: dockerlab.inspect(x)),
    ("dockerlab.diff", "a", lambda x: dockerlab.diff(x, REF)),
    ("dockerlab.diff", "b", lambda x: dockerlab.diff(REF, x)),
    ("dockerlab.validate", "image", lambda x: dockerlab.validate(x)),
    ("dockerlab.explain_platform", "image", lambda x: dockerlab.explain_platform(x)),
    ("dockerlab.platforms.require_platform", "image", lambda x: platforms.require_platform(x) or "ok"),
    ("dockerlab.assemble_index", "images[0]", lambda x: dockerlab.assemble_index(_store(), [x])),
    ("dockerlab.show.layer_stack", "image", lambda x: show.layer_stack(x)),
    ("dockerlab.show.content_graph", "obj", lambda x: show.content_graph(x)),
    ("dockerlab.show.family_tree", "images[0]", lambda x: show.family_tree([x])),
    ("dockerlab.LayerExplorer", "image", lambda x: dockerlab.LayerExplorer(x)),
    ("dockerlab.ImageComparer", "a", lambda x: dockerlab.ImageComparer(x, REF)),
    ("dockerlab.ImageComparer", "b", lambda x: dockerlab.ImageComparer(REF, x)),
    ("course.run_on_host", "image", lambda x: course.run_on_host(x, "/bin/busybox", "echo", "jalan")),
]
# Model objects only: an Image or a build result; a name is refused, never looked up.
MODEL_ONLY = [
    ("dockerlab.inspection.layer_changes", "image", lambda x: layer_changes(x)),
    ("dockerlab.show.image_html", "image", lambda x: show.image_html(x)),
    ("dockerlab.history", "image", lambda x: dockerlab.inspection.history(x)),
]
IDS = [f"{name}-{param}-{i}" for i, (name, param, _) in enumerate(FUNCTIONS)]
MODEL_IDS = [f"{name}-{i}" for i, (name, _, _) in enumerate(MODEL_ONLY)]


def _fingerprint(result):
    """What a call showed, comparable between two calls."""
    if hasattr(result, "source"):  # graphviz
        return result.source
    if hasattr(result, "image"):  # LayerExplorer
        return result.image.digest
    if hasattr(result, "result"):  # ImageComparer
        return str(result.result)
    return str(result)


@pytest.mark.parametrize("call", [f[2] for f in FUNCTIONS], ids=IDS)
def test_string_image_and_build_result_are_all_accepted(lab, call):
    image = dockerlab.image(REF)
    assert isinstance(image, Image)
    by_string, by_image = call(REF), call(image)
    assert _fingerprint(by_string) == _fingerprint(by_image)
    assert call(lab) is not None  # the build result's .image (with its steps where they matter)


@pytest.mark.parametrize("name,param,call", MODEL_ONLY, ids=MODEL_IDS)
def test_below_the_entry_points_a_name_is_refused_not_looked_up(lab, name, param, call, monkeypatch):
    image = dockerlab.image(REF)
    assert call(image) is not None and call(lab) is not None
    monkeypatch.setattr(engines, "current", lambda: pytest.fail("a name was looked up in the engine"))
    with pytest.raises(UsageError) as info:
        call(REF)
    assert str(info.value) == (f"{name}: {param} adalah nama {REF!r}; fungsi ini bekerja pada image itu "
                               f"sendiri. Ambil image-nya dulu dengan dockerlab.image({REF!r}), atau beri store=.")


@pytest.mark.parametrize("junk", [42, None, {"image": REF}], ids=["number", "none", "mapping"])
@pytest.mark.parametrize("name,param,call", FUNCTIONS + MODEL_ONLY, ids=IDS + MODEL_IDS)
def test_anything_else_is_a_usage_error_naming_the_parameter(lab, name, param, call, junk):
    with pytest.raises(UsageError) as info:
        call(junk)
    text = str(info.value)
    assert isinstance(info.value, ValueError)
    assert text.startswith(f"{name}: {param} harus sebuah image"), text
    assert "dockerlab.build(...)" in text and "'my-app:latest'" in text
    given = "bukan angka 42" if junk == 42 else "bukan None" if junk is None else "bukan kamus berisi 1 pasangan"
    assert given in text, text
    dockerlab.set_language("en")
    assert "must be an image" in str(info.value) and "harus" not in str(info.value)


def test_a_build_result_is_required_where_cache_use_is_drawn(lab):
    assert "dari cache" in show.cache_graph(lab).source or "dijalankan" in show.cache_graph(lab).source
    with pytest.raises(UsageError) as info:
        show.cache_graph(lab.image)
    text = str(info.value)
    assert text.startswith("dockerlab.show.cache_graph butuh hasil build (dockerlab.build(...))")
    assert "bukan sebuah image" in text
    with pytest.raises(UsageError, match="previous, bukan teks 'lama'"):
        show.cache_graph(lab, "lama")
    with pytest.raises(UsageError, match="dockerlab.history butuh hasil build .* bukan teks 'x'"):
        dockerlab.history(lab.image, "x")
    with pytest.raises(UsageError, match="bukan sebuah image"):
        show.layer_stack(lab.image, lab.image)


def test_a_build_result_alone_brings_its_cache_column(lab):
    assert [r.cached for r in dockerlab.history(lab)] == [r.cached for r in dockerlab.history(lab.image, lab)]
    assert dockerlab.history(lab).cache_known and not dockerlab.history(lab.image).cache_known
    assert show.layer_stack(lab).source == show.layer_stack(lab.image, lab).source


def test_an_unknown_name_is_image_not_found(lab):
    with pytest.raises(dockerlab.ImageNotFound):
        dockerlab.tree("tidak-ada:1")


def test_whole_number_options_refuse_text_and_booleans(lab):
    with pytest.raises(UsageError) as info:
        dockerlab.tree(REF, layer="1")
    assert str(info.value) == "dockerlab.tree: layer harus angka bulat (misalnya layer=1), bukan teks '1'."
    assert "layer=1 tidak ada" not in str(info.value)
    with pytest.raises(UsageError, match="bukan nilai True"):
        dockerlab.tree(REF, layer=True)
    with pytest.raises(UsageError, match="LayerExplorer: layer harus angka bulat"):
        dockerlab.LayerExplorer(REF, layer="0")
    with pytest.raises(LayerIndexError, match="layer=7 tidak ada"):
        dockerlab.LayerExplorer(REF, layer=7)
    with pytest.raises(UsageError, match="FileTree.render: depth harus angka bulat"):
        dockerlab.tree(REF).render("/", depth="2")
    assert dockerlab.LayerExplorer(REF, layer=1).layer.value == 1


def test_explain_platform_of_an_index_names_each_platform_and_this_machines(lab):
    from dockerlab.model import Platform

    store = _store()
    index = dockerlab.assemble_index(store, [REF])
    text = dockerlab.explain_platform(index)
    host = Platform.host()
    lines = text.splitlines()
    assert lines[0].startswith(f"Index {index.digest.short} berisi 1 image: {lab.image.platform}.")
    assert f"({host}): {lab.image.platform}." in lines[0]
    assert lines[1] == dockerlab.explain_platform(lab.image)


def test_the_shared_helper_keeps_an_index_only_when_asked(lab):
    index = dockerlab.assemble_index(_store(), [lab])
    assert as_image(index, function="f", index=True) is index
    assert as_image(index, function="f").digest == lab.image.digest


def test_a_layer_is_refused_as_an_image_but_diff_compares_two(lab):
    layer0, layer1 = lab.image.layers[:2]
    with pytest.raises(UsageError, match="dockerlab.tree: image harus sebuah image .* bukan objek Layer"):
        dockerlab.tree(layer0)
    assert {f.path for f in dockerlab.diff(layer0, layer1).added} == {"/app", "/app/pesan.txt"}


def test_family_tree_takes_one_image_or_any_collection_of_them(lab):
    one = show.family_tree([REF]).source
    assert show.family_tree(REF).source == one == show.family_tree(lab).source
    assert show.family_tree(x for x in [REF]).source == one
    assert show.family_tree([]).source.count("scratch") == 2  # just the empty root
