"""Layer tars: deterministic writing, safe unpacking with OCI whiteouts, streaming listing.

Writing follows DESIGN §3: entries sorted by path, mtime = ``SOURCE_DATE_EPOCH`` or the course
epoch, owner 0:0 unless given, no user/group names, no atime/ctime (PAX format, whose extended
headers ``tarfile`` writes only for long or non-ASCII names), permission bits kept. Content is
streamed from disk and hashed while written, so the diff_id is known without a second pass.

Unpacking is written by hand on top of ``tarfile``'s reader: its extraction filters judge
symlinks against the host's ``/``, but in a root filesystem an absolute link such as
``bin/sh -> /bin/busybox`` means the *image's* ``/``. So every parent directory is resolved
inside the target like a chroot would, the last component is never followed, and nothing is
ever created outside the target, whatever the tar holds.
"""

from .entry import OPAQUE, WHITEOUT_PREFIX, Entry, clean_path, opaque, whiteout
from .read import extract_layer, list_layer, unpack_layers, unpack_streams
from .write import tree_entries, write_layer

__all__ = ["Entry", "OPAQUE", "WHITEOUT_PREFIX", "clean_path", "extract_layer", "list_layer", "opaque",
           "tree_entries", "unpack_layers", "unpack_streams", "whiteout", "write_layer"]
