"""libyaml and pure-Python loading give the same documents, positions and errors (issue 12).

Differential: every bundled YAML file (rules, example incidents, calendars), the hostile inputs of
`test_limits.py` and the fuzz suite, and YAML's corner cases go through both loaders. For each input,
`load_yaml_text` must give the same `Located` (data with its types, and every position) or the same
located problems with and without libyaml; and wherever the fast loader is used and succeeds, the
reference must succeed with the same result (the fast loader never accepts what the reference refuses).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netralitas.io import yaml_loaders
from netralitas.io.limits import Limits
from netralitas.io.reading import LocatedProblems, decode
from netralitas.io.yaml_loaders import FastLoader, PureLoader, fast_loader_for
from netralitas.io.yaml_source import load_yaml_text, parse_with
from tests.cli.fuzz_strategies import NASTY_TEXT, incident_texts, rule_texts

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted(p for folder in ("rules", "facts/examples", "facts/calendars")
                 for p in (ROOT / folder).rglob("*") if p.suffix in (".yaml", ".json"))
needs_libyaml = pytest.mark.skipif(FastLoader is None, reason="PyYAML built without libyaml")

CORNER_CASES = [
    # hostile input of test_limits.py
    "id: x\nperson: {name: a\x1bb}\n", "id: x\nperson: {name: a\x00b}\n", "[" * 50_000, "{" * 500 + "\n",
    "id: x\nnip: " + "1" * 5000 + "\n", "x: !!float x\n", "x: !!timestamp 0000-01-01\n",
    "a: &a " + "x" * 40_000 + "\nb: [" + ", ".join(["*a"] * 500) + "]\n", "[" + ", ".join(["1"] * 3000) + "]\n",
    '{\n  "nip": ' + "1" * 5000 + "\n}\n", "a: '\ud800'\n", 'a: "\\ud800"\n',
    # duplicate keys, anchors, merges, complex keys
    "a: 1\na: 2\n", "{a: 1, a: 2}\n", "a: {b: 1, b: 2}\n", "a: &x 1\nb: *x\n", "a: *nope\n", "a: &x [*x]\n",
    "a: &x 1\na: &x 2\n", "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n", "<<: 1\n", "? [a, b]\n: c\n", "[a, b]: c\n",
    "? a\n: b\n", "{? a: b}\n",
    # documents and directives
    "", "\n", "---\n", "--- \n", "---\na: 1\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n", "%YAML 1.1\n--- a\n",
    "%YAML 1.2\n--- a\n", "%YAML 1.3\n--- a\n", "%YAML 2.0\n--- a\n", "%FOO bar\n--- a\n",
    "%TAG ! tag:x,2000:\n--- a\n",
    "--- |\n  x\n", "...\n", "# only a comment\n",
    # scalars: quoting, escapes, folding, block headers, numbers, booleans, dates
    'a: "\\/ \\N \\_ \\L \\P \\e \\0 \\x41 \\u00e9 \\U0001F600"\n', 'a: "\\q"\n', 'a: "\\x4"\n', "a: 'it''s'\n",
    'a: "x\n  y"\n', "a: 'x\n\n  y'\n", "a: x\n  y\n", "a: >\n  x\n\n  y\n", "a: |-\n  x\n   y\n", "a: |+\n  x\n\n",
    "a: |2\n   x\n", "a: |0\n  x\n", "a: >\n x\n  y\n", "a: |\nx\n", "a: | #c\n  x\n", "a: |#\n", "a: >-#\n",
    "a: yes\nb: no\nc: on\nd: y\ne: True\nf: FALSE\n", "a: 2024-02-30\nb: 2024-01-01T10:00:00Z\n",
    "a: 0x1F\nb: 0o17\nc: 1_000\nd: 1e999\ne: .nan\nf: -.inf\ng: 0b101\nh: 1:20\ni: ~\nj: null\n",
    "a: " + "9" * 4400 + "\n", "a: -" + "9" * 4400 + "\n", "a: !!int 1.5\n", "a: !!binary AAAA\n", "a: !!set {x}\n",
    "a: !!python/object:os.system x\n", "a: !foo x\n", "a: !\n", "!\n", "a: !<tag:yaml.org,2002:str> 1\n",
    # characters and line breaks
    "a:\tb\n", "a: b\t\n", "- a\t\n- b\n", "\ta: 1\n", "a: b\u2028c\n", "a: b\x85c\n", "a: 'x\u2029 y'\n",
    "a\r\nb: c\r\n", "a: 1\r\nb: 2\r\n", "a: 1\rb: 2\r", '{"a": "\ufeff", "b": 1}\n', "a: 1\n\ufeff\nb: 1\n",
    "\ufeffa: 1\n", "x: 😀\ny: é—\n", '{"a": "\U0010ffff", "b": 1}\n', "a: \ue000\ufffd\n", "a: \ufffe\n",
    "k: " + "a" * 1100 + ": v\n", "a" * 1100 + ": v\n", "a: b: c\n", "a: [1,\n2]\n", "a: [1, 2\n", "a: {b\n",
    "- a\n-\n", "- a\n- \n", "a:\n", "a: &x\n", "- &x\n- *x\n", "a: ''\n", "a: b #c\nc: d#e\n", "`a\n", "@a\n",
    "a: |\n  x\u2028y\n", "--- a\n... b\n", "'\n", '"\n', "a: 'b\n", "[\n", "]\n", "{]\n", ",\n", "- - - a\n",
]


def _tagged(value: Any) -> Any:
    """`value` with the type of every leaf (so 1, 1.0 and True are told apart, and NaN equals NaN)."""
    if isinstance(value, dict):
        return ("dict", [(_tagged(k), _tagged(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_tagged(v) for v in value])
    if isinstance(value, float) and value != value:
        return ("float", "nan")
    return (type(value).__name__, value)


def _outcome(text: str, libyaml: bool, limits: Limits) -> tuple[Any, ...]:
    try:
        located = load_yaml_text(text, "f.yaml", limits, libyaml=libyaml)
    except LocatedProblems as problems:
        return ("problems", problems.problems)
    return ("loaded", _tagged(located.data), located.positions)


def _assert_same(text: str, limits: Limits | None = None) -> None:
    """Both loaders give the same result or the same problems; the fast one never accepts what the
    reference refuses, nor reads it differently."""
    limits = limits or Limits()
    reference = _outcome(text, False, limits)
    assert _outcome(text, True, limits) == reference, repr(text[:200])
    fast = fast_loader_for(text)
    if fast is None:
        return
    try:
        data, positions = parse_with(fast, text, limits)
    except Exception:  # the fast loader refused: the reference decided (compared above)
        return
    assert reference == ("loaded", _tagged(data), positions), repr(text[:200])


@needs_libyaml
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_bundled_file_loads_identically_on_the_fast_path(path: Path) -> None:
    text = decode(path.read_bytes(), str(path))
    assert fast_loader_for(text) is FastLoader, "a bundled file should not need the slow path"
    fast, pure = parse_with(FastLoader, text, Limits()), parse_with(PureLoader, text, Limits())
    assert (_tagged(fast[0]), fast[1]) == (_tagged(pure[0]), pure[1])
    _assert_same(text)


def test_the_corpus_is_what_the_test_says() -> None:
    assert len(BUNDLED) > 40 and {p.relative_to(ROOT).parts[0] for p in BUNDLED} == {"rules", "facts"}


@pytest.mark.parametrize("text", CORNER_CASES, ids=lambda t: repr(t[:30]))
def test_corner_cases_and_hostile_input_give_the_same_result_or_problem(text: str) -> None:
    _assert_same(text)
    _assert_same(text, Limits(nodes=1000, depth=8, expanded_bytes=100_000))


@pytest.mark.parametrize("text", ["a:\tb\n", "a: !!str x\n", "!x\n", "a: x\ufeff\n", "a: b\u2028\n", "a: |#\n",
                                  "a: 1"])
def test_texts_the_parsers_read_differently_go_to_the_reference(text: str) -> None:
    assert fast_loader_for(text) is None


@needs_libyaml
def test_words_ending_in_an_exclamation_mark_stay_on_the_fast_path() -> None:
    assert fast_loader_for('keterangan: "Siap menangkan!"\n') is FastLoader


def test_without_libyaml_the_reference_loads_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_loaders, "FastLoader", None)
    assert fast_loader_for("a: 1\n") is None
    assert load_yaml_text("a: [1, x]\n", "f.yaml").positions == {(): (1, 1), ("a",): (1, 1), ("a", 0): (1, 5),
                                                                  ("a", 1): (1, 8)}


YAML_PIECES = st.lists(st.sampled_from([
    "a", "b", "1", ":", ": ", "-", "- ", " ", "  ", "\n", "\n  ", "\n- ", "[", "]", "{", "}", ",", "?", "? ", "!",
    "!!str ", "&a ", "*a", "<<: ", "#", "'", '"', "\\", "\\x", "\\u", "\\/", "|", ">", "|-", ">+", "|2", "%",
    "@", "`", "~", ".",
    "---", "...", "\r", "\r\n", "\t", "\x85", "\u2028", "é", "😀", "\x00", "\x7f", "\ue000", "\ufeff", "null", "true",
    "2024-01-01", "0x1F", "1e9",
]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(YAML_PIECES, YAML_PIECES.map(lambda t: t + "\n"), incident_texts(), rule_texts(),
                 NASTY_TEXT.map(lambda t: f"a: {t}\n")))
def test_fuzzed_text_gives_the_same_result_or_problem(text: str) -> None:
    _assert_same(text)
