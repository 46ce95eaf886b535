"""The rulebook rendered for people: Markdown or a static HTML site with a search box.

`build` gathers, per instrument and provision, the quoted text and the rules that encode it
(conditions in plain language, tier, confidence, notes, the scenario tests that exercise them),
plus a coverage report. `write` renders it with the Jinja2 templates in `templates/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from netralitas.authoring.scenarios import LoadedScenario, rules_exercised
from netralitas.facts.paths import FIELDS
from netralitas.facts.vocabulary import ActKind
from netralitas.lang.conditions import All, AnyOf, Atom, Node, describe, nnf
from netralitas.lang.models import Citation, Confidence
from netralitas.rulebook import LoadedRule, Rulebook
from netralitas.text import Lang, bi

FORMATS = ("md", "html")
PAGES = ("index", "coverage")
SUBJECTS = {"act": bi("perbuatan", "act"), "person": bi("orang", "person")}

LABELS: dict[Lang, dict[str, str]] = {
    "id": {"title": "Buku aturan netralitas ASN", "coverage": "Cakupan", "rules": "Aturan",
           "search": "Cari aturan, pasal, atau kata…", "matches": "ketentuan cocok", "conditions": "Syarat",
           "always": "selalu (tanpa syarat)", "tier": "Tingkat sanksi", "category": "Kategori",
           "confidence": "Keyakinan", "note": "Catatan", "tests": "Skenario uji", "untested": "belum diuji",
           "in_force": "Berlaku", "acts": "Jenis perbuatan", "subject": "Subjek", "exception_to": "Pengecualian atas",
           "sanction_basis": "Dasar sanksi", "source": "Berkas",
           "untested_provisions": "Ketentuan yang dikutip tetapi belum diuji",
           "unused_paths": "Jalur fakta yang tidak dipakai aturan mana pun",
           "unused_kinds": "Jenis perbuatan yang tidak dipakai aturan mana pun",
           "low_confidence": "Aturan dan kutipan dengan keyakinan rendah", "none": "tidak ada",
           "all": "semua syarat berikut terpenuhi:", "any": "salah satu syarat berikut terpenuhi:",
           "hash": "Hash buku aturan", "now": "sekarang"},
    "en": {"title": "ASN neutrality rulebook", "coverage": "Coverage", "rules": "Rules",
           "search": "Search rules, articles or words…", "matches": "provisions match", "conditions": "Conditions",
           "always": "always (no conditions)", "tier": "Sanction tier", "category": "Category",
           "confidence": "Confidence", "note": "Note", "tests": "Scenario tests", "untested": "untested",
           "in_force": "In force", "acts": "Act kinds", "subject": "Subject", "exception_to": "Exception to",
           "sanction_basis": "Sanction basis", "source": "File", "untested_provisions":
           "Provisions cited but untested", "unused_paths": "Fact paths no rule uses",
           "unused_kinds": "Act kinds no rule uses", "low_confidence": "Rules and citations with low confidence",
           "none": "none", "all": "all of:", "any": "any of:", "hash": "Rulebook hash", "now": "now"},
}


@dataclass(frozen=True)
class ConditionDoc:
    """A condition in plain language, with its sub-conditions."""

    text: str
    items: tuple[ConditionDoc, ...] = ()


@dataclass(frozen=True)
class TestDoc:
    """A scenario test that exercises a rule."""

    name: str
    kind: str
    where: str


@dataclass(frozen=True)
class RuleDoc:
    """One rule as people read it."""

    id: str
    title: str
    subject: str
    category: str
    tier: str
    confidence: str
    note: str | None
    in_force: str
    act_kinds: tuple[str, ...]
    exception_to: tuple[str, ...]
    condition: ConditionDoc | None
    sanction_basis: tuple[str, ...]
    tests: tuple[TestDoc, ...]
    source: str
    home: str


@dataclass
class ProvisionDoc:
    """A provision (instrument and reference), its quoted text and the rules encoding it."""

    anchor: str
    heading: str
    text: str
    address: str
    rules: list[RuleDoc] = field(default_factory=list)

    @property
    def tested(self) -> bool:
        """Whether a scenario test exercises any rule encoding this provision."""
        return any(r.tests for r in self.rules)


@dataclass
class InstrumentDoc:
    """An instrument and its cited provisions."""

    key: str
    short: str
    title: str
    in_force: str
    address: str | None
    provisions: list[ProvisionDoc] = field(default_factory=list)


@dataclass(frozen=True)
class Coverage:
    """What the rulebook and its tests leave out."""

    untested: tuple[tuple[str, str], ...]
    unused_paths: tuple[str, ...]
    unused_kinds: tuple[str, ...]
    low_confidence: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Document:
    """Everything the templates render."""

    lang: Lang
    labels: dict[str, str]
    content_hash: str
    instruments: tuple[InstrumentDoc, ...]
    coverage: Coverage


def _condition(node: Node, lang: Lang) -> ConditionDoc:
    node = nnf(node)
    if isinstance(node, Atom):
        return ConditionDoc(describe(node).get(lang))
    word = "all" if isinstance(node, All) else "any"
    assert isinstance(node, All | AnyOf)
    return ConditionDoc(LABELS[lang][word], tuple(_condition(i, lang) for i in node.items))


def _reference(citation: Citation, rulebook: Rulebook) -> str:
    instrument = rulebook.instruments.get(citation.instrument)
    short = instrument.short if instrument else citation.instrument
    return f"{short} {citation.reference()}".strip()


def _rule_doc(loaded: LoadedRule, rulebook: Rulebook, scenarios: list[LoadedScenario], root: Path,
              lang: Lang) -> RuleDoc:
    rule = loaded.rule
    until = rule.in_force.until.isoformat() if rule.in_force.until else LABELS[lang]["now"]
    tests = tuple(TestDoc(s.scenario.name, s.scenario.kind.value, f"{_relative(s.file, root)}:{s.line}")
                  for s in scenarios if rule.id in rules_exercised(s.scenario))
    return RuleDoc(
        id=rule.id, title=rule.title.get(lang), subject=SUBJECTS[rule.subject].get(lang), category=rule.category.value,
        tier=rule.sanction.tier.value, confidence=rule.confidence.value,
        note=rule.note.get(lang) if rule.note else None,
        in_force=f"{rule.in_force.from_.isoformat()} – {until}",
        act_kinds=tuple(k.value for k in rule.act_kinds or ()), exception_to=tuple(rule.exception_to),
        condition=_condition(loaded.condition, lang) if loaded.condition is not None else None,
        sanction_basis=tuple(_reference(c, rulebook) for c in rule.sanction.basis)
        + ((f"{rule.sanction.scheme} ({rule.sanction.tier.value})",) if rule.sanction.scheme else ()),
        tests=tests, source=f"{_relative(loaded.file, root)}:{loaded.line}", home=_provision_anchor(rule.basis[0]),
    )


def _relative(file: str, root: Path) -> str:
    try:
        return Path(file).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file


def _anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def provision_anchor(instrument: str, reference: str) -> str:
    """The HTML anchor of a provision (instrument key and reference), as verdicts link to it."""
    return _anchor(f"{instrument} {reference}")


def _provision_anchor(citation: Citation) -> str:
    return provision_anchor(citation.instrument, citation.reference())


def build(rulebook: Rulebook, scenarios: list[LoadedScenario], lang: Lang = "id") -> Document:
    """The document model of `rulebook`, with the scenario tests that exercise each rule."""
    instruments: dict[str, InstrumentDoc] = {}
    provisions: dict[tuple[str, str], ProvisionDoc] = {}
    docs = {r.rule.id: _rule_doc(r, rulebook, scenarios, rulebook.root, lang) for r in rulebook.rules}
    for loaded in sorted(rulebook.rules, key=lambda r: r.rule.id):
        for citation in loaded.rule.basis:
            key = citation.instrument
            if key not in instruments:
                found = rulebook.instruments[key]
                until = found.in_force.until.isoformat() if found.in_force.until else LABELS[lang]["now"]
                instruments[key] = InstrumentDoc(key, found.short, found.title.get(lang),
                                                 f"{found.in_force.from_.isoformat()} – {until}", found.address)
            reference = citation.reference()
            if (key, reference) not in provisions:
                provision = ProvisionDoc(_provision_anchor(citation), _reference(citation, rulebook), citation.text,
                                         citation.address)
                provisions[(key, reference)] = provision
                instruments[key].provisions.append(provision)
            provisions[(key, reference)].rules.append(docs[loaded.rule.id])
    ordered = tuple(sorted(instruments.values(), key=lambda i: i.key))
    for instrument in ordered:
        instrument.provisions.sort(key=lambda p: _natural(p.heading))
    return Document(lang, LABELS[lang], rulebook.content_hash, ordered, _coverage(rulebook, ordered, lang))


def _natural(text: str) -> list[tuple[int, str]]:
    return [(int(part), "") if part.isdigit() else (0, part) for part in re.split(r"(\d+)", text)]


def _coverage(rulebook: Rulebook, instruments: tuple[InstrumentDoc, ...], lang: Lang) -> Coverage:
    used_paths: set[str] = set()
    used_kinds: set[str] = set()
    for loaded in rulebook.rules:
        used_paths.add(loaded.rule.date_path())
        used_kinds.update(k.value for k in loaded.rule.act_kinds or ())
        stack: list[Node] = [loaded.condition] if loaded.condition is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, Atom):
                used_paths.update(p for p in (node.path, node.ref) if p)
            else:
                stack.extend(node.items if isinstance(node, All | AnyOf) else (node.item,))
    low = [(r.rule.id, r.rule.confidence.value, r.rule.note.get(lang) if r.rule.note else "")
           for r in rulebook.rules if r.rule.confidence is not Confidence.CONFIRMED]
    low += [(r.rule.id, f"{c.confidence.value}: {c.instrument} {c.reference()}", c.note or "")
            for r in rulebook.rules for c in (*r.rule.basis, *r.rule.sanction.basis)
            if c.confidence is not None and c.confidence is not Confidence.CONFIRMED]
    return Coverage(
        untested=tuple((p.heading, p.anchor) for i in instruments for p in i.provisions if not p.tested),
        unused_paths=tuple(f.path for f in FIELDS if f.path not in used_paths),
        unused_kinds=tuple(k.value for k in ActKind if k.value not in used_kinds),
        low_confidence=tuple(sorted(low)),
    )


def write(document: Document, fmt: str, out: Path) -> list[Path]:
    """Render `document` as Markdown or HTML into `out`; the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for page in PAGES:
        target = out / f"{page}.{fmt}"
        target.write_text(render(document, fmt, page), encoding="utf-8")
        written.append(target)
    return written


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("netralitas.authoring", "templates"),
                       autoescape=select_autoescape(["html.j2"], default_for_string=False),
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render(document: Document, fmt: str, page: str) -> str:
    """One page (`index` or `coverage`) of `document` as Markdown or HTML text."""
    if fmt not in FORMATS or page not in PAGES:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}; page one of {', '.join(PAGES)}")
    return _environment().get_template(f"{page}.{fmt}.j2").render(doc=document, t=document.labels)
