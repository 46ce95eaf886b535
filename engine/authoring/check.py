"""Static analysis of a loaded rulebook: what loading alone cannot see.

Errors:
- a rule that can never fire: its conditions contradict each other (equals a and equals b on one
  path, disjoint `in` lists, a date window that is empty or outside the rule's `in_force`, an
  `act.kind` test that `act_kinds` excludes, a set required and excluded at once);
- two rules with the same conditions and different outcomes that no exception orders;
- successive versions of a provision (same `topic`) whose validity windows overlap;
- scenario tests that do not load or that name rules the rulebook does not have.

Warnings: gaps between successive versions, rules no scenario test exercises, sanctions without
a legal basis or options, citations that name no article.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from netralitas.authoring.scenarios import LoadedScenario, load_all, rule_mentions, rules_exercised
from netralitas.errors import InputFileError, Problem, RulebookError
from netralitas.facts.paths import FIELDS_BY_PATH
from netralitas.io.yaml_source import Located, LocatedProblems, load_yaml_file
from netralitas.lang.conditions import All, AnyOf, Atom, Node, Not, describe, nnf
from netralitas.lang.models import Condition, Rule, Tier
from netralitas.lang.registry import Instrument
from netralitas.rulebook import LoadedRule, Rulebook
from netralitas.suggestions import suggest
from netralitas.text import LocalizedText, bi

MAX_CONJUNCTIONS = 512
Loc = tuple[str | int, ...]


def check_rulebook(root: Path) -> list[Problem]:
    """Every problem of the rulebook at `root`: loading errors, or else the static analysis."""
    try:
        rulebook = Rulebook.load(root)
    except RulebookError as exc:
        return exc.problems
    scenarios, problems = load_all(root)
    return problems + analyse(rulebook, scenarios)


def analyse(rulebook: Rulebook, scenarios: list[LoadedScenario]) -> list[Problem]:
    """Static-analysis problems of a rulebook that loaded, given its scenario tests."""
    places = _Places()
    problems: list[Problem] = []
    for loaded in rulebook.rules:
        problems.extend(_never_fires(loaded, places))
        problems.extend(_rule_warnings(loaded, places))
    problems.extend(_same_conditions(rulebook.rules, places))
    problems.extend(_versions(rulebook, places))
    problems.extend(_scenario_problems(rulebook, scenarios, places))
    return sorted(problems, key=lambda p: (p.severity != "error", p.file or "", p.line or 0, p.column or 0))


class _Places:
    """Positions of values inside rule files, read once per file."""

    def __init__(self) -> None:
        self._files: dict[str, Located | None] = {}

    def _located(self, file: str) -> Located | None:
        if file not in self._files:
            try:
                self._files[file] = load_yaml_file(Path(file))
            except (LocatedProblems, InputFileError, OSError):
                self._files[file] = None
        return self._files[file]

    def problem(self, loaded: LoadedRule, sub: Loc, english: str, indonesian: str, severity: str = "error",
                suggestion: str | None = None) -> Problem:
        """A problem about `loaded` located at `sub` (a YAML path inside the rule)."""
        located = self._located(loaded.file)
        loc: Loc = sub
        line, column = loaded.line, None
        if located is not None:
            rules = located.data.get("rules", []) if isinstance(located.data, dict) else []
            index = next((i for i, r in enumerate(rules) if isinstance(r, dict) and r.get("id") == loaded.rule.id),
                         None)
            if index is not None:
                loc = ("rules", index, *sub)
                line, column = located.position(loc)
        name = next((str(p) for p in reversed(sub) if isinstance(p, str)), None)
        return Problem(english, loaded.file, line, column, loaded.rule.id, name, suggestion, severity,
                       ".".join(str(p) for p in loc) or None, indonesian)


# --- rules that can never fire -------------------------------------------------------------------------------


def _dnf(node: Node) -> list[tuple[Atom, ...]] | None:
    """`node` (in negation normal form) as a disjunction of conjunctions of atoms; None when too large."""
    if isinstance(node, Atom):
        return [(node,)]
    if isinstance(node, Not):
        return _dnf(nnf(node))
    parts = [_dnf(item) for item in node.items]
    if any(p is None for p in parts):
        return None
    clean = [p for p in parts if p is not None]
    result: list[tuple[Atom, ...]]
    if isinstance(node, AnyOf):
        result = [c for p in clean for c in p]
    else:
        result = [()]
        for part in clean:
            result = [(*left, *right) for left, right in itertools.product(result, part)]
            if len(result) > MAX_CONJUNCTIONS:
                return None
    return result if len(result) <= MAX_CONJUNCTIONS else None


@dataclass
class _Clash:
    """Why a conjunction cannot hold: the path and the atoms that exclude each other."""

    path: str
    reason: LocalizedText
    culprit: int = -1  # which of the path's atoms (in condition order) makes the contradiction


def _said(atoms: list[Atom]) -> LocalizedText:
    texts = [describe(a) for a in atoms]
    return bi("; ".join(t.id for t in texts), "; ".join(t.en for t in texts))


def _clash_in(conjunction: tuple[Atom, ...], rule: Rule) -> _Clash | None:
    by_path: dict[str, list[Atom]] = {}
    for atom in conjunction:
        by_path.setdefault(atom.path, []).append(atom)
    for path, atoms in by_path.items():
        clash = _path_clash(path, atoms, rule)
        if clash is not None:
            return clash
    return None


def _path_clash(path: str, atoms: list[Atom], rule: Rule) -> _Clash | None:
    ops = {a.op for a in atoms}
    said = _said(atoms)
    if "unknown" in ops and ops - {"unknown"}:
        return _Clash(path, bi(f"{path} harus tidak diketahui sekaligus diuji nilainya: {said.id}",
                               f"{path} must be unknown and yet its value is tested: {said.en}"))
    spec = FIELDS_BY_PATH[path]
    if spec.type in ("enum", "bool"):
        return _value_clash(path, atoms, rule, said)
    if spec.type == "date":
        return _date_clash(path, atoms, rule, said)
    if spec.type == "set":
        return _set_clash(path, atoms, said)
    return None


def _value_clash(path: str, atoms: list[Atom], rule: Rule, said: LocalizedText) -> _Clash | None:
    spec = FIELDS_BY_PATH[path]
    allowed: set[Any] = set(spec.values) if spec.type == "enum" else {True, False}
    extra_id = extra_en = ""
    if path == "act.kind" and rule.act_kinds:
        allowed &= {k.value for k in rule.act_kinds}
        kinds = ", ".join(sorted(k.value for k in rule.act_kinds))
        extra_id, extra_en = f" (act_kinds aturan ini: {kinds})", f" (this rule's act_kinds: {kinds})"
    culprit = 0
    for index, atom in enumerate(atoms):
        if atom.op == "eq":
            allowed &= {atom.value}
        elif atom.op == "ne":
            allowed -= {atom.value}
        elif atom.op == "in":
            allowed &= set(atom.value)
        elif atom.op == "not_in":
            allowed -= set(atom.value)
        if not allowed:
            culprit = index
            break
    if allowed:
        return None
    return _Clash(path, bi(f"tidak ada nilai {path} yang memenuhi sekaligus: {said.id}{extra_id}",
                           f"no value of {path} satisfies all of: {said.en}{extra_en}"), culprit)


def _date_clash(path: str, atoms: list[Atom], rule: Rule, said: LocalizedText) -> _Clash | None:
    low, high = date.min, date.max
    window_id = window_en = ""
    if path == rule.date_path():
        low, high = rule.in_force.from_, rule.in_force.until or date.max
        span = f"{low.isoformat()}..{rule.in_force.until.isoformat() if rule.in_force.until else ''}"
        window_id, window_en = f" (masa berlaku aturan: {span})", f" (the rule's in_force: {span})"
    one = timedelta(days=1)
    for atom in atoms:
        if atom.ref is not None or atom.op in ("ne", "known"):
            continue
        value: date = atom.value
        if atom.op in ("lt", "le", "eq"):
            high = min(high, value - one if atom.op == "lt" and value > date.min else value)
        if atom.op in ("gt", "ge", "eq"):
            low = max(low, value + one if atom.op == "gt" and value < date.max else value)
    if low <= high:
        return None
    return _Clash(path, bi(f"rentang tanggal {path} kosong: {said.id}{window_id}",
                           f"the window for {path} is empty: {said.en}{window_en}"))


def _set_clash(path: str, atoms: list[Atom], said: LocalizedText) -> _Clash | None:
    required = {v for a in atoms if a.op == "all_of" for v in a.value}
    excluded = {v for a in atoms if a.op == "none_of" for v in a.value}
    impossible = bool(required & excluded)
    impossible |= any(a.op == "any_of" and set(a.value) <= excluded for a in atoms)
    impossible |= any(a.op == "not_all_of" and set(a.value) <= required for a in atoms)
    if not impossible:
        return None
    return _Clash(path, bi(f"syarat {path} saling bertentangan: {said.id}",
                           f"the tests of {path} contradict each other: {said.en}"))


def _condition_locs(cond: Condition | None, path: str, loc: Loc = ("when",)) -> list[Loc]:
    """Where `path` is tested in the condition (YAML paths, in order)."""
    if cond is None:
        return []
    if cond.fact == path:
        return [(*loc, "fact")]
    found: list[Loc] = []
    for name, items in (("all", cond.all), ("any", cond.any)):
        for index, item in enumerate(items or ()):
            found += _condition_locs(item, path, (*loc, name, index))
    return found + _condition_locs(cond.not_, path, (*loc, "not"))


def _never_fires(loaded: LoadedRule, places: _Places) -> Iterator[Problem]:
    if loaded.condition is None:
        return
    conjunctions = _dnf(nnf(loaded.condition))
    if conjunctions is None:
        return
    clashes = [_clash_in(c, loaded.rule) for c in conjunctions]
    if not clashes or any(c is None for c in clashes):
        return
    first = clashes[0]
    assert first is not None
    places_of_path = _condition_locs(loaded.rule.when, first.path) or [("when",)]
    where = places_of_path[first.culprit] if -len(places_of_path) <= first.culprit < len(places_of_path) \
        else places_of_path[-1]
    yield places.problem(loaded, where, f"this rule can never fire: {first.reason.en}",
                         f"aturan ini tidak akan pernah berlaku: {first.reason.id}")


# --- conflicts and versions ----------------------------------------------------------------------------------


def _canonical(node: Node | None) -> Any:
    if node is None:
        return None
    if isinstance(node, Atom):
        value = tuple(sorted(map(str, node.value))) if isinstance(node.value, frozenset) else node.value
        return ("atom", node.path, node.op, value, node.ref, node.offset)
    if isinstance(node, All | AnyOf):
        return (type(node).__name__, tuple(sorted((_canonical(i) for i in node.items), key=repr)))
    return _canonical(nnf(node))


def _overlap(a: Rule, b: Rule) -> bool:
    a_end, b_end = a.in_force.until or date.max, b.in_force.until or date.max
    return a.in_force.from_ <= b_end and b.in_force.from_ <= a_end


def _ordered(a: Rule, b: Rule) -> bool:
    return a.id in b.exception_to or b.id in a.exception_to


def _outcome(rule: Rule) -> str:
    return f"{rule.category.value}/{rule.sanction.tier.value}"


def _same_conditions(rules: tuple[LoadedRule, ...], places: _Places) -> Iterator[Problem]:
    for first, second in itertools.combinations(rules, 2):
        a, b = first.rule, second.rule
        if a.subject != b.subject or _ordered(a, b) or _outcome(a) == _outcome(b) or not _overlap(a, b):
            continue
        if a.subject == "act" and not set(a.act_kinds or ()) & set(b.act_kinds or ()):
            continue
        if _canonical(first.condition) != _canonical(second.condition):
            continue
        yield places.problem(
            second, ("when",) if b.when is not None else ("id",),
            f"same conditions as rule {a.id} but a different outcome ({_outcome(b)} vs {_outcome(a)}), and neither "
            "is an exception to the other: add 'exception_to' or change the conditions",
            f"syaratnya sama dengan aturan {a.id} tetapi akibatnya berbeda ({_outcome(b)} vs {_outcome(a)}), dan "
            "tidak ada yang menjadi pengecualian bagi yang lain: tambahkan 'exception_to' atau ubah syaratnya")


def _span(rule: Rule) -> str:
    until = rule.in_force.until
    return f"{rule.in_force.from_.isoformat()}..{until.isoformat() if until else ''}"


def _precedes(earlier: Rule, later: Rule, instruments: dict[str, Instrument]) -> bool:
    """Whether `later` is the next version of `earlier`: `earlier` ends, or its instrument is replaced by `later`'s."""
    if earlier.in_force.until is not None:
        return True
    replaced = instruments.get(earlier.basis[0].instrument)
    return replaced is not None and replaced.replaced_by == later.basis[0].instrument


