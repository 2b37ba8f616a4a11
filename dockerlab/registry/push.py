"""``docker push``: send an image (or a multi-platform index) from the store to its registry.

Order and guarantees, as the distribution spec wants them:

1. every layer, then the config — a blob the registry already has is not sent again (HEAD), a
   blob known in another repository of the same registry is mounted (``?mount=&from=``);
2. the manifest goes last, so a registry never holds a manifest whose blobs are missing;
   an interrupted push leaves only unreferenced blobs, and the next push completes it.

Layers are stored uncompressed locally and compressed (deterministic gzip) while they are
streamed; ``compression=None`` pushes them as they are. Uploads stream from the store's file —
a layer is never held in memory.
"""

from __future__ import annotations

from typing import Callable

from ..model import Descriptor, Digest, Hasher, Image, ImageIndex, Index, Manifest, mediatypes as mt
from ..reference import Reference
from ..errors import InvalidReference, RegistryError, UsageError
from .client import RegistryClient
from ..store import Store
from ..store.parallel import run_parallel
from .result import BlobTransfer, IndexPushResult, PushResult
from .streams import DEFAULT_LEVEL, ProgressReader, TransferBar, TransferMemo, gzip_chunks


_GZIP_TYPES = {mt.OCI_LAYER: mt.OCI_LAYER_GZIP, mt.DOCKER_LAYER: mt.DOCKER_LAYER_GZIP,
               mt.OCI_LAYER_ND: mt.OCI_LAYER_ND_GZIP}
COMPRESSIONS = ("gzip", None)

BlobCallback = Callable[[BlobTransfer], None]


def push(image: Image | ImageIndex, ref: str | Reference | None = None, *, compression: str | None = "gzip",
         level: int = DEFAULT_LEVEL, auth: tuple[str, str] | None = None, progress: bool = True,
         on_blob: BlobCallback | None = None, jobs: int = 3,
         client: RegistryClient | None = None) -> PushResult | IndexPushResult:
    """``docker push REF``: send ``image`` (or an index) to the registry ``ref`` names.

    ``ref`` defaults to the image's own reference. ``compression="gzip"`` (deterministic gzip at
    ``level``) or ``None`` (layers sent as stored). ``on_blob`` is called after each blob (sent,
    skipped or mounted); raising from it stops the push before the manifest is sent. Works for any
    model image: from the store, the Docker Engine or another registry.
    """
    if compression not in COMPRESSIONS:
        raise UsageError("registry.bad_compression", compression=compression)
    if ref is None and image.ref is None:
        raise InvalidReference("registry.no_ref", image=str(image.digest)[:19])
    reference = Reference.parse(ref if ref is not None else image.ref)
    client = client or RegistryClient(reference.domain, auth=auth)
    source = image.source
    memo = TransferMemo(source) if isinstance(source, Store) else None  # hints kept in a local store
    pusher = _Pusher(client, reference, memo, compression, level, on_blob, jobs)
    tag = reference.tag or reference.digest
    if isinstance(image, ImageIndex):
        return pusher.push_index(image, tag, progress)
    return pusher.push_image(image, tag, progress)[0]


