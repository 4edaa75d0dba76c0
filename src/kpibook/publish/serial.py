"""A pack as canonical JSON, and back: how a published month is frozen.

:func:`pack_to_dict` turns a :class:`~kpibook.scorecard.model.Pack` into plain
JSON values and :func:`pack_from_dict` rebuilds the identical pack, so
``pack_from_dict(pack_to_dict(p)) == p``. Both walk the model's frozen
dataclasses by their field types, so a field added to the model is stored
without touching this module:

* dataclasses become objects keyed by field name (properties are not stored:
  they are worked out again from the fields);
* enums (:class:`~kpibook.rating.bands.Rag`, :class:`~kpibook.rating.dot.Dot`,
  :class:`~kpibook.rating.rag.NoRating`) become their values;
* dates become ISO strings (``2016-08-31``);
* tuples become lists;
* floats stay floats: Python writes the shortest text that reads back as the
  same double, so unrounded figures come back bit for bit.

Reading is strict: an unknown key or a value of the wrong type is an error
naming where it is (``rows[3].rag``). A key that is missing is filled from the
field's default when it has one, so packs stored before a field with a default
was added to the model still load.

:func:`canonical_json` is the stored form: keys sorted, no spaces, UTF-8. Its
SHA-256 is the pack checksum recorded with every publication.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import types
import typing
from collections.abc import Mapping
from enum import Enum
from typing import Any

from kpibook.scorecard.model import Pack

FORMAT = 1
"""The version of this serialisation (stored with every published pack)."""

JSONValue = Any
"""A value :func:`json.dumps` accepts (dict, list, str, int, float, bool or None)."""


class PackFormatError(ValueError):
    """Stored pack data does not match the document model."""


def pack_to_dict(pack: Pack) -> dict[str, JSONValue]:
    """The pack as JSON values: every field of every dataclass, by name."""
    encoded = _encode(pack, "pack")
    assert isinstance(encoded, dict)
    return encoded


def pack_from_dict(data: Mapping[str, JSONValue]) -> Pack:
    """The pack :func:`pack_to_dict` gave ``data`` for.

    Raises:
        PackFormatError: when ``data`` does not fit the model (naming the place).
    """
    decoded = _decode(data, Pack, "pack")
    assert isinstance(decoded, Pack)
    return decoded


def canonical_json(pack: Pack) -> bytes:
    """The canonical stored form: sorted keys, compact, UTF-8 (the same pack, the same bytes)."""
    return json.dumps(
        pack_to_dict(pack), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def pack_from_json(document: bytes) -> Pack:
    """The pack stored as :func:`canonical_json` bytes."""
    try:
        data = json.loads(document.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackFormatError(f"the stored pack is not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise PackFormatError("the stored pack is not a JSON object")
    return pack_from_dict(data)


def _encode(value: object, where: str) -> JSONValue:
    if isinstance(value, Enum):
        return _encode(value.value, where)
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, dt.datetime):
        raise PackFormatError(f"{where}: date-times are not part of the pack model")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _encode(getattr(value, f.name), f"{where}.{f.name}")
            for f in dataclasses.fields(value)
        }
    raise PackFormatError(f"{where}: cannot store a {type(value).__name__}")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(data: JSONValue, hint: Any, where: str) -> object:
    origin = typing.get_origin(hint)
    if origin is types.UnionType or origin is typing.Union:
        return _decode_union(data, typing.get_args(hint), where)
    if origin is tuple:
        return _decode_tuple(data, typing.get_args(hint), where)
    if hint is type(None):
        if data is not None:
            raise PackFormatError(f"{where}: expected null, found {data!r}")
        return None
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return _decode_dataclass(data, hint, where)
        if issubclass(hint, Enum):
            try:
                return hint(data)
            except ValueError:
                raise PackFormatError(f"{where}: {data!r} is not a {hint.__name__}") from None
        return _decode_scalar(data, hint, where)
    raise PackFormatError(f"{where}: the model uses a type this reader does not know ({hint})")


def _decode_union(data: JSONValue, options: tuple[Any, ...], where: str) -> object:
    if data is None and type(None) in options:
        return None
    candidates = [o for o in options if o is not type(None)]
    errors = []
    for option in candidates:
        try:
            return _decode(data, option, where)
        except PackFormatError as exc:
            errors.append(str(exc))
    raise PackFormatError("; ".join(errors) or f"{where}: unexpected null")


def _decode_tuple(data: JSONValue, args: tuple[Any, ...], where: str) -> tuple[object, ...]:
    if not isinstance(data, list):
        raise PackFormatError(f"{where}: expected a list, found {type(data).__name__}")
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_decode(v, args[0], f"{where}[{i}]") for i, v in enumerate(data))
    if len(args) != len(data):
        raise PackFormatError(f"{where}: expected {len(args)} items, found {len(data)}")
    return tuple(
        _decode(v, a, f"{where}[{i}]") for i, (v, a) in enumerate(zip(data, args, strict=True))
    )


def _decode_dataclass(data: JSONValue, cls: type, where: str) -> object:
    if not isinstance(data, dict):
        raise PackFormatError(f"{where}: expected an object, found {type(data).__name__}")
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise PackFormatError(f"{where}: unknown key(s) {', '.join(unknown)} for {cls.__name__}")
    hints = _hints(cls)
    values: dict[str, object] = {}
    for name, field in fields.items():
        if name in data:
            values[name] = _decode(data[name], hints[name], f"{where}.{name}")
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise PackFormatError(f"{where}: {cls.__name__} needs '{name}', which is missing")
    return cls(**values)


def _decode_scalar(data: JSONValue, hint: type, where: str) -> object:
    if hint is dt.date:
        if isinstance(data, str):
            try:
                return dt.date.fromisoformat(data)
            except ValueError:
                pass
        raise PackFormatError(f"{where}: expected a date (YYYY-MM-DD), found {data!r}")
    if hint is float and isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    if hint is int and isinstance(data, int) and not isinstance(data, bool):
        return data
    if hint in (str, bool) and isinstance(data, hint):
        return data
    raise PackFormatError(f"{where}: expected {hint.__name__}, found {data!r}")
