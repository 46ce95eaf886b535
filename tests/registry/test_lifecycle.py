"""Every transition of the state machine, allowed and refused, recorded with who, when and why."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select

from netralitas.registry.advance import advance
from netralitas.registry.db import read_session
from netralitas.registry.errors import TransitionRefused
from netralitas.registry.lifecycle import TRANSITIONS, Sanction, recommending_body
from netralitas.registry.models import AuditEntry, Transition
from netralitas.registry.views import case_detail
from netralitas.registry.vocabulary import Status

from .conftest import new_case

S = Status
PATH = {  # a route from `received` to each state
    S.RECEIVED: [], S.VERIFICATION: [S.VERIFICATION], S.EXAMINATION: [S.VERIFICATION, S.EXAMINATION],
    S.RECOMMENDATION_ISSUED: [S.VERIFICATION, S.EXAMINATION, S.RECOMMENDATION_ISSUED],
    S.PPK_FOLLOW_UP: [S.VERIFICATION, S.EXAMINATION, S.RECOMMENDATION_ISSUED, S.PPK_FOLLOW_UP],
    S.DATA_BLOCKED: [S.VERIFICATION, S.EXAMINATION, S.RECOMMENDATION_ISSUED, S.DATA_BLOCKED],
    S.SANCTION_IMPOSED: [S.VERIFICATION, S.EXAMINATION, S.RECOMMENDATION_ISSUED, S.PPK_FOLLOW_UP,
                         S.SANCTION_IMPOSED],
    S.NOT_PROVEN: [S.VERIFICATION, S.NOT_PROVEN], S.CANCELLED: [S.CANCELLED],
    S.CLOSED: [S.VERIFICATION, S.NOT_PROVEN, S.CLOSED],
}
SANCTION = Sanction("sedang", "penundaan kenaikan pangkat 1 tahun", "862/45/BKD/2024", dt.date(2024, 11, 20))
DAY = dt.date(2024, 11, 20)


def _move(engine: Engine, number: str, target: Status) -> None:
    advance(engine, number, target, "andi", f"to {target.value}", DAY,
            SANCTION if target is S.SANCTION_IMPOSED else None)


def _case_in(engine: Engine, state: Status) -> str:
    number = new_case(engine)
    for step in PATH[state]:
        _move(engine, number, step)
    return number


def test_the_paths_cover_every_state() -> None:
    assert set(PATH) == set(Status)


def test_every_allowed_and_every_refused_transition(engine: Engine) -> None:
    for state in Status:
        number = _case_in(engine, state)
        for target in Status:
            if target in TRANSITIONS[state]:
                continue
            with pytest.raises(TransitionRefused) as caught:
                _move(engine, number, target)
            message = caught.value.message("en")
            assert all(t.value in message for t in TRANSITIONS[state]), message
        for target in TRANSITIONS[state]:
            other = _case_in(engine, state)
            _move(engine, other, target)
            with read_session(engine) as session:
                detail = case_detail(session, other)
            assert detail["status"] == target.value
            last = detail["transitions"][-1]
            assert (last["from"], last["to"], last["officer"], last["on"]) == (state.value, target.value, "andi", DAY)


def test_a_refused_transition_changes_nothing(engine: Engine) -> None:
    number = new_case(engine)
    with read_session(engine) as session:
        before = (session.scalar(select(func.count(Transition.id))), session.scalar(select(func.count(AuditEntry.id))))
    with pytest.raises(TransitionRefused, match="allowed: verification"):
        _move(engine, number, S.SANCTION_IMPOSED)
    with pytest.raises(TransitionRefused):
        advance(engine, number, S.VERIFICATION, "andi", "  ")
    with read_session(engine) as session:
        after = (session.scalar(select(func.count(Transition.id))), session.scalar(select(func.count(AuditEntry.id))))
        assert case_detail(session, number)["status"] == "received"
    assert before == after


def test_the_recommending_body_is_the_one_of_the_recommendation_date() -> None:
    assert recommending_body(dt.date(2024, 8, 22))["recommending_body"] == "kasn"
    assert recommending_body(dt.date(2024, 8, 23))["recommending_body"] == "bkn"


def test_recommendation_and_sanction_record_their_details(engine: Engine) -> None:
    number = new_case(engine, received_on=dt.date(2024, 8, 1))
    for step, day in ((S.VERIFICATION, 2), (S.EXAMINATION, 5)):
        advance(engine, number, step, "andi", "next", dt.date(2024, 8, day))
    details = advance(engine, number, S.RECOMMENDATION_ISSUED, "andi", "pleno", dt.date(2024, 8, 22))
    assert details["recommending_body"] == "kasn" and "KASN" in details["recommending_body_id"]
    _move(engine, number, S.PPK_FOLLOW_UP)
    with pytest.raises(TransitionRefused, match="decree number"):
        advance(engine, number, S.SANCTION_IMPOSED, "andi", "sk", DAY)
    with pytest.raises(TransitionRefused, match="unknown sanction tier"):
        advance(engine, number, S.SANCTION_IMPOSED, "andi", "sk", DAY, Sanction("heavy", "x", "1", DAY))
    _move(engine, number, S.SANCTION_IMPOSED)
    with read_session(engine) as session:
        last = case_detail(session, number)["transitions"][-1]
    assert last["details"] == {"tier": "sedang", "sanction": SANCTION.sanction, "decree_number": "862/45/BKD/2024",
                               "decree_date": "2024-11-20"}
