"""Compile a rulebook into a zen-engine (GoRules) JSON Decision Model, for comparison.

The same compiled conditions both netralitas backends evaluate (negation normal form, see
`netralitas.lang.conditions`) become one decision table with hit policy `collect`: a row per
rule whose single input cell is a zen expression and whose output is the rule's index. A
normalised fact becomes a zen context with the keys durable-rules uses (`act.kind` ->
`act__kind`), dates as day ordinals and sets as lists. As in the durable-rules translation,
every atom requires the facts it reads to be known (`!= null`), so a row fires exactly when
the condition is definitely true, which is what `PythonBackend.match` returns.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from netralitas.facts.normalise import AtLeast, Fact
from netralitas.lang.conditions import All, AnyOf, Atom, Node, Not
from netralitas.matching.backends.base import Match
from netralitas.matching.backends.to_durable import key
from netralitas.matching.compiler import CompiledRule, CompiledRulebook

_CMP = {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}


def literal(value: Any) -> str:
    """A Python value as a zen literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return str(value.toordinal())
    if isinstance(value, (frozenset, set, list, tuple)):
        return "[" + ", ".join(literal(v) for v in sorted(value)) + "]"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value))


COMPLETE = "__complete"
"""The context flag saying a set fact is the complete list (not `AtLeast`, a list known only in part)."""


def atom_expression(atom: Atom) -> str:
    """One atom as a zen expression that is false when a fact it reads is unknown."""
    name = key(atom.path)
    op = atom.op
    if op in ("known", "unknown"):
        return f"{name} {'!=' if op == 'known' else '=='} null"
    known = f"{name} != null"
    if atom.ref is not None:
        right = f"({key(atom.ref)} + {atom.offset})"
        return f"({known} and {key(atom.ref)} != null and {name} {_CMP[op]} {right})"
    value = literal(atom.value)
    tests = {
        "in": f"{name} in {value}", "not_in": f"not ({name} in {value})",
        "any_of": f"some({name}, # in {value})", "none_of": f"{name}{COMPLETE} and none({name}, # in {value})",
        "all_of": f"all({value}, # in {name})", "not_all_of": f"{name}{COMPLETE} and not all({value}, # in {name})",
    }
    test = tests.get(op) or f"{name} {_CMP[op]} {value}"
    return f"({known} and {test})"


def expression(node: Node) -> str:
    """A condition in negation normal form as a zen expression."""
    if isinstance(node, Atom):
        return atom_expression(node)
    if isinstance(node, Not):
        raise ValueError("conditions must be in negation normal form")
    joiner = " and " if isinstance(node, All) else " or "
    assert isinstance(node, (All, AnyOf))
    return "(" + joiner.join(expression(i) for i in node.items) + ")"


def rule_expression(rule: CompiledRule) -> str:
    """Subject guard, act-kind guard and condition of one rule."""
    subject = rule.loaded.rule.subject
    parts = [f"subject == {literal(subject)}"]
    if subject == "act":
        parts.append(f"act__kind in {literal(rule.act_kinds)}")
    if rule.condition is not None:
        parts.append(expression(rule.condition))
    return " and ".join(parts)


def decision(compiled: CompiledRulebook) -> dict[str, Any]:
    """The JSON Decision Model of a compiled rulebook: input -> decision table -> output."""
    table = {
        "hitPolicy": "collect",
        "inputs": [{"id": "condition", "name": "Condition"}],
        "outputs": [{"id": "rule", "field": "rule", "name": "Rule"}],
        "rules": [{"_id": rule.id, "condition": rule_expression(rule), "rule": str(rule.index)}
                  for rule in compiled.rules],
    }
    at = {"x": 0, "y": 0}
    return {
        "contentType": "application/vnd.gorules.decision",
        "nodes": [{"id": "request", "type": "inputNode", "name": "Request", "position": at},
                  {"id": "rules", "type": "decisionTableNode", "name": "Rules", "position": at, "content": table},
                  {"id": "response", "type": "outputNode", "name": "Response", "position": at}],
        "edges": [{"id": "e1", "type": "edge", "sourceId": "request", "targetId": "rules"},
                  {"id": "e2", "type": "edge", "sourceId": "rules", "targetId": "response"}],
    }


def context(fact: Fact) -> dict[str, Any]:
    """A normalised fact as a zen context."""
    out: dict[str, Any] = {"subject": fact.subject}
    for path, value in fact.values.items():
        if isinstance(value, date):
            value = value.toordinal()
        elif isinstance(value, frozenset):
            out[key(path) + COMPLETE] = type(value) is not AtLeast  # "none of" holds only for a complete list
            value = sorted(value)
        out[key(path)] = value
    return out


class ZenMatcher:
    """Matches facts with zen-engine; the same answer as the netralitas backends."""

    name = "zen-engine"

    def __init__(self, compiled: CompiledRulebook) -> None:
        import zen

        self.compiled = compiled
        self.decision = zen.ZenEngine().create_decision(json.dumps(decision(compiled)))

    def match(self, facts: Sequence[Fact]) -> set[Match]:
        """(rule index, fact index) pairs whose condition is definitely true."""
        found: set[Match] = set()
        candidates = self.compiled.candidates
        for fact in facts:
            if not candidates(fact.subject, fact.values.get("act.kind")):
                continue  # as the durable-rules backend: no rule can apply, nothing to ask
            for row in self.decision.evaluate(context(fact))["result"]:
                found.add((int(row["rule"]), fact.index))
        return found
