"""The Docker Engine as a medium: images read lazily from the engine's own export stream.

``/images/{id}/json`` describes an image but never gives the raw config bytes, and the engine has
no manifest for a locally built image. The export stream (``GET /images/{name}/get``, what
``docker save`` writes) has both the raw config and every layer tar, byte for byte as the engine
stores them (their sha256 are the ``diff_id``\\ s). So an image of this medium:

- is listed from ``/images/json`` alone (ID, tags, layer count) — listing stays fast;
- is exported the first time its config, manifest or a layer is asked for; the config and the
  layer tars are then kept in a content-addressed cache directory (``blobs/sha256/<hex>``, a layer
  keyed by its diff_id), so the next image that shares a layer, or the next question about the
  same image, reads nothing from the engine;
- has a manifest made here (:class:`DockerCore`): an OCI manifest over the uncompressed layers,
  serialised with :func:`~dockerlab.model.canonical_json` — exactly what the embedded engine
  writes for the same config and layers, so the same image has the same manifest digest on both
  engines. A registry manifest digest the engine knows (``RepoDigests``, of the gzip form it
  pushed or pulled) is the view's ``repo_digests``, never its ``digest``.

The export stream is read with the package's one archive reader
(:func:`dockerlab.archive.read_archive`) into a :class:`~dockerlab.store.writer.BlobDir`, the one
blob write path: the docker SDK gives the stream as raw bytes only.
"""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from ..errors import BlobNotFound, DockerlabError, ImageNotFound, InvalidImage
from ..model import Descriptor, Digest, Image, Index, Manifest, mediatypes as mt, read_blob
from ..model.blobs import ChunkStream
from ..store.writer import BlobDir


def image_not_found(ref: str) -> ImageNotFound:
    """The error for an image the Docker Engine does not have."""
    return ImageNotFound("docker.image_not_found", ref=ref)


def api_error(exc: Exception, action: str, ref: str) -> DockerlabError:
    import docker.errors

    if isinstance(exc, docker.errors.ImageNotFound) or getattr(exc, "status_code", None) == 404:
        return image_not_found(ref)
    explanation = getattr(exc, "explanation", None) or str(exc)
    return DockerlabError("docker.api_error", action=action, ref=ref, error=explanation)

CHUNK = 1 << 20


def default_cache_dir() -> Path:
    """Where layer tars exported from a Docker Engine are kept (content-addressed, safe to delete)."""
    if os.environ.get("DOCKERLAB_DOCKER_CACHE"):
        return Path(os.environ["DOCKERLAB_DOCKER_CACHE"])
    if os.environ.get("DOCKERLAB_HOME"):
        return Path(os.environ["DOCKERLAB_HOME"]) / "docker-cache"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dockerlab" / "docker"


def blob_cache(root: str | os.PathLike[str]) -> BlobDir:
    """The engine's content-addressed cache of exported blobs at ``root`` (``blobs/sha256/<hex>``,
    written through the store's one write path: hashed into ``root/tmp``, renamed in when right)."""
    root = Path(root)
    return BlobDir(root, root / "tmp")


def export_into(client: Any, name: str, cache: BlobDir) -> list[dict[str, Any]]:
    """Stream ``docker save name`` into ``cache``; return one ``{"config": Digest, "layers":
    [diff_id, …], "repo_tags": [...]}`` per image of the archive.

    Read with the package's one archive reader (:func:`dockerlab.archive.read_archive`): a
    docker-archive (``manifest.json``; a repeated layer is a link to the first), or an OCI layout
    (``index.json``; what other engines' APIs give, with layer files named by digest). A layer is
    kept under its diff_id: a compressed one is also written uncompressed.
    """
    try:
        chunks = client.api.get_image(name, chunk_size=CHUNK)
        stream = io.BufferedReader(ChunkStream(chunks), CHUNK)
        stream.peek(1)  # the engine answers 404 only once the stream is read
    except Exception:
        if _gone(client, name):  # removed since it was listed (the engine then answers 404 or 500)
            raise image_not_found(name) from None
        raise
    return read_export(stream, cache, name)


def read_export(stream: BinaryIO, cache: BlobDir, name: str) -> list[dict[str, Any]]:
    """What :func:`export_into` does once it has the stream: any image archive stream (a
    docker-archive or an OCI layout / OCI archive) into ``cache``; its images' config and diff_ids."""
    from ..archive import read_archive

    where = f"Docker Engine image {name}"
    contents = read_archive(stream, cache, where=where)
    entries = contents.docker_entries()
    if entries:
        return [{"config": e.config.digest, "layers": [_uncompressed(cache, m.digest, m.gzip) for m in e.layers],
                 "repo_tags": list(e.repo_tags)} for e in entries]
    if "index.json" not in contents.files:
        raise InvalidImage("docker.export_incomplete", name=name, missing="manifest.json / index.json")
    return [_oci_entry(cache, manifest, where) for manifest in _oci_manifests(cache, contents.files["index.json"], where)]


