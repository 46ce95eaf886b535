"""Compiled conditions: a small typed tree, its negation normal form, and tri-state evaluation.

Both backends evaluate the same tree: durable-rules through the JSON `to_durable.py` makes
of it, the pure-Python backend directly through `holds`. Unknown facts make an atom
unknown (None), and all/any/not follow Kleene's three-valued logic, so a rule is either
applicable (True), not applicable (False) or undetermined (None).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from netralitas.facts.normalise import AtLeast
from netralitas.facts.paths import FIELDS_BY_PATH
from netralitas.text import LocalizedText

NEGATED = {
    "eq": "ne", "ne": "eq", "in": "not_in", "not_in": "in",
    "lt": "ge", "ge": "lt", "le": "gt", "gt": "le",
    "any_of": "none_of", "none_of": "any_of", "all_of": "not_all_of", "not_all_of": "all_of",
    "known": "unknown", "unknown": "known",
}


@dataclass(frozen=True)
class Atom:
    """`path op value`, or `path op ref + offset` when comparing two dates."""

    path: str
    op: str
    value: Any = None
    ref: str | None = None
    offset: int = 0

    def negate(self) -> Atom:
        return Atom(self.path, NEGATED[self.op], self.value, self.ref, self.offset)


@dataclass(frozen=True)
class All:
    items: tuple[Node, ...]

    def negate(self) -> Node:
        return AnyOf(tuple(i.negate() for i in self.items))


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Node, ...]

    def negate(self) -> Node:
        return All(tuple(i.negate() for i in self.items))


@dataclass(frozen=True)
class Not:
    item: Node

    def negate(self) -> Node:
        return self.item


Node = Atom | All | AnyOf | Not


def nnf(node: Node) -> Node:
    """Push every negation down to the atoms (each atom has an exact negated operator)."""
    if isinstance(node, Not):
        return nnf(node.item.negate())
    if isinstance(node, All):
        return All(tuple(nnf(i) for i in node.items))
    if isinstance(node, AnyOf):
        return AnyOf(tuple(nnf(i) for i in node.items))
    return node


COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda left, right: bool(left == right and type(left) is type(right)),
    "ne": lambda left, right: not (left == right and type(left) is type(right)),
    "in": lambda left, right: left in right,
    "not_in": lambda left, right: left not in right,
    "lt": lambda left, right: bool(left < right),
    "le": lambda left, right: bool(left <= right),
    "gt": lambda left, right: bool(left > right),
    "ge": lambda left, right: bool(left >= right),
    "any_of": lambda left, right: not left.isdisjoint(right),
    "none_of": lambda left, right: bool(left.isdisjoint(right)),
    "all_of": lambda left, right: bool(right <= left),
    "not_all_of": lambda left, right: not right <= left,
}
"""Each comparison operator on two known values (equality is strict about type: `'1'`, `True` and `1.0` are
not `1`)."""

PARTIAL: dict[str, Callable[[AtLeast, Any], bool | None]] = {
    "any_of": lambda left, right: True if not left.isdisjoint(right) else None,
    "none_of": lambda left, right: False if not left.isdisjoint(right) else None,
    "all_of": lambda left, right: True if right <= left else None,
    "not_all_of": lambda left, right: False if right <= left else None,
}
"""The set operators on a set known only in part (`AtLeast`): decided by the members named, else unknown."""


def atom_value(atom: Atom, values: dict[str, Any]) -> bool | None:
    """The atom's truth value, or None when a fact it needs is unknown."""
    if atom.op == "known":
        return atom.path in values
    if atom.op == "unknown":
        return atom.path not in values
    left = values.get(atom.path)
    if left is None:
        return None
    right = atom.value
    if type(left) is AtLeast:
        return PARTIAL[atom.op](left, right)
    if atom.ref is not None:
        anchor = values.get(atom.ref)
        if anchor is None:
            return None
        right = anchor + timedelta(days=atom.offset)
    return COMPARE[atom.op](left, right)


def holds(node: Node, values: dict[str, Any]) -> bool | None:
    """Three-valued truth of `node` over `values`."""
    if isinstance(node, Atom):
        return atom_value(node, values)
    if isinstance(node, Not):
        inner = holds(node.item, values)
        return None if inner is None else not inner
    if isinstance(node, All):
        result: bool | None = True
        for item in node.items:
            value = holds(item, values)
            if value is False:
                return False
            if value is None:
                result = None
        return result
    result = False
    for item in node.items:
        value = holds(item, values)
        if value is True:
            return True
        if value is None:
            result = None
    return result


@dataclass(frozen=True)
class Trace:
    """Why a condition came out as it did: the atoms that decided it."""

    value: bool | None
    held: tuple[Atom, ...]
    failed: tuple[Atom, ...]
    unknown: tuple[Atom, ...]