class _Pusher:
    def __init__(self, client: RegistryClient, reference: Reference, memo: TransferMemo | None,
                 compression: str | None, level: int, on_blob: BlobCallback | None, jobs: int) -> None:
        self.client, self.reference, self.memo = client, reference, memo
        self.repository = reference.path
        self.compression, self.level, self.on_blob, self.jobs = compression, level, on_blob, jobs

    # --- images and indexes --------------------------------------------------------------------
    def push_image(self, image: Image, tag: str | None, progress: bool) -> tuple[PushResult, Manifest]:
        bar = TransferBar(progress, image.size, f"push {self.reference.familiar}")
        try:
            layers = run_parallel(lambda layer: self._layer(image, layer.index, bar), image.layers, self.jobs)
            config = self._blob(image, image.manifest.config, "config", None, bar)
        finally:
            bar.close()
        remote = [Descriptor(b.media_type, b.remote_digest, b.size, dict(d.annotations), None, d.urls)
                  for b, d in zip(layers, image.manifest.layers)]
        if remote == list(image.manifest.layers):
            manifest = image.manifest  # nothing changed: send the exact local bytes
        else:
            manifest = Manifest.build(image.manifest.config, remote, image.manifest.annotations,
                                      media_type=image.manifest.media_type)
        digest = self._put_manifest(manifest.raw, manifest.media_type, tag or manifest.digest)
        return PushResult(ref=self._name(tag), digest=digest, local_digest=image.digest, image_id=image.id,
                          blobs=(*layers, config), media_type=manifest.media_type), manifest

    def push_index(self, index: ImageIndex, tag: str | None, progress: bool) -> IndexPushResult:
        results, children = [], []
        for desc in index.manifests:
            if not mt.is_manifest(desc.media_type):
                raise RegistryError("registry.nested_index", digest=desc.digest)
            result, manifest = self.push_image(Image.from_digest(index.source, desc.digest), None, progress)
            results.append(result)
            children.append(Descriptor(manifest.media_type, manifest.digest, len(manifest.raw),
                                       dict(desc.annotations), desc.platform, desc.urls))
        if children == list(index.manifests):
            built = index.index
        else:
            built = Index.build(children, index.index.annotations, media_type=index.index.media_type)
        digest = self._put_manifest(built.raw, built.media_type, tag or built.digest)
        return IndexPushResult(ref=self._name(tag), digest=digest, local_digest=index.digest, images=tuple(results))

    def _put_manifest(self, raw: bytes, media_type: str, tag: str) -> Digest:
        reported = self.client.put_manifest(self.repository, tag, raw, media_type)
        actual = Digest.of(raw)
        if reported is not None and reported != actual:
            raise RegistryError("registry.bad_digest_header", registry=self.client.registry, reported=reported,
                                actual=actual, what=f"manifest {self.repository}:{tag}")
        return reported or actual

    def _name(self, tag: str | None) -> str:
        return self.reference.repository + (f":{tag}" if tag and not tag.startswith("sha256:") else "")

    # --- blobs ---------------------------------------------------------------------------------
    def _layer(self, image: Image, index: int, bar: TransferBar) -> BlobTransfer:
        layer = image.layers[index]
        desc = layer.descriptor
        if self.compression is None or layer.compressed or desc.media_type not in _GZIP_TYPES:
            return self._blob(image, desc, "layer", layer.diff_id, bar)
        key = str(layer.diff_id or layer.digest)
        media_type = _GZIP_TYPES[desc.media_type]
        known = self.memo.compressed(key, f"gzip-{self.level}") if self.memo else None
        location = None
        if known is not None:
            done, location = self._skip_or_mount(known[0], "layer", desc, known[1], layer.diff_id, media_type, bar)
            if done is not None:
                return done
        location = location or self.client.start_upload(self.repository)
        hasher = Hasher()
        chunks = gzip_chunks(image.source.open_blob(layer.digest), hasher, level=self.level, on_read=bar.update)
        digest = self.client.stream_blob(self.repository, location, chunks, lambda: hasher.digest)
        if self.memo:
            self.memo.remember_compressed(key, f"gzip-{self.level}", digest, hasher.size)
            self.memo.remember_seen(digest, self.client.registry, self.repository)
        return self._report(BlobTransfer("layer", desc.digest, digest, hasher.size, desc.size, layer.diff_id,
                                         "sent", media_type))

    def _blob(self, image: Image, desc: Descriptor, kind: str, diff_id: Digest | None,
              bar: TransferBar) -> BlobTransfer:
        """A blob sent exactly as stored (config, compressed layers, uncompressed pushes)."""
        done, location = self._skip_or_mount(desc.digest, kind, desc, desc.size, diff_id, desc.media_type, bar)
        if done is not None:
            return done
        location = location or self.client.start_upload(self.repository)
        body = ProgressReader(image.source.open_blob(desc.digest), desc.size,
                              bar.update if kind == "layer" else (lambda n: None))
        try:
            self.client.put_blob(self.repository, location, desc.digest, body, desc.size)
        finally:
            body.close()
        if self.memo:
            self.memo.remember_seen(desc.digest, self.client.registry, self.repository)
        return self._report(BlobTransfer(kind, desc.digest, desc.digest, desc.size, desc.size, diff_id,
                                         "sent", desc.media_type))

    def _skip_or_mount(self, digest: Digest, kind: str, local: Descriptor, size: int, diff_id: Digest | None,
                       media_type: str, bar: TransferBar) -> tuple[BlobTransfer | None, str | None]:
        """``(transfer, None)`` when the blob needs no upload; else ``(None, location)``.

        A refused mount still opens an upload session (the registry answers 202 with its
        ``Location``); that session is handed back for the upload instead of opening a second one.
        Only the last refused mount's session is kept: earlier ones are cancelled.
        """
        action = None
        location: str | None = None
        if self.client.has_blob(self.repository, digest):
            action = "skipped"
        else:
            sources = self.memo.seen_in(digest, self.client.registry) if self.memo else []
            for source in sources:
                if source == self.repository:
                    continue
                if location is not None:
                    self.client.cancel_upload(self.repository, location)
                location = self.client.start_upload(self.repository, mount=digest, mount_from=source)
                if location is None:
                    action = "mounted"
                    break
        if action is None:
            return None, location
        if kind == "layer":
            bar.update(local.size)
        if self.memo:
            self.memo.remember_seen(digest, self.client.registry, self.repository)
        return self._report(BlobTransfer(kind, local.digest, digest, size, local.size, diff_id, action,
                                         media_type)), None

    def _report(self, transfer: BlobTransfer) -> BlobTransfer:
        if self.on_blob is not None:
            self.on_blob(transfer)
        return transfer
