"""Turn rules, citations and condition traces into the verdict's explanation parts."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from netralitas.evaluation.memo import Memo
from netralitas.evaluation.verdict import CitationOut, ConditionOut, MissingFact, SanctionOut
from netralitas.facts.normalise import AtLeast, Fact
from netralitas.facts.paths import FIELDS_BY_PATH
from netralitas.lang.conditions import Atom, Node, atoms, describe, json_value, needed_paths, trace
from netralitas.lang.models import Category, Citation, Period, Sanction
from netralitas.matching.checks import atom_check
from netralitas.rulebook import Rulebook
from netralitas.text import LocalizedText, bi


def citation_out(citation: Citation, rulebook: Rulebook, titled: bool = True) -> CitationOut:
    """A citation with its instrument's short name, and its full title when `titled` (explained verdicts)."""
    instrument = rulebook.instruments[citation.instrument]
    return CitationOut(instrument=instrument.key, instrument_short=instrument.short,
                       instrument_title=instrument.title if titled else None,
                       reference=citation.reference(), text=citation.text, address=citation.address,
                       confidence=citation.confidence, note=citation.note)


def sanction_out(sanction: Sanction, rulebook: Rulebook, titled: bool = True) -> SanctionOut:
    """The sanction with the options its scheme lists for the tier."""
    options = list(sanction.options or [])
    basis = [citation_out(c, rulebook, titled) for c in sanction.basis]
    note = None
    if sanction.scheme is not None:
        tier = rulebook.schemes[sanction.scheme].tiers[sanction.tier]
        if not options:
            options = list(tier.options)
            note = tier.note
        basis += [citation_out(c, rulebook, titled) for c in tier.basis]
    return SanctionOut(tier=sanction.tier, options=options, penalty=sanction.penalty, basis=basis, note=note)


def conditions_out(atoms: tuple[Atom, ...], fact: Fact) -> list[ConditionOut]:
    """Each atom in plain language, with the fact values it read and how derived values were derived."""
    out: list[ConditionOut] = []
    seen: set[Atom] = set()
    for atom in atoms:
        if atom in seen:
            continue
        seen.add(atom)
        paths = needed_paths(atom)
        facts = {p: json_value(fact.values[p]) if p in fact.values else None for p in paths}
        derived = [d.reason for d in fact.derivations if d.path in paths]
        out.append(ConditionOut(description=describe(atom), facts=facts, derived=derived))
    return out


def missing_out(atoms: tuple[Atom, ...], fact: Fact) -> list[MissingFact]:
    """The unknown facts among the atoms' paths, and the lists known only in part (one shared, read-only list
    per set of paths)."""
    return missing_among(atom_paths(atoms), fact)


def atom_paths(atoms: tuple[Atom, ...]) -> tuple[str, ...]:
    """The paths the atoms read, sorted, each once."""
    return tuple(sorted({p for a in atoms for p in needed_paths(a)}))


def missing_among(paths: tuple[str, ...], fact: Fact) -> list[MissingFact]:
    """`missing_out` for atoms whose paths (`atom_paths`) are `paths`."""
    values = fact.values
    return _missing_list(tuple([(p, p in values) for p in paths if p not in values or type(values[p]) is AtLeast]))


@lru_cache(maxsize=4096)
def _missing_list(paths: tuple[tuple[str, bool], ...]) -> list[MissingFact]:
    return [_incomplete(p) if partial else _missing(p) for p, partial in paths]


@cache
def _missing(path: str) -> MissingFact:
    """One per fact path (a fixed, small set), shared by every verdict."""
    return MissingFact(path=path, label=FIELDS_BY_PATH[path].label)


@cache
def _incomplete(path: str) -> MissingFact:
    """A list fact known only in part ("at least these"): what is missing is whether the list is complete."""
    label = FIELDS_BY_PATH[path].label
    return MissingFact(path=path, label=bi(f"{label.id} (daftar lengkap: apakah hanya yang disebut)",
                                           f"{label.en} (the complete list: only those named?)"))


def version_text(period: Period) -> LocalizedText:
    """'berlaku 2023-10-31 s.d. sekarang' and its English."""
    until_id = period.until.isoformat() if period.until else "sekarang"
    until_en = period.until.isoformat() if period.until else "now"
    start = period.from_.isoformat()
    return bi(f"berlaku {start} s.d. {until_id}", f"in force {start} to {until_en}")


def not_in_force(period: Period, path: str, day: date) -> ConditionOut:
    """The reason a matching rule does not apply: its version is not in force on that day."""
    label = FIELDS_BY_PATH[path].label
    version = version_text(period)
    return ConditionOut(
        description=bi(f"ketentuan ini {version.id}; {label.id} {day.isoformat()} di luar masa berlaku",
                       f"this provision is {version.en}; {label.en} {day.isoformat()} is outside it"),
        facts={path: day.isoformat()},
    )


def span_boundary(period: Period, lo: date, hi: date) -> LocalizedText:
    """The validity boundary that falls inside the date range lo..hi."""
    edge = period.from_ if lo < period.from_ <= hi else (period.until or hi)
    what_id = "mulai berlaku" if edge == period.from_ else "berakhir"
    what_en = "comes into force" if edge == period.from_ else "ends"
    return bi(f"rentang tanggal {lo.isoformat()} s.d. {hi.isoformat()} terbelah oleh {edge.isoformat()}, tanggal "
              f"ketentuan ini {what_id}; perlu tanggal yang lebih tepat",
              f"the date range {lo.isoformat()} to {hi.isoformat()} is split by {edge.isoformat()}, the day this "
              f"provision {what_en}; a more precise date is needed")


PIDANA = (Category.PIDANA_PEMILU, Category.PIDANA_PEMILIHAN)