def _versions(rulebook: Rulebook, places: _Places) -> Iterator[Problem]:
    """Successive versions of a topic: the latest-starting earlier rule is the previous version when it ends
    (or its instrument is replaced by the later rule's); flag overlaps (errors) and gaps (warnings)."""
    instruments = rulebook.instruments
    groups: dict[tuple[str, str], list[LoadedRule]] = {}
    for loaded in rulebook.rules:
        groups.setdefault((loaded.rule.subject, loaded.rule.topic), []).append(loaded)
    for (_, topic), members in sorted(groups.items()):
        members.sort(key=lambda r: (r.rule.in_force.from_, r.rule.id))
        for later in members:
            earlier = [m for m in members if m.rule.in_force.from_ < later.rule.in_force.from_
                       and not _ordered(m.rule, later.rule)]
            if not earlier or not _precedes(earlier[-1].rule, later.rule, instruments):
                continue
            previous = earlier[-1].rule
            start = later.rule.in_force.from_
            end = previous.in_force.until
            if end is None or end >= start:
                yield places.problem(
                    later, ("in_force",),
                    f"overlaps the previous version {previous.id} of topic '{topic}' (in force {_span(previous)}): "
                    f"give {previous.id} 'until: {(start - timedelta(days=1)).isoformat()}'",
                    f"tumpang tindih dengan versi sebelumnya {previous.id} untuk topik '{topic}' (berlaku "
                    f"{_span(previous)}): beri {previous.id} 'until: {(start - timedelta(days=1)).isoformat()}'")
            elif end + timedelta(days=1) < start:
                gap = f"{(end + timedelta(days=1)).isoformat()}..{(start - timedelta(days=1)).isoformat()}"
                yield places.problem(
                    later, ("in_force",),
                    f"gap after the previous version {previous.id} of topic '{topic}': no version is in force {gap}",
                    f"ada celah setelah versi sebelumnya {previous.id} untuk topik '{topic}': tidak ada versi yang "
                    f"berlaku {gap}", "warning")


