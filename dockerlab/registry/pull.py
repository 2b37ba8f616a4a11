"""``docker pull``: fetch an image (or a whole multi-platform index) from a registry into a store.

* The manifest is asked for with ``Accept`` naming the OCI and Docker manifest and index types;
  its bytes are checked against the digest we asked for and the one the registry reports.
* An index resolves to the platform asked for (default: this machine's); ``all_platforms=True``
  keeps the whole index and every platform's image.
* Blobs already in the store are not fetched again. Every other blob streams into the store's
  temporary file while its digest — and, for a layer, the ``diff_id`` of its uncompressed
  content — is computed; a mismatch aborts before the blob is renamed into place, so nothing
  unverified enters the store. Config, then manifest, then the tag are written last.

Layers are stored **as they came** (a gzip layer keeps its compressed digest): the manifest is
stored byte for byte, so the local image has the same manifest digest as in the registry
(``name@sha256:…`` works both here and there) and pushing it again sends identical blobs.
``Layer.open()`` decompresses when the layer is read.
"""

from __future__ import annotations

import contextlib
import tempfile
import weakref
from pathlib import Path
from typing import Any, Callable

from ..errors import InvalidImage, PlatformMismatch
from ..fsutil import remove_tree
from ..i18n import messages
from ..model import Descriptor, Digest, Image, ImageConfig, ImageIndex, Index, Manifest, Platform, mediatypes as mt
from ..reference import Reference
from ..store import Store
from .client import RegistryClient, iter_response
from ..store.parallel import run_parallel
from .remote import fetch_manifest
from .result import BlobTransfer
from .transfer import Progress, PullReader, TransferMemo

messages({
    "registry.layer_count": (
        "Manifest {digest} punya {layers} layer, tetapi config-nya mencatat {diff_ids} diff_id. "
        "Image di registry ini rusak; push ulang dari sumbernya.",
        "Manifest {digest} has {layers} layers, but its config lists {diff_ids} diff_ids. "
        "The image in this registry is broken; push it again from its source.",
    ),
})

BlobCallback = Callable[[BlobTransfer], None]


def pull(ref: str | Reference, *, store: Any = None, platform: str | Platform | None = None,
         all_platforms: bool = False, auth: tuple[str, str] | None = None, progress: bool = True,
         on_blob: BlobCallback | None = None, jobs: int = 3,
         client: RegistryClient | None = None) -> Image | ImageIndex:
    """Pull ``ref`` into ``store`` and tag it there; returns the stored image (or index).

    Without a store the image goes to a temporary store that lives as long as the returned
    object (enough to load it into a Docker Engine).
    """
    reference = Reference.parse(ref)
    if store is None:
        store = _temporary_store()
    client = client or RegistryClient(reference.domain, auth=auth)
    puller = _Puller(client, reference, store, progress, on_blob, jobs)
    found = fetch_manifest(client, reference)
    if isinstance(found, Index):
        if all_platforms:
            for desc in found.manifests:
                if mt.is_manifest(desc.media_type):
                    puller.image(_child(client, reference, desc))
            view: Image | ImageIndex = store.put_manifest(found.raw, found.media_type)
        else:
            wanted = Platform.parse(platform) if isinstance(platform, str) else (platform or Platform.host())
            desc = _choose(found, wanted)
            view = puller.image(_child(client, reference, desc))
    else:
        view = puller.image(found)
    if reference.tag:
        return store.tag(Reference(reference.domain, reference.path, reference.tag), view)
    return view.with_ref(reference)


def _choose(index: Index, wanted: Platform) -> Descriptor:
    for desc in index.manifests:
        if desc.platform is not None and desc.platform.matches(wanted) and mt.is_manifest(desc.media_type):
            return desc
    available = ", ".join(str(d.platform) for d in index.manifests if d.platform) or "-"
    raise PlatformMismatch("model.no_platform", digest=index.digest, platform=wanted, available=available)


def _child(client: RegistryClient, reference: Reference, desc: Descriptor) -> Manifest:
    child = fetch_manifest(client, Reference(reference.domain, reference.path, None, desc.digest))
    if not isinstance(child, Manifest):
        raise InvalidImage("model.wrong_media_type", where=f"manifest {desc.digest}", media_type=child.media_type,
                           expected=" / ".join(sorted(mt.MANIFESTS)))
    return child


