"""The build cache: ``step key -> what the step produced``, kept in the store.

A step's key chains the parent step's key with everything the step depends on, the way Docker's
legacy builder compares the parent image and the step's run config:

- the instruction as it will appear in history (``created_by``, after variable substitution, so
  ARG and ENV values that it uses are part of it; for RUN, Docker's ``|N K=V`` prefix carries the
  build args the command sees),
- the image config after the step (ENV, WORKDIR, USER … everything the step ran with),
- for COPY/ADD, a content key: paths, types, permission bits, owners and the sha256 of every copied
  file — not mtimes.

Because keys chain, the first miss changes every later key, so every later step is rebuilt. An
entry records the layer descriptor (or "no layer"); a hit whose blob was garbage-collected counts
as a miss, and so does one whose blob changed on disk (it is made again, which heals the store:
a cached rebuild never hands out a damaged layer). Entries live in the store's cache area,
written atomically.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..model import Digest, canonical_json


def chain(parent: str, *parts: Any) -> str:
    """The key of a step whose parent key is ``parent`` and whose inputs are ``parts``."""
    return hashlib.sha256(parent.encode() + b"\0" + canonical_json(list(parts))).hexdigest()


class BuildCache:
    """Step entries in the store's cache area (namespace ``build``); layer digests listed under
    ``"blobs"`` so :meth:`Store.gc` keeps them."""

    NAMESPACE = "build"

    def __init__(self, store) -> None:
        self.store = store

    def get(self, key: str) -> dict[str, Any] | None:
        entry = self.store.cache_get(self.NAMESPACE, key)
        if entry is None:
            return None
        try:
            blobs = [Digest(d) for d in entry.get("blobs", ())]
        except (ValueError, TypeError):
            return None
        if any(not self.store.intact(d) for d in blobs):
            return None  # the layer was garbage-collected or changed on disk: rebuild it
        return entry

    def put(self, key: str, value: dict[str, Any]) -> None:
        self.store.cache_put(self.NAMESPACE, key, value)
