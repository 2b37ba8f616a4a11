"""The Docker Engine backend against the session's real dockerd: model objects, lazy export, builds."""

from __future__ import annotations

import textwrap

import pytest

from conftest_docker import busybox_archive, entries

import dockerlab
from dockerlab.engines.docker import DockerEngine
from dockerlab.engines.docker_medium import DockerCore
from dockerlab.model import Image
from dockerlab.errors import BuildContextError, BuildError, DockerfileError, ImageNotFound
from dockerlab.model import Digest, mediatypes, validate

pytestmark = pytest.mark.docker


@pytest.fixture
def engine(docker_client, tmp_path):
    return DockerEngine(docker_client, reason="test", cache_dir=tmp_path / "cache")


@pytest.fixture(scope="module")
def busybox(docker_client, tmp_path_factory):
    """The hand-made busybox image, loaded into dockerd once for this module."""
    path = tmp_path_factory.mktemp("bb") / "busybox.tar"
    facts = busybox_archive(path, tag="dl-busybox:engine")
    with open(path, "rb") as f:
        list(docker_client.api.load_image(f))
    return facts


def write(folder, files: dict[str, str]):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip())
    return folder


def test_info_names_engine_version_and_reason(engine, docker_client):
    info = engine.info()
    version = docker_client.version()["Version"]
    assert (info.name, info.version, info.reason) == ("docker", version, "test")
    assert str(info).startswith(f"Mesin aktif: Docker Engine (versi {version}).")
    dockerlab.set_language("en")
    assert str(info).startswith(f"Active engine: Docker Engine (version {version}).")
    assert info.details["api_version"] == docker_client.version()["ApiVersion"]


def test_load_keeps_config_and_layer_bytes(engine, busybox, tmp_path):
    image = engine.image(busybox["tag"])
    assert type(image) is Image and isinstance(image.core, DockerCore)  # the model's Image, never a subclass
    assert image.id == busybox["id"]
    assert str(image.ref) == "docker.io/library/dl-busybox:engine"
    assert repr(image) == f"<Image dl-busybox:engine sha256:{Digest(busybox['id']).short} layers=1>"
    assert image.config.raw == busybox["config"]
    [layer] = image.layers
    assert layer.diff_id == layer.digest == busybox["diff_id"]
    assert layer.media_type == mediatypes.OCI_LAYER and layer.size == len(busybox["layer"])
    with layer.open() as f:
        assert f.read() == busybox["layer"]
    assert validate(image) == []
    assert [h.layer for h in image.history] == [layer, None]


def test_listing_reads_nothing_until_asked(docker_client, busybox, tmp_path):
    cold = DockerEngine(docker_client, cache_dir=tmp_path / "cold")
    listed = [i for i in cold.images() if i.ref is not None and i.ref.familiar == busybox["tag"]]
    assert len(listed) == 1
    assert listed[0].size == docker_client.api.inspect_image(busybox["id"])["Size"]  # `docker images`
    assert not (tmp_path / "cold" / "blobs").exists()  # listing (sizes included) exported nothing
    assert listed[0].layers[0].diff_id == busybox["diff_id"]
    assert listed[0].size == len(busybox["layer"])  # once read: the exact tar sizes, like the store
    assert (tmp_path / "cold" / "blobs" / "sha256" / busybox["diff_id"][7:]).is_file()
    # Comparing and hashing views of one image reads nothing either.
    other = DockerEngine(docker_client, cache_dir=tmp_path / "other")
    assert other.image(busybox["id"]) == listed[0] and len({other.image(busybox["tag"]), listed[0]}) == 1
    assert not (tmp_path / "other" / "blobs").exists()
    # A second view of the same image is served from the cache: no second export.
    again = cold.image(busybox["tag"])
    assert again.config.raw == busybox["config"] and again.source._exported is False
    # Forgetting the cache is safe: the next read exports again.
    cold.prune_cache()
    assert not (tmp_path / "cold").exists()
    third = cold.image(busybox["tag"])
    assert third.layers[0].diff_id == busybox["diff_id"] and third.source._exported is True


