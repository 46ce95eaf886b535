"""Synthetic rulebooks of any size, made from the real rules' shapes, grown in depth or in breadth.

In depth (`synthetic_rulebook`): rule `k` is real rule `k mod n` under a new id (`<id>~<copy>`),
with its exceptions renamed within the same copy, so copies keep the real mix of subjects, act
kinds, condition shapes, exceptions and topics. Every copy is a candidate for the same facts as
its original: the worst case for the act-kind index (a 1,000-rule book has about 17 times the
candidate rules per fact of the bundled one).

In breadth (`breadth_rulebook`): the real rulebook, plus copies of its act rules that each copy
moves onto new act kinds (`<kind>~<copy>`), as a rulebook grows when it encodes new behaviours.
Incidents report the real kinds, so each fact still meets only its own candidates.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from netralitas.rulebook import LoadedRule, Rulebook


@dataclass(frozen=True)
class SyntheticKind:
    """An act kind no incident reports: what a rulebook grown in breadth adds (it has the enum's `value`)."""

    value: str


def _copy(loaded: LoadedRule, copy: int) -> LoadedRule:
    if copy == 0:
        return loaded
    rule = loaded.rule
    renamed = rule.model_copy(update={
        "id": f"{rule.id}~{copy}",
        "exception_to": [f"{target}~{copy}" for target in rule.exception_to],
        "topic": f"{rule.topic}~{copy}",
    })
    return replace(loaded, rule=renamed)


def synthetic_rulebook(base: Rulebook, size: int) -> Rulebook:
    """A rulebook of `size` rules cloned from `base`'s rules, with its own content hash."""
    real = sorted(base.rules, key=lambda r: r.rule.id)
    rules = tuple(_copy(real[k % len(real)], k // len(real)) for k in range(size))
    digest = hashlib.sha256(f"{base.content_hash}:synthetic:{size}".encode()).hexdigest()
    return replace(base, rules=rules, content_hash=digest)


def _moved(loaded: LoadedRule, copy: int) -> LoadedRule:
    renamed = _copy(loaded, copy)
    kinds = [SyntheticKind(f"{k.value}~{copy}") for k in loaded.rule.act_kinds or ()]
    return replace(renamed, rule=renamed.rule.model_copy(update={"act_kinds": kinds}))


def breadth_rulebook(base: Rulebook, size: int) -> Rulebook:
    """A rulebook of `size` rules: `base`'s own, then copies of its act rules on new act kinds."""
    real = sorted(base.rules, key=lambda r: r.rule.id)
    acts = [r for r in real if r.rule.subject == "act"]
    extra = size - len(real)
    rules = tuple(real) + tuple(_moved(acts[k % len(acts)], 1 + k // len(acts)) for k in range(max(extra, 0)))
    digest = hashlib.sha256(f"{base.content_hash}:breadth:{size}".encode()).hexdigest()
    return replace(base, rules=rules, content_hash=digest)