# --- warnings and scenario tests -----------------------------------------------------------------------------


def _rule_warnings(loaded: LoadedRule, places: _Places) -> Iterator[Problem]:
    rule = loaded.rule
    sanction = rule.sanction
    for where, citations in (("basis",), rule.basis), (("sanction", "basis"), sanction.basis):
        for index, citation in enumerate(citations):
            if not (citation.pasal or citation.lampiran or citation.huruf or citation.angka or citation.ayat):
                yield places.problem(loaded, (*where, index),
                                     f"citation of {citation.instrument} names no pasal, lampiran, huruf or angka",
                                     f"kutipan {citation.instrument} tidak menyebut pasal, lampiran, huruf atau angka",
                                     "warning")
    if sanction.tier is Tier.UNASSIGNED:
        yield places.problem(loaded, ("sanction", "tier"), "no sanction tier is assigned yet ('unassigned')",
                             "tingkat sanksi belum ditetapkan ('unassigned')", "warning")
    elif sanction.tier is not Tier.NONE and sanction.scheme is None and not sanction.options and not sanction.penalty:
        yield places.problem(loaded, ("sanction",), "sanction lists no options or penalty (and no scheme)",
                             "sanksi tidak menyebut pilihan sanksi atau ancaman pidana (dan tidak ada skema)",
                             "warning")


def _scenario_problems(rulebook: Rulebook, scenarios: list[LoadedScenario], places: _Places) -> Iterator[Problem]:
    known = {r.rule.id for r in rulebook.rules}
    exercised: set[str] = set()
    for item in scenarios:
        exercised |= rules_exercised(item.scenario)
        for rule_id, loc in rule_mentions(item.scenario):
            if rule_id in known:
                continue
            line, column, path = item.position(loc)
            name = next(str(part) for part in reversed(loc) if isinstance(part, str))
            yield Problem(f"scenario '{item.scenario.name}' names unknown rule '{rule_id}'", item.file, line, column,
                          field=name, suggestion=suggest(rule_id, known), path=path,
                          message_id=f"skenario '{item.scenario.name}' menyebut aturan yang tidak dikenal '{rule_id}'")
    for loaded in rulebook.rules:
        if loaded.rule.id not in exercised:
            yield places.problem(loaded, ("id",), "no scenario test exercises this rule (add one to a *.tests.yaml)",
                                 "belum ada skenario uji untuk aturan ini (tambahkan di berkas *.tests.yaml)",
                                 "warning")
