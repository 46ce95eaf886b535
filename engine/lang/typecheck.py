"""Check a rule's conditions against the fact schema and compile them to the condition tree."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from netralitas.errors import Problem
from netralitas.facts.paths import FieldSpec, Scope, paths_for
from netralitas.lang.conditions import All, AnyOf, Atom, Node, Not
from netralitas.lang.models import Condition
from netralitas.suggestions import suggest

DATE_LITERAL = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_OPS = {"before": "lt", "after": "gt", "on_or_before": "le", "on_or_after": "ge"}
_SET_OPS = {"contains_any": "any_of", "contains_all": "all_of", "contains_none": "none_of"}
Report = Callable[[str, tuple[str | int, ...], str | None, str | None], None]


class ConditionCompiler:
    """Type-checks conditions for one rule and builds the condition tree; reports located problems."""

    def __init__(self, scope: Scope, report: Report) -> None:
        self.fields = paths_for(scope)
        self.scope = scope
        self.report = report

    def field(self, path: str, loc: tuple[str | int, ...]) -> FieldSpec | None:
        """The spec of `path`, or a reported problem with a suggestion."""
        spec = self.fields.get(path)
        if spec is None:
            hint = "" if self.scope == "act" or not path.startswith("act.") else "; person rules cannot test act facts"
            self.report(f"unknown fact path '{path}'{hint}", loc, "fact", suggest(path, self.fields))
        return spec

    def compile(self, cond: Condition, loc: tuple[str | int, ...]) -> Node | None:
        """The condition tree for `cond`, or None if it has problems (already reported)."""
        if cond.all is not None:
            items = [self.compile(c, (*loc, "all", i)) for i, c in enumerate(cond.all)]
            return None if any(i is None for i in items) else All(tuple(i for i in items if i is not None))
        if cond.any is not None:
            items = [self.compile(c, (*loc, "any", i)) for i, c in enumerate(cond.any)]
            return None if any(i is None for i in items) else AnyOf(tuple(i for i in items if i is not None))
        if cond.not_ is not None:
            inner = self.compile(cond.not_, (*loc, "not"))
            return None if inner is None else Not(inner)
        assert cond.fact is not None
        spec = self.field(cond.fact, (*loc, "fact"))
        if spec is None:
            return None
        op = next(o for o in ("equals", "not_equals", "in_", "not_in", *_DATE_OPS, *_SET_OPS, "known")
                  if o in cond.model_fields_set)
        name = "in" if op == "in_" else op
        value = getattr(cond, op)
        return self._atom(spec, name, value, cond.offset_days or 0, (*loc, name))

    def _bad(self, message: str, loc: tuple[str | int, ...], field: str,
             suggestion: str | None = None) -> None:
        self.report(message, loc, field, suggestion)

    def _member(self, spec: FieldSpec, value: Any, loc: tuple[str | int, ...], field: str) -> bool:
        if not isinstance(value, str) or value not in spec.values:
            self._bad(f"'{value}' is not a value of {spec.path} (allowed: {', '.join(spec.values)})", loc, field,
                      suggest(str(value), spec.values))
            return False
        return True

    def _atom(self, spec: FieldSpec, op: str, value: Any, offset: int, loc: tuple[str | int, ...]) -> Atom | None:
        if op == "known":
            return Atom(spec.path, "known" if value else "unknown")
        kind = spec.type
        if op in ("equals", "not_equals"):
            code = "eq" if op == "equals" else "ne"
            if kind == "bool":
                if not isinstance(value, bool):
                    self._bad(f"{spec.path} is true/false; cannot compare it with '{value}'", loc, op)
                    return None
                return Atom(spec.path, code, value)
            if kind == "enum":
                return Atom(spec.path, code, value) if self._member(spec, value, loc, op) else None
            if kind == "date":
                parsed = self._date(value, loc, op)
                return None if parsed is None else Atom(spec.path, code, parsed)
            self._bad(f"{spec.path} is a set; use contains_any/contains_all/contains_none", loc, op)
            return None
        if op in ("in", "not_in"):
            if kind != "enum":
                self._bad(f"'{op}' needs a fact with named values; {spec.path} is {_a(kind)}", loc, op)
                return None
            if not all(self._member(spec, v, (*loc, i), op) for i, v in enumerate(value)):
                return None
            return Atom(spec.path, op, frozenset(value))
        if op in _DATE_OPS:
            if kind != "date":
                self._bad(f"'{op}' compares dates; {spec.path} is {_a(kind)}", loc, op)
                return None
            if isinstance(value, str) and not DATE_LITERAL.match(value):
                ref = self.field(value, loc)
                if ref is None:
                    return None
                if ref.type != "date":
                    self._bad(f"'{op}' compares dates; {ref.path} is {_a(ref.type)}", loc, op)
                    return None
                return Atom(spec.path, _DATE_OPS[op], None, ref.path, offset)
            if offset:
                self._bad("'offset_days' goes with a date fact path, not a literal date", loc, "offset_days")
                return None
            parsed = self._date(value, loc, op)
            return None if parsed is None else Atom(spec.path, _DATE_OPS[op], parsed)
        if kind != "set":
            self._bad(f"'{op}' tests a set; {spec.path} is {_a(kind)}", loc, op)
            return None
        if not all(self._member(spec, v, (*loc, i), op) for i, v in enumerate(value)):
            return None
        return Atom(spec.path, _SET_OPS[op], frozenset(value))

    def _date(self, value: Any, loc: tuple[str | int, ...], field: str) -> date | None:
        if not isinstance(value, str) or not DATE_LITERAL.match(value):
            self._bad(f"'{value}' is not a date (YYYY-MM-DD)", loc, field)
            return None
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            self._bad(f"'{value}' is an impossible date: {exc}", loc, field)
            return None


def report_into(problems: list[Problem], position: Callable[[tuple[str | int, ...]], tuple[int | None, int | None]],
                file: str, rule_id: str | None, prefix: tuple[str | int, ...] = ()) -> Report:
    """A Report that appends located problems to `problems`; `prefix` is the YAML path `loc` is relative to."""

    def report(message: str, loc: tuple[str | int, ...], field: str | None, suggestion: str | None) -> None:
        line, column = position(loc)
        path = ".".join(str(p) for p in (*prefix, *loc)) or None
        problems.append(Problem(message, file, line, column, rule_id, field, suggestion, path=path))

    return report


def _a(kind: str) -> str:
    """'a date', 'an enum': the type word with its article."""
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"
