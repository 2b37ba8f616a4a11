"""The OCI model: digests, JSON, descriptors, manifests, configs, views and validate()."""

from __future__ import annotations

import gzip
import hashlib
import io
import json

import pytest

from dockerlab.errors import BlobNotFound, DigestMismatch, InvalidImage, InvalidReference, PlatformMismatch
from dockerlab.model import (
    Descriptor, Digest, HashingWriter, History, Image, ImageConfig, ImageIndex, Index, Manifest, Platform, RunConfig,
    canonical_json, chain_ids, mediatypes as mt, validate,
)


class MemSource:
    """A BlobSource over a dict (verifies like the real ones)."""

    def __init__(self):
        self.blobs: dict[str, bytes] = {}

    def add(self, data: bytes) -> Digest:
        d = Digest.of(data)
        self.blobs[d] = data
        return d

    def has_blob(self, digest):
        return digest in self.blobs

    def blob_size(self, digest):
        return len(self.blobs[digest])

    def open_blob(self, digest):
        from dockerlab.model.blobs import VerifyingReader
        if digest not in self.blobs:
            raise BlobNotFound("model.blob_missing", digest=digest, where="memory")
        return io.BufferedReader(VerifyingReader(io.BytesIO(self.blobs[digest]), digest, "memory"))


def make_image(src: MemSource, layers: list[bytes], *, gzip_layers=False, history=None):
    descs, diff_ids = [], []
    for data in layers:
        diff_ids.append(Digest.of(data))
        blob = gzip.compress(data, mtime=0) if gzip_layers else data
        media = mt.OCI_LAYER_GZIP if gzip_layers else mt.OCI_LAYER
        descs.append(Descriptor(media, src.add(blob), len(blob)))
    if history is None:
        history = [History(created_by=f"step {i}") for i in range(len(layers))]
        history.insert(1, History(created_by="ENV A=1", empty_layer=True))
    config = ImageConfig.create(architecture="amd64", config=RunConfig(env=("A=1",), cmd=("sh",)),
                                diff_ids=diff_ids, history=history, created="2024-01-01T00:00:00Z")
    src.add(config.raw)
    manifest = Manifest.build(Descriptor(mt.OCI_CONFIG, config.digest, len(config.raw)), descs)
    src.add(manifest.raw)
    return Image(src, manifest, ref="halo:1.0")


def test_digest_parse_and_errors():
    d = Digest.of(b"abc")
    assert d == "sha256:" + hashlib.sha256(b"abc").hexdigest()
    assert d.algorithm == "sha256" and d.hex == d[7:] and d.short == d.hex[:12]
    assert Digest.parse(d.hex) == d
    for bad in ["sha256:xyz", "sha256:" + "A" * 64, "md5:" + "a" * 64, "sha256:" + "a" * 63, ""]:
        with pytest.raises(InvalidReference) as exc:
            Digest(bad)
        assert "sha256" in str(exc.value)


def test_canonical_json_is_sorted_compact_go_escaped():
    raw = canonical_json({"b": "<a & b>", "a": "é", "c": {"z": 1, "y": [True, None]}})
    assert raw == '{"a":"é","b":"\\u003ca \\u0026 b\\u003e","c":{"y":[true,null],"z":1}}'.encode()
    assert json.loads(raw)["b"] == "<a & b>"


def test_chain_ids_follow_the_spec():
    a, b, c = (Digest.of(x) for x in (b"a", b"b", b"c"))
    chains = chain_ids([a, b, c])
    assert chains[0] == a
    assert chains[1] == "sha256:" + hashlib.sha256(f"{a} {b}".encode()).hexdigest()
    assert chains[2] == "sha256:" + hashlib.sha256(f"{chains[1]} {c}".encode()).hexdigest()


def test_platform_parse_str_and_match():
    p = Platform.parse("linux/arm64")
    assert str(p) == "linux/arm64" and p.matches("linux/arm64/v8") and not p.matches("linux/amd64")
    assert str(Platform.parse("linux/arm/v7")) == "linux/arm/v7"
    assert Platform.from_dict(p.to_dict()) == p
    with pytest.raises(InvalidImage):
        Platform.parse("linux")


