"""Matching backends behind one interface: durable-rules, and a pure-Python reference."""

from __future__ import annotations

from typing import Literal

from netralitas.matching.backends import durable
from netralitas.matching.backends.base import Backend, Classification, Match
from netralitas.matching.backends.python import PythonBackend
from netralitas.matching.compiler import CompiledRulebook

BackendName = Literal["auto", "durable", "python"]

__all__ = ["Backend", "BackendName", "Classification", "Match", "PythonBackend", "make_backend"]


def make_backend(compiled: CompiledRulebook, name: BackendName = "auto") -> Backend:
    """The backend called `name`.

    'auto' is durable-rules where it imports and accepts the rulebook, else pure Python:
    durable-rules refuses some large rulebooks outright (about 1,000 rules with existence
    tests under one node fail with error code 107, ERR_RULE_EXISTS_LIMIT_EXCEEDED), and under
    'auto' an incident whose fact it cannot match (error 303 in some very large rulesets) is
    classified by the pure-Python reference instead, which gives the same verdict.
    """
    if name == "python" or (name == "auto" and not durable.available()):
        return PythonBackend(compiled)
    try:
        return durable.DurableBackend(compiled, fallback=PythonBackend(compiled) if name == "auto" else None)
    except durable.RulesetRefused:
        if name == "auto":
            return PythonBackend(compiled)
        raise
