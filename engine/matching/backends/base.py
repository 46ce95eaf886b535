"""The interface every matching backend implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from netralitas.facts.normalise import Fact

Match = tuple[int, int]
"""(rule index, fact index): the rule's condition definitely holds for the fact."""


class Backend(Protocol):
    """Finds which compiled rules definitely hold for which facts of one incident."""

    name: str

    def match(self, facts: Sequence[Fact]) -> set[Match]:
        """All (rule index, fact index) pairs whose condition is true (not false, not unknown)."""
        ...
