"""The :class:`Store`: blobs, ``index.json`` under a lock, tags and resolution."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..errors import BlobNotFound, DockerlabError, ImageNotFound, InvalidImage, InvalidReference
from ..i18n import messages
from ..model import (
    Descriptor, Digest, DirSource, Image, ImageIndex, Index, Manifest, canonical_json, mediatypes as mt, read_blob,
)
from ..model.blobs import CHUNK
from ..reference import Reference
from .cleanup import _HEX, CleanupMixin
from .writer import adopt_file, default_root, writer_context

messages({
    "store.write_mismatch": (
        "Blob yang ditulis ber-sha256 {actual}, padahal yang diharapkan {digest}. Tidak ada yang "
        "disimpan; sumbernya rusak atau terpotong — ambil ulang.",
        "The blob written hashes to {actual}, but {digest} was expected. Nothing was stored; the "
        "source is damaged or cut short — get it again.",
    ),
    "store.not_found": (
        "Image {ref!r} tidak ada di penyimpanan lokal ({root}). Lihat daftar dengan "
        "`dockerlab.images()` (setara `docker images`), atau build/pull/load dulu.",
        "Image {ref!r} is not in the local store ({root}). List what is there with "
        "`dockerlab.images()` (like `docker images`), or build/pull/load it first.",
    ),
    "store.ambiguous": (
        "ID {ref!r} cocok dengan lebih dari satu image: {matches}. Tulis lebih banyak digit.",
        "The ID {ref!r} matches more than one image: {matches}. Write more digits.",
    ),
    "store.multiple_tags": (
        "Image {ref} dipakai oleh beberapa tag ({tags}). Hapus lewat nama tag, atau pakai "
        "force=True (setara `docker rmi -f`).",
        "Image {ref} is used by several tags ({tags}). Remove it by tag name, or use force=True "
        "(like `docker rmi -f`).",
    ),
    "store.bad_index": (
        "{path} rusak ({error}). Penyimpanan tidak diubah. Pulihkan berkas itu, atau pindahkan "
        "folder {root} dan mulai dengan penyimpanan baru.",
        "{path} is damaged ({error}). The store was not changed. Restore that file, or move the "
        "folder {root} away and start with a new store.",
    ),
    "store.tag_digest": (
        "Tag tidak bisa dibuat dari {ref!r}: referensi dengan digest (@sha256:…) menunjuk isi yang "
        "tetap, bukan nama yang bisa dipindah. Tulis nama:tag saja, misalnya 'halo:1.0'.",
        "Cannot create a tag from {ref!r}: a reference with a digest (@sha256:…) names fixed "
        "content, not a movable name. Write just name:tag, for example 'halo:1.0'.",
    ),
    "store.not_image": (
        "{digest} di penyimpanan bukan manifest atau index image (media type {media_type!r}).",
        "{digest} in the store is not an image manifest or index (media type {media_type!r}).",
    ),
})

REF_NAME = "org.opencontainers.image.ref.name"
CONTAINERD_NAME = "io.containerd.image.name"
LAYOUT_VERSION = {"imageLayoutVersion": "1.0.0"}


class Store(CleanupMixin):
    """The embedded engine's images, in an OCI image layout at ``root / "oci"``."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self.root = Path(root).expanduser() if root is not None else default_root()
        self.layout = self.root / "oci"
        self.cache = self.root / "cache"  # key/value area for the build cache (see docs/internals.md)
        self.tmp = self.root / "tmp"
        self._blobs = DirSource(self.layout)
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._lock_fd: int | None = None
        for d in (self.layout / "blobs" / "sha256", self.cache, self.tmp):
            d.mkdir(parents=True, exist_ok=True)
        with self.lock():
            if not (self.layout / "oci-layout").exists():
                self._atomic_write(self.layout / "oci-layout", canonical_json(LAYOUT_VERSION))
            if not (self.layout / "index.json").exists():
                self._write_index([])

    def __repr__(self) -> str:
        return f"<Store {self.root}>"

    # ------------------------------------------------------------ locking and index

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive inter-process lock (``fcntl.flock`` on ``root/lock``); re-entrant."""
        with self._thread_lock:
            if self._depth == 0:
                fd = os.open(self.root / "lock", os.O_RDWR | os.O_CREAT, 0o644)
                fcntl.flock(fd, fcntl.LOCK_EX)
                self._lock_fd = fd
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._lock_fd is not None:
                    fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
                    os.close(self._lock_fd)
                    self._lock_fd = None

    def _atomic_write(self, path: Path, data: bytes) -> None:
        fd, name = tempfile.mkstemp(prefix=path.name + ".", dir=self.tmp)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(name, 0o644)
        os.replace(name, path)

    def _index_entries(self) -> list[Descriptor]:
        path = self.layout / "index.json"
        try:
            return list(Index.from_bytes(path.read_bytes(), where=str(path)).manifests)
        except InvalidImage as exc:
            raise InvalidImage("store.bad_index", path=path, error=exc, root=self.root) from None

    def _write_index(self, entries: Iterable[Descriptor]) -> None:
        data = {"schemaVersion": 2, "mediaType": mt.OCI_INDEX, "manifests": [d.to_dict() for d in entries]}
        self._atomic_write(self.layout / "index.json", canonical_json(data))

    # ------------------------------------------------------------ blobs (BlobSource)

    def blob_path(self, digest: Digest) -> Path:
        return self._blobs.blob_path(digest)

    def has_blob(self, digest: Digest) -> bool:
        return self._blobs.has_blob(digest)

    def blob_size(self, digest: Digest) -> int:
        return self._blobs.blob_size(digest)

    def open_blob(self, digest: Digest) -> BinaryIO:
        return self._blobs.open_blob(digest)

    def read_blob(self, digest: Digest) -> bytes:
        return read_blob(self, digest)

    def adopt_blob(self, tmp: str | os.PathLike[str], digest: Digest, size: int) -> Path:
        """Move the finished temporary file ``tmp`` (in :attr:`tmp`, hashed to ``digest``) into
        place as a 0644 blob; an already present blob is kept and ``tmp`` removed."""
        final = self.blob_path(digest)
        adopt_file(tmp, final, size)
        return final

    def blob_writer(self, expected: Digest | None = None, media_type: str = "application/octet-stream"):
        """``with store.blob_writer() as w: write_layer(w, …)`` then ``w.descriptor``."""
        return writer_context(self, expected, media_type)

    def write_blob(self, data: bytes | BinaryIO, expected: Digest | None = None,
                   media_type: str = "application/octet-stream") -> Descriptor:
        """Store ``data`` (bytes or a readable stream, copied in chunks); return its descriptor."""
        if isinstance(data, (bytes, bytearray, memoryview)):
            digest = Digest.of(bytes(data))
            if self.has_blob(digest) and (expected is None or expected == digest):
                return Descriptor(media_type, digest, len(data))
        with self.blob_writer(expected, media_type) as w:
            if isinstance(data, (bytes, bytearray, memoryview)):
                w.write(bytes(data))
            else:
                while chunk := data.read(CHUNK):
                    w.write(chunk)
        assert w.descriptor is not None
        return w.descriptor

    # ------------------------------------------------------------ images

    def put_manifest(self, raw: bytes, media_type: str | None = None) -> Image | ImageIndex:
        """Store a manifest or index (exact bytes); it is listed as untagged until tagged."""
        obj = self._parse_top(raw, media_type)
        self.write_blob(raw, media_type=obj.media_type)
        view = Image(self, obj) if isinstance(obj, Manifest) else ImageIndex(self, obj)
        with self.lock():
            entries = self._index_entries()
            if not any(e.digest == obj.digest for e in entries):
                entries.append(self._entry(view, None))
                self._write_index(entries)
        return view

    def put_image(self, config_bytes: bytes, layer_descriptors: Iterable[Descriptor],
                  annotations: dict[str, str] | None = None) -> Image:
        """Write the config and an OCI manifest for layers already in the store."""
        layers = list(layer_descriptors)
        for d in layers:
            if not self.has_blob(d.digest):
                raise BlobNotFound("model.blob_missing", digest=d.digest, where=self.layout)
        config = self.write_blob(config_bytes, media_type=mt.OCI_CONFIG)
        manifest = Manifest.build(config, layers, annotations)
        image = self.put_manifest(manifest.raw)
        assert isinstance(image, Image)
        return image

    @staticmethod
    def _parse_top(raw: bytes, media_type: str | None) -> Manifest | Index:
        declared = media_type
        if declared is None:
            try:
                data = json.loads(raw)
            except (ValueError, UnicodeDecodeError):
                data = None
            if not isinstance(data, dict):
                raise InvalidImage("store.not_image", digest=Digest.of(raw), media_type="?")
            declared = data.get("mediaType") or (mt.OCI_INDEX if "manifests" in data else mt.OCI_MANIFEST)
        if mt.is_index(declared):
            return Index.from_bytes(raw, declared)
        return Manifest.from_bytes(raw, declared)

    def _view(self, desc: Descriptor, ref: Reference | None) -> Image | ImageIndex:
        raw = self.read_blob(desc.digest)
        if mt.is_index(desc.media_type):
            return ImageIndex(self, Index.from_bytes(raw, desc.media_type, where=f"index {desc.digest}"), ref)
        if mt.is_manifest(desc.media_type):
            return Image(self, Manifest.from_bytes(raw, desc.media_type, where=f"manifest {desc.digest}"), ref)
        raise InvalidImage("store.not_image", digest=desc.digest, media_type=desc.media_type)

    def _entry(self, view: Image | ImageIndex, ref: Reference | None) -> Descriptor:
        annotations = {REF_NAME: ref.familiar, CONTAINERD_NAME: ref.full} if ref is not None else {}
        platform = None
        if isinstance(view, Image):
            with contextlib.suppress(DockerlabError, OSError):
                platform = view.platform
        return view.descriptor.with_annotations(annotations).with_platform(platform)

    @staticmethod
    def _ref_of(entry: Descriptor) -> Reference | None:
        name = entry.annotations.get(REF_NAME)
        if not name:
            return None
        try:
            return Reference.parse(entry.annotations.get(CONTAINERD_NAME) or name)
        except DockerlabError:
            return None

    def tag(self, ref: str | Reference, target: "Image | ImageIndex | Digest | str") -> Image | ImageIndex:
        """Point ``ref`` at ``target`` (like ``docker tag``); the old target is kept, untagged."""
        ref = Reference.parse(ref)
        if ref.digest is not None:
            raise InvalidReference("store.tag_digest", ref=ref.familiar)
        view = target if isinstance(target, (Image, ImageIndex)) else self.resolve(target)
        if not self.has_blob(view.digest):
            raise BlobNotFound("model.blob_missing", digest=view.digest, where=self.layout)
        view = view.with_ref(ref)
        with self.lock():
            entries = self._index_entries()
            old = [e for e in entries if self._ref_of(e) == ref]
            entries = [e for e in entries if e not in old and not (e.digest == view.digest and self._ref_of(e) is None)]
            entries.append(self._entry(view, ref))
            self._write_index(self._keep_dangling(entries, old))
        return view

    def _keep_dangling(self, entries: list[Descriptor], dropped: list[Descriptor]) -> list[Descriptor]:
        """Images that lost their last tag stay listed as untagged (Docker's ``<none>``)."""
        for e in dropped:
            if not any(x.digest == e.digest for x in entries):
                entries.append(e.with_annotations({}))
        return entries

    def untag(self, ref: str | Reference) -> None:
        ref = Reference.parse(ref)
        with self.lock():
            entries = self._index_entries()
            old = [e for e in entries if self._ref_of(e) == ref]
            if not old:
                raise ImageNotFound("store.not_found", ref=ref.familiar, root=self.root)
            self._write_index(self._keep_dangling([e for e in entries if e not in old], old))

    def tags(self) -> list[tuple[Reference, Descriptor]]:
        out = [(r, e) for e in self._index_entries() if (r := self._ref_of(e)) is not None]
        return sorted(out, key=lambda item: item[0].full)

    def images(self) -> list[Image | ImageIndex]:
        """One view per index entry: tagged ones carry ``ref``, untagged ones ``ref=None``."""
        return [self._view(e, self._ref_of(e)) for e in self._index_entries()]

    def resolve(self, ref: "str | Reference | Digest") -> Image | ImageIndex:
        """A tag, ``name@sha256:…``, a manifest digest, an image ID, or an ID prefix (≥ 4 digits).

        As in Docker, a name wins over an ID prefix that happens to look like it (``cafe``).
        """
        text = ref.full if isinstance(ref, Reference) else str(ref).strip()
        entries = self._index_entries()
        hexmatch = None if isinstance(ref, Reference) else _HEX.fullmatch(text)
        if hexmatch and (text.startswith("sha256:") or len(hexmatch.group(1)) == 64):
            found = self._by_id_prefix(entries, hexmatch.group(1), text)
            if found is not None:
                return found
            return self._by_digest(Digest.parse(text), None, text)
        parsed = Reference.parse(text)
        if parsed.digest is not None:
            return self._by_digest(parsed.digest, parsed, text)
        for e in entries:
            if self._ref_of(e) == parsed:
                return self._view(e, parsed)
        if hexmatch:
            found = self._by_id_prefix(entries, hexmatch.group(1), text)
            if found is not None:
                return found
        raise ImageNotFound("store.not_found", ref=text, root=self.root)

    def _by_digest(self, digest: Digest, ref: Reference | None, text: str) -> Image | ImageIndex:
        if not self.has_blob(digest):
            raise ImageNotFound("store.not_found", ref=text, root=self.root)
        if self.blob_size(digest) > 4 << 20:  # far bigger than any manifest: a layer
            raise InvalidImage("store.not_image", digest=digest, media_type="?")
        obj = self._parse_top(self.read_blob(digest), None)
        view = Image(self, obj) if isinstance(obj, Manifest) else ImageIndex(self, obj)
        return view.with_ref(ref)

    def _by_id_prefix(self, entries: list[Descriptor], prefix: str, text: str) -> Image | ImageIndex | None:
        matches: dict[Digest, Image | ImageIndex] = {}
        for e in entries:
            view = self._view(e, self._ref_of(e))
            ids = [view.digest] + ([view.id] if isinstance(view, Image) else [])
            if any(d.hex.startswith(prefix) for d in ids) and view.digest not in matches:
                matches[view.digest] = view
        if len(matches) > 1:
            raise ImageNotFound("store.ambiguous", ref=text, matches=", ".join(d.short for d in matches))
        return next(iter(matches.values()), None)

    # ------------------------------------------------------------ checking and removing
