"""The :class:`Store`: blobs, ``index.json`` under a lock, tags and resolution, and the one sink
:meth:`Store.write` every image enters through."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import secrets
import stat
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Sequence

from .. import tarutil
from ..errors import BlobNotFound, DockerlabError, ImageNotFound, InvalidImage, InvalidReference
from ..model import (
    Descriptor, Digest, Image, ImageConfig, ImageIndex, Index, Manifest, canonical_json, mediatypes as mt, read_blob,
)
from ..model import gate
from ..model.config import MAX_CONFIG
from ..model.manifest import MAX_MANIFEST
from ..model.mutate import MemorySource, OverlaySource, new_image
from ..reference import Reference
from .cleanup import _HEX, CleanupMixin
from .errors import StoreBusy, UnsafeStore
from .history import FILE_NAME as HISTORY_FILE, TagHistory, TagLog, event, recording
from .parallel import run_parallel
from .writer import BlobDir, default_root


#: How long :meth:`Store.lock` waits for another process (``DOCKERLAB_LOCK_TIMEOUT`` seconds).
LOCK_TIMEOUT = 600.0
Report = Callable[[str, Descriptor, str], None]  # (kind: layer|config|manifest|index, descriptor, present|copied)

REF_NAME = "org.opencontainers.image.ref.name"
CONTAINERD_NAME = "io.containerd.image.name"
LAYOUT_VERSION = {"imageLayoutVersion": "1.0.0"}
PRIVATE = 0o700


class Store(CleanupMixin):
    """The embedded engine's images, in an OCI image layout at ``root / "oci"``.

    The root and every folder the store makes below it belong to the user and are ``0700``, the
    lock file ``0600``: no other user of the machine can change the store, block it through its
    lock, or reach a root filesystem unpacked in it (with a setuid file from an image).

    It is a medium like an engine (``name``, :meth:`image`, :meth:`write`), so an image moves
    between a store and an engine with :func:`dockerlab.engines.transfer.copy` alone.
    """

    name = "store"  # as a medium names itself in messages (an engine: "local" or "docker")

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        self.root = Path(root).expanduser() if root is not None else default_root()
        self.layout = self.root / "oci"
        self.cache = self.root / "cache"  # key/value area for the build cache (see docs/internals.md)
        self.tmp = self.root / "tmp"
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._lock_fd: int | None = None
        self._pin_lock = threading.Lock()
        self._pin_depth = 0
        self._pin_path: Path | None = None
        self._pins: set[Digest] = set()
        self._prepare_root()
        for d in (self.layout, self.layout / "blobs", self.layout / "blobs" / "sha256", self.cache, self.tmp):
            self.private_dir(d)
        self._history = TagLog(self.root / HISTORY_FILE)
        self._blobs = BlobDir(self.layout, self.tmp, self.cache / "checked", lock=self.lock,
                              before_adopt=self.pin)
        with self.lock():
            if not (self.layout / "oci-layout").exists():
                self._atomic_write(self.layout / "oci-layout", canonical_json(LAYOUT_VERSION))
            if not (self.layout / "index.json").exists():
                self._write_index([])

    def __repr__(self) -> str:
        return f"<Store {self.root}>"

    # ------------------------------------------------------------ folders, locking and index

    def _unsafe(self, path: Path, problem: str) -> UnsafeStore:
        return UnsafeStore("store.unsafe_root", path=str(path), problem=problem)

    def _prepare_root(self) -> None:
        root = self.root
        try:
            st = os.stat(root)
        except FileNotFoundError:
            root.mkdir(parents=True, exist_ok=True, mode=PRIVATE)
            st = os.stat(root)
            if st.st_uid == os.geteuid():
                os.chmod(root, PRIVATE)
                st = os.stat(root)
        if not stat.S_ISDIR(st.st_mode):
            raise self._unsafe(root, "bukan folder / not a folder")
        if st.st_uid != os.geteuid():
            raise self._unsafe(root, f"uid {st.st_uid} ≠ {os.geteuid()}")
        if st.st_mode & 0o022:
            raise self._unsafe(root, f"mode {stat.filemode(st.st_mode)}")

    def private_dir(self, path: str | os.PathLike[str]) -> Path:
        """``path`` (below the root) as a folder of this user's only (``0700``), made if missing."""
        path = Path(path)
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, PRIVATE)
        st = os.lstat(path)
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid():
            raise self._unsafe(path, "bukan folder milik Anda / not a folder of yours")
        if stat.S_IMODE(st.st_mode) != PRIVATE:
            os.chmod(path, PRIVATE)
        return path

    def _open_lock(self) -> int:
        path = self.root / "lock"
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        try:
            fd = os.open(path, flags, 0o600)
        except OSError as exc:
            raise self._unsafe(path, exc.strerror or str(exc)) from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            os.close(fd)
            raise self._unsafe(path, f"{stat.filemode(st.st_mode)} uid {st.st_uid}")
        if stat.S_IMODE(st.st_mode) != 0o600:
            os.fchmod(fd, 0o600)
        return fd

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive inter-process lock (``fcntl.flock`` on ``root/lock``); re-entrant; waits at most
        ``DOCKERLAB_LOCK_TIMEOUT`` seconds (default 600) for another process, then :class:`StoreBusy`."""
        with self._thread_lock:
            if self._depth == 0:
                fd = self._open_lock()
                try:
                    self._acquire(fd)
                except BaseException:
                    os.close(fd)
                    raise
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

    def _acquire(self, fd: int) -> None:
        try:
            timeout = float(os.environ.get("DOCKERLAB_LOCK_TIMEOUT") or LOCK_TIMEOUT)
        except ValueError:
            timeout = LOCK_TIMEOUT
        deadline, delay = time.monotonic() + timeout, 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):
                    raise
            if time.monotonic() >= deadline:
                raise StoreBusy("store.lock_timeout", root=str(self.root), seconds=int(timeout),
                                path=str(self.root / "lock"))
            time.sleep(delay)  # polling a condition with a bound: flock has no timeout
            delay = min(delay * 2, 0.1)

    def _atomic_write(self, path: Path, data: bytes) -> None:
        fd, name = tempfile.mkstemp(prefix=path.name + ".", dir=self.tmp)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(name, 0o644)
            os.replace(name, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
            raise

    def _index_entries(self) -> list[Descriptor]:
        path = self.layout / "index.json"
        try:
            return list(Index.from_bytes(path.read_bytes(), where=str(path)).manifests)
        except InvalidImage as exc:
            raise InvalidImage("store.bad_index", path=path, error=exc, root=self.root) from None

    def _write_index(self, entries: Iterable[Descriptor]) -> None:
        """Replace ``index.json`` (under the lock), then append the tags it changed to the tag
        history; the history file is checked first, so a hostile one changes nothing."""
        entries = list(entries)
        changes = self._tag_changes(entries)
        log = self._history.open() if changes else None
        try:
            data = {"schemaVersion": 2, "mediaType": mt.OCI_INDEX, "manifests": [d.to_dict() for d in entries]}
            self._atomic_write(self.layout / "index.json", canonical_json(data))
            if log is not None:
                self._history.append(log, changes)
        finally:
            if log is not None:
                os.close(log)

    def _tag_changes(self, entries: list[Descriptor]) -> list[dict[str, Any]]:
        """One history event per tag whose target differs between the index on disk and ``entries``."""
        try:
            before = self._index_entries() if (self.layout / "index.json").exists() else []
        except InvalidImage:
            before = []

        def targets(items: list[Descriptor]) -> dict[str, Descriptor]:
            return {ref.familiar: e for e in items if (ref := self._ref_of(e)) is not None}

        old, new = targets(before), targets(entries)
        out = []
        # In the order the tags were set (a build's -t order), then the ones removed.
        for name in [*new, *(n for n in old if n not in new)]:
            a, b = old.get(name), new.get(name)
            if a is not None and b is not None and a.digest == b.digest:
                continue
            out.append(event(name, self._identity(a), self._identity(b)))
        return out

    def _identity(self, entry: Descriptor | None) -> tuple[Digest | None, Digest | None]:
        """``(image ID, manifest digest)`` of an index entry (an index: its own digest twice)."""
        if entry is None:
            return None, None
        if mt.is_manifest(entry.media_type) and self.has_blob(entry.digest):
            with contextlib.suppress(DockerlabError, OSError, ValueError):
                raw = read_blob(self, entry.digest, MAX_MANIFEST)
                return Manifest.from_bytes(raw, entry.media_type).config.digest, entry.digest
        return entry.digest, entry.digest

    # ------------------------------------------------------------ the tag history

    def tag_history(self, name: str | None = None, *, limit: int | None = None) -> TagHistory:
        """Every tag set, moved or removed in this store, oldest first (``name``: one tag, or
        every tag of a repository); bounded, and never failing on a damaged log line."""
        if limit is None:
            return self._history.read(name)
        return self._history.read(name, limit=limit)

    def recording(self, command: str):
        """``with store.recording("build"):`` — tag events inside name that command."""
        return recording(command)

    # ------------------------------------------------------------ pins: blobs being written

    @contextlib.contextmanager
    def pinned(self) -> Iterator[None]:
        """While inside, every blob this store object writes (and every digest given to
        :meth:`pin`) is kept by ``gc``/``remove`` of any process, until the image that uses it is
        tagged or cached. Re-entrant; a pin left by a killed process is dropped by ``gc``."""
        with self._pin_lock:
            if self._pin_depth == 0:
                self._pin_path = self.cache / "pins" / f"{os.getpid()}-{secrets.token_hex(8)}.json"
                self._pins = set()
            self._pin_depth += 1
        try:
            yield
        finally:
            with self._pin_lock:
                self._pin_depth -= 1
                if self._pin_depth == 0 and self._pin_path is not None:
                    with contextlib.suppress(FileNotFoundError):
                        self._pin_path.unlink()
                    self._pin_path = None

    def pin(self, digest: Digest) -> None:
        """Keep ``digest`` (and, for a manifest or index, what it references) while pinned.

        The pin file is written under the store lock, so a ``gc`` of another process either sees
        the pin or has finished before it: a caller that pins, then checks the blob is there, can
        never see it present and lose it afterwards."""
        if self._pin_path is None:
            return
        with self.lock(), self._pin_lock:
            if self._pin_path is None or digest in self._pins:
                return
            self._pins.add(Digest(digest))
            self.private_dir(self._pin_path.parent)
            value = {"blobs": sorted(self._pins), "pid": os.getpid()}
            self._atomic_write(self._pin_path, canonical_json(value))

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

    def intact(self, digest: Digest, size: int | None = None) -> bool:
        """Whether blob ``digest`` is here and right (see :meth:`BlobDir.intact`)."""
        return self._blobs.intact(digest, size)

    def blob_writer(self, expected: Digest | None = None, media_type: str = "application/octet-stream", **checks):
        """``with store.blob_writer() as w: w.write(…)`` then ``w.descriptor`` (the one write path)."""
        return self._blobs.writer(expected, media_type, **checks)

    def write_blob(self, data: bytes | BinaryIO, expected: Digest | None = None,
                   media_type: str = "application/octet-stream", **checks: Any) -> Descriptor:
        """Store ``data`` (bytes or a readable stream, copied in chunks); return its descriptor."""
        if isinstance(data, (bytes, bytearray, memoryview)):
            return self._blobs.write_bytes(bytes(data), media_type, expected=expected)
        return self._blobs.write_stream(data, expected, media_type, **checks)

    def write_layer(self, entries: Iterable[tarutil.Entry], *, mtime: int | None = None) -> Descriptor:
        """Write ``entries`` as an uncompressed layer blob (hashed once, while written); its descriptor."""
        with self.pinned(), self._blobs.writer(media_type=mt.OCI_LAYER) as writer:
            tarutil.write_layer(writer, entries, mtime=mtime)
        assert writer.descriptor is not None
        return writer.descriptor

    # ------------------------------------------------------------ the sink

    def write(self, view: Image | ImageIndex, *, tags: Sequence[str | Reference] = (), jobs: int = 1,
              on_blob: Report | None = None, on_bytes: Callable[[int], None] | None = None) -> Image | ImageIndex:
        """Store ``view`` (an image or index from any medium) and tag it ``tags``; the stored view.

        The one way into the store: the metadata is checked first (:mod:`dockerlab.model.gate`);
        every blob the store lacks, or has damaged, is copied from ``view.source`` and verified
        while written (digest, size, and the diff_id of a compressed layer); manifests go in
        after their blobs, and the tags last, in one atomic ``index.json`` update. A failure at
        any point leaves the tags as they were.
        """
        return self.write_many([(view, tags)], jobs=jobs, on_blob=on_blob, on_bytes=on_bytes)[0]

    def write_many(self, items: Iterable[tuple[Image | ImageIndex, Sequence[str | Reference]]], *, jobs: int = 1,
                   on_blob: Report | None = None, on_bytes: Callable[[int], None] | None = None
                   ) -> list[Image | ImageIndex]:
        """:meth:`write` for several views, tagged together in one ``index.json`` update."""
        plan = [(view, [self._tag_ref(t) for t in tags]) for view, tags in items]
        with self.pinned():
            written: list[tuple[Image | ImageIndex, list[Reference], list[Digest]]] = []
            for view, refs in plan:
                blobs: list[Digest] = []
                self._copy(view, 0, blobs, jobs, on_blob, on_bytes)
                written.append((view, refs, blobs))
            with self.lock():
                for _, _, blobs in written:
                    for digest in blobs:
                        if not self.has_blob(digest):
                            raise BlobNotFound("store.blob_vanished", digest=digest)
                entries = self._index_entries()
                out = []
                for view, refs, _ in written:
                    stored = self._stored(view)
                    entries = self._publish(entries, stored, refs)
                    out.append(stored.with_ref(refs[-1]) if refs else stored)
                self._write_index(entries)
        return out

    @staticmethod
    def _tag_ref(tag: str | Reference) -> Reference:
        ref = Reference.parse(tag)
        if ref.digest is not None:
            raise InvalidReference("store.tag_digest", ref=ref.familiar)
        return ref

    def _stored(self, view: Image | ImageIndex) -> Image | ImageIndex:
        if isinstance(view, Image):
            return Image(self, view.manifest)
        return ImageIndex(self, view.index)

    def _publish(self, entries: list[Descriptor], view: Image | ImageIndex, refs: list[Reference]) -> list[Descriptor]:
        if not refs:
            if not any(e.digest == view.digest for e in entries):
                entries.append(self._entry(view, None))
            return entries
        for ref in refs:
            old = [e for e in entries if self._ref_of(e) == ref]
            entries = [e for e in entries if e not in old and not (e.digest == view.digest and self._ref_of(e) is None)]
            entries.append(self._entry(view, ref))
            entries = self._keep_dangling(entries, old)
        return entries

    def _copy(self, view: Image | ImageIndex, depth: int, blobs: list[Digest], jobs: int,
              on_blob: Report | None, on_bytes: Callable[[int], None] | None) -> None:
        report = on_blob or (lambda kind, desc, action: None)
        if isinstance(view, ImageIndex):
            gate.check_index(view.index, depth=depth)
            for child in view.manifests:
                if child.digest in blobs or not (view.source.has_blob(child.digest) or self.has_blob(child.digest)):
                    continue  # an index may name platforms this medium does not hold (a pull of one)
                raw = self._small(view.source, child, MAX_MANIFEST)
                if mt.is_index(child.media_type):
                    sub: Image | ImageIndex = ImageIndex(view.source, Index.from_bytes(raw, child.media_type))
                else:
                    sub = Image(view.source, Manifest.from_bytes(raw, child.media_type))
                self._copy(sub, depth + 1, blobs, jobs, on_blob, on_bytes)
            self._bytes(view.index.raw, view.descriptor, "index", blobs, report)
            return
        manifest = view.manifest
        gate.check_manifest(manifest)
        config_raw = self._small(view.source, manifest.config, MAX_CONFIG)
        config = ImageConfig.from_bytes(config_raw, where=f"config {manifest.config.digest}")
        gate.check_config(manifest, config)

        def layer(pair: tuple[Descriptor, Digest]) -> None:
            desc, diff_id = pair
            kind = mt.compression(desc.media_type)
            self.pin(desc.digest)
            if self._blobs.intact(desc.digest, desc.size, diff_id=diff_id, compression=kind):
                if on_bytes is not None:
                    on_bytes(desc.size)
                report("layer", desc, "present")
                return
            self._from_source(view.source, desc, diff_id if kind else None, kind, on_bytes)
            report("layer", desc, "copied")

        pairs = list(zip(manifest.layers, config.rootfs.diff_ids))
        run_parallel(layer, pairs, jobs)
        blobs.extend(d.digest for d, _ in pairs)
        self._bytes(config_raw, manifest.config, "config", blobs, report)
        self._bytes(manifest.raw, view.descriptor, "manifest", blobs, report)

    def _small(self, source: Any, desc: Descriptor, limit: int) -> bytes:
        """A manifest or config (bounded): the intact copy here, else from ``source``, verified."""
        if desc.size > limit:
            raise InvalidImage("model.gate.too_big", where=str(source), what="blob", digest=desc.digest,
                               size=desc.size, limit=limit)
        have = self if self._blobs.intact(desc.digest, desc.size) else source
        data = read_blob(have, desc.digest, limit)
        if Digest.of(data) != desc.digest:  # a source that does not verify by itself
            raise InvalidImage("store.write_mismatch", digest=desc.digest, actual=Digest.of(data))
        if len(data) != desc.size:
            raise InvalidImage("store.size_mismatch", digest=desc.digest, where=str(source), actual=len(data),
                               size=desc.size)
        return data

    def _bytes(self, data: bytes, desc: Descriptor, kind: str, blobs: list[Digest], report: Report) -> None:
        self.pin(desc.digest)
        present = self._blobs.intact(desc.digest, len(data))
        self._blobs.write_bytes(data, desc.media_type, expected=desc.digest)
        blobs.append(desc.digest)
        report(kind, desc, "present" if present else "copied")

    def _from_source(self, source: Any, desc: Descriptor, diff_id: Digest | None, kind: str | None,
                     on_bytes: Callable[[int], None] | None) -> None:
        owner = source.source_of(desc.digest) if isinstance(source, OverlaySource) else source
        where = str(owner)
        with source.open_blob(desc.digest) as stream, self._blobs.writer(
                desc.digest, desc.media_type, size=desc.size, diff_id=diff_id, compression=kind,
                where=where) as writer:
            while chunk := stream.read(1 << 20):
                writer.write(chunk)
                if on_bytes is not None:
                    on_bytes(len(chunk))

    # ------------------------------------------------------------ images

    def put_manifest(self, raw: bytes, media_type: str | None = None) -> Image | ImageIndex:
        """Store a manifest or index (exact bytes) whose blobs are here; listed untagged until tagged."""
        obj = self._parse_top(raw, media_type)
        source = OverlaySource(MemorySource(raw), self)
        view = Image(source, obj) if isinstance(obj, Manifest) else ImageIndex(source, obj)
        return self.write(view)

    def put_image(self, config_bytes: bytes, layer_descriptors: Iterable[Descriptor],
                  annotations: dict[str, str] | None = None) -> Image:
        """Write the config and an OCI manifest for layers already in the store."""
        layers = list(layer_descriptors)
        for d in layers:
            if not self.has_blob(d.digest):
                raise BlobNotFound("model.blob_missing", digest=d.digest, where=self.layout)
        config = ImageConfig.from_bytes(config_bytes)
        image = self.write(new_image(config, layers, self, annotations=annotations))
        assert isinstance(image, Image)
        return image

    @staticmethod
    def _parse_top(raw: bytes, media_type: str | None) -> Manifest | Index:
        declared = media_type
        if declared is None:
            try:
                data = json.loads(raw)
            except (ValueError, UnicodeDecodeError, RecursionError):
                data = None
            if not isinstance(data, dict):
                raise InvalidImage("store.not_image", digest=Digest.of(raw), media_type="?")
            declared = data.get("mediaType") or (mt.OCI_INDEX if "manifests" in data else mt.OCI_MANIFEST)
        if mt.is_index(declared):
            return Index.from_bytes(raw, declared)
        return Manifest.from_bytes(raw, declared if isinstance(declared, str) else None)

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
        ref = self._tag_ref(ref)
        view = target if isinstance(target, (Image, ImageIndex)) else self.resolve(target)
        if not self.has_blob(view.digest):
            raise BlobNotFound("model.blob_missing", digest=view.digest, where=self.layout)
        view = view.with_ref(ref)
        with self.lock():
            entries = self._publish(self._index_entries(), view, [ref])
            self._write_index(entries)
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

    def image(self, ref: "str | Reference | Digest") -> Image | ImageIndex:
        """The medium verb every engine has too (``engine.image(ref)``): what :meth:`resolve`
        finds. With :meth:`write` it makes the store a medium for ``engines.transfer.copy``."""
        return self.resolve(ref)

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
