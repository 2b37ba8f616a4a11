"""Tag events and a tag history: what the store's tag log (``store/history.py``) reads and writes,
what an engine's ``tag_history()`` returns and what ``inspection.TagTable`` shows. Value types only:
reading and writing the log is the store's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from .digest import Digest


@dataclass(frozen=True)
class TagEvent:
    """One change of one tag: ``old_id``/``new_id`` are image IDs (an index's own digest for a
    multi-platform tag), ``old_digest``/``new_digest`` the manifest digests where known; ``None``
    on the side where the tag did not exist."""

    number: int          # position among the events read (1 = the oldest kept), the same in a filtered view
    time: float          # seconds since the epoch (UTC)
    name: str            # the tag as `docker images` shows it: halo:1.0, 127.0.0.1:5000/app:1
    old_id: Digest | None
    new_id: Digest | None
    old_digest: Digest | None = None
    new_digest: Digest | None = None
    command: str | None = None

    @property
    def kind(self) -> str:
        """``created``, ``moved`` or ``removed``."""
        if self.old_id is None:
            return "created"
        return "removed" if self.new_id is None else "moved"

    def to_dict(self) -> dict[str, Any]:
        return {"v": 1, "time": round(self.time, 3), "name": self.name,
                "old": self.old_id, "new": self.new_id, "old_digest": self.old_digest,
                "new_digest": self.new_digest, "command": self.command}

    def __repr__(self) -> str:
        old = self.old_id.short if self.old_id else "-"
        new = self.new_id.short if self.new_id else "-"
        return f"<TagEvent #{self.number} {self.name} {old} -> {new} {self.command or '-'}>"


class TagHistory(list):
    """Events, oldest first (a list of :class:`TagEvent`), with what could not be read (shown as a
    table by :class:`dockerlab.inspection.TagTable`, what ``dockerlab.tag_history()`` returns)."""

    def __init__(self, events: Iterable[TagEvent] = (), *, problems: Iterable[str] = (), cut: bool = False,
                 name: str | None = None) -> None:
        super().__init__(events)
        self.problems = tuple(problems)
        self.cut = cut
        self.name = name

    def names(self) -> list[str]:
        return sorted({e.name for e in self})

    def current(self) -> dict[str, Digest]:
        """Where each tag points after the last event (removed tags left out)."""
        now: dict[str, Digest] = {}
        for e in self:
            if e.new_id is None:
                now.pop(e.name, None)
            else:
                now[e.name] = e.new_id
        return now

    def __repr__(self) -> str:
        return f"<TagHistory {len(self)} events{' (cut)' if self.cut else ''} problems={len(self.problems)}>"
