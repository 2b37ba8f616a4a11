"""``docker pull``: fetch an image (or a whole multi-platform index) from a registry into a store.

``pull`` is "remote reader → store sink": the registry's image (:class:`~.remote.RemoteSource`
under the ordinary model views) goes through :meth:`dockerlab.store.Store.write`, the one way into
a store. So, as for every other medium:

* the manifest is asked for with ``Accept`` naming the OCI and Docker manifest and index types and
  read bounded (4 MiB, a time limit); its bytes are checked against the digest we asked for and
  the one the registry reports; an index resolves to the platform asked for (default: this
  machine's), ``all_platforms=True`` keeps the whole index and every platform's image;
* the metadata gate runs before any layer is fetched (media types, counts, diff_ids of plain
  layers, the config's size — fetched once, bounded and verified);
* blobs already in the store and intact are not fetched again; every other blob streams into the
  store's temporary file while its digest, its size (a body longer than the descriptor says stops
  at once) and, for a compressed layer, the ``diff_id`` of its content are computed; a mismatch
  aborts before the blob is renamed into place. The tag is written last.

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
from ..model import Descriptor, Digest, Image, ImageConfig, ImageIndex, Index, Manifest, Platform, mediatypes as mt
from ..model import gate
from ..model.config import MAX_CONFIG
from ..model.mutate import MemorySource, OverlaySource
from ..reference import Reference
from ..store import Store
from ..store.history import recording
from .client import RegistryClient
from .remote import RemoteSource, fetch_manifest
from .result import BlobTransfer
from .streams import TransferBar, TransferMemo

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
    remote = RemoteSource(client, reference.path)
    found = fetch_manifest(client, reference)
    fetched: list[bytes] = [found.raw]
    if isinstance(found, Index):
        gate.check_index(found)
        if all_platforms:
            children = [_child(client, reference, d) for d in found.manifests if mt.is_manifest(d.media_type)]
            fetched += [c.raw for c in children]
            images = children
        else:
            wanted = Platform.parse(platform) if isinstance(platform, str) else (platform or Platform.host())
            images = [_child(client, reference, _choose(found, wanted))]
            fetched.append(images[0].raw)
    else:
        images = [found]
    configs = [_config(client, remote, manifest) for manifest in images]
    source = OverlaySource(MemorySource(*fetched, *configs), remote)
    view: Image | ImageIndex = (ImageIndex(source, found) if isinstance(found, Index) and all_platforms
                                else Image(source, images[0]))
    memo = TransferMemo(store) if isinstance(store, Store) else None
    diff_ids = {d.digest: diff for m, c in zip(images, configs)
                for d, diff in zip(m.layers, ImageConfig.from_bytes(c).rootfs.diff_ids)}
    layers = {d.digest: d for m in images for d in m.layers}
    missing = [d for d in layers.values() if not store.intact(d.digest, d.size)]
    bar = TransferBar(progress and bool(missing), sum(d.size for d in layers.values()), f"pull {reference.familiar}")

    def report(kind: str, desc: Descriptor, action: str) -> None:
        if kind not in ("layer", "config"):
            return
        done = "fetched" if action == "copied" else "present"
        if kind == "config":
            bar.update(0)
        if memo is not None and done == "fetched":
            memo.remember_seen(desc.digest, client.registry, reference.path)
        if on_blob is not None:
            on_blob(BlobTransfer(kind, desc.digest, desc.digest, desc.size, desc.size,
                                 diff_ids.get(desc.digest) if kind == "layer" else None, done, desc.media_type))

    tags = [Reference(reference.domain, reference.path, reference.tag)] if reference.tag else []
    try:
        # The tag history records the tag as pulled on every path, not only through an engine
        # (whose own recording, outermost, wins): exercise 08.1 asks whether an image came by pull.
        with recording("pull"):
            stored = store.write(view, tags=tags, jobs=jobs, on_blob=report, on_bytes=bar.update)
    finally:
        bar.close()
    return stored if tags else stored.with_ref(reference)


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


def _config(client: RegistryClient, remote: RemoteSource, manifest: Manifest) -> bytes:
    """The config blob, fetched once: bounded by its descriptor's size (and 8 MiB), verified."""
    gate.check_manifest(manifest)
    desc = manifest.config
    where = f"{client.registry}/{remote.repository}@{desc.digest}"
    with remote.open_blob(desc.digest) as stream:
        data = stream.read(min(desc.size, MAX_CONFIG) + 1)
        if len(data) != desc.size:
            from ..errors import DigestMismatch

            raise DigestMismatch("store.size_mismatch", digest=desc.digest, where=where,
                                 actual=len(data) if len(data) <= desc.size else f"> {desc.size}", size=desc.size)
        stream.read(1)  # the end: the verifying reader checks the digest there
    if Digest.of(data) != desc.digest:
        raise InvalidImage("store.write_mismatch", digest=desc.digest, actual=Digest.of(data))
    return data


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
