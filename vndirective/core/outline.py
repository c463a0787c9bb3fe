"""The outline of a document: its numbered items as a table of contents (:meth:`Directive.outline`).

Each entry is one numbered task, in document order, with its place in the tree (``path`` as
:func:`~vndirective.core.model.task_paths` names it, ``depth``), its number, its title when the item is a
heading (:attr:`Task.title <vndirective.core.model.Task.title>`) and otherwise the first words of its text.
Bullets ('-', '+') are list items, not numbered headings: they and what is under them are left out.
``str(outline)`` is the indented text a reader scans::

    I. QUAN ĐIỂM, MỤC TIÊU
        1. Quan điểm
        2. Mục tiêu
            a) Mục tiêu chung
    II. NHIỆM VỤ, GIẢI PHÁP
        1. Giao Sở Xây dựng:
        2. Tăng cường kiểm tra việc cấp phép xây dựng …
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the model imports this module inside Directive.outline(): no import at run time
    from .model import Span, Task, TaskKind

INDENT = "    "  # one level of the text rendering
MORE = " …"  # after a label that is only the first words of a longer text


MARKERS = {"article": "Điều {}.", "part": "Phần {}", "chapter": "Chương {}", "division": "Mục {}.", "letter": "{})"}  # else '{}.'


@dataclass(frozen=True)
class OutlineEntry:
    """One numbered item of the outline."""

    path: str  # '2.a': the numbers from the top level down
    depth: int  # 0 for a top-level item
    number: str  # as the task holds it ('II', '2', 'a', '3' of 'Điều 3.')
    kind: TaskKind
    title: str | None  # the heading line, when the item is a heading
    head: str  # the first words of the item's text
    span: Span
    cut: bool = False  # the head is shorter than the item's first paragraph

    @property
    def label(self) -> str:
        """The title when the item is a heading, else the first words of its text."""
        return self.title if self.title is not None else self.head

    @property
    def marker(self) -> str:
        """The number as a reader sees it: 'II.', '2.', 'a)', 'Điều 3.', 'Phần I', 'Chương I', 'Mục 1.'."""
        kind = "division" if self.kind == "section" and self.number.isdigit() else self.kind  # a chapter's Mục; A./B. are lettered
        return MARKERS.get(kind, "{}.").format(self.number)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the fields, the label, and the span as [start, end]."""
        return {
            "path": self.path,
            "depth": self.depth,
            "number": self.number,
            "kind": self.kind,
            "title": self.title,
            "label": self.label,
            "span": self.span.to_list(),
        }


class Outline(list[OutlineEntry]):
    """The entries of an outline in document order; ``str()`` renders them indented by depth."""

    def render(self, indent: str = INDENT) -> str:
        """One line per entry: the marker and the label, indented by depth (an untitled head ends with '…' when cut)."""
        return "\n".join(f"{indent * e.depth}{e.marker} {e.label}{MORE if e.title is None and e.cut else ''}" for e in self)

    def __str__(self) -> str:
        return self.render()

    def to_list(self) -> list[dict[str, Any]]:
        """JSON-ready: one dict per entry (see :meth:`OutlineEntry.to_dict`)."""
        return [e.to_dict() for e in self]


def outline_of(tasks: Iterable[Task], depth: int | None = None) -> Outline:
    """The outline of a task tree, down to ``depth`` levels (None: every level)."""
    out = Outline()
    _add(out, tasks, "", 0, depth)
    return out


def _add(out: Outline, tasks: Iterable[Task], prefix: str, level: int, depth: int | None) -> None:
    if depth is not None and level >= depth:
        return
    for t in tasks:
        if t.kind == "bullet":
            continue
        path = f"{prefix}.{t.number}" if prefix else t.number
        first = t.text.split("\n", 1)[0]
        out.append(OutlineEntry(path, level, t.number, t.kind, t.title, t.head, t.span, len(t.head) < len(" ".join(first.split()))))
        _add(out, t.children, path, level + 1, depth)