def test_manifest_digest_is_the_oci_form_unless_the_engine_knows_one(engine, busybox):
    image = engine.image(busybox["tag"])
    assert image.repo_digests == ()
    assert image.digest == image.manifest.digest == Digest.of(image.manifest.raw)
    assert image.manifest.config.digest == image.id


def test_unknown_image_is_image_not_found(engine):
    with pytest.raises(ImageNotFound) as err:
        engine.image("tidak-ada:1")
    assert "tidak-ada:1" in str(err.value) and "dockerlab.images()" in str(err.value)


def test_tag_remove_save_load_round_trip(engine, busybox, tmp_path):
    tagged = engine.tag(busybox["tag"], "dl-copy:v1")
    assert tagged.id == busybox["id"] and tagged.ref.familiar == "dl-copy:v1"
    path = engine.save(["dl-copy:v1"], tmp_path / "copy.tar")
    assert any("Untagged: dl-copy:v1" in line for line in engine.remove("dl-copy:v1"))
    with pytest.raises(ImageNotFound):
        engine.image("dl-copy:v1")
    [loaded] = engine.load(path)
    assert loaded.id == busybox["id"] and loaded.ref.familiar == "dl-copy:v1"
    engine.remove("dl-copy:v1")


def test_build_streams_steps_cache_and_output(engine, busybox, tmp_path):
    ctx = write(tmp_path / "ctx", {"Dockerfile": f"""
        FROM {busybox["tag"]}
        ENV GREETING=halo
        RUN echo "$GREETING dunia" > /greeting && echo selesai
        COPY data.txt /data/
        CMD ["cat", "/greeting"]
        """, "data.txt": "isi\n"})
    events = []
    result = engine.build(ctx, "dl-built:1", progress=events.append, no_cache=True)
    kinds = [(e.kind, e.step, e.text) for e in events if e.kind != "done"]
    assert [k for k in kinds if k[0] == "step"] == [
        ("step", 1, f"FROM {busybox['tag']}"), ("step", 2, "ENV GREETING=halo"),
        ("step", 3, 'RUN echo "$GREETING dunia" > /greeting && echo selesai'),
        ("step", 4, "COPY data.txt /data/"), ("step", 5, 'CMD ["cat", "/greeting"]')]
    assert ("output", 3, "selesai\n") in kinds
    assert all(e.total == 5 for e in events if e.kind == "step")
    image = result.image
    assert image.ref.familiar == "dl-built:1" and len(image.layers) == 3
    steps = result.steps
    assert [s.line for s in steps] == [1, 2, 3, 4, 5]
    assert [s.layer_digest for s in steps] == [None, None, image.layers[1].diff_id, image.layers[2].diff_id, None]
    assert steps[2].output == "selesai\n" and steps[3].size == image.layers[2].size
    with image.layers[1].open() as f:
        assert ("greeting", "file", 0o644, 0, 0, 11, __import__("hashlib").sha256(b"halo dunia\n").hexdigest(),
                None) in entries(f)

    events.clear()
    again = engine.build(ctx, "dl-built:1", progress=events.append)
    assert again.image.id == image.id
    assert [e.step for e in events if e.kind == "cached"] == [2, 3, 4, 5]
    assert all(s.cached for s in again.steps[1:])


def test_build_result_names_the_context_as_given(engine, busybox, tmp_path, monkeypatch):
    """Both engines: the docker command shows the context relative to where it was built."""
    write(tmp_path / "contoh" / "app", {"Dockerfile": f"FROM {busybox['tag']}\nCMD [\"true\"]\n"})
    monkeypatch.chdir(tmp_path)
    result = engine.build("contoh/app", "dl-ctx:1", progress=False)
    monkeypatch.chdir(tmp_path / "contoh")
    assert result.docker_command == "docker build -t dl-ctx:1 contoh/app"
    from dockerlab import engines

    assert engines.command_name(engine) == "docker" == result.program  # Podman's is test_podman_engine's
    assert "Perintah Docker yang setara" in result._repr_html_()


