"""The layer a RUN step makes: the root filesystem's changes (:mod:`dockerlab.tarutil.diff`).

Before the command runs, every path's ``lstat`` is recorded; afterwards the same tree is compared
with it (ctime and inode included: files were unpacked with the fixed epoch mtime, and every
write changes ctime, which the command cannot set back). The layer holds the added and changed
paths with their parent directories and one whiteout per deleted name (never an opaque marker);
mount points and the files Docker bind-mounts are left out. ``docker commit`` makes its layer
with the same diff (:mod:`dockerlab.container.filesystem`). What is left here is the owner rule
for a RUN without root.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .. import tarutil
from ..tarutil import Entry, Snapshot


@dataclass(frozen=True)
class OwnerMap:
    """Owners for a layer made without root (proot): every file on disk belongs to the host user.

    A path the lower layers had keeps their owner (a copy-up keeps it in Docker; a ``chown`` the
    command made was never real), a new path gets the RUN user's ``uid:gid`` (what Docker gives
    a file that user creates).
    """

    host: tuple[int, int]  # the host uid/gid every file on disk has
    user: tuple[int, int]  # the RUN's --user, resolved in the image
    lower: Mapping[str, Entry] = field(default_factory=dict)  # path -> entry of the layers below

    def owner(self, entry: Entry) -> tuple[int, int]:
        old = self.lower.get(entry.path)
        uid, gid = (old.uid, old.gid) if old is not None and old.type == entry.type else self.user
        return (uid if entry.uid == self.host[0] else entry.uid, gid if entry.gid == self.host[1] else entry.gid)



def take(root: Path) -> Snapshot:
    """Every path's ``lstat`` row under ``root`` (see :func:`dockerlab.tarutil.snapshot`)."""
    return tarutil.snapshot(root)


def diff(root: Path, before: Snapshot, after: Snapshot, *, map_owner: OwnerMap | None = None) -> list[Entry]:
    """Layer entries turning ``before`` into ``after`` (``map_owner``: the owners without root)."""
    found = tarutil.changes(before, after, same_tree=True)
    return tarutil.layer_entries(root, found, owner=map_owner.owner if map_owner is not None else None)
