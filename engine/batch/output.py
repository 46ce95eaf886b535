"""Batch formats: incidents from CSV rows, verdicts as JSON Lines or CSV rows.

CSV input. The header names each column by the dotted path of an incident field; a numeric
segment is a list position. For example::

    id,date,person.employment_status,election.calendar,acts.0.kind,acts.0.date,acts.0.attributes.0
    c1,2024-01-10,pns,pemilu-2024,partisan_photo,2024-01-10,party

A cell is read as: empty -> the field is absent (unknown); `true` / `false` -> a boolean; text
starting with `[` or `{` -> JSON (so `[]` says "no attributes" and `["party","asn"]` lists
them); anything else -> text (dates as YYYY-MM-DD, `unknown` for an explicit unknown).

JSON Lines output: each verdict is one line, exactly `Verdict.to_json()` without indentation;
an incident that could not be read or validated is one line `{"error": {"source", "line",
"incident_id", "problems": [{"message", "file", "line", "column", "field"}]}}`.

CSV output (`CSV_COLUMNS`): one row per finding; an incident with no finding gets one row with
the finding columns empty; an invalid incident gets one row with status `error` and the
problems in `error`. `status` is the outcome state's code, the same in every language: `violation`,
`conditional`, `undetermined`, `no_violation`, `out_of_scope` (or `error`); `status_label` says it in the
output language ("belum dapat diputuskan" / "undetermined").
"""

from __future__ import annotations

import csv
import io
import json
from enum import StrEnum
from typing import Any

from netralitas.errors import Problem
from netralitas.evaluation.outcome import STATE_LABELS
from netralitas.evaluation.verdict import Finding, Verdict
from netralitas.messages import message, render
from netralitas.text import Lang

CSV_COLUMNS = ("source", "line", "incident_id", "status", "status_label", "outcome", "rule_id", "act_id", "category",
               "tier", "date_used", "basis", "in_conflict", "undetermined", "error")


class OutputFormat(StrEnum):
    """How batch results are written."""

    JSONL = "jsonl"
    CSV = "csv"


def _cell(text: str) -> Any:
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if text[:1] in "[{":
        try:
            return json.loads(text)
        except RecursionError:
            raise ValueError("nested too deep") from None
    return text


def _set(root: dict[str | int, Any], parts: list[str | int], value: Any, column: str) -> None:
    node = root
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise ValueError(f"column '{column}' overlaps another column")
        node = child
    if parts[-1] in node:
        raise ValueError(f"column '{column}' is given twice")
    node[parts[-1]] = value


def _listify(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    items = {k: _listify(v) for k, v in node.items()}
    if items and all(isinstance(k, int) for k in items):
        return [items[k] for k in sorted(items)]
    return items


def csv_record(header: list[str], row: list[str]) -> dict[str, Any]:
    """The incident document a CSV row describes (see the module docstring for the mapping)."""
    if len(row) > len(header):
        raise ValueError(f"row has {len(row)} cells but the header names {len(header)} columns")
    root: dict[str | int, Any] = {}
    for column, cell in zip(header, row, strict=False):
        text = cell.strip()
        name = column.strip()
        if not text:
            continue
        if not name:
            raise ValueError("a non-empty cell has no column name")
        parts: list[str | int] = [int(p) if p.isdigit() else p for p in name.split(".")]
        try:
            value = _cell(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"column '{name}': not valid JSON: {exc.msg}") from None
        except ValueError as exc:  # nested too deep, or an integer longer than 4,300 digits
            detail = "nested too deep" if "nested" in str(exc) else "number too long (more than 4,300 digits)"
            raise ValueError(f"column '{name}': not valid JSON: {detail}") from None
        _set(root, parts, value, name)
    data = _listify(root)
    if not isinstance(data, dict):
        raise ValueError("the header must name incident fields (id, person..., acts.0.kind), not list positions")
    return data


def csv_header() -> str:
    """The header line of CSV output."""
    return _rows([list(CSV_COLUMNS)])


def _rows(rows: list[list[Any]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _finding_cells(finding: Finding) -> list[Any]:
    basis = "; ".join(f"{c.instrument_short} {c.reference}" for c in finding.citations)
    return [finding.rule_id, finding.act_id or "", finding.category.value, finding.sanction.tier.value,
            finding.date_used.isoformat() if finding.date_used else "", basis, str(finding.in_conflict).lower()]


def format_verdict(verdict: Verdict, source: str, line: int | None, output: OutputFormat, lang: Lang) -> str:
    """One verdict as a JSON line or as CSV rows."""
    if output is OutputFormat.JSONL:
        return verdict.to_json(indent=None) + "\n"
    state = verdict.outcome.state
    undetermined = " ".join(sorted({u.rule_id for u in verdict.undetermined}))
    head = [source, line or "", verdict.incident_id, state.value, STATE_LABELS[state].get(lang),
            verdict.outcome.summary.get(lang)]
    cells = [_finding_cells(f) for f in verdict.findings] or [[""] * 7]
    return _rows([[*head, *c, undetermined, ""] for c in cells])


def format_error(source: str, line: int | None, incident_id: str | None, problems: tuple[Problem, ...],
                 output: OutputFormat, lang: Lang = "en") -> str:
    """An incident that could not be evaluated, as a JSON line or a CSV row (messages in `lang`)."""
    if output is OutputFormat.JSONL:
        listed = [{"message": message(p, lang), "file": p.file, "line": p.line, "column": p.column, "field": p.field}
                  for p in problems]
        record = {"source": source, "line": line, "incident_id": incident_id, "problems": listed}
        return json.dumps({"error": record}, ensure_ascii=False, sort_keys=True) + "\n"
    text = " | ".join(render(p, lang) for p in problems)
    label = "galat" if lang == "id" else "error"
    return _rows([[source, line or "", incident_id or "", "error", label, *[""] * 9, text]])