def test_failing_run_raises_build_error_with_line(engine, busybox, tmp_path):
    ctx = write(tmp_path / "bad", {"Dockerfile": f"""
        FROM {busybox["tag"]}
        # a comment
        RUN echo mulai && \\
            exit 3
        """})
    before = {c.id for c in engine.client.containers.list(all=True)}
    with pytest.raises(BuildError) as err:
        engine.build(ctx, "dl-bad:1")
    assert {c.id for c in engine.client.containers.list(all=True)} == before  # no step container left
    message = str(err.value)
    assert err.value.params["line"] == 3 and err.value.params["step"] == 2
    assert "baris 3" in message and "returned a non-zero code: 3" in message


def test_missing_copy_source_names_the_step(engine, busybox, tmp_path):
    ctx = write(tmp_path / "nocopy", {"Dockerfile": f"FROM {busybox['tag']}\nCOPY hilang.txt /x\n"})
    with pytest.raises(BuildContextError) as err:
        engine.build(ctx)
    assert err.value.params["line"] == 2 and "hilang.txt" in str(err.value) and ".dockerignore" in str(err.value)


def test_unknown_instruction_is_dockerfile_error_with_line(engine, busybox, tmp_path):
    ctx = write(tmp_path / "syntax", {"Dockerfile": f"FROM {busybox['tag']}\nRUN true\nFOO bar\n"})
    with pytest.raises(DockerfileError) as err:
        engine.build(ctx)
    assert err.value.line == 3 and "unknown instruction" in str(err.value).lower()


def test_engine_refusals_name_the_image_and_the_reason(engine, busybox):
    engine.tag(busybox["tag"], "dl-dua-nama:1")
    try:
        with pytest.raises(dockerlab.DockerlabError) as err:
            engine.remove(busybox["id"])  # two names (and maybe child images) point at it
        assert f"Docker Engine menolak rmi untuk {busybox['id']!r}: conflict: unable to delete" in str(err.value)
    finally:
        engine.remove("dl-dua-nama:1")
    assert engine.image(busybox["tag"]).id == busybox["id"]  # nothing was removed


def test_missing_context_or_dockerfile_fail_before_the_engine_is_asked(engine, tmp_path):
    with pytest.raises(BuildContextError):
        engine.build(tmp_path / "tidak-ada")
    (tmp_path / "kosong").mkdir()
    with pytest.raises(DockerfileError) as err:
        engine.build(tmp_path / "kosong")
    assert str(tmp_path / "kosong" / "Dockerfile") in str(err.value)


def test_an_image_with_the_same_layer_twice(engine, busybox, tmp_path):
    """docker save writes a repeated layer once and links to it; the export must follow the link."""
    ctx = write(tmp_path / "twice", {"Dockerfile": f"FROM {busybox['tag']}\nCOPY a.txt /\nRUN rm /a.txt\n"
                                                   "COPY a.txt /\n", "a.txt": "sama\n"})
    image = engine.build(ctx, "dl-twice:1", progress=False).image
    diff_ids = list(image.config.rootfs.diff_ids)
    assert len(diff_ids) == 4 and diff_ids[1] == diff_ids[3]
    assert [layer.diff_id for layer in image.layers] == diff_ids
    with image.layers[3].open() as a, image.layers[1].open() as b:
        assert a.read() == b.read()
    assert validate(image) == []
    # and the embedded store reads Docker's archive of it (the link included) with the same IDs
    from dockerlab.engines import transfer
    from dockerlab.store import Store

    copied = transfer.copy("dl-twice:1", engine, Store(tmp_path / "store"))
    assert copied.id == image.id and list(copied.config.rootfs.diff_ids) == diff_ids


def test_an_image_removed_after_listing_is_image_not_found_when_read(engine, tmp_path):
    from conftest_docker import gzip_image

    from dockerlab.engines import transfer

    made, _ = gzip_image(tmp_path / "sebentar", {"sebentar.txt": b"sebentar\n"})
    image = transfer.load_image(made, engine, "dl-sebentar:1")
    engine.client.api.remove_image(image.id, force=True)  # gone before its contents were read
    fresh = DockerEngine(engine.client, cache_dir=tmp_path / "fresh-cache")
    stale = fresh._image(image.core.attrs, image.ref)
    with pytest.raises(ImageNotFound) as err:
        stale.config
    assert image.id in str(err.value)
