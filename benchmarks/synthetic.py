"""Synthetic rulebooks of any size, made from the real rules' shapes.

Rule `k` of a synthetic rulebook is real rule `k mod n` under a new id (`<id>~<copy>`), with
its exceptions renamed within the same copy, so copies keep the real mix of subjects, act
kinds, condition shapes, exceptions and topics. Every copy is a candidate for the same facts
as its original, so this is the worst case for the act-kind index: a 1,000-rule book has
about 17 times the candidate rules per fact of the 58-rule bundled one.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from netralitas.rulebook import LoadedRule, Rulebook


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
