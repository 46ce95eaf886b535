"""Compile a validated rulebook once: conditions in negation normal form, indexed by subject and act kind."""

from __future__ import annotations

from dataclasses import dataclass

from netralitas.lang.conditions import Node, nnf
from netralitas.rulebook import LoadedRule, Rulebook


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready for matching: its position, its acts, and its condition in negation normal form."""

    index: int
    loaded: LoadedRule
    condition: Node | None
    act_kinds: frozenset[str]

    @property
    def id(self) -> str:
        return self.loaded.rule.id


@dataclass(frozen=True)
class CompiledRulebook:
    """All rules of a rulebook, compiled, with the indexes evaluation needs."""

    rulebook: Rulebook
    rules: tuple[CompiledRule, ...]
    person_rules: tuple[CompiledRule, ...]
    by_kind: dict[str, tuple[CompiledRule, ...]]

    def candidates(self, subject: str, kind: str | None) -> tuple[CompiledRule, ...]:
        """The rules that may apply to a fact about `subject` (and, for acts, of `kind`)."""
        if subject == "person":
            return self.person_rules
        return self.by_kind.get(kind or "", ())


def compile_rulebook(rulebook: Rulebook) -> CompiledRulebook:
    """Compile every rule of `rulebook`."""
    rules = tuple(
        CompiledRule(i, loaded, nnf(loaded.condition) if loaded.condition is not None else None,
                     frozenset(k.value for k in loaded.rule.act_kinds or ()))
        for i, loaded in enumerate(sorted(rulebook.rules, key=lambda r: r.rule.id))
    )
    by_kind: dict[str, list[CompiledRule]] = {}
    for rule in rules:
        for kind in sorted(rule.act_kinds):
            by_kind.setdefault(kind, []).append(rule)
    return CompiledRulebook(
        rulebook,
        rules,
        tuple(r for r in rules if r.loaded.rule.subject == "person"),
        {k: tuple(v) for k, v in by_kind.items()},
    )
