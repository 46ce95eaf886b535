"""Translate compiled rules and normalised facts into durable-rules' JSON forms.

durable-rules compares loosely ('1', True and 1.0 all equal 1) and has no notion of
unknown. So every fact is typed before it gets here, every atom carries an existence test
(an absent, i.e. unknown, fact never matches), negations are already pushed to the atoms,
dates become day ordinals and sets become one boolean flag per allowed value.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from netralitas.facts.normalise import Fact
from netralitas.facts.paths import FIELDS_BY_PATH
from netralitas.lang.conditions import All, AnyOf, Atom, Node, Not
from netralitas.matching.compiler import CompiledRule

MAX_PROPERTIES = 250
_CMP = {"lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte"}


def key(path: str) -> str:
    """A durable-rules property name for a fact path."""
    return path.replace(".", "__")


def flag(path: str, value: str) -> str:
    """The property that says whether set `path` contains `value`."""
    return f"{key(path)}___{value}"


def _plain(value: Any) -> Any:
    return value.toordinal() if isinstance(value, date) else value


def _exists(name: str) -> dict[str, Any]:
    return {"$ex": {name: 1}}


def _atom(atom: Atom) -> dict[str, Any]:
    name = key(atom.path)
    op = atom.op
    if op == "known":
        return _exists(name)
    if op == "unknown":
        return {"$nex": {name: 1}}
    if op in ("any_of", "none_of", "all_of", "not_all_of"):
        want = op in ("any_of", "all_of")
        tests = [{flag(atom.path, v): want} for v in sorted(atom.value)]
        joiner = "$or" if op in ("any_of", "not_all_of") else "$and"
        return {joiner: tests} if len(tests) > 1 else tests[0]
    if op in ("in", "not_in"):
        if op == "in":
            tests = [{name: v} for v in sorted(atom.value)]
            return {"$or": tests} if len(tests) > 1 else tests[0]
        return {"$and": [_exists(name), *({"$neq": {name: v}} for v in sorted(atom.value))]}
    if atom.ref is not None:
        right: Any = {"$add": {"$l": {"$m": key(atom.ref)}, "$r": atom.offset}}
        compare = {_CMP[op]: {name: right}} if op in _CMP else {"$eq" if op == "eq" else "$neq": {name: right}}
        return {"$and": [_exists(name), _exists(key(atom.ref)), compare]}
    value = _plain(atom.value)
    if op == "eq":
        return {name: value}
    if op == "ne":
        return {"$and": [_exists(name), {"$neq": {name: value}}]}
    return {"$and": [_exists(name), {_CMP[op]: {name: value}}]}


def condition(node: Node) -> dict[str, Any]:
    """durable-rules JSON for a condition in negation normal form."""
    if isinstance(node, Atom):
        return _atom(node)
    if isinstance(node, All):
        return {"$and": [condition(i) for i in node.items]}
    if isinstance(node, AnyOf):
        return {"$or": [condition(i) for i in node.items]}
    if isinstance(node, Not):
        raise ValueError("conditions must be in negation normal form")
    raise TypeError(node)


def rule_pattern(rule: CompiledRule) -> dict[str, Any]:
    """The full pattern of one rule: subject guard, act-kind guard, condition."""
    subject = rule.loaded.rule.subject
    parts: list[dict[str, Any]] = [{"subject": subject}]
    if subject == "act":
        kinds = [{key("act.kind"): k} for k in sorted(rule.act_kinds)]
        parts.append({"$or": kinds} if len(kinds) > 1 else kinds[0])
    if rule.condition is not None:
        parts.append(condition(rule.condition))
    return {"$and": parts}


_SET_FLAGS: dict[str, tuple[tuple[str, str], ...]] = {
    spec.path: tuple((flag(spec.path, member), member) for member in spec.values)
    for spec in FIELDS_BY_PATH.values() if spec.type == "set"
}
_KEYS: dict[str, str] = {path: key(path) for path in FIELDS_BY_PATH}


def fact_message(fact: Fact, eval_id: int, sid: str) -> dict[str, Any]:
    """A normalised fact as a durable-rules fact, unique per evaluation."""
    message: dict[str, Any] = {"sid": sid, "eval_id": eval_id, "fact_index": fact.index, "subject": fact.subject}
    for path, value in fact.values.items():
        flags = _SET_FLAGS.get(path)
        if flags is not None:
            for name, member in flags:
                message[name] = member in value
        else:
            message[_KEYS[path]] = value.toordinal() if isinstance(value, date) else value
    if len(message) > MAX_PROPERTIES:
        raise ValueError(f"fact has {len(message)} properties; durable-rules allows at most 255")
    return message
