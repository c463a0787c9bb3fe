"""to_dict / from_dict are derived from the dataclasses' fields (core/serial.py): every field is written and read back."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import vndirective
from vndirective.analysis.results import Actor, Assignment, Deadline, Entity
from vndirective.core import model
from vndirective.core.serial import JsonModel

from .conftest import FOUNDING

MODELS = [model.ParseWarning, model.Mention, model.Reference, model.Task, model.Passage, model.AuthorityStep, model.Signature,
          model.DistributionItem, model.Directive, Actor, Deadline, Assignment, Entity]


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_every_field_is_a_key(cls):
    assert issubclass(cls, JsonModel)
    instance = _example(cls)
    keys = set(instance.to_dict())
    assert {f.name for f in dataclasses.fields(cls)} <= keys
    assert keys - {f.name for f in dataclasses.fields(cls)} == set(cls._JSON_COMPUTED)
    assert cls.from_dict(instance.to_dict()) == instance


def test_the_founding_example_reads_back_whole():
    d = vndirective.parse(FOUNDING)
    assert vndirective.Directive.from_dict(d.to_dict()) == d
    assert list(d.to_dict())[:3] == ["schema_version", "source", "system"] and list(d.to_dict())[-1] == "text"  # the published order


def test_a_key_older_output_lacks_takes_the_default():
    m = model.Mention.from_dict({"text": "105-KL/TU", "span": [3, 12]})
    assert (m.date, m.relation, m.cue_span) == (None, None, None)
    with pytest.raises(KeyError):
        model.Mention.from_dict({"text": "105-KL/TU"})  # a required value stays required


def _example(cls):
    span = model.Span(1, 5)
    examples = {
        model.ParseWarning: lambda: model.ParseWarning("empty", "The text is empty.", span),
        model.Mention: lambda: model.Mention("105/KL/TU", span, dt.date(2021, 6, 15), span, "Tỉnh ủy", span, "Kết luận", "implements", "Thực hiện", span),
        model.Reference: lambda: model.Reference("105-KL/TU", "KL", "105", 2021, dt.date(2021, 6, 15), "Tỉnh ủy", "party", [_example(model.Mention)]),
        model.Task: lambda: model.Task("1", "Quán triệt", span, "arabic", [model.Task("a", "con", span, "letter")]),
        model.Passage: lambda: model.Passage("Thực hiện", span),
        model.AuthorityStep: lambda: model.AuthorityStep("T/M", "BAN THƯỜNG VỤ", span),
        model.Signature: lambda: model.Signature("T/M", "BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn A", [_example(model.AuthorityStep)], {"name": span}),
        model.DistributionItem: lambda: model.DistributionItem("Như trên", "thực hiện", span),
        model.Directive: lambda: vndirective.parse(FOUNDING),
        Actor: lambda: Actor("UBND huyện", span, "Ủy ban nhân dân huyện"),
        Deadline: lambda: Deadline("trước ngày 30/6/2021", span, "by_date", dt.date(2021, 6, 30)),
        Assignment: lambda: Assignment("2.a", [Actor("UBND huyện", span)], [], "chủ trì", None, span),
        Entity: lambda: Entity("huyện Lục Ngạn", span, "LOC"),
    }
    return examples[cls]()