def _oci_manifests(cache: BlobDir, raw: bytes, where: str, depth: int = 0) -> Iterator[Manifest]:
    """The image manifests an OCI layout's ``index.json`` names (through nested indexes)."""
    index = Index.from_bytes(raw, where=f"{where}:index.json")
    for desc in index.manifests:
        blob = read_blob(cache, desc.digest)
        if mt.is_index(desc.media_type) and depth < 4:
            yield from _oci_manifests(cache, blob, where, depth + 1)
        elif mt.is_manifest(desc.media_type):
            yield Manifest.from_bytes(blob, where=f"{where}:{desc.digest}")


def _oci_entry(cache: BlobDir, manifest: Manifest, where: str) -> dict[str, Any]:
    layers = [_uncompressed(cache, d.digest, mt.compression(d.media_type) == "gzip") for d in manifest.layers]
    return {"config": manifest.config.digest, "layers": layers, "repo_tags": []}


def _uncompressed(cache: BlobDir, digest: Digest, gzipped: bool) -> Digest:
    """The diff_id of the layer blob ``digest``: itself when it is a plain tar, else the digest of
    its decompressed copy, written into the cache beside it (the manifest made here is uncompressed)."""
    if not gzipped:
        return digest
    with cache.open_blob(digest) as blob, gzip.GzipFile(fileobj=blob, mode="rb") as plain:
        return cache.write_stream(plain, media_type=mt.OCI_LAYER).digest


def _gone(client: Any, name: str) -> bool:
    try:
        client.api.inspect_image(name)
    except Exception as exc:  # noqa: BLE001 - only a clear "not found" counts
        return getattr(exc, "status_code", None) == 404
    return False


class DockerSource:
    """The blobs of one engine image: served from the cache, exported from the engine on a miss."""

    def __init__(self, client: Any, cache: BlobDir, name: str) -> None:
        self.client = client
        self.cache = cache
        self.name = name
        self._exported = False

    def ensure(self, digests: list[Digest]) -> None:
        """Export the image unless every blob in ``digests`` is already cached."""
        if not self._exported and not all(self.cache.has_blob(d) for d in digests):
            export_into(self.client, self.name, self.cache)
            self._exported = True

    def has_blob(self, digest: Digest) -> bool:
        return self.cache.has_blob(digest)

    def blob_size(self, digest: Digest) -> int:
        self.ensure([Digest(digest)])
        return self.cache.blob_size(digest)

    def open_blob(self, digest: Digest) -> BinaryIO:
        self.ensure([Digest(digest)])
        if not self.cache.has_blob(digest):
            raise BlobNotFound("model.blob_missing", digest=digest, where=f"Docker Engine image {self.name}")
        return self.cache.open_blob(digest)

    def __repr__(self) -> str:
        return f"<DockerSource {self.name} cache={self.cache.root}>"


class DockerCore:
    """The core of an image held by a Docker Engine (a :class:`~dockerlab.model.ImageCore`): its
    ID, layers and size from ``/images/{id}/json``; the manifest made on first need from the
    exported config and layers — an OCI manifest over the uncompressed layers, canonical JSON, so
    the same image has the same manifest digest on both engines. Nothing is exported before."""

    derived = True  # the manifest is a function of the config (and its diff_ids) alone

    def __init__(self, source: DockerSource, attrs: dict[str, Any]) -> None:
        self.source = source
        self.attrs = attrs
        self.id = Digest(attrs["Id"])
        self.diff_ids = [Digest(d) for d in (attrs.get("RootFS") or {}).get("Layers") or []]
        self.layer_count = len(self.diff_ids)

    @property
    def size(self) -> int:
        """The layer tar sizes once they have been read; before that, the engine's own figure
        (what ``docker images`` shows), so that listing sizes never exports every image."""
        cache = self.source.cache
        if all(cache.has_blob(d) for d in self.diff_ids):
            return sum(cache.blob_size(d) for d in self.diff_ids)
        return int(self.attrs.get("Size") or 0)

    def manifest(self) -> Manifest:
        self.source.ensure([self.id, *self.diff_ids])
        cache = self.source.cache
        config = Descriptor(mt.OCI_CONFIG, self.id, cache.blob_size(self.id))
        layers = [Descriptor(mt.OCI_LAYER, d, cache.blob_size(d)) for d in self.diff_ids]
        manifest = Manifest.build(config, layers)
        cache.write_bytes(manifest.raw, manifest.media_type)
        return manifest


def docker_image(client: Any, cache: BlobDir, attrs: dict[str, Any], ref: Any = None) -> Image:
    """The model :class:`~dockerlab.model.Image` of an engine image (``attrs``: its
    ``/images/{id}/json``), named ``ref``; Docker's RepoDigests kept as ``repo_digests``."""
    core = DockerCore(DockerSource(client, cache, attrs["Id"]), attrs)
    return Image(core.source, core, ref, repo_digests=list(attrs.get("RepoDigests") or []))
