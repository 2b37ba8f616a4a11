"""The OCI image model: digests, descriptors, manifests, indexes, configs and read-only views.

Docker's image format has the same shape, so both are read into these types. Manifests and
configs keep the exact bytes (``raw``) beside the parsed fields; digests are always of those bytes
(``validate`` checks that a view's ``digest`` and ``id`` are). The views (``Image``, ``Layer``,
``ImageIndex``) are one class each for every medium: a medium supplies a source of blobs and the
manifest, or an :class:`~.image.ImageCore` that makes it when asked.
Written by hand: no maintained Python library models OCI images (go-containerregistry's
``pkg/v1`` is the shape we follow).
"""

from __future__ import annotations

from . import mediatypes
from .blobs import BlobSource, DirSource, HashingWriter, VerifyingReader, hash_stream, open_verified, read_blob
from .config import History, ImageConfig, RootFS, RunConfig
from .descriptor import Descriptor, Platform
from .digest import EPOCH, EPOCH_ISO, Digest, Hasher, canonical_json, chain_ids, rfc3339, source_date_epoch
from .image import HistoryItem, Image, ImageCore, ImageIndex, Layer
from .manifest import Index, Manifest
from .validate import Problem, validate

__all__ = sorted([
    "BlobSource", "Descriptor", "Digest", "DirSource", "EPOCH", "EPOCH_ISO", "HashingWriter", "Hasher", "History",
    "HistoryItem", "Image", "ImageConfig", "ImageCore", "ImageIndex", "Index", "Layer", "Manifest", "Platform",
    "Problem", "RootFS", "RunConfig", "VerifyingReader", "canonical_json", "chain_ids", "hash_stream",
    "mediatypes", "open_verified", "read_blob", "rfc3339", "source_date_epoch", "validate",
])
