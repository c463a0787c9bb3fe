"""The model's dataclasses as JSON-ready dicts and back, read from their fields and type hints.

A dataclass that derives from :class:`JsonModel` gets ``to_dict`` (each field under its name: a span or
box as a list, a date in ISO form, a nested dataclass as its dict) and ``from_dict`` (the inverse, by
the field's type; a key missing from older output takes the field's default, or None where the type
allows it). A class lists in ``_JSON_COMPUTED`` the keys it writes from a property or method (read
back by nothing) and, when its published key order is not its field order, the order in ``_JSON_ORDER``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, ClassVar, TypeVar

M = TypeVar("M", bound="JsonModel")
Decoder = Callable[[Any], Any]


class JsonModel:
    """``to_dict`` and ``from_dict`` derived from a dataclass's fields."""

    _JSON_COMPUTED: ClassVar[dict[str, str]] = {}  # key → attribute (a property or a method without arguments)
    _JSON_ORDER: ClassVar[tuple[str, ...]] = ()  # the keys in their published order, when not the fields' order

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the fields (and the computed keys)."""
        write: Callable[[Any], dict[str, Any]] = _writer(type(self))  # type: ignore[arg-type]  # a class is hashable
        return write(self)

    @classmethod
    def from_dict(cls: type[M], data: dict[str, Any]) -> M:
        """The object :meth:`to_dict` wrote (computed keys are ignored)."""
        kwargs = {}
        for name, decode, missing in _decoders(cls):  # type: ignore[arg-type]  # a class is hashable
            if name in data:
                kwargs[name] = decode(data[name])
            elif missing == "none":
                kwargs[name] = None
            elif missing == "required":
                raise KeyError(f"{cls.__name__}.from_dict: the data has no {name!r}")
        return cls(**kwargs)


def to_json(value: Any) -> Any:
    """A model value as JSON-ready data: spans and boxes as lists, dates in ISO form, dataclasses as dicts."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    to_list = getattr(value, "to_list", None)
    if to_list is not None:
        return to_list()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, JsonModel):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    raise TypeError(f"no JSON form for {type(value).__name__}")


@cache
def _writer(cls: type[JsonModel]) -> Callable[[Any], dict[str, Any]]:
    """``cls.to_dict`` as one generated function, a dict display of every key (as fast as one written by hand).

    Each field is written as its type says (see :func:`_expression`); a computed key is read from its
    property or method and written by :func:`to_json`.
    """
    hints = typing.get_type_hints(cls)
    fields = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]  # a dataclass
    keys = [*fields, *cls._JSON_COMPUTED]
    order = cls._JSON_ORDER or tuple(keys)
    if sorted(order) != sorted(keys):
        raise TypeError(f"{cls.__name__}._JSON_ORDER must name every field and computed key once; differs in {sorted(set(order) ^ set(keys))}")
    items = []
    for key in order:
        if key in cls._JSON_COMPUTED:
            attribute = cls._JSON_COMPUTED[key]
            call = "()" if callable(getattr(cls, attribute, None)) and not isinstance(getattr(cls, attribute, None), property) else ""
            items.append(f"{key!r}: to_json(self.{attribute}{call})")
        else:
            items.append(f"{key!r}: {_expression(hints[key], f'self.{key}', 0)}")
    source = "def to_dict(self):\n    return {\n        " + ",\n        ".join(items) + ",\n    }\n"
    namespace: dict[str, Any] = {"to_json": to_json}
    exec(compile(source, f"<to_dict of {cls.__name__}>", "exec"), namespace)  # code made here from field names
    return typing.cast(Callable[[Any], dict[str, Any]], namespace["to_dict"])


def _expression(hint: Any, value: str, depth: int) -> str:
    """Python source that writes ``value``, of type ``hint``, as JSON-ready data."""
    if _is_union(hint):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return f"(None if {value} is None else {_expression(options[0], value, depth)})"
        return f"to_json({value})"
    origin = typing.get_origin(hint)
    item = f"_v{depth}"
    if origin is list:
        return f"[{_expression(typing.get_args(hint)[0], item, depth + 1)} for {item} in {value}]"
    if origin is dict:
        return f"{{_k{depth}: {_expression(typing.get_args(hint)[1], item, depth + 1)} for _k{depth}, {item} in {value}.items()}}"
    if hint is _dt.date:
        return f"{value}.isoformat()"
    if hasattr(hint, "to_list"):
        return f"{value}.to_list()"
    if isinstance(hint, type) and issubclass(hint, JsonModel):
        return f"{value}.to_dict()"
    if hint in (str, int, float, bool) or origin is typing.Literal:
        return value
    return f"to_json({value})"


@cache
def _decoders(cls: type[JsonModel]) -> tuple[tuple[str, Decoder, str], ...]:
    """(field, decoder, what a missing key means: 'default', 'none' or 'required') of every init field of ``cls``."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]  # a dataclass
        if not f.init:
            continue
        hint = hints[f.name]
        has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        missing = "default" if has_default else "none" if _allows_none(hint) else "required"
        out.append((f.name, _decoder(hint), missing))
    return tuple(out)


def _allows_none(hint: Any) -> bool:
    return type(None) in typing.get_args(hint) if _is_union(hint) else hint is type(None)


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def _decoder(hint: Any) -> Decoder:
    """How to read back a value written for a field of type ``hint``."""
    if _is_union(hint):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            inner = _decoder(options[0])
            return lambda v: None if v is None else inner(v)
        return _span_or_spans(options)
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint)
        each = _decoder(item)
        return lambda v: [each(x) for x in v]
    if origin is dict:
        _key, item = typing.get_args(hint)
        each = _decoder(item)
        return lambda v: {k: each(x) for k, x in v.items()}
    if hint is _dt.datetime:
        return lambda v: _dt.datetime.fromisoformat(v) if v else None
    if hint is _dt.date:
        return lambda v: _dt.date.fromisoformat(v) if v else None
    from_list = getattr(hint, "from_list", None)
    if from_list is not None:
        return typing.cast(Decoder, from_list)
    if isinstance(hint, type) and issubclass(hint, JsonModel):
        return hint.from_dict
    return lambda v: v  # str, int, a Literal


def _span_or_spans(options: list[Any]) -> Decoder:
    """``Span | list[Span]`` (a header field's span, or one per recipient): told apart by the shape of the list."""
    single = next(o for o in options if typing.get_origin(o) is None)
    many = next(o for o in options if typing.get_origin(o) is list)
    one, several = _decoder(single), _decoder(many)
    return lambda v: several(v) if not v or isinstance(v[0], list) else one(v)
