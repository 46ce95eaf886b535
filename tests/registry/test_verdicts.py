"""Verdicts are kept: re-evaluation adds rows, old ones stay intact, the database refuses to change them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.exc import DBAPIError

from netralitas.registry.advance import advance
from netralitas.registry.db import read_session
from netralitas.registry.models import StoredVerdict
from netralitas.registry.verdicts import evaluate_case, reevaluate_open
from netralitas.registry.views import case_detail
from netralitas.registry.vocabulary import Status
from tests.rulebook_copy import copy_bundled, edit_rules, rule_named

from .conftest import new_case

RULE = "pp94.5n2.campaign-with-attributes"


def _raised_tier_rulebook(tmp_path: Path) -> Path:
    rules = copy_bundled(tmp_path)
    edit_rules(rules / "pp-94-2021" / "pasal-5-huruf-n.yaml",
               lambda items: rule_named(items, RULE)["sanction"].update(tier="berat"))
    return rules


def test_reevaluation_after_a_rulebook_change_keeps_the_old_verdict(engine: Engine, tmp_path: Path) -> None:
    number = new_case(engine, "kampanye-atribut.yaml")
    other = new_case(engine, "guru-like.yaml")
    closed = new_case(engine, "kampanye-atribut.yaml")
    advance(engine, closed, Status.CANCELLED, "andi", "duplicate")
    first = evaluate_case(engine, number, "andi").stored
    evaluate_case(engine, other, "andi")
    assert first is not None and "|sedang|" in first.tiers
    original = first.verdict_json

    results = reevaluate_open(engine, "andi", _raised_tier_rulebook(tmp_path))
    assert {r.number for r in results} == {number, other}
    [changed] = [r for r in results if r.change is not None]
    assert changed.number == number and any("berat" in line for line in changed.change.added)  # type: ignore[union-attr]
    with read_session(engine) as session:
        detail = case_detail(session, number)
        rows = list(session.scalars(select(StoredVerdict).where(StoredVerdict.id == first.id)))
    assert [v["tiers"] for v in detail["verdicts"]] == [["sedang"], ["berat"]]
    assert rows[0].verdict_json == original
    assert detail["latest_vs_previous"]["changed"] and detail["verdicts"][0]["rulebook_hash"] != detail[
        "verdicts"][1]["rulebook_hash"]
    again = reevaluate_open(engine, "andi", _raised_tier_rulebook(tmp_path / "again"))
    assert all(r.stored is None for r in again)  # same rulebook and input: nothing new to store


def test_the_database_refuses_to_update_or_delete_a_verdict(engine: Engine) -> None:
    number = new_case(engine)
    evaluate_case(engine, number, "andi")
    for statement in (update(StoredVerdict).values(summary_en="x"), delete(StoredVerdict)):
        with engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
            connection.execute(statement)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM verdicts")).scalar() == 1
