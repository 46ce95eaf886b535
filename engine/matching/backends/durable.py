"""The durable-rules backend: the compiled rulebook as durable-rules rulesets, one per group of candidates.

Designed around what durable-rules 2.0.28 really does (shared/durable-rules/NOTES.md):
- one Host per process, created eagerly and never replaced (each Host leaks two timer threads);
- one ruleset per rulebook content hash and candidate group (person rules; each act kind),
  registered once and reused (names cannot be reused); a fact is asserted to its group's only;
- each rule has a strict and, where its condition reads facts that may be unknown, an
  optimistic pattern, so the engine itself tells true, undetermined and false apart;
- facts, not events, so every rule sees every fact; each fact carries the evaluation id and
  its index, so no two facts are ever identical (MessageObservedException);
- facts asserted one at a time: MessageNotHandledException means 'nothing matched' for that
  fact (a batch assert loses the matches of the other facts when one matches nothing);
- a fact no rule can apply to (an act kind no rule names) is not asserted at all, and an
  incident with no such fact opens no session: the answer is known without the engine;
- consequents only record (evaluation id, rule index, fact index) in a dict keyed by
  evaluation id, since they swallow exceptions and may run on the dispatcher thread;
- a fresh session id per evaluation, its state deleted in `finally` in every ruleset it used, under one process-wide
  lock (the host is not thread-safe; at 1,024 live sessions it fails and then segfaults);
- measured here, not in NOTES.md: a session whose facts all went unhandled still holds state
  (skip its delete_state and the 1,024-session cap is hit), yet if the first delete_state a
  ruleset ever sees is of such a session, the process segfaults. Each ruleset is therefore
  warmed up at registration: one handled fact in a throwaway session, then delete_state.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Callable, Sequence
from typing import Any

from netralitas.errors import NetralitasError
from netralitas.facts.normalise import Fact
from netralitas.matching.backends.base import Classification, Match
from netralitas.matching.backends.to_durable import fact_message, rule_pattern, second_pattern
from netralitas.matching.compiler import CompiledRule, CompiledRulebook

try:
    from durable import engine as _durable
except Exception as exc:  # ImportError on Python 3.13 (undefined symbol PyEval_CallObject), or no build
    _durable = None
    IMPORT_ERROR: str | None = f"{type(exc).__name__}: {exc}"
else:
    IMPORT_ERROR = None

_LOCK = threading.Lock()
_RESULTS: dict[int, list[tuple[str, Match]]] = {}
"""Per evaluation id: (pattern kind, (rule index, fact index)) for every pattern that matched; the kind is
'r' (strict: the condition holds), 'o' (optimistic: true or unknown) or 'f' (falsity: false)."""
_EVAL_IDS = itertools.count(1)
_HOST: Any = None
_REGISTERED: set[str] = set()
WARM_UP_RULE = "warm_up"
WARM_UP = {"sid": "__warm_up__", "subject": "__warm_up__"}
PERSON_GROUP = "person"


class RulesetRefused(NetralitasError):
    """durable-rules would not create the ruleset (one of its fixed internal limits)."""

    exit_code = 3


def available() -> bool:
    """Whether durable-rules can be imported here."""
    return _durable is not None


def _host() -> Any:
    global _HOST
    if _HOST is None:
        assert _durable is not None
        _HOST = _durable.Host()
    return _HOST


def _consequent(kind: str, rule_index: int) -> Callable[[Any], None]:
    def record(c: Any) -> None:
        _RESULTS.setdefault(c.m["eval_id"], []).append((kind, (rule_index, c.m["fact_index"])))

    return record


def _ignore(c: Any) -> None:
    """Consequent of the warm-up rule."""


def rule_groups(compiled: CompiledRulebook) -> dict[str, tuple[CompiledRule, ...]]:
    """The rules split by the facts they can apply to: person rules, and one group per act kind.

    Each group becomes its own ruleset, so a fact meets only its candidates and no ruleset grows
    with the whole rulebook (durable-rules refuses one of about 1,000 rules: error 107).
    """
    groups = {PERSON_GROUP: compiled.person_rules} if compiled.person_rules else {}
    groups.update(compiled.by_kind)
    return groups


def ruleset_definition(rules: Sequence[CompiledRule]) -> dict[str, Any]:
    """The durable-rules JSON definition of a group of rules (a fresh copy each call): a strict pattern
    (`r<index>`) for each, and for each rule whose condition can be undetermined its optimistic (`o<index>`)
    or falsity (`f<index>`) pattern."""
    definition: dict[str, Any] = {}
    for rule in rules:
        definition[f"r{rule.index}"] = {"all": [{"m": rule_pattern(rule)}]}
        second = second_pattern(rule)
        if second is not None:
            optimistic, pattern = second
            definition[f"{'o' if optimistic else 'f'}{rule.index}"] = {"all": [{"m": pattern}]}
    return definition


class DurableBackend:
    """Matches with durable-rules: one ruleset per group of candidate rules, three outcomes per pair."""

    name = "durable-rules"

    def __init__(self, compiled: CompiledRulebook) -> None:
        if _durable is None:
            raise RuntimeError(f"durable-rules is not available: {IMPORT_ERROR}")
        self.compiled = compiled
        prefix = f"netralitas_{compiled.rulebook.content_hash[:16]}"
        self.groups = rule_groups(compiled)
        self.rulesets = {group: f"{prefix}_{group}" for group in self.groups}
        self._optimistic = {rule.index: second[0] for rule in compiled.rules
                            if (second := second_pattern(rule)) is not None}
        with _LOCK:
            host = _host()
            for group, rules in self.groups.items():
                self._register(host, self.rulesets[group], rules)

    @staticmethod
    def _register(host: Any, name: str, rules: Sequence[CompiledRule]) -> None:
        if name in _REGISTERED:
            return
        runnable = ruleset_definition(rules)
        for rule_name, rule in runnable.items():
            rule["run"] = _consequent(rule_name[0], int(rule_name[1:]))
        runnable[WARM_UP_RULE] = {"all": [{"m": {"subject": WARM_UP["subject"]}}], "run": _ignore}
        try:
            host.register_rulesets({name: runnable})
        except Exception as error:  # durable_rules_engine.error with an integer code
            raise RulesetRefused(f"durable-rules refused the compiled rulebook ({error}); "
                                 "use --backend python") from error
        host.assert_fact(name, dict(WARM_UP))
        host.delete_state(name, WARM_UP["sid"])
        _REGISTERED.add(name)

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
        assert _durable is not None
        targets = [(ruleset, fact) for fact in facts if (ruleset := self.ruleset_for(fact)) is not None]
        if not targets:
            return Classification(frozenset(), frozenset())
        with _LOCK:
            eval_id = next(_EVAL_IDS)
            sid = f"e{eval_id}"
            host = _host()
            used: list[str] = []
            try:
                for ruleset, fact in targets:
                    if ruleset not in used:
                        used.append(ruleset)
                    with contextlib.suppress(_durable.MessageNotHandledException):
                        host.assert_fact(ruleset, fact_message(fact, eval_id, sid))
            finally:
                for ruleset in used:
                    host.delete_state(ruleset, sid)
                found = _RESULTS.pop(eval_id, [])
        by_kind: dict[str, set[Match]] = {"r": set(), "o": set(), "f": set()}
        for kind, pair in found:
            by_kind[kind].add(pair)
        holds, possible, false = by_kind["r"], by_kind["o"], by_kind["f"]
        undetermined: set[Match] = set()
        for _, fact in targets:
            for rule in self.groups[self._group(fact) or ""]:
                pair = (rule.index, fact.index)
                optimistic = self._optimistic.get(rule.index)
                if pair in holds or optimistic is None:
                    continue
                if (pair in possible) if optimistic else (pair not in false):
                    undetermined.add(pair)
        return Classification(frozenset(holds), frozenset(undetermined))


def warm_up() -> None:
    """Create the process's host now, at start-up, rather than lazily under load."""
    if _durable is not None:
        with _LOCK:
            _host()
