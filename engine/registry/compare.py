"""Verdicts of one case compared as `rules diff` compares them (the registry's one use of the authoring tools)."""

from __future__ import annotations

from netralitas import Verdict
from netralitas.authoring.rulediff import VerdictChange, finding_lines


def compare(name: str, old: Verdict, new: Verdict) -> VerdictChange | None:
    """What changed between two verdicts on one case, as `rules diff` reports it (None: same outcome)."""
    a, b = finding_lines(old), finding_lines(new)
    if a == b and old.outcome.summary == new.outcome.summary:
        return None
    return VerdictChange(name, tuple(x for x in a if x not in b), tuple(x for x in b if x not in a),
                         old.outcome.summary, new.outcome.summary)


__all__ = ["VerdictChange", "compare", "finding_lines"]
