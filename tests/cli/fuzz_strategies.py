"""Hypothesis strategies for hostile input: broken incidents, rule files and batch lines.

Each strategy starts from something valid (a sample incident, a rule) and breaks it the ways real
and hostile input does: control characters, brackets nested deep, integers too long, dates outside
the years of the law, wrong types, unknown keys and values, aliases, truncation, invalid UTF-8.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

VALID_INCIDENT: dict[str, Any] = {
    "id": "fuzz",
    "person": {"employment_status": "pns", "position_class": "administrator", "office": "camat"},
    "election": {"calendar": "pilkada-2024", "race": "bupati"},
    "acts": [{"id": "a1", "kind": "favouring_decision", "date": "2024-10-14", "effect": "favours",
              "target": {"kind": "candidate"}}],
}

CONTROL = st.sampled_from(["\x00", "\x07", "\x1b", "\x1b[2J", "\x7f", "\x85", "\ufeff", "\ud7ff", "\r", "\t"])
NASTY_TEXT = st.one_of(
    st.text(max_size=30),
    CONTROL,
    st.sampled_from(["[" * 3000, "{" * 500, "1" * 5000, "-" + "9" * 4400, "!!float x", "!!python/object:os.system",
                     "*undefined", "&a [*a]", "0001-01-01", "0001-06-30", "9999-12-31", "2024-02-30", "yes", "null",
                     "~", ":100:", "[red]x[/red]", "unknown", "", " ", "---", "...", "%YAML 1.1", "? [a]\n: b",
                     "<<: *a", "1e999", ".nan", "0x1F", "2024-13-01"]),
)
JSONISH: st.SearchStrategy[Any] = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), NASTY_TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(NASTY_TEXT, inner, max_size=4)),
    max_leaves=12,
)
PATHS = st.sampled_from([("id",), ("person",), ("person", "employment_status"), ("person", "cltn"),
                         ("election",), ("election", "calendar"), ("election", "race"),
                         ("election", "determination_date"), ("acts",), ("acts", 0), ("acts", 0, "kind"),
                         ("acts", 0, "date"), ("acts", 0, "target"), ("acts", 0, "attributes"), ("date",),
                         ("person", "party"), ("acts", 0, "gestures"), ("unknown_field",)])


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(document, dict):
        return {**document, head: _set(document.get(head), rest, value)}
    if isinstance(document, list) and isinstance(head, int) and head < len(document):
        return [*document[:head], _set(document[head], rest, value), *document[head + 1:]]
    return document


@st.composite
def broken_documents(draw: st.DrawFn) -> Any:
    """An incident document with a few values replaced by hostile ones."""
    document: Any = VALID_INCIDENT
    for _ in range(draw(st.integers(1, 3))):
        document = _set(document, draw(PATHS), draw(JSONISH))
    return document


@st.composite
def broken_texts(draw: st.DrawFn, valid: str) -> str:
    """`valid` text with hostile fragments inserted, pieces deleted, or cut short."""
    text = valid
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "cut"]))
        if action == "insert":
            text = text[:at] + draw(NASTY_TEXT) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        else:
            text = text[:at]
    return text


def incident_texts() -> st.SearchStrategy[str]:
    """YAML or JSON incident text, broken as text or as data."""
    as_yaml = "\n".join([
        "id: fuzz", "person: {employment_status: pns, position_class: administrator, office: camat}",
        "election: {calendar: pilkada-2024, race: bupati}", "acts:",
        "  - {id: a1, kind: favouring_decision, date: 2024-10-14, effect: favours, target: {kind: candidate}}", ""])
    return st.one_of(broken_texts(as_yaml), broken_texts(json.dumps(VALID_INCIDENT, indent=1)),
                     broken_documents().map(lambda d: json.dumps(d, ensure_ascii=False, allow_nan=True)))


def batch_lines() -> st.SearchStrategy[list[bytes]]:
    """JSON Lines content: valid incidents (id `ok-N`) between broken lines, some not even UTF-8."""
    broken = st.one_of(
        broken_texts(json.dumps(VALID_INCIDENT)).map(lambda t: t.replace("\n", " ").encode("utf-8", "surrogatepass")),
        broken_documents().map(lambda d: json.dumps(d, allow_nan=True).encode()),
        st.binary(max_size=40).filter(lambda b: b"\n" not in b and b"\r" not in b),
        st.sampled_from([b"[" * 50_000, b'{"id": ' + b"1" * 5000 + b"}", b'{"id": "\xff"}', b"\x00", b""]),
    )
    return st.lists(st.one_of(st.just(b"OK"), broken), min_size=1, max_size=6)


RULE = """rules:
  - id: fuzz.rule
    title: {id: Judul, en: Title}
    category: disiplin
    topic: t
    act_kinds: [favouring_decision]
    basis:
      - {instrument: pp-94-2021, pasal: "5", text: Teks, address: "https://example.org/a"}
    sanction: {tier: berat, scheme: pp-94-2021}
    in_force: {from: 2021-08-31}
    confidence: confirmed
    when: {all: [{fact: act.kind, in: [favouring_decision]}, {fact: act.date, after: 2021-01-01},
                 {fact: person.is_asn, known: true}]}
"""
CONDITION_VALUES = st.one_of(JSONISH, st.sampled_from(["null", '"yes"', "1", "[]", "{}", "[null]", "act.date"]))


@st.composite
def rule_texts(draw: st.DrawFn) -> str:
    """A rule file broken as text, or with a condition's operand replaced."""
    if draw(st.booleans()):
        return draw(broken_texts(RULE))
    operand = draw(st.sampled_from(["in: [favouring_decision]", "after: 2021-01-01", "known: true"]))
    key = operand.split(":")[0]
    value = draw(CONDITION_VALUES)
    shown = value if isinstance(value, str) and value in ("null", '"yes"', "1", "[]", "{}", "[null]", "act.date") \
        else json.dumps(value, allow_nan=True)
    return RULE.replace(operand, f"{key}: {shown}")
