"""`netralitas rules ...`: tools for legal staff who edit the rulebook.

    rules check [DIR]                       every problem at once, with file:line:column (exit 3 on errors)
    rules test [PATH]                       run the YAML scenario tests (exit 1 on a failure)
    rules doc --format md|html --out DIR    the rulebook for people, with a coverage page
    rules diff OLD NEW [--incidents DIR]    rules added, removed, changed, and verdicts that change

Exit 2 when a path given does not exist or the output folder cannot be written; 3 for an invalid rulebook.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from netralitas.authoring.check import check_rulebook
from netralitas.authoring.docgen import build, write
from netralitas.authoring.rulediff import RESHAPED
from netralitas.authoring.rulediff import diff as diff_rulebooks
from netralitas.authoring.scenario_report import report, run
from netralitas.authoring.scenarios import load_scenarios, rulebook_dir_for, scenario_files
from netralitas.cli.console import make_console, note_rulebook
from netralitas.cli.options import LangOption, Language, RulesOption
from netralitas.errors import NetralitasError, ProblemsError, RulebookError
from netralitas.evaluation import Evaluator
from netralitas.messages import render
from netralitas.rulebook import Rulebook
from netralitas.rulebook.location import resolve_rules_dir
from netralitas.text import Lang

app = typer.Typer(no_args_is_help=True, help="Tools for legal staff: check, test, document and compare the rulebook.")
EXIT_FAILED = 1
EXIT_ARGUMENT = 2
EXIT_INVALID = 3

WORDS: dict[Lang, dict[str, str]] = {
    "id": {"errors": "galat", "warnings": "peringatan", "ok": "Buku aturan valid", "rules": "aturan",
           "passed": "lulus", "failed": "gagal", "FAIL": "GAGAL", "written": "Ditulis", "added": "Aturan ditambahkan",
           "removed": "Aturan dihapus", "changed": "Aturan diubah", "verdicts": "Putusan yang berubah",
           "over": "dari", "incidents": "insiden", "outcome": "akibat keseluruhan", "skipped": "Insiden dilewati",
           "no_changes": "Tidak ada putusan yang berubah", "none": "tidak ada",
           "no_tests": "Tidak ada skenario uji di", "not_found": "Berkas atau folder tidak ditemukan",
           "cannot_write": "Tidak dapat menulis ke", "rulebook": "buku aturan"},
    "en": {"errors": "errors", "warnings": "warnings", "ok": "Rulebook is valid", "rules": "rules",
           "passed": "passed", "failed": "failed", "FAIL": "FAIL",
           "written": "Wrote", "added": "Rules added", "removed": "Rules removed",
           "changed": "Rules changed", "verdicts": "Verdicts that change", "over": "over", "incidents": "incidents",
           "outcome": "overall outcome", "skipped": "Incidents skipped", "no_changes": "No verdict changes",
           "none": "none", "no_tests": "No scenario tests in", "not_found": "No such file or folder",
           "cannot_write": "Cannot write to", "rulebook": "rulebook"},
}


class DocFormat(StrEnum):
    MD = "md"
    HTML = "html"




def _console() -> Console:
    return make_console()


def _fail(error: NetralitasError, lang: Lang) -> NoReturn:
    stderr = make_console(stderr=True)
    for line in ([render(p, lang) for p in error.problems] if isinstance(error, ProblemsError) else [str(error)]):
        stderr.print(line, style="red")
    raise typer.Exit(error.exit_code)


def _bad_argument(message: str) -> NoReturn:
    make_console(stderr=True).print(message, style="red")
    raise typer.Exit(EXIT_ARGUMENT)


def _must_exist(path: Path, lang: Lang) -> None:
    if not path.exists():
        _bad_argument(f"{WORDS[lang]['not_found']}: {path}")


def _load(path: Path | None, lang: Lang) -> Rulebook:
    """The rulebook at `path` (or the default one), named on standard error."""
    try:
        rulebook = Rulebook.load(resolve_rules_dir(path))
    except NetralitasError as error:
        _fail(error, lang)
    note_rulebook(rulebook, lang)
    return rulebook


def _note_folder(folder: Path, lang: Lang) -> None:
    """Name the rulebook folder on standard error (for `rules check`, which reports an invalid one itself)."""
    make_console(stderr=True).print(f"{WORDS[lang]['rulebook']}: {folder}", style="dim")


@app.command()
def check(
    rules: RulesOption = None,
    lang: LangOption = Language.ID,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too")] = False,
) -> None:
    """Report every problem of the rulebook at once; exit 3 when there are errors."""
    language: Lang = lang.value
    words = WORDS[language]
    folder = resolve_rules_dir(rules)
    _note_folder(folder, language)
    problems = check_rulebook(folder)
    console = _console()
    for problem in problems:
        style = "red" if problem.severity == "error" else "yellow"
        console.print(render(problem, language), style=style, markup=False)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    console.print(f"{_count(errors, words['errors'])}, {_count(warnings, words['warnings'])}", markup=False)
    if errors or (strict and warnings):
        raise typer.Exit(EXIT_INVALID)


@app.command("test")
def test_scenarios(
    path: Annotated[Path | None, typer.Argument(
        help="A *.tests.yaml file or a folder (default: the rulebook folder)")] = None,
    rules: RulesOption = None,
    lang: LangOption = Language.ID,
) -> None:
    """Run the YAML scenario tests; exit 1 when one fails."""
    language: Lang = lang.value
    words = WORDS[language]
    root = path or resolve_rules_dir(rules)
    _must_exist(root, language)
    console = _console()
    evaluators: dict[Path | None, Evaluator] = {}
    passed = failed = 0
    files = scenario_files(root)
    if not files:
        console.print(f"{words['no_tests']} {root}", markup=False)
        raise typer.Exit(EXIT_FAILED)
    for file in files:
        folder = rules or rulebook_dir_for(file.resolve().parent) or resolve_rules_dir(None)
        try:
            if folder not in evaluators:
                evaluators[folder] = Evaluator(Rulebook.load(folder))
                note_rulebook(evaluators[folder].rulebook, language)
            scenarios = load_scenarios(file)
        except NetralitasError as error:
            _fail(error, language)
        for loaded in scenarios:
            result = run(evaluators[folder], loaded)
            if result.passed:
                passed += 1
                continue
            failed += 1
            console.print(f"{words['FAIL']} {loaded.file}:{loaded.line}: {loaded.scenario.name}", style="bold red",
                          markup=False)
            for line in report(result, evaluators[folder].rulebook, language):
                console.print(line, markup=False)
    console.print(f"{passed} {words['passed']}, {failed} {words['failed']}",
                  style="red" if failed else "green", markup=False)
    if failed:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def doc(
    out: Annotated[Path, typer.Option("--out", help="Folder to write into")],
    fmt: Annotated[DocFormat, typer.Option("--format", help="md or html")] = DocFormat.HTML,
    rules: RulesOption = None,
    lang: LangOption = Language.ID,
) -> None:
    """Render the rulebook for people: by instrument and article, with a coverage page."""
    language: Lang = lang.value
    rulebook = _load(rules, language)
    scenarios = []
    try:
        for file in scenario_files(rulebook.root):
            scenarios.extend(load_scenarios(file))
    except RulebookError as error:
        _fail(error, language)
    try:
        written = write(build(rulebook, scenarios, language), fmt.value, out)
    except OSError as error:
        _bad_argument(f"{WORDS[language]['cannot_write']} {out}: {error.strerror or error}")
    _console().print(f"{WORDS[language]['written']}: {', '.join(str(p) for p in written)}", markup=False)


@app.command("diff")
def diff_command(
    old: Annotated[Path, typer.Argument(help="Rulebook folder before the edit")],
    rules: RulesOption = None,
    incidents: Annotated[Path | None, typer.Option("--incidents", help="Incident folder (default: bundled samples)")]
    = None,
    lang: LangOption = Language.ID,
) -> None:
    """What changed between two rulebooks, and which verdicts change over a folder of incidents."""
    language: Lang = lang.value
    words = WORDS[language]
    if incidents is not None:
        _must_exist(incidents, language)
    result = diff_rulebooks(_load(old, language), _load(rules, language), incidents)
    console = _console()
    console.print(f"{words['added']} ({len(result.added)}): {', '.join(result.added) or words['none']}", markup=False)
    console.print(f"{words['removed']} ({len(result.removed)}): {', '.join(result.removed) or words['none']}",
                  markup=False)
    console.print(f"{words['changed']} ({len(result.changed)}):", markup=False)
    for change in result.changed:
        console.print(f"  {change.rule_id}", style="bold", markup=False)
        for item in change.fields:
            if item.field == "when" and item.old is None and item.new is None:
                console.print(f"    when: {RESHAPED.get(language)}", markup=False)
            else:
                console.print(f"    {item.field}: {item.old or '-'} → {item.new or '-'}", markup=False)
        _signed(console, "    when ", [c.get(language) for c in change.conditions_removed],
                [c.get(language) for c in change.conditions_added])
    over = f"({words['over']} {result.incidents} {words['incidents']})"
    if result.verdicts:
        console.print(f"{words['verdicts']} {over}: {len(result.verdicts)}", markup=False)
    else:
        console.print(f"{words['no_changes']} {over}", markup=False)
    for verdict in result.verdicts:
        console.print(f"  {verdict.incident}", style="bold", markup=False)
        _signed(console, "    ", verdict.removed, verdict.added)
        if verdict.outcome_old != verdict.outcome_new:
            console.print(f"    {words['outcome']}: {verdict.outcome_old.get(language)} → "
                          f"{verdict.outcome_new.get(language)}", markup=False)
    for line in result.skipped:
        console.print(f"{words['skipped']}: {line}", style="yellow", markup=False)


def _signed(console: Console, indent: str, removed: Sequence[str], added: Sequence[str]) -> None:
    """Lines only the old version has (`-`, red), then lines only the new one has (`+`, green)."""
    for sign, lines, style in (("-", removed, "red"), ("+", added, "green")):
        for line in lines:
            console.print(f"{indent}{sign} {line}", style=style, markup=False)


def _count(number: int, plural: str) -> str:
    """'1 error', '2 errors'; Indonesian words have no plural ending and stay as they are."""
    return f"{number} {plural.removesuffix('s') if number == 1 else plural}"
