"""The local store: an OCI image layout directory (``oci-layout``, ``index.json``, ``blobs/``).

Guarantees (umoci's, written down):

* A blob is hashed while written to a temporary file on the same filesystem and renamed into
  ``blobs/sha256/<hex>`` only when the digest is right; writing the same blob twice is safe.
* ``index.json`` is replaced atomically (write, fsync, rename) under an ``fcntl`` lock, so two
  processes sharing one store lose nothing.
* Every blob read is checked against its digest (:class:`~dockerlab.errors.DigestMismatch` names
  the digest and the file).
* ``untag``/``remove``/``gc`` never delete a blob that something still references.

Tags are index entries annotated with ``org.opencontainers.image.ref.name`` = the short name
as ``docker images`` shows it (``halo:1.0``, ``localhost:5000/app:1``), so
``skopeo inspect oci:<root>/oci:halo:1.0`` reads our images, and containerd's
``io.containerd.image.name`` = the full reference (``docker.io/library/halo:1.0``), which is what
Docker reads when it loads an OCI layout. An entry with no name is an untagged ("dangling",
``<none>``) image. Written by hand: no Python library writes
OCI layouts with these guarantees.
"""


from .core import CONTAINERD_NAME, LAYOUT_VERSION, REF_NAME, Store
from .writer import BlobWriter, default_root

__all__ = ["BlobWriter", "CONTAINERD_NAME", "LAYOUT_VERSION", "REF_NAME", "Store", "default_root"]