def trace(node: Node, values: dict[str, Any]) -> Trace:
    """Evaluate `node` (in negation normal form) and keep the atoms that decided the result."""
    if isinstance(node, Atom):
        v = atom_value(node, values)
        return Trace(v, (node,) if v else (), (node,) if v is False else (), (node,) if v is None else ())
    if isinstance(node, Not):
        return trace(nnf(node), values)
    parts = [trace(i, values) for i in node.items]
    if isinstance(node, All):
        if any(p.value is False for p in parts):
            value: bool | None = False
        elif any(p.value is None for p in parts):
            value = None
        else:
            value = True
    elif any(p.value is True for p in parts):
        value = True
    elif any(p.value is None for p in parts):
        value = None
    else:
        value = False
    if isinstance(node, All):
        held = tuple(a for p in parts for a in p.held)
        failed = tuple(a for p in parts if p.value is False for a in p.failed)
        unknown = tuple(a for p in parts if p.value is None for a in p.unknown)
    else:
        held = tuple(a for p in parts if p.value is True for a in p.held)
        failed = tuple(a for p in parts for a in p.failed) if value is False else ()
        unknown = tuple(a for p in parts if p.value is None for a in p.unknown) if value is not True else ()
    return Trace(value, held, failed, unknown)


def atoms(node: Node) -> tuple[Atom, ...]:
    """Every atom of a condition, left to right."""
    if isinstance(node, Atom):
        return (node,)
    if isinstance(node, Not):
        return atoms(node.item)
    return tuple(a for item in node.items for a in atoms(item))


def needed_paths(atom: Atom) -> tuple[str, ...]:
    """The fact paths an atom reads."""
    return (atom.path,) if atom.ref is None else (atom.path, atom.ref)


_OP_WORDS: dict[str, tuple[str, str]] = {
    "eq": ("adalah", "is"),
    "ne": ("bukan", "is not"),
    "in": ("salah satu dari", "is one of"),
    "not_in": ("bukan salah satu dari", "is none of"),
    "lt": ("sebelum", "is before"),
    "le": ("pada atau sebelum", "is on or before"),
    "gt": ("setelah", "is after"),
    "ge": ("pada atau setelah", "is on or after"),
    "any_of": ("memuat salah satu dari", "includes any of"),
    "none_of": ("tidak memuat satu pun dari", "includes none of"),
    "all_of": ("memuat semua dari", "includes all of"),
    "not_all_of": ("tidak memuat semua dari", "does not include all of"),
    "known": ("diketahui", "is known"),
    "unknown": ("tidak diketahui", "is unknown"),
}


def json_value(value: Any) -> Any:
    """A fact value as JSON keeps it: booleans and numbers as they are, dates as ISO text, sets as sorted lists."""
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset | set | list | tuple):
        return sorted(str(v) for v in value)
    return str(value)


def show_value(value: Any) -> str:
    """A fact value as text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (frozenset, set, list, tuple)):
        return ", ".join(sorted(str(v) for v in value)) or "-"
    return str(value)


def describe(atom: Atom) -> LocalizedText:
    """The atom in plain language, in both languages."""
    spec = FIELDS_BY_PATH[atom.path]
    words_id, words_en = _OP_WORDS[atom.op]
    if atom.op in ("known", "unknown"):
        return LocalizedText(id=f"{spec.label.id} {words_id}", en=f"{spec.label.en} {words_en}")
    if atom.ref is not None:
        ref = FIELDS_BY_PATH[atom.ref].label
        shift_id = f" {atom.offset:+d} hari" if atom.offset else ""
        shift_en = f" {atom.offset:+d} days" if atom.offset else ""
        return LocalizedText(id=f"{spec.label.id} {words_id} {ref.id}{shift_id}",
                             en=f"{spec.label.en} {words_en} {ref.en}{shift_en}")
    if isinstance(atom.value, bool) and atom.op in ("eq", "ne"):
        yes = atom.value is (atom.op == "eq")
        return LocalizedText(id=f"{spec.label.id}: {'ya' if yes else 'tidak'}",
                             en=f"{spec.label.en}: {'yes' if yes else 'no'}")
    if isinstance(atom.value, (frozenset, set, list, tuple)) or spec.vocabulary is not None:
        members = sorted(atom.value) if isinstance(atom.value, (frozenset, set, list, tuple)) else [atom.value]
        labels = [spec.value_label(str(m)) for m in members]
        shown_id, shown_en = ", ".join(t.id for t in labels), ", ".join(t.en for t in labels)
    else:
        shown_id = shown_en = show_value(atom.value)
    return LocalizedText(id=f"{spec.label.id} {words_id} {shown_id}", en=f"{spec.label.en} {words_en} {shown_en}")
