"""Compiled checks: conditions turned into closures once, for the hot path.

`atom_check(atom)(values)` equals `atom_value(atom, values)` and `condition_check(node)(values)`
equals `holds(node, values)` from `netralitas.lang.conditions`, the reference definitions;
the closures only resolve the operator and the operands once instead of on every call.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from netralitas.facts.normalise import AtLeast
from netralitas.lang.conditions import COMPARE, PARTIAL, All, AnyOf, Atom, Node, Not

Check = Callable[[dict[str, Any]], bool | None]


def atom_check(atom: Atom) -> Check:
    """A closure computing the atom's three-valued truth over fact values."""
    path = atom.path
    if atom.op == "known":
        return lambda values: path in values
    if atom.op == "unknown":
        return lambda values: path not in values
    compare = COMPARE[atom.op]
    if atom.op in PARTIAL:
        right_set, partial = atom.value, PARTIAL[atom.op]

        def check_set(values: dict[str, Any]) -> bool | None:
            left = values.get(path)
            if left is None:
                return None
            return partial(left, right_set) if type(left) is AtLeast else compare(left, right_set)

        return check_set
    if atom.ref is None:
        right = atom.value

        def check(values: dict[str, Any]) -> bool | None:
            left = values.get(path)
            return None if left is None else compare(left, right)

        return check
    ref, shift = atom.ref, timedelta(days=atom.offset)

    def check_ref(values: dict[str, Any]) -> bool | None:
        left = values.get(path)
        if left is None:
            return None
        anchor = values.get(ref)
        return None if anchor is None else compare(left, anchor + shift)

    return check_ref


def condition_check(node: Node) -> Check:
    """A closure computing the condition's three-valued truth (Kleene logic) over fact values."""
    if isinstance(node, Atom):
        return atom_check(node)
    if isinstance(node, Not):
        inner = condition_check(node.item)

        def negated(values: dict[str, Any]) -> bool | None:
            value = inner(values)
            return None if value is None else not value

        return negated
    items = tuple(condition_check(i) for i in node.items)
    decisive = isinstance(node, AnyOf)  # the value that decides: True for any, False for all

    def combined(values: dict[str, Any]) -> bool | None:
        result: bool | None = not decisive
        for item in items:
            value = item(values)
            if value is decisive:
                return decisive
            if value is None:
                result = None
        return result

    assert isinstance(node, (All, AnyOf))
    return combined
