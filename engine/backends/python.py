"""The pure-Python reference backend: evaluates the compiled condition trees directly.

It runs everywhere (durable-rules does not import on Python 3.13) and serves as the
differential oracle for the durable-rules backend in tests.
"""

from __future__ import annotations

from collections.abc import Sequence

from netralitas.backends.base import Match
from netralitas.compiler import CompiledRulebook
from netralitas.facts.normalise import Fact
from netralitas.lang.conditions import holds


class PythonBackend:
    """Matches by three-valued evaluation; only definitely true conditions match."""

    name = "python"

    def __init__(self, compiled: CompiledRulebook) -> None:
        self.compiled = compiled

    def match(self, facts: Sequence[Fact]) -> set[Match]:
        found: set[Match] = set()
        for fact in facts:
            for rule in self.compiled.candidates(fact.subject, fact.values.get("act.kind")):
                if rule.condition is None or holds(rule.condition, fact.values) is True:
                    found.add((rule.index, fact.index))
        return found
