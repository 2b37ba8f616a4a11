"""Image archives: ``save`` a tar that ``docker load`` accepts, ``load`` what ``docker save`` wrote.

``write(views, path)`` is the one archive writer: ``save`` gives it a store's images, and
:func:`dockerlab.engines.transfer.write_archive` any model image (pulled, from an engine).

One written tar holds both shapes, as Docker 25+ writes it: an OCI image layout (``oci-layout``,
``index.json``, ``blobs/sha256/…``) and, pointing into the same blobs, the docker-archive
``manifest.json`` (``Config``, ``RepoTags``, ``Layers``) and ``repositories``. Entries are sorted
and stamped with ``SOURCE_DATE_EPOCH`` or the course epoch, so saving the same images twice gives
the same bytes.

``read_archive`` reads docker-archive tars (Docker 20.10's ``<id>/layer.tar`` and the OCI-style
one), OCI layout tars, plain or compressed, from a stream, through the package's one tar reader
and without unpacking anything; ``load`` checks what it read and hands every image to the store's
one sink, so a corrupt or hostile archive leaves the store's tags as they were (apart from loose
blobs ``gc`` removes). Written by hand: no maintained Python library reads and writes these formats.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import posixpath
import re
import stat
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Protocol

from .errors import DockerlabError, InvalidImage
from .model import (
    Descriptor, Digest, Image, ImageConfig, ImageIndex, Index, Manifest, canonical_json, mediatypes as mt,
    read_blob, source_date_epoch,
)
from .model import gate
from .model.blobs import hash_stream
from .model.config import MAX_CONFIG
from .model.manifest import MAX_MANIFEST
from .model.mutate import new_image
from .model.schema import field as json_field, parse_json
from .reference import Reference
from .store import CONTAINERD_NAME, REF_NAME, Store
from .tarutil import Limits, TarReader, clean_path, open_tar_stream

class ArchiveError(DockerlabError, OSError):
    """An archive file that cannot be written (``save``): the path and the system's reason."""


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


# ---------------------------------------------------------------- read and load

#: Small JSON members held in memory while reading; every other regular file becomes a blob.
_JSON_MEMBERS = ("manifest.json", "index.json", "oci-layout", "repositories")
_MAX_JSON = 4 << 20
_HEX64 = re.compile(r"[0-9a-f]{64}")


class BlobSink(Protocol):
    """Where :func:`read_archive` puts blobs: a store, or any :class:`~dockerlab.store.BlobDir`."""

    def blob_writer(self, expected: Digest | None = None, media_type: str = ..., **checks: Any) -> Any: ...


@dataclass(frozen=True)
class Member:
    """A regular file of the archive, stored as the blob ``digest`` (``gzip``: it starts like one)."""

    digest: Digest
    size: int
    gzip: bool
    name: str = ""


@dataclass(frozen=True)
class DockerEntry:
    """One image of a docker-archive ``manifest.json``: the config and layer members, resolved."""

    config: Member
    layers: tuple[Member, ...]
    repo_tags: tuple[str, ...]
    where: str


@dataclass
class ArchiveContents:
    """What :func:`read_archive` found: blobs by member path, links between members, small JSON."""

    where: str
    members: dict[str, Member] = field(default_factory=dict)
    links: dict[str, str | None] = field(default_factory=dict)  # member -> the member it names (None: outside)
    files: dict[str, bytes] = field(default_factory=dict)

    def member(self, name: Any, where: str) -> Member:
        """The member ``name`` (as ``manifest.json`` writes it) names: only ever a file of this
        archive — an absolute name, ``..`` or a link leading out is refused, nothing on disk is read."""
        path = clean_path(name) if isinstance(name, str) else None
        if path is None or not path:
            raise InvalidImage("archive.bad_member", path=self.where, member=name, where=where)
        for _ in range(16):
            if path in self.members:
                return self.members[path]
            if path not in self.links:
                break
            target = self.links[path]
            if target is None:
                raise InvalidImage("archive.bad_member", path=self.where, member=name, where=where)
            path = target
        raise InvalidImage("archive.missing_member", path=self.where, member=name, where=where)

    def docker_entries(self) -> list[DockerEntry]:
        """``manifest.json`` (docker-archive) checked and resolved; ``[]`` when there is none."""
        raw = self.files.get("manifest.json")
        if raw is None:
            return []
        where = f"{self.where}:manifest.json"
        data = parse_json(raw, "manifest.json", where, limit=_MAX_JSON)
        if not isinstance(data, list):
            raise InvalidImage("model.field.not_list", what="manifest.json", where=where, field="[]")
        out = []
        for i, entry in enumerate(data):
            here = f"{where}[{i}]"
            if not isinstance(entry, dict):
                raise InvalidImage("model.field.not_object", what="manifest.json", where=here)
            config = json_field(entry, "Config", str, "manifest.json", here, required=True)
            layers = json_field(entry, "Layers", list, "manifest.json", here, default=[], items=str)
            tags = json_field(entry, "RepoTags", list, "manifest.json", here, default=[], items=str)
            out.append(DockerEntry(self.member(config, here), tuple(self.member(n, here) for n in layers),
                                   tuple(tags), here))
        return out