def test_descriptor_roundtrip_and_errors():
    d = Descriptor(mt.OCI_LAYER, Digest.of(b"x"), 1, {"k": "v"}, Platform("linux", "amd64"))
    assert Descriptor.from_dict(d.to_dict()) == d
    with pytest.raises(InvalidImage) as exc:
        Descriptor.from_dict({"mediaType": mt.OCI_LAYER, "digest": "sha256:nope", "size": 1}, where="manifest X")
    assert "manifest X" in str(exc.value)
    with pytest.raises(InvalidImage):
        Descriptor.from_dict({"mediaType": mt.OCI_LAYER, "digest": str(Digest.of(b"x")), "size": -1})


def test_image_view_pairs_layers_history_and_ids():
    src = MemSource()
    img = make_image(src, [b"layer-one", b"layer-two", b"layer-three"])
    assert img.id == img.manifest.config.digest == Digest.of(src.blobs[img.id])
    assert img.digest == Digest.of(img.manifest.raw)
    assert [layer.diff_id for layer in img.layers] == [Digest.of(x) for x in (b"layer-one", b"layer-two", b"layer-three")]
    assert [layer.chain_id for layer in img.layers] == chain_ids(img.config.rootfs.diff_ids)
    assert [h.layer.index if h.layer else None for h in img.history] == [0, None, 1, 2]
    assert img.layers[1].history.created_by == "step 1"
    assert img.config.config.env == ("A=1",) and img.config.config.cmd == ("sh",)
    assert img.platform == Platform("linux", "amd64")
    assert repr(img) == f"<Image halo:1.0 sha256:{img.id.hex[:12]} layers=3>"
    with img.layers[0].open() as f:
        assert f.read() == b"layer-one"
    assert validate(img) == []


def test_gzip_layers_open_uncompressed():
    src = MemSource()
    img = make_image(src, [b"x" * 5000], gzip_layers=True)
    layer = img.layers[0]
    assert layer.compressed and layer.digest != layer.diff_id
    with layer.open() as f:
        assert f.read() == b"x" * 5000
    assert validate(img) == []


def test_validate_reports_every_problem():
    src = MemSource()
    img = make_image(src, [b"one", b"two", b"three"], history=[History(created_by="only one")])
    src.blobs[img.layers[0].digest] = b"tampered"  # digest mismatch
    del src.blobs[img.layers[1].digest]  # missing blob
    problems = validate(img)
    kinds = sorted(p.kind for p in problems)
    assert kinds == ["digest_mismatch", "history_count", "missing_blob"]
    assert any(img.layers[0].digest in p.message for p in problems)


class LazyCore:
    """A medium's core (as the Docker Engine's): the ID and counts known, the manifest made when asked."""

    derived = True

    def __init__(self, manifest, id=None):
        self._manifest, self.id = manifest, id or manifest.config.digest
        self.layer_count, self.size, self.made = len(manifest.layers), 12345, 0

    def manifest(self):
        self.made += 1
        return self._manifest


def test_a_core_supplies_the_manifest_only_when_asked_and_the_model_keeps_its_rules():
    src = MemSource()
    stored = make_image(src, [b"one", b"two"])
    core = LazyCore(stored.manifest)
    lazy = Image(src, core, ref="halo:1.0", repo_digests=["reg.local/halo@sha256:" + "a" * 64])
    assert type(lazy) is Image and lazy.id == stored.id and lazy.size == 12345
    assert repr(lazy) == repr(stored) and core.made == 0  # repr, id and size made no manifest
    assert lazy == Image(src, LazyCore(stored.manifest), "x") and core.made == 0  # derived: same ID, same manifest
    assert lazy == stored and hash(lazy) == hash(stored) and core.made == 1
    assert lazy.digest == stored.digest == Digest.of(lazy.manifest.raw)  # never the RepoDigest
    assert lazy.repo_digests == ("reg.local/halo@sha256:" + "a" * 64,)
    assert lazy.size == stored.size and validate(lazy) == []
    again = lazy.with_ref("lain:1")
    assert again.core is core and again.repo_digests == lazy.repo_digests and again == lazy


def test_validate_catches_a_medium_that_lies_about_identity():
    src = MemSource()
    stored = make_image(src, [b"one"])
    liar = Image(src, LazyCore(stored.manifest, id=Digest.of(b"another config")))
    problems = validate(liar)
    assert problems[0].kind == "identity"  # first; its config, read by the false ID, is not there either
    assert str(Digest.of(b"another config")) in problems[0].message and stored.id in problems[0].message


