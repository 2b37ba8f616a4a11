"""The local store: an OCI image layout directory (``oci-layout``, ``index.json``, ``blobs/``).

Guarantees (umoci's, written down, and held by one path each):

* Every image enters through one sink, :meth:`Store.write` (archive loads, pulls, builds, commits,
  engine-to-engine copies): metadata checked first, tags written last, together.
* A blob is hashed while written to a temporary file on the same filesystem (its size bounded by
  its descriptor, a compressed layer's diff_id computed too) and renamed into ``blobs/sha256/<hex>``
  only when right — by one writer, :class:`~.writer.BlobDir`; writing the same blob twice is safe,
  and a blob already there is kept only when it is intact (else it is replaced: healed).
* ``index.json`` is replaced atomically (write, fsync, rename) under an ``fcntl`` lock, so two
  processes sharing one store lose nothing.
* Every blob read is checked against its digest (:class:`~dockerlab.errors.DigestMismatch` names
  the digest and the file).
* ``untag``/``remove``/``gc`` never delete a blob that something still references, or that an
  unfinished command of any process has pinned; a SIGKILL at any moment leaves a valid store.
* The store is its owner's alone: folders ``0700``, the lock ``0600`` (no other user can change it,
  block it or reach a setuid file unpacked in it).

Every change of a tag (set, moved, removed) is appended by that one index writer to the tag
history, ``tag-history.jsonl`` in the root (:mod:`.history`), read with :meth:`Store.tag_history`.

Tags are index entries annotated with ``org.opencontainers.image.ref.name`` = the short name
as ``docker images`` shows it (``halo:1.0``, ``localhost:5000/app:1``), so
``skopeo inspect oci:<root>/oci:halo:1.0`` reads our images, and containerd's
``io.containerd.image.name`` = the full reference (``docker.io/library/halo:1.0``), which is what
Docker reads when it loads an OCI layout. An entry with no name is an untagged ("dangling",
``<none>``) image. Written by hand: no Python library writes
OCI layouts with these guarantees.
"""


from .core import CONTAINERD_NAME, LAYOUT_VERSION, REF_NAME, Store
from .errors import StoreBusy, UnsafeStore
from .history import TagEvent, TagHistory, TagLog, recording
from .writer import BlobDir, BlobWriter, default_root

__all__ = ["BlobDir", "BlobWriter", "CONTAINERD_NAME", "LAYOUT_VERSION", "REF_NAME", "Store", "StoreBusy",
           "TagEvent", "TagHistory", "TagLog", "UnsafeStore", "default_root", "recording"]
