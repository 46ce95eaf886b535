"""The JSON shape check's fast path (issue 12): a text `within_shape_limits` says is small enough always passes the
full walk (`check_shape`), so skipping it never lets a document through that the walk would refuse."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netralitas.io.json_source import parse_json, within_shape_limits
from netralitas.io.limits import Limits
from netralitas.io.reading import LocatedProblems, check_shape

_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=6) | st.sampled_from(["\ud800", "a\udfffb", "[{"])
_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | _TEXT,
                       lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
                       max_leaves=30)


@given(_VALUES, st.integers(1, 8), st.integers(1, 60), st.booleans())
def test_the_fast_path_passes_only_what_the_walk_passes(value: object, depth: int, nodes: int, ascii: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii)
    limits = Limits(depth=depth, nodes=nodes)
    if within_shape_limits(text, limits):
        check_shape(json.loads(text), limits, "x")


@given(_VALUES, st.integers(1, 8), st.integers(1, 60))
def test_parse_json_refuses_exactly_what_the_walk_refuses(value: object, depth: int, nodes: int) -> None:
    text = json.dumps(value)
    limits = Limits(depth=depth, nodes=nodes)
    try:
        check_shape(json.loads(text), limits, "x")
    except LocatedProblems:
        with pytest.raises(LocatedProblems):
            parse_json(text, "x", limits)
    else:
        assert parse_json(text, "x", limits) == json.loads(text)


def test_escapes_brackets_and_size_each_take_the_walk() -> None:
    limits = Limits(depth=2, nodes=20)
    assert within_shape_limits('{"a": [1, 2]}', limits)
    assert not within_shape_limits('{"a": "\\ud800"}', limits)
    assert not within_shape_limits('{"a": "\ud800"}', limits)
    assert not within_shape_limits('{"a": [[1]]}', limits)
    assert not within_shape_limits("[" + "1," * 10 + "1]", limits)
