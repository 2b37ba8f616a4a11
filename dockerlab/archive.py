"""Image archives: ``save`` a tar that ``docker load`` accepts, ``load`` what ``docker save`` wrote.

``write(views, path)`` is the one archive writer: ``save`` gives it a store's images, and
:func:`dockerlab.transfer.write_archive` any model image (pulled, from an engine).

One written tar holds both shapes, as Docker 25+ writes it: an OCI image layout (``oci-layout``,
``index.json``, ``blobs/sha256/…``) and, pointing into the same blobs, the docker-archive
``manifest.json`` (``Config``, ``RepoTags``, ``Layers``) and ``repositories``. Entries are sorted
and stamped with ``SOURCE_DATE_EPOCH`` or the course epoch, so saving the same images twice gives
the same bytes.

``load`` reads docker-archive tars (Docker 20.10's ``<id>/layer.tar`` and the OCI-style one), OCI
layout tars, and gzip-compressed tars. Every blob is checked against its digest before anything
is tagged, so a corrupt archive leaves the store as it was (apart from loose blobs ``gc`` removes).
Written by hand: no maintained Python library reads and writes these formats.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import posixpath
import tarfile
import tempfile
from pathlib import Path
from typing import Any, Iterable

from .errors import DockerlabError, InvalidImage
from .fsutil import remove_tree
from .i18n import messages
from .model import (
    Digest, Image, ImageConfig, ImageIndex, Index, Manifest, canonical_json, mediatypes as mt, source_date_epoch,
)
from .model.blobs import hash_stream
from .model.manifest import parse_json_object
from .reference import Reference
from .store import CONTAINERD_NAME, REF_NAME, Store
from .tarutil import clean_path

class ArchiveError(DockerlabError, OSError):
    """An archive file that cannot be written (``save``): the path and the system's reason."""


messages({
    "archive.cannot_write": (
        "Arsip {path} tidak bisa ditulis ({error}). Pilih path di folder yang ada dan boleh "
        "ditulisi, misalnya di folder kerja kursus: dockerlab.save(image, 'image.tar').",
        "The archive {path} cannot be written ({error}). Choose a path in a folder that exists "
        "and is writable, e.g. in the course's working folder: dockerlab.save(image, 'image.tar').",
    ),
    "archive.unknown_format": (
        "{path} bukan arsip image: tidak ada manifest.json (format `docker save`) maupun "
        "index.json (OCI layout) di dalamnya. Buat arsip dengan `docker save -o berkas.tar image` "
        "atau `dockerlab.save(...)`.",
        "{path} is not an image archive: it holds neither manifest.json (`docker save` format) nor "
        "index.json (OCI layout). Make one with `docker save -o file.tar image` or `dockerlab.save(...)`.",
    ),
    "archive.unsafe": (
        "Arsip {path} berisi entri yang tidak aman ({error}); tidak ada yang dimuat.",
        "The archive {path} holds an unsafe entry ({error}); nothing was loaded.",
    ),
    "archive.unreadable": (
        "Arsip {path} tidak bisa dibaca sebagai tar ({error}). Berkasnya rusak atau terpotong.",
        "The archive {path} cannot be read as a tar ({error}). The file is damaged or cut short.",
    ),
    "archive.missing_member": (
        "Arsip {path} menyebut {member!r} di {where}, tetapi berkas itu tidak ada di arsip.",
        "The archive {path} names {member!r} in {where}, but that file is not in the archive.",
    ),
    "archive.diff_id": (
        "Arsip {path}: layer {member!r} ber-sha256 {actual}, padahal config menyebut diff_id {expected}. "
        "Arsip ini rusak; buat ulang dengan `docker save`.",
        "Archive {path}: layer {member!r} hashes to {actual}, but the config says diff_id {expected}. "
        "This archive is damaged; make it again with `docker save`.",
    ),
})


# ---------------------------------------------------------------- save


def _views(store: Store, refs: Iterable[str]) -> list[Image | ImageIndex]:
    return [store.resolve(r) for r in ([refs] if isinstance(refs, str) else refs)]


