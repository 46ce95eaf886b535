"""The durable-rules backend: the compiled rulebook as durable-rules rulesets, one per group of candidates.

Designed around what durable-rules 2.0.28 really does (shared/durable-rules/NOTES.md), and driving
its C engine (`durable_rules_engine`) directly rather than through the Python `Host`:
- no `Host`: its two timer threads dispatch queued actions of any session on their own, which
  raced with a synchronous evaluation (a match taken by the dispatcher thread was lost to it, seen
  as a rare disagreement with the reference backend); without it, nothing runs behind our back;
- one ruleset per rulebook content hash and candidate group (person rules; each act kind),
  created once per process and reused (names cannot be reused); a fact goes to its group's only;
- each rule has a strict and, where its condition reads facts that may be unknown, an
  optimistic or falsity pattern, so the engine itself tells true, undetermined and false apart;
- facts, not events, so every rule sees every fact; each fact carries the evaluation id and
  its index, so no two facts are ever identical (code 2, MessageObservedException);
- facts asserted one at a time as pre-serialised JSON holding only the values the ruleset's rules
  read (`read_paths`; batches do not pay, docs/durable-rules.md), and the matches drained at once from the
  engine's action queue for that state (`start_action_for_state`, `complete_and_start_action`):
  the action name says the rule and the pattern kind, the fact is the one just asserted, so no
  message is parsed and no consequent runs; code 1 (not handled) means nothing matched;
- a fact no rule can apply to (an act kind no rule names) is not asserted at all, and an
  incident with no such fact opens no session: the answer is known without the engine;
- a fresh session id per evaluation, its state deleted in `finally` in every ruleset it used, under one process-wide
  lock (the engine is not thread-safe; at 1,024 live sessions it fails and then segfaults);
- measured here, not in NOTES.md: a session whose facts all went unhandled still holds state
  (skip its delete_state and the 1,024-session cap is hit), yet if the first delete_state a
  ruleset ever sees is of such a session, the process segfaults. Each ruleset is therefore
  warmed up at creation: one handled fact in a throwaway session, then delete_state.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import orjson

from netralitas.errors import NetralitasError
from netralitas.facts.normalise import Fact
from netralitas.matching.backends.base import Backend, Classification, Match
from netralitas.matching.backends.to_durable import fact_message, read_paths, rule_pattern, second_pattern
from netralitas.matching.compiler import CompiledRule, CompiledRulebook

try:
    import durable_rules_engine as _engine
    from durable import engine as _durable  # noqa: F401  (the package as users install it; fails on 3.13)
except Exception as exc:  # ImportError on Python 3.13 (undefined symbol PyEval_CallObject), or no build
    _engine = None
    IMPORT_ERROR: str | None = f"{type(exc).__name__}: {exc}"
else:
    IMPORT_ERROR = None

_LOCK = threading.Lock()
_EVAL_IDS = itertools.count(1)
_HANDLES: dict[str, int] = {}
"""Ruleset name -> the engine's handle, for every ruleset created in this process."""
NOT_HANDLED = 1
"""The engine's result code for a fact that no pattern matched."""
WARM_UP_RULE = "warm_up"
WARM_UP = {"sid": "__warm_up__", "subject": "__warm_up__"}
PERSON_GROUP = "person"


class RulesetRefused(NetralitasError):
    """durable-rules would not create the ruleset, or could not match a fact against it (its fixed internal
    limits: error 107 for about 1,000 rules in one ruleset; 303 for some very large rulesets at assert time)."""

    exit_code = 3


def available() -> bool:
    """Whether durable-rules can be imported here."""
    return _engine is not None


def rule_groups(compiled: CompiledRulebook) -> dict[str, tuple[CompiledRule, ...]]:
    """The rules split by the facts they can apply to: person rules, and one group per act kind.

    Each group becomes its own ruleset, so a fact meets only its candidates and no ruleset grows
    with the whole rulebook (durable-rules refuses one of about 1,000 rules: error 107).
    """
    groups = {PERSON_GROUP: compiled.person_rules} if compiled.person_rules else {}
    groups.update(compiled.by_kind)
    return groups


Patterns = tuple[dict[str, Any], tuple[bool, dict[str, Any]] | None]
"""A rule's strict pattern, and its second pattern with whether that one is optimistic (None when the rule is
always decided)."""


def rule_patterns(rule: CompiledRule) -> Patterns:
    """The strict and the second pattern of one rule (`second_pattern`)."""
    return rule_pattern(rule), second_pattern(rule)


def ruleset_definition(rules: Sequence[CompiledRule], patterns: Mapping[int, Patterns] | None = None) -> dict[str, Any]:
    """The durable-rules JSON definition of a group of rules: a strict pattern (`r<index>`) for each, and for each
    rule whose condition can be undetermined its optimistic (`o<index>`) or falsity (`f<index>`) pattern. The
    patterns come from `patterns` (by rule index) where given, shared and not to be changed: a rule in several
    groups is translated once."""
    definition: dict[str, Any] = {}
    for rule in rules:
        strict, second = patterns[rule.index] if patterns is not None else rule_patterns(rule)
        definition[f"r{rule.index}"] = {"all": [{"m": strict}]}
        if second is not None:
            optimistic, pattern = second
            definition[f"{'o' if optimistic else 'f'}{rule.index}"] = {"all": [{"m": pattern}]}
    return definition


def _action_name(message: str) -> str:
    """The rule name of an action message, which the engine writes as `{"<name>":{"m":...}}`."""
    return message[2:message.index('"', 2)]


