"""Hostile image metadata: manifests, indexes, configs, ``index.json``, ``manifest.json``.

Every case is a real archive (an OCI layout tar and/or a docker-archive) loaded with
``dockerlab.load``, and — for the OCI cases — the same layout written through the store's sink
from a directory (the engine-to-engine route, no tar). Each must be refused with a clear
dockerlab error naming the file or digest, **before anything is tagged**; nothing accepted may
fail ``validate``; a ``manifest.json`` naming a host file never reads it; the sentinels beside the
store and ``TMPDIR`` stay as they were and the store validates.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tarfile
from pathlib import Path
from typing import Any, Callable

import pytest

from hostile_support import assert_clear, config_for, f, guarded, manifest_for, tar_of

from dockerlab import archive
from dockerlab.errors import DockerlabError
from dockerlab.model import Digest, DirSource, Image, ImageIndex, Index, Manifest, canonical_json, mediatypes as mt
from dockerlab.store import CONTAINERD_NAME, REF_NAME, Store

LAYER = tar_of(f("a", b"x"))
CONFIG = config_for([LAYER])
MANIFEST = manifest_for(CONFIG, [LAYER])


def _desc(raw: bytes, media_type: str = mt.OCI_MANIFEST, **extra: Any) -> dict[str, Any]:
    out = {"mediaType": media_type, "digest": str(Digest.of(raw)), "size": len(raw)}
    out.update(extra)
    return out


def _named(raw: bytes, media_type: str = mt.OCI_MANIFEST) -> dict[str, Any]:
    return _desc(raw, media_type, annotations={REF_NAME: "hostile:1", CONTAINERD_NAME: "docker.io/library/hostile:1"})


def index_json(*manifests: dict[str, Any]) -> bytes:
    return canonical_json({"schemaVersion": 2, "mediaType": mt.OCI_INDEX, "manifests": list(manifests)})


class Layout:
    """What an OCI archive holds: blobs by digest (or by a forged name), index.json, extra members."""

    def __init__(self, blobs: list[bytes] = (), index: bytes | None = None, **members: bytes) -> None:
        self.members: dict[str, bytes] = {f"blobs/sha256/{Digest.of(b).hex}": b for b in blobs}
        if index is not None:
            self.members["index.json"] = index
            self.members["oci-layout"] = b'{"imageLayoutVersion":"1.0.0"}'
        self.members.update({k.replace("__", "/"): v for k, v in members.items()})
        self.links: dict[str, str] = {}

    def tar(self, path: Path) -> Path:
        with tarfile.open(path, "w") as tar:
            for name, data in self.members.items():
                member = tarfile.TarInfo(name)
                member.size = len(data)
                tar.addfile(member, io.BytesIO(data))
            for name, target in self.links.items():
                member = tarfile.TarInfo(name)
                member.type, member.linkname = tarfile.SYMTYPE, target
                tar.addfile(member)
        return path

    def directory(self, root: Path) -> Path:
        for name, data in self.members.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        return root


def good(**change: Any) -> Layout:
    """The honest image with one piece replaced (``manifest=``, ``config=``, ``layers=``, ``index=``)."""
    layers = change.get("layers", [LAYER])
    config = change.get("config", config_for(layers))
    manifest = change.get("manifest", manifest_for(config, layers))
    index = change.get("index", index_json(_named(manifest)))
    return Layout([*layers, config, manifest, *change.get("extra", [])], index)


def deep(n: int = 100_000) -> bytes:
    return b"[" * n + b"]" * n


def _docker(config: bytes = CONFIG, layers: list[bytes] = (LAYER,), entry: Any = None, **members: bytes) -> Layout:
    names = {f"{Digest.of(config).hex}.json": config}
    names.update({f"l{i}/layer.tar": layer for i, layer in enumerate(layers)})
    if entry is None:
        entry = [{"Config": f"{Digest.of(config).hex}.json", "RepoTags": ["hostile:1"],
                  "Layers": [f"l{i}/layer.tar" for i in range(len(layers))]}]
    layout = Layout()
    layout.members.update(names)
    layout.members["manifest.json"] = entry if isinstance(entry, bytes) else json.dumps(entry).encode()
    layout.members.update(members)
    return layout


def _entry(**fields: Any) -> list[dict[str, Any]]:
    base = {"Config": f"{Digest.of(CONFIG).hex}.json", "RepoTags": ["hostile:1"], "Layers": ["l0/layer.tar"]}
    base.update(fields)
    return [base]


def _cfg(**fields: Any) -> bytes:
    data = json.loads(CONFIG)
    data.update(fields)
    return json.dumps(data).encode()


def _man(**fields: Any) -> bytes:
    data = json.loads(MANIFEST)
    data.update(fields)
    return json.dumps(data).encode()


GZ = gzip.compress(LAYER, mtime=0)
NOT_GZ = b"\x1f\x8b not really gzip" * 10

# id -> (layout builder given the sentinel, words the error must contain (besides the archive))
CASES: dict[str, tuple[Callable[[Path], Layout], tuple[str, ...]]] = {
    # ---- index.json
    "index_not_json": (lambda s: Layout([LAYER, CONFIG, MANIFEST], b"{not json"), ("index.json",)),
    "index_deep": (lambda s: Layout([LAYER, CONFIG, MANIFEST], deep()), ("index.json",)),
    "index_is_list": (lambda s: Layout([LAYER, CONFIG, MANIFEST], b"[]"), ("index.json",)),
    "index_schema_1": (lambda s: good(index=canonical_json({"schemaVersion": 1, "manifests": [_named(MANIFEST)]})), ("schemaVersion",)),
    "index_no_manifests": (lambda s: good(index=canonical_json({"schemaVersion": 2})), ("manifests",)),
    "index_manifests_dict": (lambda s: good(index=canonical_json({"schemaVersion": 2, "manifests": {}})), ("manifests",)),
    "index_size_negative": (lambda s: good(index=index_json({**_named(MANIFEST), "size": -1})), ("size",)),
    "index_size_string": (lambda s: good(index=index_json({**_named(MANIFEST), "size": "12"})), ("size",)),
    "index_size_lies": (lambda s: good(index=index_json({**_named(MANIFEST), "size": 7})), (Digest.of(MANIFEST),)),
    "index_bad_digest": (lambda s: good(index=index_json({**_named(MANIFEST), "digest": "sha256:xyz"})), ("digest",)),
    "index_child_is_config_type": (lambda s: good(index=index_json(_named(MANIFEST, mt.OCI_CONFIG))), ("media type",)),
    "index_annotation_int": (lambda s: good(index=index_json({**_named(MANIFEST), "annotations": {"a": 1}})), ("annotations",)),
    "index_platform_int": (lambda s: good(index=index_json({**_named(MANIFEST), "platform": {"os": 1, "architecture": []}})), ("platform",)),
    "index_huge": (lambda s: good(index=index_json(_named(MANIFEST), {"mediaType": mt.OCI_MANIFEST, "digest": str(Digest.of(b"x")), "size": 1, "annotations": {"pad": "x" * (5 << 20)}})), ("4.194.304",)),
    "index_names_missing_blob": (lambda s: Layout([], index_json(_named(MANIFEST))), ("blobs/sha256",)),
    # ---- the manifest
    "manifest_not_json": (lambda s: good(manifest=b"{oops"), ("manifest",)),
    "manifest_deep": (lambda s: good(manifest=deep()), ("manifest",)),
    "manifest_wrong_type_inside": (lambda s: good(manifest=_man(mediaType=mt.OCI_INDEX)), ("media type",)),
    "manifest_no_layers": (lambda s: good(manifest=json.dumps({k: v for k, v in json.loads(MANIFEST).items() if k != "layers"}).encode()), ("layers",)),
    "manifest_no_config": (lambda s: good(manifest=json.dumps({k: v for k, v in json.loads(MANIFEST).items() if k != "config"}).encode()), ("config",)),
    "manifest_schema_1": (lambda s: good(manifest=_man(schemaVersion=1)), ("schemaVersion",)),
    "config_type_is_layer": (lambda s: good(manifest=json.dumps({**json.loads(MANIFEST), "config": {**json.loads(MANIFEST)["config"], "mediaType": mt.OCI_LAYER}}).encode()), ("media type",)),
    "layer_type_unknown": (lambda s: good(manifest=manifest_for(CONFIG, [LAYER], layer_type="application/x-evil")), ("media type",)),
    "layer_size_bigger": (lambda s: good(manifest=manifest_for(CONFIG, [LAYER], sizes=[len(LAYER) + 10])), (Digest.of(LAYER),)),
    "layer_size_smaller": (lambda s: good(manifest=manifest_for(CONFIG, [LAYER], sizes=[10])), (Digest.of(LAYER),)),
    "config_size_lies": (lambda s: good(manifest=manifest_for(CONFIG, [LAYER], config_size=len(CONFIG) - 3)), (Digest.of(CONFIG),)),
    "config_size_huge": (lambda s: good(manifest=manifest_for(CONFIG, [LAYER], config_size=1 << 40)), (Digest.of(CONFIG),)),
    "layer_sha512": (lambda s: good(manifest=json.dumps({**json.loads(MANIFEST), "layers": [{"mediaType": mt.OCI_LAYER, "digest": "sha512:" + "a" * 128, "size": 1}]}).encode()), ("sha512",)),
    "layer_not_in_archive": (lambda s: Layout([CONFIG, MANIFEST], index_json(_named(MANIFEST))), ("blobs/sha256",)),
    "blob_not_matching_its_name": (lambda s: Layout([CONFIG, MANIFEST], index_json(_named(MANIFEST)), **{f"blobs__sha256__{Digest.of(LAYER).hex}": LAYER + b"!"}), (Digest.of(LAYER),)),
    "manifest_annotation_int": (lambda s: good(manifest=_man(annotations={"x": 1})), ("annotations",)),
    # ---- the config
    "config_not_json": (lambda s: good(config=b"not json at all"), ("config",)),
    "config_is_list": (lambda s: good(config=b"[1,2]"), ("config",)),
    "config_deep": (lambda s: good(config=deep()), ("config",)),
    "config_no_rootfs": (lambda s: good(config=json.dumps({k: v for k, v in json.loads(CONFIG).items() if k != "rootfs"}).encode()), ("rootfs",)),
    "config_rootfs_type": (lambda s: good(config=_cfg(rootfs={"type": "other", "diff_ids": [str(Digest.of(LAYER))]})), ("rootfs",)),
    "diff_ids_missing": (lambda s: good(config=_cfg(rootfs={"type": "layers", "diff_ids": []})), ("diff_id",)),
    "diff_ids_extra": (lambda s: good(config=_cfg(rootfs={"type": "layers", "diff_ids": [str(Digest.of(LAYER))] * 2})), ("diff_id",)),
    "diff_id_wrong": (lambda s: good(config=_cfg(rootfs={"type": "layers", "diff_ids": [str(Digest.of(b"other"))]})), ("diff_id",)),
    "diff_id_not_digest": (lambda s: good(config=_cfg(rootfs={"type": "layers", "diff_ids": ["nope"]})), ("diff_ids",)),
    "history_is_string": (lambda s: good(config=_cfg(history="yesterday")), ("history",)),
    "history_entry_types": (lambda s: good(config=_cfg(history=[{"empty_layer": "yes"}])), ("empty_layer",)),
    "history_count": (lambda s: good(config=_cfg(history=[{"created_by": "a"}, {"created_by": "b"}])), ("history",)),
    "env_not_strings": (lambda s: good(config=_cfg(config={"Env": [1, 2]})), ("Env",)),
    "cmd_int": (lambda s: good(config=_cfg(config={"Cmd": 5})), ("Cmd",)),
    "labels_int": (lambda s: good(config=_cfg(config={"Labels": {"a": 1}})), ("Labels",)),
    "architecture_int": (lambda s: good(config=_cfg(architecture=64)), ("architecture",)),
    "config_huge": (lambda s: good(config=_cfg(pad="x" * (9 << 20))), ("config",)),
    "gzip_layer_diff_id_wrong": (lambda s: good(layers=[GZ], config=config_for([b"other"]), manifest=manifest_for(config_for([b"other"]), [GZ], layer_type=mt.OCI_LAYER_GZIP)), ("diff_id",)),
    "gzip_layer_not_gzip": (lambda s: good(layers=[NOT_GZ], config=config_for([LAYER]), manifest=manifest_for(config_for([LAYER]), [NOT_GZ], layer_type=mt.OCI_LAYER_GZIP)), ("diff_id",)),
    # ---- nested indexes
    "index_nested_too_deep": (lambda s: _nested(6), ("Index",)),
    "index_child_unknown_type": (lambda s: good(index=index_json(_named(_index_of(_desc(MANIFEST, "application/x-evil")), mt.OCI_INDEX)), extra=[_index_of(_desc(MANIFEST, "application/x-evil"))]), ("media type",)),
    # ---- docker-archive manifest.json
    "docker_config_host_file": (lambda s: _docker(entry=_entry(Config=str(s / "passwd"))), ("passwd",)),
    "docker_config_dotdot": (lambda s: _docker(entry=_entry(Config="../../../../" + str(s / "passwd").lstrip("/"))), ("passwd",)),
    "docker_layer_host_file": (lambda s: _docker(entry=_entry(Layers=[str(s / "file")])), ("file",)),
    "docker_layer_dotdot": (lambda s: _docker(entry=_entry(Layers=["../x/layer.tar"])), ("layer.tar",)),
    "docker_config_symlink_out": (lambda s: _linked(_docker(entry=_entry(Config="cfg.json")), "cfg.json", str(s / "passwd")), ("cfg.json",)),
    "docker_layer_symlink_rel_out": (lambda s: _linked(_docker(entry=_entry(Layers=["link.tar"])), "link.tar", "../" * 12 + str(s / "file").lstrip("/")), ("link.tar",)),
    "docker_not_list": (lambda s: _docker(entry=b'{"Config": "x"}'), ("manifest.json",)),
    "docker_config_not_string": (lambda s: _docker(entry=_entry(Config=5)), ("Config",)),
    "docker_layers_not_list": (lambda s: _docker(entry=_entry(Layers="l0/layer.tar")), ("Layers",)),
    "docker_repotag_invalid": (lambda s: _docker(entry=_entry(RepoTags=["NOT A TAG"])), ("NOT A TAG",)),
    "docker_repotags_not_strings": (lambda s: _docker(entry=_entry(RepoTags=[1])), ("RepoTags",)),
    "docker_deep": (lambda s: _docker(entry=deep()), ("manifest.json",)),
    "docker_layer_diff_id": (lambda s: _docker(layers=[tar_of(f("b", b"y"))], config=CONFIG), ("layer.tar",)),
    "docker_more_layers_than_diff_ids": (lambda s: _docker(layers=[LAYER, LAYER], config=CONFIG), ("layer.tar",)),
    "docker_config_missing": (lambda s: _docker(entry=_entry(Config="nowhere.json")), ("nowhere.json",)),
    "docker_manifest_huge": (lambda s: _docker(entry=b"[" + b" " * (5 << 20) + b"]"), ("manifest.json",)),
}


def _index_of(*descs: dict[str, Any]) -> bytes:
    return canonical_json({"schemaVersion": 2, "mediaType": mt.OCI_INDEX, "manifests": list(descs)})


def _nested(depth: int) -> Layout:
    blobs, child = [LAYER, CONFIG, MANIFEST], _desc(MANIFEST)
    for _ in range(depth):
        raw = _index_of(child)
        blobs.append(raw)
        child = _desc(raw, mt.OCI_INDEX)
    raw = blobs[-1]
    return Layout(blobs, index_json(_named(raw, mt.OCI_INDEX)))


def _linked(layout: Layout, name: str, target: str) -> Layout:
    layout.links[name] = target
    return layout


# what is hostile in the blobs themselves (index.json, the layout's own list, is archive-only)
OCI = [n for n in CASES if not n.startswith(("docker_", "index_"))] + ["index_nested_too_deep", "index_child_unknown_type"]


def _refused(error: BaseException, archive_path: Path | None, needles: tuple[str, ...]) -> None:
    assert_clear(error, *needles)
    if archive_path is not None and not any(n.startswith("sha256:") for n in map(str, needles)):
        assert str(archive_path) in str(error) or "sha256:" in str(error) or "index" in str(error).lower()


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_archive_is_refused_before_anything_is_tagged(name, tmp_path, monkeypatch):
    build, needles = CASES[name]
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        path = build(guard.sentinel).tar(tmp_path / f"{name}.tar")
        with pytest.raises(DockerlabError) as exc:
            archive.load(store, path)
        _refused(exc.value, path, tuple(str(n) for n in needles))
        assert store.tags() == [] and store.images() == []


@pytest.mark.parametrize("name", sorted(OCI))
def test_hostile_layout_written_through_the_sink_is_refused(name, tmp_path, monkeypatch):
    """The engine-to-engine route: a view over another medium's blobs, straight into the sink."""
    build, needles = CASES[name]
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        layout = build(guard.sentinel)
        source = DirSource(layout.directory(tmp_path / "layout"))
        desc = json.loads(layout.members["index.json"])["manifests"][0]
        with pytest.raises(DockerlabError) as exc:  # refused when parsed, or by the sink
            raw = (tmp_path / "layout" / "blobs" / "sha256" / desc["digest"].split(":")[1]).read_bytes()
            view: Image | ImageIndex = (ImageIndex(source, Index.from_bytes(raw)) if "index" in desc["mediaType"]
                                        else Image(source, Manifest.from_bytes(raw, desc["mediaType"])))
            store.write(view, tags=["hostile:1"])
        assert_clear(exc.value)
        assert store.tags() == []


