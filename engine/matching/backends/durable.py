"""The durable-rules backend: the compiled rulebook as one durable-rules ruleset.

Designed around what durable-rules 2.0.28 really does (shared/durable-rules/NOTES.md):
- one Host per process, created eagerly and never replaced (each Host leaks two timer threads);
- one ruleset per rulebook content hash, registered once and reused (names cannot be reused);
- facts, not events, so every rule sees every fact; each fact carries the evaluation id and
  its index, so no two facts are ever identical (MessageObservedException);
- facts asserted one at a time: MessageNotHandledException means 'nothing matched' for that
  fact (a batch assert loses the matches of the other facts when one matches nothing);
- a fact no rule can apply to (an act kind no rule names) is not asserted at all, and an
  incident with no such fact opens no session: the answer is known without the engine;
- consequents only record (evaluation id, rule index, fact index) in a dict keyed by
  evaluation id, since they swallow exceptions and may run on the dispatcher thread;
- a fresh session id per evaluation, its state deleted in `finally`, under one process-wide
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
from netralitas.matching.backends.base import Match
from netralitas.matching.backends.to_durable import fact_message, rule_pattern
from netralitas.matching.compiler import CompiledRulebook

try:
    from durable import engine as _durable
except Exception as exc:  # ImportError on Python 3.13 (undefined symbol PyEval_CallObject), or no build
    _durable = None
    IMPORT_ERROR: str | None = f"{type(exc).__name__}: {exc}"
else:
    IMPORT_ERROR = None

_LOCK = threading.Lock()
_RESULTS: dict[int, list[Match]] = {}
_EVAL_IDS = itertools.count(1)
_HOST: Any = None
_REGISTERED: set[str] = set()
WARM_UP_RULE = "warm_up"
WARM_UP = {"sid": "__warm_up__", "subject": "__warm_up__"}


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


def _consequent(rule_index: int) -> Callable[[Any], None]:
    def record(c: Any) -> None:
        _RESULTS.setdefault(c.m["eval_id"], []).append((rule_index, c.m["fact_index"]))

    return record


def _ignore(c: Any) -> None:
    """Consequent of the warm-up rule."""


def ruleset_definition(compiled: CompiledRulebook) -> dict[str, Any]:
    """The durable-rules JSON definition of a compiled rulebook (a fresh copy each call)."""
    return {f"r{rule.index}": {"all": [{"m": rule_pattern(rule)}]} for rule in compiled.rules}


class DurableBackend:
    """Matches with durable-rules."""

    name = "durable-rules"

    def __init__(self, compiled: CompiledRulebook) -> None:
        if _durable is None:
            raise RuntimeError(f"durable-rules is not available: {IMPORT_ERROR}")
        self.compiled = compiled
        self.ruleset = f"netralitas_{compiled.rulebook.content_hash[:16]}"
        with _LOCK:
            host = _host()
            if self.ruleset not in _REGISTERED:
                runnable: dict[str, Any] = ruleset_definition(compiled)
                for rule in compiled.rules:
                    runnable[f"r{rule.index}"]["run"] = _consequent(rule.index)
                runnable[WARM_UP_RULE] = {"all": [{"m": {"subject": WARM_UP["subject"]}}], "run": _ignore}
                try:
                    host.register_rulesets({self.ruleset: runnable})
                except Exception as error:  # durable_rules_engine.error with an integer code
                    raise RulesetRefused(f"durable-rules refused the compiled rulebook ({error}); "
                                         "use --backend python") from error
                host.assert_fact(self.ruleset, dict(WARM_UP))
                host.delete_state(self.ruleset, WARM_UP["sid"])
                _REGISTERED.add(self.ruleset)

    def match(self, facts: Sequence[Fact]) -> set[Match]:
        assert _durable is not None
        candidates = self.compiled.candidates
        facts = [f for f in facts if candidates(f.subject, f.values.get("act.kind"))]
        if not facts:
            return set()
        with _LOCK:
            eval_id = next(_EVAL_IDS)
            sid = f"e{eval_id}"
            host = _host()
            try:
                for fact in facts:
                    with contextlib.suppress(_durable.MessageNotHandledException):
                        host.assert_fact(self.ruleset, fact_message(fact, eval_id, sid))
            finally:
                host.delete_state(self.ruleset, sid)
                found = _RESULTS.pop(eval_id, [])
        return set(found)


def warm_up() -> None:
    """Create the process's host now, at start-up, rather than lazily under load."""
    if _durable is not None:
        with _LOCK:
            _host()
