"""The layer toolkit: one tar reader, one extraction path, one whiteout rule, one layer writer,
one file-system diff.

* :mod:`.entry` — :class:`Entry` (one member, as listed or to be written), the whiteout
  vocabulary and its one rule (:func:`whiteout_of`), :func:`clean_path`, the :class:`Limits`.
* :mod:`.headers` — :class:`TarReader`, the hand-written reader every tar of the package goes
  through (layers, image archives, ``ADD`` tars, inspection listings), with its bounds.
* :mod:`.read` — :func:`list_layer`, the one extraction path (:func:`extract_layer`,
  :func:`unpack_streams`, :func:`unpack_layers`: confined to the target through directory file
  descriptors) and :func:`spool_archive` for ``ADD``.
* :mod:`.write` — deterministic layer writing (DESIGN §3): entries sorted by path, mtime =
  ``SOURCE_DATE_EPOCH`` or the course epoch, owner 0:0 unless given, no user/group names, no
  atime/ctime (PAX format), permission bits kept; content streamed and hashed while written.
* :mod:`.diff` — a root filesystem before/after (a ``RUN`` step) or lower/upper (a container)
  → the changes (``docker diff``) and the layer entries (``RUN`` layers, ``docker commit``).
"""

from .diff import IGNORED, Change, Snapshot, changes, layer_entries, snapshot
from .entry import OPAQUE, WHITEOUT_PREFIX, Entry, Limits, clean_path, opaque, whiteout, whiteout_of
from .headers import Header, TarReader, open_tar_stream
from .read import extract_layer, list_layer, spool_archive, unpack_layers, unpack_streams
from .write import open_source, tree_entries, write_layer

__all__ = ["Change", "Entry", "Header", "IGNORED", "Limits", "OPAQUE", "Snapshot", "TarReader", "WHITEOUT_PREFIX",
           "changes", "clean_path", "extract_layer", "layer_entries", "list_layer", "opaque", "open_source",
           "open_tar_stream", "snapshot", "spool_archive", "tree_entries", "unpack_layers", "unpack_streams",
           "whiteout", "whiteout_of", "write_layer"]