def test_a_good_archive_still_loads(tmp_path, monkeypatch):
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        (loaded,) = archive.load(store, good().tar(tmp_path / "good.tar"))
        assert loaded.ref.familiar == "hostile:1" and loaded.digest == Digest.of(MANIFEST)
        (docker,) = archive.load(store, _docker().tar(tmp_path / "docker.tar"))
        assert docker.id == Digest.of(CONFIG)


def test_a_lying_archive_never_reads_the_host_file_it_names(tmp_path, monkeypatch):
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        target = guard.sentinel / "passwd"
        before = target.stat().st_atime_ns
        with pytest.raises(DockerlabError) as exc:
            archive.load(store, _docker(entry=_entry(Config=str(target))).tar(tmp_path / "a.tar"))
        assert_clear(exc.value, str(target).lstrip("/"))
        assert target.stat().st_atime_ns == before  # not even opened


@pytest.mark.parametrize("kind", ["garbage", "truncated", "fifo", "dotdot_member", "bomb", "empty"])
def test_broken_archives(kind, tmp_path, monkeypatch):
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        path = tmp_path / "a.tar"
        if kind == "garbage":
            path.write_bytes(os.urandom(10_000))
        elif kind == "truncated":
            path.write_bytes(good().tar(tmp_path / "g.tar").read_bytes()[:3000])
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "dotdot_member":
            path.write_bytes(tar_of(f("../../escaped", b"x")))
        elif kind == "bomb":
            monkeypatch.setenv("DOCKERLAB_MAX_ARCHIVE_SIZE", "1m")
            path.write_bytes(gzip.compress(tar_of(f("zeros", b"\0" * (4 << 20))), 9))
        else:
            path.write_bytes(b"")
        with pytest.raises(DockerlabError) as exc:
            archive.load(store, path)
        assert_clear(exc.value, str(path))
        assert not (tmp_path / "escaped").exists() and store.tags() == []