def _blobs_of(view: Image | ImageIndex) -> dict[Digest, bytes | None]:
    """Every blob a view needs (children of an index only where its source has them).

    Manifests and indexes come as the view's bytes (an engine's view may have no manifest blob,
    e.g. Docker's synthesised OCI manifest); configs and layers (``None``) are read from the source.
    """
    if isinstance(view, Image):
        out: dict[Digest, bytes | None] = {view.descriptor.digest: view.manifest.raw}
        out.update((d.digest, None) for d in [view.manifest.config, *view.manifest.layers])
        return out
    out = {view.descriptor.digest: view.index.raw}
    for desc in view.manifests:
        if view.source.has_blob(desc.digest):
            child: Any = (ImageIndex if mt.is_index(desc.media_type) else Image).from_digest(view.source, desc.digest)
            out.update(_blobs_of(child))
    return out


def save(store: Store, refs: str | Iterable[str], path: str | os.PathLike[str]) -> Path:
    """Write ``refs`` to a tar at ``path`` (like ``docker save -o path refs…``)."""
    return write(_views(store, refs), path)


def write(views: Iterable[Image | ImageIndex], path: str | os.PathLike[str]) -> Path:
    """Write model views from any medium (store, registry, engine) as one archive tar at ``path``.

    A view's tag is its ``ref`` (when it has a tag); the same image under several refs is written
    once, with all its tags in ``manifest.json``. Blobs are written as their source holds them
    (maybe gzip-compressed): ``docker load`` accepts both.
    """
    path = Path(path)
    mtime = source_date_epoch()
    blobs: dict[Digest, tuple[bytes | None, Any]] = {}
    index_entries, docker_manifest = [], []
    repositories: dict[str, dict[str, str]] = {}
    for view in views:
        for digest, raw in _blobs_of(view).items():
            blobs.setdefault(digest, (raw, view.source))
        ref = view.ref if isinstance(view.ref, Reference) and view.ref.tag else None
        annotations = {REF_NAME: ref.familiar, CONTAINERD_NAME: ref.full} if ref else {}
        index_entries.append(view.descriptor.with_annotations(annotations).to_dict())
        image = view if isinstance(view, Image) else _host_image(view)
        layers = [f"blobs/sha256/{d.digest.hex}" for d in image.manifest.layers]
        tags = [ref.familiar] if ref else []
        existing = next((m for m in docker_manifest if m["Config"] == f"blobs/sha256/{image.id.hex}"), None)
        if existing is not None:
            existing["RepoTags"] += [t for t in tags if t not in existing["RepoTags"]]
        else:
            docker_manifest.append({"Config": f"blobs/sha256/{image.id.hex}", "RepoTags": tags, "Layers": layers})
        if ref and layers:
            repositories.setdefault(ref.repository, {})[ref.tag] = image.manifest.layers[-1].digest.hex
    files = {
        "oci-layout": canonical_json({"imageLayoutVersion": "1.0.0"}),
        "index.json": canonical_json({"schemaVersion": 2, "mediaType": mt.OCI_INDEX, "manifests": index_entries}),
        "manifest.json": canonical_json(docker_manifest),
        "repositories": canonical_json(repositories),
    }
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tmp, "w", format=tarfile.PAX_FORMAT, copybufsize=1 << 20) as tar:
            for name in ["blobs", "blobs/sha256"]:
                tar.addfile(_info(name, tarfile.DIRTYPE, 0o755, mtime))
            for digest in sorted(blobs):
                raw, source = blobs[digest]
                info = _info(f"blobs/sha256/{digest.hex}", tarfile.REGTYPE, 0o644, mtime)
                if raw is not None:
                    info.size = len(raw)
                    tar.addfile(info, io.BytesIO(raw))
                    continue
                info.size = source.blob_size(digest)
                with source.open_blob(digest) as f:
                    tar.addfile(info, f)
                    f.read()  # reach the end: that is where the blob's digest is checked
            for name in sorted(files):
                info = _info(name, tarfile.REGTYPE, 0o644, mtime)
                info.size = len(files[name])
                tar.addfile(info, io.BytesIO(files[name]))
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError) and not isinstance(exc, DockerlabError):
            reason = exc.strerror or type(exc).__name__
            raise ArchiveError("archive.cannot_write", path=str(path), error=reason) from exc
        raise
    return path


def _host_image(index: ImageIndex) -> Image:
    """The image of an index that ``docker load`` gets: this machine's, else the first."""
    try:
        return index.image_for(None)
    except DockerlabError:
        return index.images()[0]


