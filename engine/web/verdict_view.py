"""What the verdict page shows: the headline state, and every part of the verdict, including parts added to the
Verdict model after this page was written (shown generically, so a new field is never silently dropped)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from netralitas.evaluation.verdict import MissingFact, Outcome, Unless, Verdict
from netralitas.registry.verdicts import outcome_state
from netralitas.text import Lang, LocalizedText, bi

HEADLINES: dict[str, LocalizedText] = {
    "violation": bi("pelanggaran ditemukan", "violation found"),
    "conditional": bi("pelanggaran, kecuali", "violation, unless"),
    "undetermined": bi("belum dapat diputuskan", "not yet decidable"),
    "no_violation": bi("tidak ditemukan pelanggaran", "no violation found"),
    "out_of_scope": bi("di luar lingkup hukum yang dikodekan", "outside the encoded law"),
}
SHOWN = frozenset({"incident_id", "reference_date", "election", "scope", "findings", "outcome", "permitted",
                   "set_aside", "undetermined", "not_checked", "not_applicable", "conflicts", "instruments_in_force",
                   "recommending_body", "presumptions", "hints", "provenance", "format_version", "explained"})
OUTCOME_SHOWN = frozenset(Outcome.model_fields)  # every field this page knows; the state is the headline


def state(verdict: Verdict) -> str:
    """The outcome's state: the model's own when it has one (`outcome.state`), else derived as the registry does."""
    own = getattr(verdict.outcome, "state", None)
    if own is not None:
        return str(getattr(own, "value", own))
    return outcome_state(verdict).value


def _labels(facts: Iterable[MissingFact], lang: Lang) -> str:
    return ", ".join(dict.fromkeys(m.label.get(lang) for m in facts))


def exceptions(verdict: Verdict) -> list[Unless]:
    """The open exceptions of the conditional findings, each once: what "violation, unless ..." names."""
    found: dict[str, Unless] = {}
    for finding in verdict.findings:
        for item in finding.unless or []:
            found.setdefault(item.rule_id, item)
    return list(found.values())


def deciding_facts(verdict: Verdict) -> list[MissingFact]:
    """The facts that would decide the open provisions: the outcome's own list, else every missing fact."""
    own = getattr(verdict.outcome, "deciding_facts", None)
    if own:
        return list(own)
    return [m for u in verdict.undetermined for m in u.missing or []]


def headline(verdict: Verdict, lang: Lang) -> str:
    """The headline: the state in words, naming the exception and its facts ("pelanggaran, kecuali ...") or the
    deciding facts ("belum dapat diputuskan: bergantung pada ...")."""
    found = state(verdict)
    words = HEADLINES[found].get(lang) if found in HEADLINES else found.replace("_", " ")
    if found == "conditional":
        unknown = "belum diketahui" if lang == "id" else "not yet known"
        named = [f"{u.title.get(lang)} ({unknown}: {_labels(u.missing, lang)})" if u.missing else u.title.get(lang)
                 for u in exceptions(verdict)]
        return f"{words} {'; '.join(named)}" if named else words
    if found == "undetermined":
        facts = _labels(deciding_facts(verdict), lang)
        on = "bergantung pada" if lang == "id" else "depends on"
        return f"{words}: {on} {facts}" if facts else words
    return words


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
