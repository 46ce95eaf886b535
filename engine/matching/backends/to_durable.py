"""Translate compiled rules and normalised facts into durable-rules' JSON forms.

durable-rules compares loosely ('1', True and 1.0 all equal 1) and has no notion of
unknown. So every fact is typed before it gets here, every atom carries an existence test
(an absent, i.e. unknown, fact never matches), negations are already pushed to the atoms,
dates become day ordinals and sets become one boolean flag per allowed value.

A rule whose condition may be undetermined also has a second pattern, so that the engine itself
tells the three outcomes apart: either the optimistic pattern (an atom over an unknown fact counts
as true: it matches when the condition is true or unknown, in Kleene logic) or the falsity pattern
(the strict pattern of the negated condition: it matches when the condition is false). durable-rules
expands patterns into disjunctive normal form and refuses some large disjunctions (error 113; see
docs/durable-rules.md), so each rule gets whichever of the two expands to fewer terms. A rulebook that
durable-rules still refuses falls back to the pure-Python backend under `--backend auto`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from netralitas.facts.normalise import AtLeast, Fact
from netralitas.facts.paths import FIELDS_BY_PATH
from netralitas.lang.conditions import All, AnyOf, Atom, Node, Not, atoms, needed_paths, nnf
from netralitas.matching.compiler import CompiledRule

MAX_PROPERTIES = 250
_CMP = {"lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte"}
_SET_OPS = ("any_of", "none_of", "all_of", "not_all_of")


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
    if op in _SET_OPS:
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


def _unknown_tests(atom: Atom) -> list[dict[str, Any]]:
    """Tests that are true when a fact the atom reads is unknown (none for known/unknown atoms)."""
    if atom.op in ("known", "unknown"):
        return []
    spec = FIELDS_BY_PATH[atom.path]
    first = flag(atom.path, spec.values[0]) if spec.type == "set" else key(atom.path)
    tests = [{"$nex": {first: 1}}]
    if atom.ref is not None:
        tests.append({"$nex": {key(atom.ref): 1}})
    return tests


UNKNOWN_MEMBER = "unknown"
"""The flag of a member a set known only in part (`AtLeast`) does not name: present, but neither true nor false."""


def _optimistic_set_atom(atom: Atom) -> dict[str, Any]:
    """True or unknown: the whole set is unknown (its flags are absent), or no member is known to be the opposite
    (a member an `AtLeast` set does not name has the flag `UNKNOWN_MEMBER`, which `$neq` matches)."""
    want = atom.op in ("any_of", "all_of")
    tests = [{"$neq": {flag(atom.path, v): not want}} for v in sorted(atom.value)]
    joiner = "$or" if atom.op in ("any_of", "not_all_of") else "$and"
    members = {joiner: tests} if len(tests) > 1 else tests[0]
    return {"$or": [*_unknown_tests(atom), members]}


def _optimistic_atom(atom: Atom) -> dict[str, Any]:
    if atom.op in _SET_OPS:
        return _optimistic_set_atom(atom)
    unknown = _unknown_tests(atom)
    return {"$or": [*unknown, _atom(atom)]} if unknown else _atom(atom)


def condition(node: Node, optimistic: bool = False) -> dict[str, Any]:
    """durable-rules JSON for a condition in negation normal form; `optimistic`: unknown atoms hold."""
    if isinstance(node, Atom):
        return _optimistic_atom(node) if optimistic else _atom(node)
    if isinstance(node, All):
        return {"$and": [condition(i, optimistic) for i in node.items]}
    if isinstance(node, AnyOf):
        return {"$or": [condition(i, optimistic) for i in node.items]}
    if isinstance(node, Not):
        raise ValueError("conditions must be in negation normal form")
    raise TypeError(node)


def can_be_unknown(rule: CompiledRule) -> bool:
    """Whether the rule's condition can be undetermined (it reads a fact that may be unknown)."""
    return rule.condition is not None and condition(rule.condition, True) != condition(rule.condition)


def dnf_terms(pattern: Any) -> int:
    """How many conjunctions durable-rules expands `pattern` into."""
    if not isinstance(pattern, dict) or len(pattern) != 1:
        return 1
    (op, items), = pattern.items()
    if op == "$and":
        product = 1
        for item in items:
            product *= dnf_terms(item)
        return product
    if op == "$or":
        return sum(dnf_terms(item) for item in items)
    return 1


def _guarded(rule: CompiledRule, node: Node | None, optimistic: bool = False) -> dict[str, Any]:
    parts: list[dict[str, Any]] = [{"subject": rule.loaded.rule.subject}]
    if node is not None:
        parts.append(condition(node, optimistic))
    return {"$and": parts}


def rule_pattern(rule: CompiledRule, optimistic: bool = False) -> dict[str, Any]:
    """The pattern of one rule, strict or optimistic: subject guard and condition.

    No act-kind guard: a rule is registered in the ruleset of each act kind it names, and a fact
    is asserted only to the ruleset of its own kind.
    """
    return _guarded(rule, rule.condition, optimistic)


def falsity_pattern(rule: CompiledRule) -> dict[str, Any]:
    """The pattern that matches exactly when the rule's condition is false (known, and not true)."""
    assert rule.condition is not None
    return _guarded(rule, nnf(Not(rule.condition)))


def second_pattern(rule: CompiledRule) -> tuple[bool, dict[str, Any]] | None:
    """(optimistic?, pattern): the smaller of the optimistic and the falsity pattern, for a rule that can
    be undetermined; None for one that is always decided."""
    if not can_be_unknown(rule):
        return None
    optimistic, falsity = rule_pattern(rule, optimistic=True), falsity_pattern(rule)
    return (True, optimistic) if dnf_terms(optimistic) <= dnf_terms(falsity) else (False, falsity)


_SET_FLAGS: dict[str, tuple[tuple[str, str], ...]] = {
    spec.path: tuple((flag(spec.path, member), member) for member in spec.values)
    for spec in FIELDS_BY_PATH.values() if spec.type == "set"
}
_KEYS: dict[str, str] = {path: key(path) for path in FIELDS_BY_PATH}


def read_paths(rules: Sequence[CompiledRule]) -> tuple[str, ...]:
    """The fact paths the conditions of `rules` read, sorted: all their patterns can test (besides `subject`)."""
    return tuple(sorted({p for rule in rules if rule.condition is not None for a in atoms(rule.condition)
                         for p in needed_paths(a)}))


def fact_message(fact: Fact, eval_id: int, sid: str, reads: tuple[str, ...] | None = None) -> dict[str, Any]:
    """A normalised fact as a durable-rules fact, unique per evaluation; with `reads` (`read_paths` of the rules it
    is asserted to), only the values those rules read, which is all their patterns can match on."""
    message: dict[str, Any] = {"sid": sid, "eval_id": eval_id, "fact_index": fact.index, "subject": fact.subject}
    values = fact.values
    for path, value in (values.items() if reads is None else [(p, values[p]) for p in reads if p in values]):
        flags = _SET_FLAGS.get(path)
        if flags is not None:
            partial = type(value) is AtLeast
            for name, member in flags:
                message[name] = True if member in value else (UNKNOWN_MEMBER if partial else False)
        else:
            message[_KEYS[path]] = value.toordinal() if isinstance(value, date) else value
    if len(message) > MAX_PROPERTIES:
        raise ValueError(f"fact has {len(message)} properties; durable-rules allows at most 255")
    return message
