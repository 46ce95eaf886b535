"""What the verdict page shows: the headline state, and every part of the verdict, including parts added to the
Verdict model after this page was written (shown generically, so a new field is never silently dropped)."""

from __future__ import annotations

from typing import Any

from netralitas.evaluation.verdict import Outcome, Verdict
from netralitas.registry.verdicts import outcome_state
from netralitas.text import Lang, LocalizedText, bi

HEADLINES: dict[str, LocalizedText] = {
    "violation": bi("pelanggaran ditemukan", "violation found"),
    "undetermined": bi("belum dapat diputuskan", "not yet decidable"),
    "no_violation": bi("tidak ditemukan pelanggaran", "no violation found"),
}
SHOWN = frozenset({"incident_id", "reference_date", "election", "scope", "findings", "outcome", "permitted",
                   "set_aside", "undetermined", "not_applicable", "conflicts", "instruments_in_force",
                   "recommending_body", "provenance"})
OUTCOME_SHOWN = frozenset(Outcome.model_fields) - {"state"}


def state(verdict: Verdict) -> str:
    """The outcome's state: the model's own when it has one (`outcome.state`), else derived as the registry does."""
    own = getattr(verdict.outcome, "state", None)
    if own is not None:
        return str(getattr(own, "value", own))
    return outcome_state(verdict).value


def headline(verdict: Verdict, lang: Lang) -> str:
    """The headline word for the state."""
    found = state(verdict)
    return HEADLINES[found].get(lang) if found in HEADLINES else found.replace("_", " ")


def _readable(value: Any, lang: Lang) -> Any:
    if isinstance(value, dict):
        if set(value) == {"id", "en"}:
            return value[lang]
        return {k: _readable(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [_readable(v, lang) for v in value]
    return value


def extras(verdict: Verdict, lang: Lang) -> list[tuple[str, Any]]:
    """Parts of the verdict (and of its outcome) this page has no section for, readable, in the reader's language."""
    data = verdict.model_dump(mode="json")
    found = [(k, _readable(v, lang)) for k, v in data.items() if k not in SHOWN and v not in (None, [], {})]
    outcome = data.get("outcome", {})
    found += [(f"outcome.{k}", _readable(v, lang)) for k, v in outcome.items()
              if k not in OUTCOME_SHOWN and v not in (None, [], {})]
    return found