def competent_path(category: Category, rulebook: Rulebook, day: date | None) -> LocalizedText:
    """Who handles a finding of this category, with the recommending body in office on `day`."""
    if category in PIDANA:
        law = "UU 7/2017" if category is Category.PIDANA_PEMILU else "UU 10/2016"
        return bi(f"Bawaslu melalui Sentra Gakkumdu (penyidik Polri, jaksa), diadili pengadilan ({law})",
                  f"Bawaslu through Sentra Gakkumdu (police investigators, prosecutors), tried in court ({law})")
    if category is Category.BUKAN_PELANGGARAN:
        return bi("tidak ada tindak lanjut sanksi", "no sanction follow-up")
    body = rulebook.authority_on(day) if day else None
    if body is None:
        return bi("PPK atas rekomendasi lembaga pengawas netralitas (tanggal tidak diketahui)",
                  "PPK on the recommendation of the neutrality supervisor (date unknown)")
    if category is Category.PEMBERHENTIAN:
        return bi(f"PPK menetapkan pemberhentian; pengawasan oleh {body.name.id}",
                  f"the PPK decides the dismissal; supervised by {body.name.en}")
    return bi(f"Bawaslu meneruskan temuan kepada {body.name.id}, yang merekomendasikan sanksi kepada PPK",
              f"Bawaslu forwards the finding to {body.name.en}, which recommends the sanction to the PPK")


@dataclass(frozen=True)
class Explained:
    """A rule's three-valued result on one fact, with the explanation parts that depend on it."""

    value: bool | None
    held: list[ConditionOut]
    failed: list[ConditionOut]
    missing: list[MissingFact]


_ALWAYS = Explained(True, [], [], [])


Derived = dict[str, tuple[str, str]]
"""A fact's derived paths, each with its derivation's reason (Indonesian, English)."""


def derived_reasons(fact: Fact) -> Derived:
    """How each derived value of `fact` was derived, by path."""
    return {d.path: (d.reason.id, d.reason.en) for d in fact.derivations}


@dataclass(frozen=True)
class _Shape:
    """What a condition's trace says for one combination of atom truth values."""

    value: bool | None
    shown: tuple[tuple[int, tuple[str, ...], Atom], ...]
    unknown: tuple[str, ...]
    """The paths of the atoms that are unknown (`atom_paths`), when the value is."""


class AtomOuts:
    """Each atom's plain-language condition for the fact values it read, memoised.

    An atom's `ConditionOut` depends only on the values of the paths it reads and on how the
    derived ones among them were derived, so one is shared by every rule and every incident
    with those values (what `conditions_out` would build for that atom alone).
    """

    def __init__(self, limit: int) -> None:
        self._memo: Memo[Hashable, ConditionOut] = Memo(limit)
        self._numbers: dict[Atom, tuple[int, tuple[str, ...]]] = {}

    def key(self, atom: Atom) -> tuple[int, tuple[str, ...], Atom]:
        """A small number for `atom` (equal atoms share it), the paths it reads, and the atom."""
        found = self._numbers.get(atom)
        if found is None:
            found = self._numbers[atom] = (len(self._numbers), needed_paths(atom))
        return (*found, atom)

    def outs(self, shown: tuple[tuple[int, tuple[str, ...], Atom], ...], fact: Fact,
             derived: Derived) -> list[ConditionOut]:
        """`conditions_out` of the atoms `shown` (as given by `key`), from the memo where it can."""
        out = []
        values = fact.values
        memo = self._memo
        for number, paths, atom in shown:
            key = (number, tuple([values.get(p) for p in paths]),
                   tuple([derived.get(p) for p in paths]) if derived else ())
            out.append(memo.get(key, _one_out(atom, fact)))
        return out


def _one_out(atom: Atom, fact: Fact) -> Callable[[], ConditionOut]:
    return lambda: conditions_out((atom,), fact)[0]


class RuleExplainer:
    """Evaluates one rule's condition on a fact and explains the result.

    The trace depends only on the truth values of the condition's atoms, so its shape (value
    and deciding atoms) is memoised on that vector; each deciding atom's explanation comes
    from the `AtomOuts` the evaluator shares between its rules. The result is exactly `trace`
    followed by `conditions_out` and `missing_out`. Memoised explanation parts are shared
    between verdicts: treat verdicts as read-only.
    """

    def __init__(self, index: int, condition: Node | None, outs: AtomOuts, limit: int = 4096) -> None:
        self.index = index
        self.condition = condition
        self.atoms = tuple(dict.fromkeys(atoms(condition))) if condition else ()
        self._checks = tuple(atom_check(a) for a in self.atoms)
        self._outs = outs
        self._shapes: Memo[tuple[bool | None, ...], _Shape] = Memo(limit)

    def explain(self, fact: Fact, derived: Derived, conditions: bool = True) -> Explained:
        """The condition's value on `fact`, the unknown facts that would decide it, and (with `conditions`)
        the atoms that decided it in plain language."""
        condition = self.condition
        if condition is None:
            return _ALWAYS
        values = fact.values
        vector = tuple([check(values) for check in self._checks])
        shape = self._shapes.get(vector, lambda: self._shape(condition, values))
        outs = self._outs.outs(shape.shown, fact, derived) if conditions else []
        if shape.value is None:
            return Explained(None, outs, [], missing_among(shape.unknown, fact))
        if shape.value:
            return Explained(True, outs, [], [])
        return Explained(False, [], outs, [])

    def _shape(self, condition: Node, values: dict[str, Any]) -> _Shape:
        result = trace(condition, values)
        shown = dict.fromkeys(result.failed if result.value is False else result.held)  # deduplicated
        unknown = atom_paths(tuple(result.unknown)) if result.value is None else ()
        return _Shape(result.value, tuple(self._outs.key(a) for a in shown), unknown)
