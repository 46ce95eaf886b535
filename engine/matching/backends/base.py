"""The interface every matching backend implements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from netralitas.facts.normalise import Fact

Match = tuple[int, int]
"""(rule index, fact index): the rule's condition definitely holds for the fact."""


@dataclass(frozen=True)
class Classification:
    """Every candidate (rule, fact) pair of one incident sorted into the three outcomes of its condition.

    A candidate pair in neither set is decided false (not applicable).
    """

    holds: frozenset[Match]
    """The condition is true."""
    undetermined: frozenset[Match]
    """The condition is neither true nor false: it depends on a fact that is unknown."""


class Backend(Protocol):
    """Finds which compiled rules definitely hold for which facts of one incident."""

    name: str

    def match(self, facts: Sequence[Fact]) -> set[Match]:
        """All (rule index, fact index) pairs whose condition is true (not false, not unknown)."""
        ...

    def classify(self, facts: Sequence[Fact]) -> Classification:
        """Which candidate pairs hold, which are undetermined (the rest are false)."""
        ...
