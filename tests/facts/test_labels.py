"""Every controlled-vocabulary value reads in Bahasa Indonesia and English in verdicts."""

from __future__ import annotations

from enum import StrEnum

from netralitas.facts import vocabulary
from netralitas.facts.labels import labelled_members
from netralitas.facts.paths import FIELDS_BY_PATH
from netralitas.lang.conditions import Atom, describe


def test_every_vocabulary_value_has_a_label() -> None:
    enums = [e for e in vars(vocabulary).values()
             if isinstance(e, type) and issubclass(e, StrEnum) and e.__module__ == vocabulary.__name__]
    missing = [f"{e.__name__}.{m.name}" for e in enums for m in e if (e, m.value) not in labelled_members()]
    assert enums and missing == []


def test_conditions_read_in_the_chosen_language() -> None:
    text = describe(Atom("act.effect", "in", frozenset({"favours", "harms"})))
    assert text.id == "akibat keputusan/tindakan salah satu dari menguntungkan, merugikan"
    assert text.en == "effect is one of favours, harms"
    attributes = describe(Atom("act.attributes", "any_of", frozenset({"party"})))
    assert attributes.id == "atribut memuat salah satu dari atribut partai"


def test_same_word_in_two_vocabularies_keeps_its_own_label() -> None:
    assert FIELDS_BY_PATH["act.target.kind"].value_label("party").id == "partai politik"
    assert FIELDS_BY_PATH["act.attributes"].value_label("party").id == "atribut partai"