def read_archive(stream: BinaryIO, sink: BlobSink, *, where: str) -> ArchiveContents:
    """Read an image archive (``docker save``'s docker-archive, an OCI layout tar, plain or
    compressed) from ``stream``, in one pass: every regular file goes into ``sink`` as a blob,
    hashed while written (an OCI ``blobs/sha256/<hex>`` member must hash to its name), the small
    JSON files are kept. Nothing is unpacked: a member's name is only a key, so no name, link or
    path in the archive can reach the disk. Reusable on any stream (the Docker Engine's
    ``GET /images/{name}/get`` is this format)."""
    contents = ArchiveContents(where)
    reader = TarReader(open_tar_stream(stream, where), where, limits=Limits.for_archives())
    for header in reader:
        path = clean_path(header.name)
        if path is None:
            raise InvalidImage("archive.unsafe", path=where, error=header.name)
        if not path or header.type == "dir":
            continue
        contents.members.pop(path, None)
        contents.links.pop(path, None)
        contents.files.pop(path, None)
        if header.type == "symlink":
            if header.linkname.startswith("/"):
                contents.links[path] = None
            else:
                contents.links[path] = clean_path(posixpath.join(posixpath.dirname(path), header.linkname))
            continue
        if header.type == "hardlink":
            contents.links[path] = clean_path(header.linkname)
            continue
        if header.type != "file":
            continue  # devices, FIFOs: never an image's member
        if path in _JSON_MEMBERS:
            if header.size > _MAX_JSON:
                raise InvalidImage("model.too_big", what=path, where=where, size=header.size, limit=_MAX_JSON)
            contents.files[path] = reader.read()
            continue
        name = posixpath.basename(path)
        expected = None
        if path.startswith("blobs/sha256/") and _HEX64.fullmatch(name):
            expected = Digest("sha256:" + name)
        first = b""
        with sink.blob_writer(expected, size=header.size, where=f"{where}:{path}") as writer:
            for chunk in reader.chunks():
                if len(first) < 2:
                    first += bytes(chunk[:2])
                writer.write(chunk)
        contents.members[path] = Member(writer.descriptor.digest, header.size, first[:2] == b"\x1f\x8b", path)
    reader.drain()
    return contents


class _ArchiveBlobs:
    """The loaded archive's blobs as a source: in the store (where reading put them), or a clear
    error naming the member the archive lacks."""

    def __init__(self, store: Store, archive: Path) -> None:
        self.store, self.archive = store, archive

    def has_blob(self, digest: Digest) -> bool:
        return self.store.has_blob(digest)

    def blob_size(self, digest: Digest) -> int:
        return self.store.blob_size(digest)

    def open_blob(self, digest: Digest) -> BinaryIO:
        if not self.store.has_blob(digest):
            raise InvalidImage("archive.missing_member", path=self.archive, member=f"blobs/sha256/{digest.hex}",
                               where="index.json")
        return self.store.open_blob(digest)

    def __repr__(self) -> str:
        return str(self.archive)


