"""Evaluating cases: each evaluation appends a verdict row (never updated), with what changed since the last."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from netralitas import Evaluator, Rulebook, Verdict
from netralitas.registry import audit
from netralitas.registry.casefile import stored_incident
from netralitas.registry.cases import find
from netralitas.registry.compare import VerdictChange, compare
from netralitas.registry.db import read_session, write_session
from netralitas.registry.lifecycle import OPEN
from netralitas.registry.models import Case, StoredVerdict, pipes
from netralitas.registry.vocabulary import OutcomeState


@lru_cache(maxsize=4)
def evaluator(rules: Path | None = None) -> Evaluator:
    """One evaluator per rulebook folder (None: bundled) per process."""
    return Evaluator(Rulebook.load(rules))


def outcome_state(verdict: Verdict) -> OutcomeState:
    """The verdict's own headline state (violation, conditional, undetermined, no violation, out of scope), so
    that search and counts never read a case as cleared that the verdict leaves open or out of scope."""
    return verdict.outcome.state


def verdict_columns(verdict: Verdict) -> dict[str, str]:
    """The stored form of a verdict and its search columns (everything of its row but the case and officer)."""
    findings = verdict.findings
    return {
        "rulebook_hash": verdict.provenance.rulebook_hash, "engine_version": verdict.provenance.engine_version,
        "input_hash": verdict.provenance.input_hash, "verdict_json": verdict.to_json(indent=None),
        "summary_id": verdict.outcome.summary.id, "summary_en": verdict.outcome.summary.en,
        "outcome_state": outcome_state(verdict).value, "categories": pipes([f.category.value for f in findings]),
        "tiers": pipes([f.sanction.tier.value for f in findings]),
        "instruments": pipes([c.instrument for f in findings for c in f.citations])}


def to_row(case: Case, verdict: Verdict | dict[str, str], officer: str) -> StoredVerdict:
    """The row of a verdict (or of its `verdict_columns`) on `case`."""
    columns = verdict_columns(verdict) if isinstance(verdict, Verdict) else verdict
    return StoredVerdict(case_id=case.id, officer=officer, **columns)


def verdict_payload(row: StoredVerdict, changed: bool) -> dict[str, Any]:
    """What the audit log records of a stored verdict."""
    return {"verdict_id": row.id, "rulebook_hash": row.rulebook_hash, "input_hash": row.input_hash,
            "engine_version": row.engine_version, "outcome": row.outcome_state, "changed": changed}


def mark_latest(case: Case, row: StoredVerdict) -> None:
    """Copy the newest verdict's search columns onto its case (what filters and statistics read)."""
    case.latest_outcome, case.latest_categories = row.outcome_state, row.categories
    case.latest_tiers, case.latest_instruments = row.tiers, row.instruments


def history(session: Session, case: Case) -> list[StoredVerdict]:
    """The case's verdicts, oldest first."""
    return list(session.scalars(select(StoredVerdict).where(StoredVerdict.case_id == case.id)
                                .order_by(StoredVerdict.id)))


def latest(session: Session, case: Case) -> StoredVerdict | None:
    """The case's latest verdict."""
    return session.scalar(select(StoredVerdict).where(StoredVerdict.case_id == case.id)
                          .order_by(StoredVerdict.id.desc()).limit(1))


def load_verdict(row: StoredVerdict) -> Verdict:
    """The verdict of a stored row."""
    return Verdict.model_validate_json(row.verdict_json)


@dataclass(frozen=True)
class Evaluation:
    """The result of evaluating one case: the new row (None if unchanged and not stored) and the change."""

    number: str
    stored: StoredVerdict | None
    change: VerdictChange | None
    first: bool


def _evaluate(session: Session, case: Case, officer: str, rules: Path | None, only_if_new: bool,
              dry_run: bool = False) -> Evaluation:
    verdict = evaluator(rules).evaluate(stored_incident(case.incident_json))
    previous = latest(session, case)
    change = compare(case.number, load_verdict(previous), verdict) if previous is not None else None
    same_inputs = previous is not None and (previous.rulebook_hash, previous.input_hash) == (
        verdict.provenance.rulebook_hash, verdict.provenance.input_hash)
    if dry_run or (only_if_new and same_inputs):
        return Evaluation(case.number, None, change, previous is None)
    row = to_row(case, verdict, officer)
    session.add(row)
    mark_latest(case, row)
    session.flush()
    audit.append(session, officer, "verdict.add", case.number, verdict_payload(row, change is not None))
    return Evaluation(case.number, row, change, previous is None)


def evaluate_case(engine: Engine, number: str, officer: str, rules: Path | None = None) -> Evaluation:
    """Evaluate case `number` under the rulebook and store the verdict as a new row."""
    with write_session(engine) as session:
        return _evaluate(session, find(session, number), officer, rules, only_if_new=False)


def reevaluate_open(engine: Engine, officer: str, rules: Path | None = None, dry_run: bool = False
                    ) -> list[Evaluation]:
    """Re-run every open case under the rulebook; store a verdict where the rulebook or input changed."""
    with read_session(engine) as session:
        numbers = list(session.scalars(select(Case.number).where(Case.status.in_([s.value for s in OPEN]))
                                       .order_by(Case.id)))
    results = []
    for number in numbers:  # one short transaction per case, so other officers are not held up
        with write_session(engine) as session:
            results.append(_evaluate(session, find(session, number), officer, rules, only_if_new=True,
                                     dry_run=dry_run))
    return results