class _Puller:
    def __init__(self, client: RegistryClient, reference: Reference, store: Any, progress: bool,
                 on_blob: BlobCallback | None, jobs: int) -> None:
        self.client, self.reference, self.store = client, reference, store
        self.repository = reference.path
        self.progress, self.on_blob, self.jobs = progress, on_blob, jobs
        self.memo = TransferMemo(store) if hasattr(store, "cache_get") else None

    def image(self, manifest: Manifest) -> Image:
        config_raw = self._config(manifest.config)
        config = ImageConfig.from_bytes(config_raw, where=f"config {manifest.config.digest}")
        diff_ids = list(config.rootfs.diff_ids)
        if len(diff_ids) != len(manifest.layers):
            raise InvalidImage("registry.layer_count", digest=manifest.digest, layers=len(manifest.layers),
                               diff_ids=len(diff_ids))
        missing = [d for d in manifest.layers if not self.store.has_blob(d.digest)]
        bar = Progress(self.progress and bool(missing), sum(d.size for d in missing),
                       f"pull {self.reference.familiar}")
        try:
            run_parallel(lambda pair: self._layer(*pair, bar), zip(manifest.layers, diff_ids), self.jobs)
        finally:
            bar.close()
        self.store.write_blob(config_raw, manifest.config.digest, media_type=manifest.config.media_type)
        view = self.store.put_manifest(manifest.raw, manifest.media_type)
        assert isinstance(view, Image)
        return view

    def _config(self, desc: Descriptor) -> bytes:
        if self.store.has_blob(desc.digest):
            data = self.store.read_blob(desc.digest)
            self._report(BlobTransfer("config", desc.digest, desc.digest, desc.size, len(data), None, "present",
                                      desc.media_type))
            return data
        reader = PullReader(iter_response(self.client.open_blob(self.repository, desc.digest)), desc.digest,
                            f"{self.client.registry}/{self.repository}@{desc.digest}")
        try:
            data = reader.read()
        finally:
            reader.close()
        self._report(BlobTransfer("config", desc.digest, desc.digest, desc.size, len(data), None, "fetched",
                                  desc.media_type))
        return data

    def _layer(self, desc: Descriptor, diff_id: Digest, bar: Progress) -> None:
        if self.store.has_blob(desc.digest):
            self._report(BlobTransfer("layer", desc.digest, desc.digest, desc.size, desc.size, diff_id, "present",
                                      desc.media_type))
            return
        kind = mt.compression(desc.media_type)
        check = diff_id if (kind == "gzip" or (kind is None and diff_id != desc.digest)) else None
        reader = PullReader(iter_response(self.client.open_blob(self.repository, desc.digest)), desc.digest,
                            f"{self.client.registry}/{self.repository}@{desc.digest}", diff_id=check,
                            gzip=kind == "gzip", on_read=bar.update, check_digest=False)
        try:  # the store hashes what it writes and renames the blob in only if it is `desc.digest`
            self.store.write_blob(reader, desc.digest, media_type=desc.media_type)
        finally:
            reader.close()
        if self.memo:
            self.memo.remember_seen(desc.digest, self.client.registry, self.repository)
        self._report(BlobTransfer("layer", desc.digest, desc.digest, desc.size, desc.size, diff_id, "fetched",
                                  desc.media_type))

    def _report(self, transfer: BlobTransfer) -> None:
        if self.on_blob is not None:
            self.on_blob(transfer)


def _temporary_store() -> Any:
    root = tempfile.mkdtemp(prefix="dockerlab-pull-")
    store = Store(root)
    weakref.finalize(store, _discard, Path(root))
    return store


def _discard(root: Path) -> None:
    """Remove a temporary store's folder once its store is collected. A failure is ignored on
    purpose: this runs from the garbage collector or at exit, where an exception could only print
    noise into the learner's notebook, and the folder lies in the system's temporary directory."""
    with contextlib.suppress(OSError):
        remove_tree(root)