class _Loader:
    """Turn what :func:`read_archive` put into the store into image views and their tags."""

    def __init__(self, store: Store, archive: Path, contents: ArchiveContents) -> None:
        self.store, self.archive, self.contents = store, archive, contents
        self.source = _ArchiveBlobs(store, archive)
        self.views: dict[Digest, Image | ImageIndex] = {}
        self.tags: list[tuple[Reference, Digest]] = []

    def oci(self) -> None:
        raw = self.contents.files["index.json"]
        index = Index.from_bytes(raw, where=f"{self.archive}:index.json")
        gate.check_index(index, where=f"{self.archive}:index.json")
        for desc in index.manifests:
            view = self.view(desc, 0)
            name = desc.annotations.get(CONTAINERD_NAME) or desc.annotations.get(REF_NAME, "")
            if "/" in name or ":" in name:
                try:
                    self.tags.append((Reference.parse(name), view.digest))
                except DockerlabError:
                    pass

    def view(self, desc: Descriptor, depth: int) -> Image | ImageIndex:
        digest, media_type = desc.digest, desc.media_type
        raw = read_blob(self.source, digest, MAX_MANIFEST)
        if len(raw) != desc.size:
            raise InvalidImage("store.size_mismatch", digest=digest, where=f"{self.archive}:index.json",
                               actual=len(raw), size=desc.size)
        if mt.is_index(media_type):
            index = Index.from_bytes(raw, media_type, where=f"{self.archive}: index {digest}")
            gate.check_index(index, depth=depth)
            for child in index.manifests:
                if self.store.has_blob(child.digest) and child.digest not in self.views:
                    self.view(child, depth + 1)
            view: Image | ImageIndex = ImageIndex(self.source, index)
        else:
            view = Image(self.source, Manifest.from_bytes(raw, media_type, where=f"{self.archive}: manifest {digest}"))
        self.views[digest] = view
        return view

    def docker(self) -> None:
        by_config = {v.id: v for v in self.views.values() if isinstance(v, Image)}
        named = {ref for ref, _ in self.tags}  # the OCI index's names win (an index, not one image)
        for entry in self.contents.docker_entries():
            refs = []
            for tag in entry.repo_tags:
                try:
                    refs.append(Reference.parse(tag))
                except DockerlabError as exc:
                    raise InvalidImage("archive.bad_tag", path=self.archive, where=entry.where, tag=tag,
                                       error=exc) from None
            image = by_config.get(entry.config.digest) or self.legacy_image(entry)
            self.tags += [(ref, image.digest) for ref in refs if ref not in named]

    def legacy_image(self, entry: DockerEntry) -> Image:
        config_raw = read_blob(self.store, entry.config.digest, MAX_CONFIG)
        config = ImageConfig.from_bytes(config_raw, where=f"{self.archive}:{entry.where}")
        layers = []
        for i, member in enumerate(entry.layers):
            media = mt.OCI_LAYER_GZIP if member.gzip else mt.OCI_LAYER
            actual = member.digest
            if member.gzip:
                with gzip.open(self.store.open_blob(member.digest), "rb") as f:
                    actual = hash_stream(f).digest
            expected = config.rootfs.diff_ids[i] if i < len(config.rootfs.diff_ids) else None
            if actual != expected:
                raise InvalidImage("archive.diff_id", path=self.archive, member=member.name,
                                   actual=actual, expected=expected)
            layers.append(Descriptor(media, member.digest, member.size))
        image = new_image(config, layers, self.source)
        self.views[image.digest] = image
        return image


def load(store: Store, path: str | os.PathLike[str]) -> list[Image | ImageIndex]:
    """Load every image of the archive at ``path`` into ``store`` (like ``docker load -i``).

    The archive is read as a stream (:func:`read_archive`); its metadata is checked, then every
    image goes through the store's one sink (:meth:`~dockerlab.store.Store.write`) and all tags
    are written last, together — a bad archive leaves the tags as they were (its blobs are loose
    until ``gc``)."""
    archive = Path(path)
    try:
        st = os.stat(archive)
    except OSError:
        raise InvalidImage("archive.unknown_format", path=archive) from None
    if not stat.S_ISREG(st.st_mode):  # a FIFO or a device would be read forever
        raise InvalidImage("archive.not_regular", path=archive, kind=stat.filemode(st.st_mode))
    with store.pinned():
        with open(archive, "rb") as f:
            contents = read_archive(f, store, where=str(archive))
        if "index.json" not in contents.files and "manifest.json" not in contents.files:
            raise InvalidImage("archive.unknown_format", path=archive)
        loader = _Loader(store, archive, contents)
        if "index.json" in contents.files:
            loader.oci()
        loader.docker()
        tags = list(dict.fromkeys(loader.tags))
        tops = [v for v in loader.views.values() if _is_top(v, loader.views)]
        by_digest: dict[Digest, list[Reference]] = {}
        for ref, digest in tags:
            by_digest.setdefault(digest, []).append(ref)
        items = [(view, by_digest.get(view.digest, [])) for view in tops]
        items += [(loader.views[d], refs) for d, refs in by_digest.items() if d not in {v.digest for v in tops}]
        store.write_many(items)
    tagged = {d for _, d in tags}
    result = [store.resolve(ref) for ref, _ in tags]
    result += [store.resolve(v.digest) for v in tops if v.digest not in tagged]
    return result


def _is_top(view: Image | ImageIndex, views: dict[Digest, Image | ImageIndex]) -> bool:
    """Not a child of an index that was loaded too."""
    return not any(isinstance(v, ImageIndex) and any(d.digest == view.digest for d in v.manifests)
                   for v in views.values())


__all__ = ["ArchiveContents", "ArchiveError", "DockerEntry", "Member", "load", "read_archive", "save", "write"]
