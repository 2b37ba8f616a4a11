"""The embedded engine's image verbs and the ``dockerlab build|images|tag|rmi|save|load`` CLI."""

from __future__ import annotations

import json

import pytest

from build_helpers import make_context
from dockerlab import engines
from dockerlab.cli import main
from dockerlab.engines.local import LocalEngine
from dockerlab.errors import ImageNotFound
from dockerlab.store import Store


@pytest.fixture
def ctx(tmp_path):
    return make_context(tmp_path / "ctx", {"a.txt": "halo\n"},
                        "FROM scratch\nCOPY a.txt /\nLABEL kursus=docker\nCMD [\"/a.txt\"]\n")


def test_engine_verbs(store, ctx, tmp_path):
    engine = LocalEngine(store)
    assert engine.info().name == "local" and str(store.root) in engine.info().reason
    result = engine.build(ctx, ["contoh:1", "contoh:latest"], progress=False)
    assert engine.image("contoh:1").id == result.image.id
    assert engine.image(str(result.image.id)).id == result.image.id
    engine.tag("contoh:1", "lain:2")
    assert engine.image("lain:2").id == result.image.id
    assert {ref.familiar for ref, _ in store.tags()} >= {"contoh:1", "contoh:latest", "lain:2"}
    archive = engine.save(["contoh:1"], tmp_path / "contoh.tar")
    other = LocalEngine(Store(tmp_path / "other"))
    loaded = other.load(archive)
    assert [v.id for v in loaded] == [result.image.id]
    assert other.image("contoh:1").digest == result.image.digest
    engine.remove("lain:2")
    with pytest.raises(ImageNotFound):
        engine.image("lain:2")
    assert len(engine.images()) >= 1


def test_images_is_a_list_that_shows_itself_like_docker_images(local_cli, ctx):
    import re

    import dockerlab
    from IPython.lib.pretty import pretty

    empty = dockerlab.images()
    assert empty == [] and "Belum ada image" in str(empty) and "Belum ada image" in empty._repr_html_()
    first = dockerlab.build(ctx, ["contoh:1", "contoh:latest"], progress=False).image
    (ctx / "a.txt").write_text("halo lagi\n")
    second = dockerlab.build(ctx, "contoh:1", progress=False).image  # contoh:1 moves: no <none> yet
    listed = dockerlab.images()
    # Still a list: len, iteration, indexing, comparison.
    assert isinstance(listed, list) and len(listed) == 2
    assert {v.id for v in listed} == {first.id, second.id}
    assert listed[0] in list(listed) and listed == list(listed)
    lines = str(listed).splitlines()
    assert re.fullmatch(r"REPOSITORY +TAG +IMAGE ID +CREATED +SIZE", lines[0])
    rows = {line.split()[1]: line for line in lines[1:3]}
    assert set(rows) == {"1", "latest"}
    for tag, image in (("1", second), ("latest", first)):
        assert re.fullmatch(rf"contoh +{tag} +{image.id.hex[:12]} +2024-01-01 00:00:00 +\d+(,\d+)? k?B",
                            rows[tag]), rows[tag]
    for column in ("TAG", "IMAGE ID", "CREATED", "SIZE"):  # aligned under its header
        at = lines[0].index(column)
        assert all(line[at - 1] == " " and line[at] != " " for line in lines[1:3]), column
    assert "IMAGE ID = 12 digit pertama ID image" in lines[3]
    assert repr(listed) == str(listed) == pretty(listed)
    html = listed._repr_html_()
    assert "<th>REPOSITORY</th><th>TAG</th><th>IMAGE ID</th><th>CREATED</th><th>SIZE</th>" in html
    assert html.count("<tr class='dl-mono'>") == 2 and f"<td>{second.id.hex[:12]}</td>" in html
    assert "class='dl-text-repr-fallback'" in html and "docker images" in html
    dockerlab.remove("contoh:latest")
    dockerlab.build(ctx, "contoh:1", progress=False)  # unchanged: still tagged
    (ctx / "a.txt").write_text("versi tiga\n")
    dockerlab.build(ctx, "contoh:1", progress=False)  # the old contoh:1 is left without a name
    untagged = [line for line in str(dockerlab.images()).splitlines() if line.startswith("<none>")]
    assert len(untagged) == 1 and re.match(rf"<none> +<none> +{second.id.hex[:12]} ", untagged[0])
    dockerlab.set_language("en")
    text = str(dockerlab.images())
    assert text.startswith("REPOSITORY") and "first 12 digits of the image ID" in text


def test_store_path_is_accepted(tmp_path, ctx):
    engine = LocalEngine(tmp_path / "s")
    assert engine.build(ctx, "x:1", progress=False).image.id == engine.image("x:1").id


@pytest.fixture
def local_cli(course_home, monkeypatch):
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    engines.reset()
    yield course_home
    engines.reset()


def test_cli_build_images_tag_rmi_save_load(local_cli, ctx, tmp_path, capsys):
    assert main(["build", "-t", "cli:1", str(ctx)]) == 0
    out = capsys.readouterr().out
    assert "Langkah 1/4 : FROM scratch" in out and "Instruksi" in out
    assert main(["build", "--json", "-t", "cli:1", str(ctx)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tags"] == ["cli:1"] and [s["cached"] for s in data["steps"]] == [False, True, True, True]
    assert main(["build", "-q", "--build-arg", "X=1", "--no-cache", str(ctx)]) == 0
    assert capsys.readouterr().out.strip() == data["id"]
    assert main(["images"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["REPOSITORY", "TAG", "IMAGE", "ID", "CREATED", "SIZE"]  # as docker images
    assert "cli" in out and data["id"][7:19] in out
    assert main(["tag", "cli:1", "cli:2"]) == 0
    assert "cli:2 sekarang menunjuk" in capsys.readouterr().out
    assert main(["images", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["repository"], r["tag"]) for r in rows} >= {("cli", "1"), ("cli", "2")}
    archive = tmp_path / "out.tar"
    assert main(["save", "-o", str(archive), "cli:2"]) == 0
    assert archive.is_file()
    assert main(["rmi", "cli:2"]) == 0
    assert main(["rmi", "cli:2"]) == 1  # already gone: an error and a non-zero status
    assert "Galat" in capsys.readouterr().err
    assert main(["load", "-i", str(archive)]) == 0
    assert "Dimuat: cli:2" in capsys.readouterr().out


def test_cli_build_error_exits_non_zero(local_cli, tmp_path, capsys):
    bad = make_context(tmp_path / "bad", {}, "FROM scratch\nCOPY nope.txt /\n")
    assert main(["build", "-t", "bad:1", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Galat" in err and "baris 2" in err and "nope.txt" in err
    assert main(["--lang", "en", "build", str(bad)]) == 1
    assert "line 2" in capsys.readouterr().err


def test_dockerlab_build_is_the_verb_after_the_builder_is_imported(local_cli, ctx):
    import dockerlab
    import dockerlab.builder.builder  # noqa: F401 - binds the subpackage on the parent

    from dockerlab import api

    assert dockerlab.build is api.build
    result = dockerlab.build(ctx, "api:1", progress=False)
    assert dockerlab.build(ctx, "api:1", progress=False).image.id == result.image.id
    assert dockerlab.image("api:1").id == result.image.id
