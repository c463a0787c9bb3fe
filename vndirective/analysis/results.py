"""What the analysis layer reads from a parsed Directive: entities, and assignments (who must do what, by when)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Literal

from ..core.model import Span
from ..core.serial import JsonModel


@dataclass
class Actor(JsonModel):
    """A body named in an assignment ('UBND huyện'), as printed, with its abbreviations spelled out."""

    text: str
    span: Span
    expanded: str | None = None


DeadlineKind = Literal["by_date", "in_period", "recurring", "ongoing", "asap"]


@dataclass
class Deadline(JsonModel):
    """When a task is due: 'trước ngày 30/6/2021' (by_date), 'trong quý III/2021' (in_period, ``date`` its last
    day), 'hằng tháng' (recurring), 'thường xuyên' (ongoing), 'trong thời gian sớm nhất' (asap)."""

    text: str
    span: Span
    kind: DeadlineKind
    date: _dt.date | None = None


@dataclass
class Assignment(JsonModel):
    """Who must do what, by when: one assigning sentence of a task, the preamble or the closing."""

    task: str  # the task's number path ('2', '2.a'), 'preamble' or 'closing'
    lead: list[Actor]
    coordinators: list[Actor]
    action: str
    deadline: Deadline | None
    span: Span

    def to_record(self) -> dict[str, Any]:
        """A flat row for a follow-up sheet."""
        return {
            "task": self.task,
            "lead": "; ".join(a.text for a in self.lead),
            "coordinators": "; ".join(a.text for a in self.coordinators),
            "action": self.action,
            "deadline": self.deadline.text if self.deadline else "",
            "deadline_kind": self.deadline.kind if self.deadline else "",
            "deadline_date": self.deadline.date.isoformat() if self.deadline and self.deadline.date else "",
        }


EntityLabel = Literal["ORG", "LOC", "PER", "DATE", "PERIOD", "SLOGAN", "DOC_REF"]


@dataclass
class Entity(JsonModel):
    """A named thing of the text: an organisation, a place, a person, a date or period, a quoted slogan or a cited
    document. ``normal`` is the organisation with its abbreviations spelled out, a date in ISO form, a citation's id."""

    text: str
    span: Span
    label: EntityLabel
    normal: str | None = None


class Assignments(list[Assignment]):
    """The assignments of a document, with table views for follow-up sheets."""

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict of strings per assignment (:meth:`Assignment.to_record`; '' when a value is absent)."""
        return [a.to_record() for a in self]

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per assignment, with the columns of :data:`ASSIGNMENT_COLUMNS` typed:
        ``deadline_date`` is ``datetime64[ns]`` (``NaT`` when there is no date), the others pandas' ``"string"``,
        with ``pd.NA`` for an absent value (no lead or coordinator named, no deadline) where :meth:`to_records` has ''.
        The dtypes are :data:`vndirective.exports.frames.ASSIGNMENT_DTYPES`. pandas is optional: without it an
        ImportError says how to install it (``to_records()`` needs nothing)."""
        from ..exports.frames import assignments_frame

        return assignments_frame(self)


ASSIGNMENT_COLUMNS = ("task", "lead", "coordinators", "action", "deadline", "deadline_kind", "deadline_date")
