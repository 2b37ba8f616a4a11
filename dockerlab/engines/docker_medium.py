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
- has a manifest made here: an OCI manifest over the uncompressed layers, serialised with
  :func:`~dockerlab.model.canonical_json` — exactly what the embedded engine writes for the same
  config and layers, so the same image has the same manifest digest on both engines. When the
  engine knows a registry manifest digest (``RepoDigests``), :attr:`DockerImage.digest` is that one.

Written by hand: the docker SDK gives the export stream as raw bytes only; nothing parses the
docker-archive layout into OCI objects.
"""

from __future__ import annotations

import io
import json
import os
import posixpath
import tarfile
import tempfile
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from ..errors import BlobNotFound, DigestMismatch, DockerlabError, ImageNotFound, InvalidImage
from ..i18n import messages
from ..model import Descriptor, Digest, DirSource, Hasher, Image, Manifest, mediatypes as mt
from ..store.writer import adopt_file

messages({
    "docker.image_not_found": (
        "Docker Engine tidak punya image {ref!r}. Lihat daftar image dengan dockerlab.images() "
        "(`docker images`), atau build/load/pull image itu dulu.",
        "The Docker Engine has no image {ref!r}. List the images with dockerlab.images() "
        "(`docker images`), or build/load/pull that image first.",
    ),
    "docker.api_error": (
        "Docker Engine menolak {action} untuk {ref!r}: {error}",
        "The Docker Engine refused {action} for {ref!r}: {error}",
    ),
    "docker.export_incomplete": (
        "Ekspor image {name} dari Docker Engine tidak lengkap: {missing} tidak ada di aliran "
        "`docker save`. Coba lagi; kalau tetap gagal, periksa image itu dengan `docker image inspect {name}`.",
        "The export of image {name} from the Docker Engine is incomplete: {missing} is not in the "
        "`docker save` stream. Try again; if it keeps failing, check the image with `docker image inspect {name}`.",
    ),
})


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


class BlobCache(DirSource):
    """A content-addressed directory of blobs; a blob is hashed while written, renamed into place."""

    def put(self, stream: BinaryIO, expected: Digest | None = None) -> tuple[Digest, int]:
        tmp_dir = self.root / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        hasher = Hasher()
        fd, tmp = tempfile.mkstemp(dir=tmp_dir)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    hasher.update(chunk)
                    out.write(chunk)
            digest = hasher.digest
            if expected is not None and digest != expected:
                raise DigestMismatch("model.digest_mismatch", digest=expected, actual=digest, path=tmp)
            adopt_file(tmp, self.blob_path(digest), hasher.size)
            return digest, hasher.size
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def put_bytes(self, data: bytes) -> Digest:
        return self.put(io.BytesIO(data))[0]


class _ChunkReader(io.RawIOBase):
    """A readable file over an iterator of byte chunks (the SDK's raw export stream)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = iter(chunks)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while not self._pending:
            try:
                self._pending = next(self._chunks)
            except StopIteration:
                return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def export_into(client: Any, name: str, cache: BlobCache) -> list[dict[str, Any]]:
    """Stream ``docker save name`` into ``cache``; return its manifest.json with blob digests.

    Each entry is ``{"config": Digest, "layers": [Digest, ...], "repo_tags": [...]}``. Layer tars
    are stored under their own sha256 (= diff_id); a layer that appears twice is a symlink in the
    archive and is resolved to the file it points at.
    """
    try:
        chunks = client.api.get_image(name, chunk_size=CHUNK)
        stream = io.BufferedReader(_ChunkReader(chunks), CHUNK)
        stream.peek(1)  # the engine answers 404 only once the stream is read
    except Exception:
        if _gone(client, name):  # removed since it was listed (the engine then answers 404 or 500)
            raise image_not_found(name) from None
        raise
    digests: dict[str, Digest] = {}
    links: dict[str, str] = {}
    manifest: list[dict[str, Any]] | None = None
    with tarfile.open(fileobj=stream, mode="r|") as tar:
        for member in tar:
            path = posixpath.normpath(member.name)
            if member.issym() or member.islnk():
                target = member.linkname if member.islnk() else posixpath.join(posixpath.dirname(path), member.linkname)
                links[path] = posixpath.normpath(target)
            elif not member.isfile():
                continue
            elif path == "manifest.json":
                manifest = json.loads(tar.extractfile(member).read())  # type: ignore[union-attr]
            elif path.endswith("/layer.tar") or (path.endswith(".json") and "/" not in path):
                digests[path] = cache.put(tar.extractfile(member))[0]  # type: ignore[arg-type]
            elif path.startswith("blobs/"):  # newer engines: OCI layout inside the archive
                digests[path] = cache.put(tar.extractfile(member))[0]  # type: ignore[arg-type]
    if manifest is None:
        raise InvalidImage("docker.export_incomplete", name=name, missing="manifest.json")

    def resolve(path: str) -> Digest:
        seen = 0
        while path in links and seen < 10:
            path, seen = links[path], seen + 1
        if path not in digests:
            raise InvalidImage("docker.export_incomplete", name=name, missing=path)
        return digests[path]

    return [{"config": resolve(posixpath.normpath(entry["Config"])),
             "layers": [resolve(posixpath.normpath(p)) for p in entry.get("Layers") or []],
             "repo_tags": list(entry.get("RepoTags") or [])} for entry in manifest]


def _gone(client: Any, name: str) -> bool:
    try:
        client.api.inspect_image(name)
    except Exception as exc:  # noqa: BLE001 - only a clear "not found" counts
        return getattr(exc, "status_code", None) == 404
    return False


class DockerSource:
    """The blobs of one engine image: served from the cache, exported from the engine on a miss."""

    def __init__(self, client: Any, cache: BlobCache, name: str) -> None:
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


class DockerImage(Image):
    """An image held by a Docker Engine; nothing is exported before it is asked for."""

    def __init__(self, source: DockerSource, attrs: dict[str, Any], ref: Any = None) -> None:
        # Image.__init__ would need the manifest now; here it is made lazily (see ``manifest``).
        self.source = source
        self.attrs = attrs
        self.ref = ref

    def with_ref(self, ref: Any) -> "DockerImage":
        return DockerImage(self.source, self.attrs, ref)

    @property
    def id(self) -> Digest:
        return Digest(self.attrs["Id"])

    @property
    def diff_ids(self) -> list[Digest]:
        return [Digest(d) for d in (self.attrs.get("RootFS") or {}).get("Layers") or []]

    @property
    def repo_tags(self) -> list[str]:
        return list(self.attrs.get("RepoTags") or [])

    @property
    def repo_digests(self) -> list[str]:
        """``name@sha256:…`` of registry manifests the engine pushed or pulled this image as."""
        return list(self.attrs.get("RepoDigests") or [])

    @cached_property
    def manifest(self) -> Manifest:  # type: ignore[override]
        """An OCI manifest over the uncompressed layers (the embedded engine's form of it)."""
        self.source.ensure([self.id, *self.diff_ids])
        cache = self.source.cache
        config = Descriptor(mt.OCI_CONFIG, self.id, cache.blob_size(self.id))
        layers = [Descriptor(mt.OCI_LAYER, d, cache.blob_size(d)) for d in self.diff_ids]
        manifest = Manifest.build(config, layers)
        cache.put_bytes(manifest.raw)
        return manifest

    @property
    def size(self) -> int:
        """Sum of the layer tar sizes once they have been read; before that, the engine's own figure
        (what ``docker images`` shows), so that listing sizes never exports every image."""
        if "manifest" in self.__dict__ or all(self.source.cache.has_blob(d) for d in self.diff_ids):
            return sum(self.source.cache.blob_size(d) for d in self.diff_ids)
        return int(self.attrs.get("Size") or 0)

    @property
    def digest(self) -> Digest:
        """The registry manifest digest the engine knows for this name, else the OCI manifest's."""
        known = self.repo_digests
        if known:
            from ..reference import Reference

            repository = getattr(self.ref, "repository", None)
            chosen = next((d for d in known if repository and Reference.parse(d).repository == repository), known[0])
            return Digest(chosen.split("@", 1)[1])
        return self.manifest.digest

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DockerImage):  # same config = same layers = same image: no export needed
            return other.id == self.id
        return isinstance(other, Image) and other.id == self.id and other.manifest.digest == self.manifest.digest

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        from ..model.image import _label

        return f"<Image {_label(self.ref)} sha256:{self.id.short} layers={len(self.diff_ids)}>"
