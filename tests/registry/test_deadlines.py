"""Working-day deadlines across Indonesian holidays and cuti bersama, each citing its basis."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from netralitas.registry.advance import advance
from netralitas.registry.db import read_session
from netralitas.registry.deadlines import (
    PEMILU_HANDLING,
    PEMILU_HANDLING_EXTRA,
    PP94_DELIVERY,
    Confidence,
    DayKind,
    add_days,
    deadline,
    holiday_name,
    is_working_day,
)
from netralitas.registry.lifecycle import Sanction
from netralitas.registry.search import Filters, search
from netralitas.registry.views import case_detail
from netralitas.registry.vocabulary import Status
from netralitas.text import bi

from .conftest import new_case


def test_idul_fitri_2025_and_its_cuti_bersama_are_not_working_days() -> None:
    assert holiday_name(dt.date(2025, 3, 31)) and holiday_name(dt.date(2025, 4, 1))
    for day in (dt.date(2025, 3, 28), dt.date(2025, 4, 2), dt.date(2025, 4, 3), dt.date(2025, 4, 4),
                dt.date(2025, 4, 7)):
        assert not is_working_day(day), day
    assert is_working_day(dt.date(2025, 4, 8))


def test_seven_working_days_across_lebaran() -> None:
    # From Thursday 27 Mar 2025: 28 Mar (cuti Nyepi) to 7 Apr are all off; day 1 is Tue 8 Apr.
    assert add_days(dt.date(2025, 3, 27), 7, DayKind.WORKING) == dt.date(2025, 4, 16)
    assert add_days(dt.date(2025, 3, 27), 7, DayKind.CALENDAR) == dt.date(2025, 4, 3)


def test_pp94_decision_delivery_is_fourteen_working_days_from_the_decree() -> None:
    item = deadline(bi("x", "x"), dt.date(2025, 3, 24), PP94_DELIVERY)
    # 25–27 Mar (3), 8–11 Apr (4), 14–18 Apr less Good Friday 18 Apr (4), 21–23 Apr (3) = 14
    assert item.due == dt.date(2025, 4, 23)
    assert item.basis.citation == "PP 94/2021 Pasal 37 ayat (3)" and "14 (empat belas) hari kerja" in item.basis.text
    assert item.overdue(dt.date(2025, 4, 24)) and not item.overdue(dt.date(2025, 4, 23))


def test_pemilu_handling_switches_to_fourteen_working_days_with_additional_information() -> None:
    registered = dt.date(2024, 2, 9)  # Friday before voting day (14 Feb 2024, a public holiday)
    assert deadline(bi("x", "x"), registered, PEMILU_HANDLING).due == dt.date(2024, 2, 16)
    # 12, 13, (14 voting day), 15, 16, 19-23, 26-29, 1 Mar = 14 working days
    assert deadline(bi("x", "x"), registered, PEMILU_HANDLING_EXTRA).due == dt.date(2024, 3, 1)


def test_case_deadlines_follow_the_step_and_flag_overdue(engine: Engine) -> None:
    number = new_case(engine)  # Pilkada report received 16 Oct 2024
    with read_session(engine) as session:
        detail = case_detail(session, number, today=dt.date(2024, 10, 25))
    handling = next(d for d in detail["deadlines"] if d["basis"].endswith("Pasal 134 ayat (5)"))
    assert handling["due"] == dt.date(2024, 10, 19) and handling["overdue"] and detail["overdue"]
    with read_session(engine) as session:
        late = search(session, Filters(overdue=True, today=dt.date(2024, 10, 25)))
        early = search(session, Filters(overdue=True, today=dt.date(2024, 10, 18)))
    assert [r.number for r in late.rows] == [number] and early.total == 0

    for target, day in ((Status.VERIFICATION, 17), (Status.EXAMINATION, 18), (Status.RECOMMENDATION_ISSUED, 21)):
        advance(engine, number, target, "andi", "next", dt.date(2024, 10, day))
    with read_session(engine) as session:
        detail = case_detail(session, number, today=dt.date(2025, 6, 1))
    [ppk] = detail["deadlines"]
    assert ppk["due"] is None and ppk["confidence"] == Confidence.UNCONFIRMED.value and not detail["overdue"]
    advance(engine, number, Status.PPK_FOLLOW_UP, "andi", "summoned", dt.date(2024, 10, 22),
            summons_on=dt.date(2024, 10, 23))
    advance(engine, number, Status.SANCTION_IMPOSED, "andi", "decided", dt.date(2025, 3, 24),
            Sanction("berat", "penurunan jabatan", "800/12/2025", dt.date(2025, 3, 24)))
    with read_session(engine) as session:
        detail = case_detail(session, number, today=dt.date(2025, 4, 24))
    [delivery] = detail["deadlines"]
    assert delivery["due"] == dt.date(2025, 4, 23) and delivery["overdue"] and detail["due_on"] == dt.date(2025, 4, 23)
