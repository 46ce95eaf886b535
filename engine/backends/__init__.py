"""Matching backends behind one interface: durable-rules, and a pure-Python reference."""

from __future__ import annotations

from typing import Literal

from netralitas.backends import durable
from netralitas.backends.base import Backend, Match
from netralitas.backends.python import PythonBackend
from netralitas.compiler import CompiledRulebook

BackendName = Literal["auto", "durable", "python"]

__all__ = ["Backend", "BackendName", "Match", "PythonBackend", "make_backend"]


def make_backend(compiled: CompiledRulebook, name: BackendName = "auto") -> Backend:
    """The backend called `name`; 'auto' is durable-rules where it imports, else pure Python."""
    if name == "python" or (name == "auto" and not durable.available()):
        return PythonBackend(compiled)
    return durable.DurableBackend(compiled)