def _create(name: str, rules: Sequence[CompiledRule], patterns: Mapping[int, Patterns]) -> int:
    """The engine's handle of ruleset `name`, created (and warmed up) on first use in this process."""
    handle = _HANDLES.get(name)
    if handle is not None:
        return handle
    assert _engine is not None
    definition = ruleset_definition(rules, patterns)
    definition[WARM_UP_RULE] = {"all": [{"m": {"subject": WARM_UP["subject"]}}]}
    try:
        handle = int(_engine.create_ruleset(name, orjson.dumps(definition).decode()))
    except Exception as error:  # durable_rules_engine.error with an integer code
        raise RulesetRefused(f"durable-rules refused the compiled rulebook ({error}); "
                             "use --backend python") from error
    drain(handle, orjson.dumps(WARM_UP).decode())
    _engine.delete_state(handle, WARM_UP["sid"])
    _HANDLES[name] = handle
    return handle


def drain(handle: int, message: str) -> list[str]:
    """Assert one fact (serialised) into ruleset `handle`; the names of the rules whose pattern it matched."""
    assert _engine is not None
    code, state = _engine.assert_fact(handle, message)
    if code == NOT_HANDLED:
        return []
    if code != 0:
        raise RuntimeError(f"durable-rules returned code {code} for a fact (2: an identical fact was asserted)")
    names: list[str] = []
    started = _engine.start_action_for_state(handle, state)
    action = started[1] if started else None
    while action:
        names.append(_action_name(action))
        action = _engine.complete_and_start_action(handle, state)
    return names


def delete_state(handle: int, sid: str) -> None:
    """Forget session `sid` in ruleset `handle`."""
    assert _engine is not None
    _engine.delete_state(handle, sid)


class DurableBackend:
    """Matches with durable-rules: one ruleset per group of candidate rules, three outcomes per pair."""

    name = "durable-rules"

    def __init__(self, compiled: CompiledRulebook, fallback: Backend | None = None) -> None:
        if _engine is None:
            raise RuntimeError(f"durable-rules is not available: {IMPORT_ERROR}")
        self.compiled = compiled
        self.fallback = fallback
        """Where an incident goes when durable-rules cannot match one of its facts (`--backend auto`)."""
        self.fallbacks = 0
        """How many incidents went to the fallback."""
        prefix = f"netralitas_{compiled.rulebook.content_hash[:16]}"
        self.groups = rule_groups(compiled)
        self.reads = {group: read_paths(rules) for group, rules in self.groups.items()}
        """Per group, the fact paths its rules read: a fact is asserted with those values only."""
        self.rulesets = {group: f"{prefix}_{group}" for group in self.groups}
        patterns = {rule.index: rule_patterns(rule) for rule in compiled.rules}
        optimistic = {index: second[0] for index, (_, second) in patterns.items() if second is not None}
        self._second = {group: tuple((rule.index, optimistic[rule.index]) for rule in rules
                                     if rule.index in optimistic) for group, rules in self.groups.items()}
        """Per group, each rule with a second pattern and whether it is optimistic: the rule is undetermined for a
        fact when its strict pattern did not match and its optimistic one did (or its falsity one did not)."""
        with _LOCK:
            self._handles = {group: _create(self.rulesets[group], rules, patterns)
                             for group, rules in self.groups.items()}

    @staticmethod
    def _group(fact: Fact) -> str | None:
        group = PERSON_GROUP if fact.subject == "person" else fact.values.get("act.kind")
        return group if isinstance(group, str) else None

    def ruleset_for(self, fact: Fact) -> str | None:
        """The ruleset holding the candidate rules of `fact`, if any rule can apply to it."""
        group = self._group(fact)
        return self.rulesets.get(group) if group is not None else None

    def match(self, facts: Sequence[Fact]) -> set[Match]:
        return set(self.classify(facts).holds)

    def classify(self, facts: Sequence[Fact]) -> Classification:
        assert _engine is not None
        targets = [(group, fact) for fact in facts
                   if (group := self._group(fact)) is not None and group in self._handles]
        if not targets:
            return Classification(frozenset(), frozenset())
        matched: list[list[str]] = []
        with _LOCK:
            eval_id = next(_EVAL_IDS)
            sid = f"e{eval_id}"
            used: set[int] = set()
            try:
                for group, fact in targets:
                    handle = self._handles[group]
                    used.add(handle)
                    message = orjson.dumps(fact_message(fact, eval_id, sid, self.reads[group])).decode()
                    try:
                        matched.append(drain(handle, message))
                    except _engine.error as error:
                        if self.fallback is None:
                            raise RulesetRefused(f"durable-rules could not match a fact against ruleset "
                                                 f"{self.rulesets[group]} ({error}); use --backend python") from error
                        self.fallbacks += 1
                        return self.fallback.classify(facts)
            finally:
                for handle in used:
                    delete_state(handle, sid)
        holds: set[Match] = set()
        undetermined: set[Match] = set()
        for (group, fact), names in zip(targets, matched, strict=True):
            index = fact.index
            strict, second = _split(names)
            holds.update((rule, index) for rule in strict)
            for rule, optimistic in self._second[group]:
                if rule not in strict and (rule in second) is optimistic:
                    undetermined.add((rule, index))
        return Classification(frozenset(holds), frozenset(undetermined))


def _split(names: list[str]) -> tuple[set[int], set[int]]:
    """The rule indexes of a fact's matched strict patterns (`r<index>`), and of its second patterns (optimistic
    `o<index>` or falsity `f<index>`: a rule has at most one of the two)."""
    strict: set[int] = set()
    second: set[int] = set()
    for name in names:
        (strict if name[0] == "r" else second).add(int(name[1:]))
    return strict, second
