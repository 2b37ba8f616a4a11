"""Checking and removing: ``verify``, ``remove`` (``docker rmi``), ``gc``, and the cache area.

Nothing still referenced is ever deleted: the roots are the entries of ``index.json`` and the
digests listed under ``"blobs"`` in cache values; everything reachable from them is kept.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import time
from pathlib import Path
from typing import Any

from ..errors import BlobNotFound, DigestMismatch, DockerlabError, ImageNotFound, InvalidImage
from ..fsutil import remove_tree
from ..model import Descriptor, Digest, Image, Problem, canonical_json, validate
from ..reference import Reference

_HEX = re.compile(r"(?:sha256:)?([0-9a-f]{4,64})")


class CleanupMixin:
    """The part of :class:`~dockerlab.store.Store` that checks and deletes."""

    def verify(self, ref: "str | Reference | Digest") -> list[Problem]:
        """Every problem of the image (or each image of an index) named by ``ref``."""
        try:
            view = self.resolve(ref)
        except DigestMismatch as exc:
            return [Problem("digest_mismatch", exc.params.get("digest"), str(exc))]  # type: ignore[arg-type]
        except (BlobNotFound, InvalidImage) as exc:
            return [Problem("unreadable", None, str(exc))]
        if isinstance(view, Image):
            return validate(view)
        problems: list[Problem] = []
        for image in view.images():
            problems.extend(validate(image))
        return problems

    def remove(self, ref: "str | Reference | Digest", force: bool = False) -> list[str]:
        """Like ``docker rmi``: untag; delete the image once no tag is left. Returns what happened."""
        done: list[str] = []
        with self.lock():
            entries = self._index_entries()
            try:
                view = self.resolve(ref)
            except (BlobNotFound, DigestMismatch, InvalidImage):
                return self._remove_broken(ref, entries)
            named = isinstance(ref, Reference) or not _HEX.fullmatch(str(ref).strip())
            same = [e for e in entries if e.digest == view.digest]
            tagged = [r for e in same if (r := self._ref_of(e)) is not None]
            if named and view.ref is not None and view.ref.tag is not None and view.ref in tagged:
                drop = [e for e in same if self._ref_of(e) == view.ref]
            elif len(tagged) > 1 and not force:
                raise DockerlabError("store.multiple_tags", ref=str(ref),
                                     tags=", ".join(r.familiar for r in tagged))
            else:
                drop = same
            done += [f"Untagged: {r.familiar}" for e in drop if (r := self._ref_of(e)) is not None]
            entries = [e for e in entries if e not in drop]
            if not any(e.digest == view.digest for e in entries):
                done.append(f"Deleted: {view.id if isinstance(view, Image) else view.digest}")
            candidates = self._referenced({view.digest})
            self._write_index(entries)
            self._sweep(only=candidates)
        return done

    def _remove_broken(self, ref: "str | Reference | Digest", entries: list[Descriptor]) -> list[str]:
        """Remove a tag whose image can no longer be read (so a corrupt image can be got rid of)."""
        parsed = Reference.parse(ref)
        drop = [e for e in entries if self._ref_of(e) == parsed]
        if not drop:
            raise ImageNotFound("store.not_found", ref=str(ref), root=self.root)
        remaining = [e for e in entries if e not in drop]
        candidates = self._referenced({d.digest for d in drop})
        self._write_index(remaining)
        self._sweep(only=candidates)
        done = [f"Untagged: {parsed.familiar}"]
        if not any(e.digest == d.digest for d in drop for e in remaining):
            done.append(f"Deleted: {drop[0].digest}")
        return done

    def _roots(self) -> set[Digest]:
        roots = {e.digest for e in self._index_entries()}
        for path in self.cache.rglob("*.json"):
            with contextlib.suppress(OSError, ValueError):
                roots.update(Digest(d) for d in json.loads(path.read_bytes()).get("blobs", ()))
        return roots

    def _referenced(self, roots: set[Digest] | None = None) -> set[Digest]:
        """Everything reachable from ``roots`` (default: the store's roots)."""
        keep: set[Digest] = set()
        todo = list(self._roots() if roots is None else roots)
        while todo:
            digest = todo.pop()
            if digest in keep:
                continue
            keep.add(digest)
            if not self.has_blob(digest) or self.blob_size(digest) > 4 << 20:
                continue
            with contextlib.suppress(DockerlabError, OSError, ValueError):
                data = json.loads(self.read_blob(digest))
                if isinstance(data, dict):
                    for key in ("config", "layers", "manifests"):
                        items = data.get(key)
                        for item in [items] if isinstance(items, dict) else items or []:
                            if isinstance(item, dict) and "digest" in item:
                                todo.append(Digest(item["digest"]))
        return keep

    def _sweep(self, grace: float = 0.0, only: set[Digest] | None = None) -> list[Digest]:
        """Delete unreferenced blobs; ``only``: consider just these (a removed image's blobs),
        so a blob another process has written but not yet tagged is never touched."""
        keep = self._referenced()
        removed: list[Digest] = []
        now = time.time()
        if only is None:
            paths = list((self.layout / "blobs" / "sha256").iterdir())
        else:
            paths = [self.blob_path(d) for d in sorted(only) if d.algorithm == "sha256"]
        for path in paths:
            digest = Digest("sha256:" + path.name) if len(path.name) == 64 else None
            with contextlib.suppress(FileNotFoundError):
                if digest is not None and digest not in keep and now - path.stat().st_mtime >= grace:
                    path.unlink()
                    self._blobs.forget(digest)  # type: ignore[attr-defined]
                    removed.append(digest)
        return removed

    def _drop_stale_pins(self) -> None:
        """Pins of processes that no longer run (killed mid-write) protect nothing any more."""
        for path in (self.cache / "pins").glob("*.json") if (self.cache / "pins").is_dir() else ():
            pid = path.name.split("-", 1)[0]
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                path.unlink(missing_ok=True)
            except (ValueError, PermissionError):
                continue

    def gc(self, grace: float = 0.0) -> list[Digest]:
        """Delete blobs nothing references (older than ``grace`` seconds); return their digests."""
        with self.lock():
            self._drop_stale_pins()
            removed = self._sweep(grace)
            self._sweep_tmp(3600.0)
        return removed

    def _sweep_tmp(self, age: float) -> None:
        """Delete what ``tmp`` holds (files and ``load-*``/``transfer-*`` folders) older than ``age``."""
        now = time.time()
        for path in self.tmp.iterdir():
            try:
                st = path.lstat()
            except FileNotFoundError:
                continue
            if now - st.st_mtime <= age:
                continue
            if stat.S_ISDIR(st.st_mode):
                remove_tree(path)
            else:
                path.unlink(missing_ok=True)

    # ------------------------------------------------------------ the build cache area

    def cache_get(self, namespace: str, key: str) -> dict[str, Any] | None:
        path = self._cache_path(namespace, key)
        try:
            value = json.loads(path.read_bytes())
        except (FileNotFoundError, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def cache_put(self, namespace: str, key: str, value: dict[str, Any]) -> None:
        """Store ``value``; digests listed under ``value["blobs"]`` are kept by :meth:`gc`."""
        path = self._cache_path(namespace, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._atomic_write(path, canonical_json(value))

    def cache_delete(self, namespace: str, key: str) -> bool:
        """Forget ``key``; True when it was there."""
        try:
            self._cache_path(namespace, key).unlink()
        except FileNotFoundError:
            return False
        return True

    def _cache_path(self, namespace: str, key: str) -> Path:
        if not re.fullmatch(r"[a-z0-9_-]+", namespace):
            raise ValueError(f"cache namespace must be [a-z0-9_-]+, not {namespace!r}")
        return self.cache / namespace / (Digest.of(key.encode()).hex + ".json")
