"""Images that stay in the registry: inspect a manifest, its config and sizes without pulling layers.

:class:`RemoteSource` is a :class:`~dockerlab.model.BlobSource` backed by a registry, so the
ordinary :class:`~dockerlab.model.Image` view works on it: ``inspect_remote("…").size`` is the
download size of an image before pulling it, ``.config`` fetches only the small config blob.
"""

from __future__ import annotations

import io
from typing import BinaryIO

from ..errors import RegistryError
from ..model import Digest, Image, ImageIndex, Index, Manifest, mediatypes as mt
from ..model.blobs import CHUNK, ChunkStream, VerifyingReader
from ..reference import Reference
from .client import RegistryClient, iter_response, scope
from .errors import raise_for_response


class RemoteSource:
    """Blobs of one repository in a registry, verified against their digest as they stream."""

    def __init__(self, client: RegistryClient, repository: str) -> None:
        self.client, self.repository = client, repository

    def open_blob(self, digest: Digest) -> BinaryIO:
        where = f"{self.client.registry}/{self.repository}@{digest}"
        try:
            response = self.client.open_blob(self.repository, Digest(digest))
        except RegistryError as exc:  # manifests are not blobs of the repository: ask for a manifest
            if exc.code not in ("BLOB_UNKNOWN", "MANIFEST_UNKNOWN"):
                raise
            raw = self.client.get_manifest(self.repository, str(digest))[0]
            return io.BufferedReader(VerifyingReader(io.BytesIO(raw), Digest(digest), where), CHUNK)
        return io.BufferedReader(VerifyingReader(ChunkStream(iter_response(response, self.client.registry)), Digest(digest), where), CHUNK)

    def has_blob(self, digest: Digest) -> bool:
        return self.client.has_blob(self.repository, Digest(digest))

    def blob_size(self, digest: Digest) -> int:
        response = self.client.request("HEAD", f"/v2/{self.repository}/blobs/{digest}", (scope(self.repository),))
        response.close()
        raise_for_response(response, self.client.registry, "registry.action.blob_head", not_found="BLOB_UNKNOWN",
                           digest=digest)
        length = response.headers.get("Content-Length", "0").strip()
        if not length.isdigit():
            raise self.client.bad_answer("registry.action.blob_head", f"Content-Length {length[:40]!r}", digest=digest)
        return int(length)

    def __repr__(self) -> str:
        return f"<RemoteSource {self.client.registry}/{self.repository}>"

    def __str__(self) -> str:
        return f"{self.client.registry}/{self.repository}"


def fetch_manifest(client: RegistryClient, reference: Reference) -> Manifest | Index:
    """The manifest or index ``reference`` names, its bytes checked against every digest we know."""
    wanted = reference.digest or reference.tag or "latest"
    raw, media_type, reported = client.get_manifest(reference.path, wanted)  # bounded: at most 4 MiB
    actual = Digest.of(raw)
    for claimed in (reference.digest, reported):
        if claimed is not None and claimed != actual:
            raise RegistryError("registry.bad_digest_header", registry=client.registry, reported=claimed,
                                actual=actual, what=f"manifest {reference.familiar}")
    where = f"{client.registry}/{reference.path}@{actual}"
    if mt.is_index(media_type) or (not mt.is_manifest(media_type) and b'"manifests"' in raw):
        return Index.from_bytes(raw, media_type if mt.is_index(media_type) else None, where=where)
    return Manifest.from_bytes(raw, media_type if mt.is_manifest(media_type) else None, where=where)


def inspect_remote(ref: str | Reference, *, platform: str | None = None, auth: tuple[str, str] | None = None,
                   client: RegistryClient | None = None) -> Image | ImageIndex:
    """``docker manifest inspect REF``: the image (or index) in the registry, no layer pulled.

    With ``platform`` an index is resolved to that platform's image.
    """
    reference = Reference.parse(ref)
    client = client or RegistryClient(reference.domain, auth=auth)
    source = RemoteSource(client, reference.path)
    found = fetch_manifest(client, reference)
    if isinstance(found, Index):
        index = ImageIndex(source, found, reference)
        return index.image_for(platform) if platform else index
    return Image(source, found, reference)


def list_tags(repository: str | Reference, *, auth: tuple[str, str] | None = None,
              client: RegistryClient | None = None) -> list[str]:
    """Every tag of a repository in its registry (``127.0.0.1:5000/halo`` → ``["1.0", "latest"]``)."""
    reference = Reference.parse(repository)
    client = client or RegistryClient(reference.domain, auth=auth)
    return client.tags(reference.path)
