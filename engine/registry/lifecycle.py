"""The case lifecycle as an explicit state machine, each transition recorded with who, when and why.

received → verification → examination (klarifikasi) → recommendation issued → PPK follow-up →
sanction imposed | not proven → closed; cancelled from any open step before a sanction; personnel data
blocked when the PPK does not follow up (Perpres 116/2022 Pasal 19–20; Peraturan BKN 1/2023), unblocked back
to PPK follow-up. The recommending body is the one of the recommendation's date (KASN until 22 Aug 2024,
BKN from 23 Aug 2024: Perpres 91 and 92/2024), read from the rulebook's `authorities`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from netralitas import Rulebook
from netralitas.registry.deadlines import (
    NO_DEADLINE,
    PEMILU_HANDLING,
    PEMILU_HANDLING_EXTRA,
    PEMILU_REPORT,
    PILKADA_HANDLING,
    PILKADA_HANDLING_EXTRA,
    PILKADA_REPORT,
    PP94_DELIVERY,
    PP94_EXAMINATION,
    SATGAS_VERIFICATION,
    Confidence,
    Deadline,
    deadline,
)
from netralitas.registry.errors import TransitionRefused
from netralitas.registry.models import Case, Transition
from netralitas.registry.vocabulary import STATUS_LABELS, Source, Status, election_kind
from netralitas.text import bi

S = Status
TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    S.RECEIVED: (S.VERIFICATION, S.CANCELLED),
    S.VERIFICATION: (S.EXAMINATION, S.NOT_PROVEN, S.CANCELLED),
    S.EXAMINATION: (S.RECOMMENDATION_ISSUED, S.NOT_PROVEN, S.CANCELLED),
    S.RECOMMENDATION_ISSUED: (S.PPK_FOLLOW_UP, S.DATA_BLOCKED, S.CANCELLED),
    S.PPK_FOLLOW_UP: (S.SANCTION_IMPOSED, S.NOT_PROVEN, S.DATA_BLOCKED),
    S.DATA_BLOCKED: (S.PPK_FOLLOW_UP,),
    S.SANCTION_IMPOSED: (S.CLOSED,),
    S.NOT_PROVEN: (S.CLOSED,),
    S.CANCELLED: (),
    S.CLOSED: (),
}
OPEN = frozenset(s for s, targets in TRANSITIONS.items() if targets)
SANCTION_TIERS = ("sanksi_moral", "ringan", "sedang", "berat", "pdh", "ptdh")
BAWASLU_SOURCES = (Source.PUBLIC_REPORT.value, Source.BAWASLU_FINDING.value)


@dataclass(frozen=True)
class Sanction:
    """The sanction actually imposed: tier, sanction, decree number and date."""

    tier: str
    sanction: str
    decree_number: str
    decree_date: dt.date


def allowed(status: Status) -> tuple[Status, ...]:
    """The states reachable from `status`."""
    return TRANSITIONS[status]


def check(current: Status, target: Status, number: str) -> None:
    """Refuse `current → target` unless allowed, naming the allowed targets."""
    if target in TRANSITIONS[current]:
        return
    options = TRANSITIONS[current]
    ids = ", ".join(f"{s.value} ({STATUS_LABELS[s].id})" for s in options) or "tidak ada (status akhir)"
    ens = ", ".join(f"{s.value} ({STATUS_LABELS[s].en})" for s in options) or "none (final state)"
    raise TransitionRefused(bi(
        f"perkara {number}: tidak dapat berpindah dari '{STATUS_LABELS[current].id}' ke '{STATUS_LABELS[target].id}';"
        f" yang diizinkan: {ids}",
        f"case {number}: cannot move from '{STATUS_LABELS[current].en}' to '{STATUS_LABELS[target].en}'; allowed:"
        f" {ens}"))


@lru_cache(maxsize=1)
def _bundled() -> Rulebook:
    return Rulebook.load()


def recommending_body(day: dt.date) -> dict[str, str]:
    """The body recommending sanctions to the PPK on `day` (key and names)."""
    authority = _bundled().authority_on(day)
    if authority is None:
        raise TransitionRefused(bi(f"tidak ada lembaga pemberi rekomendasi pada {day}",
                                   f"no recommending body on {day}"))
    return {"recommending_body": authority.key, "recommending_body_id": authority.name.id,
            "recommending_body_en": authority.name.en}


def details_for(target: Status, on: dt.date, sanction: Sanction | None, summons_on: dt.date | None,
                number: str) -> dict[str, str]:
    """The details a transition to `target` records; refuse missing or impossible ones."""
    details: dict[str, str] = {}
    if target is S.RECOMMENDATION_ISSUED:
        details.update(recommending_body(on))
    if target is S.SANCTION_IMPOSED:
        if sanction is None:
            raise TransitionRefused(bi(
                f"perkara {number}: 'sudah dijatuhi hukuman' memerlukan tingkat, jenis hukuman, nomor dan tanggal"
                " keputusan (--tier, --sanction, --decree-number, --decree-date)",
                f"case {number}: 'sanction imposed' needs the tier, sanction, decree number and date (--tier,"
                " --sanction, --decree-number, --decree-date)"))
        if sanction.tier not in SANCTION_TIERS:
            raise TransitionRefused(bi(f"tingkat hukuman '{sanction.tier}' tidak dikenal; pilih: "
                                       f"{', '.join(SANCTION_TIERS)}", f"unknown sanction tier '{sanction.tier}';"
                                       f" choose: {', '.join(SANCTION_TIERS)}"))
        details.update(tier=sanction.tier, sanction=sanction.sanction, decree_number=sanction.decree_number,
                       decree_date=sanction.decree_date.isoformat())
    elif sanction is not None:
        raise TransitionRefused(bi("data hukuman hanya untuk 'sanction_imposed'",
                                   "sanction details are only for 'sanction_imposed'"))
    if summons_on is not None:
        if target is not S.PPK_FOLLOW_UP:
            raise TransitionRefused(bi("tanggal surat panggilan hanya untuk 'ppk_follow_up'",
                                       "a summons date is only for 'ppk_follow_up'"))
        details["summons_on"] = summons_on.isoformat()
    return details


def record(session: Session, case: Case, target: Status, on: dt.date, officer: str, reason: str,
           details: dict[str, str]) -> Transition:
    """Append the transition, move the case and refresh its due date."""
    row = Transition(case_id=case.id, from_status=case.status if case.status != target else None,
                     to_status=target.value, on_date=on, officer=officer, reason=reason, details=details)
    session.add(row)
    case.status = target.value
    session.flush()
    refresh_due(session, case)
    return row


def received_transition(case: Case, officer: str) -> Transition:
    """The first transition of a new case (not yet added to a session; the case must have its id)."""
    return Transition(case_id=case.id, from_status=None, to_status=S.RECEIVED.value, on_date=case.received_on,
                      officer=officer, reason="registered", details={})


def record_received(session: Session, case: Case, officer: str) -> Transition:
    """The first transition of a new case."""
    row = received_transition(case, officer)
    session.add(row)
    session.flush()
    set_due(case, [row])
    return row


def _bawaslu_steps(case: Case) -> list[Deadline]:
    kind = election_kind(case.election)
    if case.source not in BAWASLU_SOURCES or kind is None:
        return []
    steps = []
    if case.source == Source.PUBLIC_REPORT.value and case.occurred_on is not None:
        report = PEMILU_REPORT if kind == "pemilu" else PILKADA_REPORT
        steps.append(deadline(bi("penyampaian laporan", "filing of the report"), case.occurred_on, report,
                              met_on=case.received_on))
    if kind == "pemilu":
        handling = PEMILU_HANDLING_EXTRA if case.additional_information else PEMILU_HANDLING
    else:
        handling = PILKADA_HANDLING_EXTRA if case.additional_information else PILKADA_HANDLING
    steps.append(deadline(bi("tindak lanjut Bawaslu", "Bawaslu follow-up"), case.received_on, handling))
    return steps


def case_deadlines(case: Case, transitions: list[Transition]) -> list[Deadline]:
    """The deadlines that bear on the case's current step (and the report filing, when it is a report)."""
    status = Status(case.status)
    last = transitions[-1] if transitions else None
    entered = last.on_date if last is not None else case.received_on
    details = last.details if last is not None else {}
    if status in (S.RECEIVED, S.VERIFICATION, S.EXAMINATION):
        steps = _bawaslu_steps(case)
        if status is S.VERIFICATION:
            steps.append(deadline(bi("verifikasi bersama Satgas", "joint Satgas verification"), entered,
                                  SATGAS_VERIFICATION))
        return steps
    if status in (S.RECOMMENDATION_ISSUED, S.PPK_FOLLOW_UP):
        steps = [deadline(bi("tindak lanjut rekomendasi oleh PPK", "PPK follow-up of the recommendation"), entered,
                          NO_DEADLINE)]
        if "summons_on" in details:
            steps.append(deadline(bi("pemeriksaan setelah surat panggilan", "examination after the summons"),
                                  dt.date.fromisoformat(details["summons_on"]), PP94_EXAMINATION))
        return steps
    if status is S.SANCTION_IMPOSED and "decree_date" in details:
        return [deadline(bi("penyampaian keputusan hukuman disiplin", "delivery of the disciplinary decision"),
                         dt.date.fromisoformat(details["decree_date"]), PP94_DELIVERY)]
    return []


def transitions_of(session: Session, case: Case) -> list[Transition]:
    """The case's transitions in order."""
    return list(session.scalars(select(Transition).where(Transition.case_id == case.id).order_by(Transition.id)))


def set_due(case: Case, transitions: list[Transition]) -> None:
    """Set the case's due date from its transitions: the earliest pending deadline of its current step."""
    pending = [d.due for d in case_deadlines(case, transitions)
               if d.due and d.met_on is None and d.basis.confidence is not Confidence.UNCONFIRMED]
    case.due_on = min(pending) if pending else None


def refresh_due(session: Session, case: Case) -> None:
    """Set the case's due date from its stored transitions."""
    set_due(case, transitions_of(session, case))
