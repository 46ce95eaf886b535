"""The pure-Python reference backend: evaluates the compiled condition trees directly.

Each condition is turned into a closure once (`netralitas.matching.checks`), with exactly the
semantics of `holds`.

It runs everywhere (durable-rules does not import on Python 3.13) and serves as the
differential oracle for the durable-rules backend in tests.
"""

from __future__ import annotations

from collections.abc import Sequence

from netralitas.facts.normalise import Fact
from netralitas.matching.backends.base import Classification, Match
from netralitas.matching.checks import condition_check
from netralitas.matching.compiler import CompiledRulebook


class PythonBackend:
    """Matches by three-valued evaluation; only definitely true conditions match."""

    name = "python"

    def __init__(self, compiled: CompiledRulebook) -> None:
        self.compiled = compiled
        self._checks = [condition_check(r.condition) if r.condition is not None else None for r in compiled.rules]

    def match(self, facts: Sequence[Fact]) -> set[Match]:
        return set(self.classify(facts).holds)

    def classify(self, facts: Sequence[Fact]) -> Classification:
        holds: set[Match] = set()
        undetermined: set[Match] = set()
        checks = self._checks
        for fact in facts:
            for rule in self.compiled.candidates(fact.subject, fact.values.get("act.kind")):
                check = checks[rule.index]
                value = True if check is None else check(fact.values)
                if value is True:
                    holds.add((rule.index, fact.index))
                elif value is None:
                    undetermined.add((rule.index, fact.index))
        return Classification(frozenset(holds), frozenset(undetermined))
