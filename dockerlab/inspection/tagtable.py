"""The tag history as a table: what ``dockerlab.tag_history()`` returns.

:class:`TagTable` is the store's tag history (a :class:`~dockerlab.model.tags.TagHistory`: a list
of tag events, with the problems met while reading it) that *shows* itself: an aligned text table
for ``print`` and ``text/plain``, an HTML table in Jupyter, then a note and every problem, in the active language.
No time column: the events are numbered in order instead, so a stored notebook output is the same
on every run.
"""

from __future__ import annotations

from typing import Any

from ..i18n import tr
from ..model.tags import TagHistory
from ..textutil import text_table


class TagTable(TagHistory):
    """A tag history (any list of tag events with ``problems``, ``cut`` and ``name``, as
    ``TagHistory`` gives them) that prints as a table (``NO TAG PERISTIWA DARI KE PERINTAH``).
    It takes the history as it is: the value type is the model's, the store that reads it is
    never imported (inspection works on model objects alone)."""

    def __init__(self, history: Any) -> None:
        super().__init__(history, problems=getattr(history, "problems", ()),
                         cut=bool(getattr(history, "cut", False)), name=getattr(history, "name", None))

    def rows(self) -> list[tuple[str, str, str, str, str, str]]:
        return [(str(e.number), e.name, tr(f"inspect.tags.kind.{e.kind}"),
                 e.old_id.short if e.old_id else "-", e.new_id.short if e.new_id else "-",
                 e.command or "-") for e in self]

    @staticmethod
    def headers() -> tuple[str, ...]:
        return tuple(tr(f"inspect.tags.col.{c}") for c in ("number", "tag", "what", "old", "new", "command"))

    def notes(self) -> list[str]:
        if not self:
            out = [tr("inspect.tags.empty_for", name=self.name) if self.name else tr("inspect.tags.empty")]
        else:
            out = [tr("inspect.tags.note")]
        if self.cut:
            out.append(tr("inspect.tags.cut", count=len(self)))
        return out + list(self.problems)

    def table(self) -> str:
        return text_table(self.headers(), self.rows(), rule=False) if self else ""

    def __str__(self) -> str:
        return "\n".join([t for t in [self.table()] if t] + self.notes())

    __repr__ = __str__

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("[...]" if cycle else str(self))

    def _repr_html_(self) -> str:
        from ..show.html import tag_history_html

        return tag_history_html(self)
