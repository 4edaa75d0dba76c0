"""A pack to canonical JSON and back: the same pack, field for field, bit for bit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import types
import typing
from enum import Enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpibook.publish.serial import (
    PackFormatError,
    canonical_json,
    pack_from_dict,
    pack_from_json,
    pack_to_dict,
)
from kpibook.rating.bands import Rag
from kpibook.scorecard.model import Pack


def test_small_pack_round_trips(small_pack: Pack) -> None:
    assert pack_from_dict(pack_to_dict(small_pack)) == small_pack
    assert pack_from_json(canonical_json(small_pack)) == small_pack


def test_realistic_pack_round_trips(realistic_pack: Pack) -> None:
    assert realistic_pack.exceptions and realistic_pack.uasc and realistic_pack.activity
    assert realistic_pack.demographics is not None
    assert any(e.commentary for e in realistic_pack.exceptions)
    assert any(e.commentary is None for e in realistic_pack.exceptions)
    back = pack_from_json(canonical_json(realistic_pack))
    assert back == realistic_pack
    assert canonical_json(back) == canonical_json(realistic_pack)


def test_published_version_round_trips(small_pack: Pack) -> None:
    published = dataclasses.replace(small_pack, version=3)
    assert pack_from_dict(pack_to_dict(published)) == published


def test_values_are_plain_json(small_pack: Pack) -> None:
    data = pack_to_dict(small_pack)
    assert data["month"] == "2016-08-31"
    row = data["rows"][-1]
    assert row["indicator_id"] == "SCS-25" and row["rag"] == "R"
    assert json.loads(json.dumps(data)) == data


def test_canonical_json_is_stable(small_pack: Pack) -> None:
    document = canonical_json(small_pack)
    assert document == canonical_json(pack_from_json(document))
    assert b" " not in document.split(b'"')[0]
    assert list(json.loads(document)) == sorted(json.loads(document))


def test_unrounded_floats_come_back_exactly(small_pack: Pack) -> None:
    awkward = 293 / 2246 * 100
    row = dataclasses.replace(small_pack.rows[0], value=awkward, numerator=0.1 + 0.2)
    pack = dataclasses.replace(small_pack, rows=(row,))
    back = pack_from_json(canonical_json(pack))
    assert back.rows[0].value == awkward
    assert back.rows[0].numerator == 0.1 + 0.2


def test_missing_fields_with_defaults_are_filled(small_pack: Pack) -> None:
    data = pack_to_dict(small_pack)
    del data["version"]
    del data["profile"]["drilldown"]
    del data["exceptions"][0]["commentary_author"]
    back = pack_from_dict(data)
    assert back.version is None
    assert back.profile.drilldown == ""
    assert back.exceptions[0].commentary_author == ""


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["rows"][0].update(rag="X"), "pack.rows[0].rag"),
        (lambda d: d["rows"][1].update(surprise=1), "pack.rows[1]: unknown key(s) surprise"),
        (lambda d: d.update(month="August"), "pack.month"),
        (lambda d: d["rows"][2].pop("title"), "needs 'title'"),
        (lambda d: d["rows"][3].update(value="85"), "pack.rows[3].value"),
        (lambda d: d.update(rows={}), "pack.rows: expected a list"),
    ],
)
def test_bad_data_is_reported_with_its_place(
    small_pack: Pack, change: typing.Callable[[dict[str, Any]], object], where: str
) -> None:
    data = pack_to_dict(small_pack)
    change(data)
    with pytest.raises(PackFormatError, match=re.escape(where)):
        pack_from_dict(data)


def test_not_json_is_reported() -> None:
    with pytest.raises(PackFormatError, match="not JSON"):
        pack_from_json(b"\xff")
    with pytest.raises(PackFormatError, match="not a JSON object"):
        pack_from_json(b"[]")


def test_unknown_values_cannot_be_stored(small_pack: Pack) -> None:
    bad = dataclasses.replace(small_pack, targets_label=dt.datetime(2016, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(PackFormatError, match=r"pack\.targets_label"):
        pack_to_dict(bad)


# Generated packs: every field of every dataclass of the model, from its type.

FLOATS = st.floats(allow_nan=False, allow_infinity=False, width=64)
TEXT = st.text(max_size=8)


def _strategy(hint: Any) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(hint)
    if origin is types.UnionType or origin is typing.Union:
        return st.one_of(*(_strategy(a) for a in typing.get_args(hint)))
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(_strategy(args[0]), max_size=2).map(tuple)
        return st.tuples(*(_strategy(a) for a in args))
    if hint is type(None):
        return st.none()
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = typing.get_type_hints(hint)
        fields = {f.name: _strategy(hints[f.name]) for f in dataclasses.fields(hint)}
        return st.builds(hint, **fields)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return st.sampled_from(list(hint))
    simple: dict[Any, st.SearchStrategy[Any]] = {
        float: FLOATS,
        int: st.integers(-(2**53), 2**53),
        str: TEXT,
        bool: st.booleans(),
        dt.date: st.dates(),
    }
    return simple[hint]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_strategy(Pack))
def test_any_pack_round_trips(pack: Pack) -> None:
    document = canonical_json(pack)
    assert pack_from_json(document) == pack
    assert canonical_json(pack_from_json(document)) == document


def test_enums_are_stored_by_value(small_pack: Pack) -> None:
    rags = {r["rag"] for r in pack_to_dict(small_pack)["rows"]}
    assert rags <= {None, *(r.value for r in Rag)}