def test_validate_diff_id_and_media_type_problems():
    src = MemSource()
    blob = gzip.compress(b"real", mtime=0)
    bad_cfg = ImageConfig.create(architecture="amd64", diff_ids=[Digest.of(b"other")])
    src.add(bad_cfg.raw)
    layer = Descriptor(mt.OCI_LAYER_GZIP, src.add(blob), len(blob))
    weird = Descriptor("text/plain", src.add(b"?"), 1)
    manifest = Manifest.build(Descriptor("application/json", bad_cfg.digest, len(bad_cfg.raw)), [layer, weird])
    kinds = sorted(p.kind for p in validate(Image(src, manifest)))
    assert kinds == ["diff_id_mismatch", "layer_count", "media_type", "media_type"]


def test_docker_media_types_are_read():
    src = MemSource()
    cfg = ImageConfig.create(architecture="arm64", variant="v8", diff_ids=[Digest.of(b"t")])
    src.add(cfg.raw)
    blob = gzip.compress(b"t", mtime=0)
    raw = json.dumps({"schemaVersion": 2, "mediaType": mt.DOCKER_MANIFEST,
                      "config": {"mediaType": mt.DOCKER_CONFIG, "size": len(cfg.raw), "digest": cfg.digest},
                      "layers": [{"mediaType": mt.DOCKER_LAYER_GZIP, "size": len(blob), "digest": src.add(blob)}]},
                     indent=3).encode()
    m = Manifest.from_bytes(raw)
    assert m.raw == raw and m.digest == Digest.of(raw) and m.media_type == mt.DOCKER_MANIFEST
    img = Image(src, m)
    assert img.layers[0].compressed and validate(img) == []
    assert str(img.platform) == "linux/arm64/v8"


def test_manifest_errors_name_the_problem():
    with pytest.raises(InvalidImage) as exc:
        Manifest.from_bytes(b"{not json", where="blobs/sha256/abc")
    assert "blobs/sha256/abc" in str(exc.value) and "JSON" in str(exc.value)
    index_raw = canonical_json({"schemaVersion": 2, "mediaType": mt.OCI_INDEX, "manifests": []})
    with pytest.raises(InvalidImage) as exc:
        Manifest.from_bytes(index_raw)
    assert mt.OCI_INDEX in str(exc.value)
    with pytest.raises(InvalidImage):
        ImageConfig.from_bytes(b'{"rootfs": 3}')


def test_index_picks_platform():
    src = MemSource()
    amd = make_image(src, [b"amd"])
    descs = [amd.manifest.descriptor(platform=Platform("linux", "amd64"))]
    idx = Index.build(descs)
    src.add(idx.raw)
    view = ImageIndex(src, idx)
    assert view.image_for("linux/amd64").digest == amd.digest
    with pytest.raises(PlatformMismatch) as exc:
        view.image_for("linux/arm64")
    assert "linux/amd64" in str(exc.value)
    assert Index.from_bytes(idx.raw).manifests == idx.manifests


def test_verifying_reader_raises_digest_mismatch_naming_path():
    src = MemSource()
    d = src.add(b"good")
    src.blobs[d] = b"evil"
    with pytest.raises(DigestMismatch) as exc:
        src.open_blob(d).read()
    assert d in str(exc.value) and "memory" in str(exc.value)


def test_hashing_writer_passes_bytes_through_and_hashes_them():
    out = io.BytesIO()
    writer = HashingWriter(out)
    assert writer.write(b"hal") == 3 and writer.write(b"o") == 1
    writer.flush()
    assert out.getvalue() == b"halo" and writer.tell() == 4
    assert writer.hasher.digest == Digest.of(b"halo") and writer.hasher.size == 4


def test_docker_manifest_list_is_an_index():
    src = MemSource()
    amd = make_image(src, [b"amd"])
    raw = json.dumps({"schemaVersion": 2, "mediaType": mt.DOCKER_MANIFEST_LIST, "manifests": [
        {"mediaType": mt.DOCKER_MANIFEST, "digest": amd.digest, "size": len(amd.manifest.raw),
         "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}}]}).encode()
    idx = Index.from_bytes(raw)
    assert idx.media_type == mt.DOCKER_MANIFEST_LIST and idx.digest == Digest.of(raw)
    view = ImageIndex(src, idx, ref="multi:1")
    assert [str(p) for p in view.platforms] == ["linux/arm64/v8"]
    assert view.image_for("linux/arm64").digest == amd.digest
    assert repr(view) == f"<ImageIndex multi:1 sha256:{idx.digest.short} manifests=1>"
    with pytest.raises(InvalidImage):
        Index.from_bytes(amd.manifest.raw)