def _info(name: str, kind: bytes, mode: int, mtime: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.mode, info.mtime, info.uname, info.gname = kind, mode, mtime, "", ""
    return info


# ---------------------------------------------------------------- load


def _extract(path: Path, dest: Path) -> None:
    """Unpack an archive with tarfile's ``data`` filter (Python ≥ 3.10.12); older Pythons get
    the same refusal of escaping names and links from :func:`_check_member`."""
    filter_error = getattr(tarfile, "FilterError", ())
    try:
        with tarfile.open(path, "r:*") as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(dest, filter="data")
            else:  # pragma: no cover - Python < 3.10.12
                members = [m for m in tar if _check_member(m, path)]
                tar.extractall(dest, members=members)
    except filter_error as exc:
        raise InvalidImage("archive.unsafe", path=path, error=exc) from None
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise InvalidImage("archive.unreadable", path=path, error=exc) from None


def _check_member(member: tarfile.TarInfo, archive: Path) -> bool:  # pragma: no cover - old Pythons
    target = member.linkname if member.issym() else None
    if clean_path(member.name) is None or member.name.startswith("/") or (
            member.islnk() and clean_path(member.linkname) is None) or (
            target is not None and (target.startswith("/") or
                                    clean_path(posixpath.join(posixpath.dirname(member.name), target)) is None)):
        raise InvalidImage("archive.unsafe", path=archive, error=member.name)
    return member.isreg() or member.isdir() or member.issym() or member.islnk()


def _json(path: Path, root: Path, archive: Path) -> Any:
    try:
        raw = (root / path).read_bytes()
    except FileNotFoundError:
        raise InvalidImage("archive.missing_member", path=archive, member=str(path), where="archive") from None
    if raw.lstrip()[:1] == b"[":
        try:
            return json.loads(raw)
        except ValueError as exc:
            raise InvalidImage("model.bad_json", what="JSON", where=f"{archive}:{path}", error=exc) from None
    return parse_json_object(raw, str(path), f"{archive}:{path}")


class _Loader:
    def __init__(self, store: Store, archive: Path, root: Path) -> None:
        self.store, self.archive, self.root = store, archive, root
        self.views: dict[Digest, Image | ImageIndex] = {}
        self.tags: list[tuple[Reference, Digest]] = []

    def member(self, name: str, where: str) -> Path:
        path = self.root / name
        if not path.is_file():
            raise InvalidImage("archive.missing_member", path=self.archive, member=name, where=where)
        return path

    def copy_blob(self, digest: Digest, media_type: str) -> None:
        if self.store.has_blob(digest):
            return
        with open(self.member(f"blobs/{digest.algorithm}/{digest.hex}", "index.json"), "rb") as f:
            self.store.write_blob(f, expected=digest, media_type=media_type)

    def oci(self) -> None:
        index = Index.from_bytes(self.member("index.json", "oci layout").read_bytes(), where=f"{self.archive}:index.json")
        for desc in index.manifests:
            view = self.copy_tree(desc.digest, desc.media_type)
            name = desc.annotations.get(CONTAINERD_NAME) or desc.annotations.get(REF_NAME, "")
            if "/" in name or ":" in name:
                try:
                    self.tags.append((Reference.parse(name), view.digest))
                except DockerlabError:
                    pass

    def copy_tree(self, digest: Digest, media_type: str) -> Image | ImageIndex:
        self.copy_blob(digest, media_type)
        raw = self.store.read_blob(digest)
        if mt.is_index(media_type):
            index = Index.from_bytes(raw, media_type, where=f"{self.archive}: index {digest}")
            for child in index.manifests:
                if (self.root / "blobs" / child.digest.algorithm / child.digest.hex).is_file():
                    self.copy_tree(child.digest, child.media_type)
            view: Image | ImageIndex = ImageIndex(self.store, index)
        else:
            manifest = Manifest.from_bytes(raw, media_type, where=f"{self.archive}: manifest {digest}")
            self.copy_blob(manifest.config.digest, manifest.config.media_type)
            for layer in manifest.layers:
                self.copy_blob(layer.digest, layer.media_type)
            view = Image(self.store, manifest)
        self.views[digest] = view
        return view

    def docker(self, entries: list[Any]) -> None:
        by_config = {v.id: v for v in self.views.values() if isinstance(v, Image)}
        for i, entry in enumerate(entries):
            where = f"manifest.json[{i}]"
            if not isinstance(entry, dict):
                raise InvalidImage("model.field.not_object", what="manifest.json", where=f"{self.archive}:{where}")
            if not isinstance(entry.get("Config"), str):
                raise InvalidImage("model.field.missing", what="manifest.json", where=f"{self.archive}:{where}",
                                   field="Config")
            config_raw = self.member(entry["Config"], where).read_bytes()
            config_digest = Digest.of(config_raw)
            image = by_config.get(config_digest) or self.legacy_image(entry, config_raw, where)
            named = {ref for ref, _ in self.tags}  # the OCI index's names win (an index, not one image)
            for tag in entry.get("RepoTags") or []:
                if Reference.parse(tag) not in named:
                    self.tags.append((Reference.parse(tag), image.digest))

    def legacy_image(self, entry: dict[str, Any], config_raw: bytes, where: str) -> Image:
        config = ImageConfig.from_bytes(config_raw, where=f"{self.archive}:{entry['Config']}")
        layers = []
        for i, name in enumerate(entry.get("Layers") or []):
            path = self.member(name, where)
            with open(path, "rb") as f:
                gz = f.read(2) == b"\x1f\x8b"
            media = mt.OCI_LAYER_GZIP if gz else mt.OCI_LAYER
            with open(path, "rb") as f:
                desc = self.store.write_blob(f, media_type=media)
            expected = config.rootfs.diff_ids[i] if i < len(config.rootfs.diff_ids) else None
            actual = desc.digest
            if gz:
                import gzip

                with gzip.open(path, "rb") as f:
                    actual = hash_stream(f).digest
            if actual != expected:
                raise InvalidImage("archive.diff_id", path=self.archive, member=name, actual=actual, expected=expected)
            layers.append(desc)
        config_desc = self.store.write_blob(config_raw, media_type=mt.OCI_CONFIG)
        manifest = Manifest.build(config_desc, layers)
        self.store.write_blob(manifest.raw, media_type=manifest.media_type)
        image = Image(self.store, manifest)
        self.views[image.digest] = image
        return image


def load(store: Store, path: str | os.PathLike[str]) -> list[Image | ImageIndex]:
    """Load every image of the archive at ``path`` into ``store`` (like ``docker load -i``)."""
    archive = Path(path)
    if not archive.is_file():
        raise InvalidImage("archive.unknown_format", path=archive)
    work = Path(tempfile.mkdtemp(prefix="load-", dir=store.tmp))
    try:
        _extract(archive, work)
        has_oci = (work / "index.json").is_file()
        has_docker = (work / "manifest.json").is_file()
        if not (has_oci or has_docker):
            raise InvalidImage("archive.unknown_format", path=archive)
        loader = _Loader(store, archive, work)
        if has_oci:
            loader.oci()
        if has_docker:
            entries = _json(Path("manifest.json"), work, archive)
            loader.docker(entries if isinstance(entries, list) else [])
        loader.tags = list(dict.fromkeys(loader.tags))
        with store.lock():
            for view in loader.views.values():
                if _is_top(view, loader.views):
                    store.put_manifest(view.index.raw if isinstance(view, ImageIndex) else view.manifest.raw)
            for ref, digest in loader.tags:
                store.tag(ref, loader.views[digest])
        tagged = {d for _, d in loader.tags}
        result = [store.resolve(ref) for ref, _ in loader.tags]
        result += [v for d, v in loader.views.items() if d not in tagged and _is_top(v, loader.views)]
        return result
    finally:
        # A failure here must not hide the error that may be on its way out; what is left in
        # store.tmp is swept by store.gc().
        with contextlib.suppress(OSError):
            remove_tree(work)  # the archive may hold 0555 folders


def _is_top(view: Image | ImageIndex, views: dict[Digest, Image | ImageIndex]) -> bool:
    """Not a child of an index that was loaded too."""
    return not any(isinstance(v, ImageIndex) and any(d.digest == view.digest for d in v.manifests)
                   for v in views.values())


__all__ = ["ArchiveError", "load", "save", "write"]
