"""`netralitas cases ...`: the case registry for officers (Bahasa Indonesia by default, `--lang en`).

Exit codes: 0 done; 2 bad input (case file, incident, NIP, unknown case number, forbidden transition,
option values) — nothing was changed; 3 invalid rulebook; 5 the database cannot be used (locked, missing,
at an older schema revision: run `netralitas db upgrade`; or written by a newer netralitas).
"""

from __future__ import annotations

import datetime as dt
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer

from netralitas import load_incident
from netralitas.cli.cases_import import import_command
from netralitas.cli.console import make_console
from netralitas.cli.options import LangOption, Language, RulesOption
from netralitas.cli.registry_filters import parse_date, with_filters
from netralitas.cli.registry_options import (
    DbOption,
    FormatOption,
    OfficerOption,
    OutFormat,
    echo_json,
    handled,
    officer_name,
)
from netralitas.cli.registry_render import render_case, render_page, render_stats
from netralitas.registry.advance import advance as advance_case
from netralitas.registry.casefile import CaseFile, EvidenceIn, load_case_file, parse_case_file
from netralitas.registry.cases import CaseEdit, edit_case
from netralitas.registry.cases import add_case as add_case_row
from netralitas.registry.db import read_session
from netralitas.registry.errors import CaseFileError
from netralitas.registry.export import ExportFormat
from netralitas.registry.export import export as export_rows
from netralitas.registry.lifecycle import Sanction
from netralitas.registry.migrate import open_database
from netralitas.registry.search import Filters
from netralitas.registry.search import search as search_cases
from netralitas.registry.stats import statistics
from netralitas.registry.verdicts import evaluate_case, reevaluate_open
from netralitas.registry.views import case_detail
from netralitas.registry.vocabulary import Source, Status
from netralitas.rulebook.location import resolve_rules_dir
from netralitas.text import bi

app = typer.Typer(add_completion=False, no_args_is_help=True, help="The case registry: reports, verdicts, follow-up.")
app.command(name="import")(import_command)
PageOption = Annotated[int, typer.Option("--page", min=1, help="Page number")]
PerPageOption = Annotated[int, typer.Option("--per-page", min=1, max=1000, help="Cases per page")]


def _say(lang: Language, id_text: str, en_text: str) -> None:
    make_console().print(id_text if lang is Language.ID else en_text)


@app.command()
def add(
    file: Annotated[Path | None, typer.Argument(help="Case file (YAML or JSON); see the README for its format")] = None,
    source: Annotated[Source | None, typer.Option("--source", help="Overrides the file's source")] = None,
    incident: Annotated[Path | None, typer.Option("--incident", help="Incident file (instead of one in FILE)")] = None,
    received_on: Annotated[str | None, typer.Option("--received-on", help="YYYY-MM-DD (default: today)")] = None,
    nip: Annotated[str | None, typer.Option("--nip", help="NIP of the reported ASN")] = None,
    province: Annotated[str | None, typer.Option("--province")] = None,
    account: Annotated[str | None, typer.Option("--account", help="The account as written")] = None,
    evaluate: Annotated[bool, typer.Option("--evaluate", help="Also evaluate the case now")] = False,
    rules: RulesOption = None, officer: OfficerOption = None, db: DbOption = None, lang: LangOption = Language.ID,
    output: FormatOption = OutFormat.TEXT,
) -> None:
    """Register a case from a case file and/or options; prints its number."""
    with handled(lang):
        case, found = _case_input(file, source, incident)
        updates: dict[str, Any] = {"received_on": parse_date(received_on, "--received-on")}
        if account is not None:
            updates["account"] = account
        asn = case.asn.model_copy(update={k: v for k, v in {"nip": nip, "province": province}.items() if v})
        case = case.model_copy(update={**{k: v for k, v in updates.items() if v is not None}, "asn": asn})
        engine = open_database(db)
        who = officer_name(officer)
        number = add_case_row(engine, case, found, who)
        result = evaluate_case(engine, number, who, resolve_rules_dir(rules)) if evaluate else None
    if output is OutFormat.JSON:
        echo_json({"number": number, "verdict_id": result.stored.id if result and result.stored else None})
        return
    _say(lang, f"perkara {number} dicatat", f"case {number} registered")
    if result and result.stored:
        _say(lang, f"putusan: {result.stored.summary_id}", f"verdict: {result.stored.summary_en}")


def _case_input(file: Path | None, source: Source | None, incident: Path | None) -> tuple[CaseFile, Any]:
    if file is not None:
        case, found = load_case_file(file)
        if incident is not None:
            found = load_incident(incident)
        return (case.model_copy(update={"source": source}) if source else case), found
    if source is None or incident is None:
        raise CaseFileError(bi("beri berkas perkara, atau --source dan --incident",
                               "give a case file, or --source and --incident"))
    return parse_case_file({"source": source.value, "incident_file": str(incident)}, "<options>", Path.cwd())


@app.command()
def show(number: Annotated[str, typer.Argument(help="Case number, e.g. NET-2026-000123")], db: DbOption = None,
         lang: LangOption = Language.ID, output: FormatOption = OutFormat.TEXT) -> None:
    """Show a case: fields, lifecycle, deadlines, the latest verdict next to the previous one."""
    with handled(lang), read_session(open_database(db)) as session:
        detail = case_detail(session, number)
    if output is OutFormat.JSON:
        echo_json(detail)
    else:
        render_case(detail, lang.value)


@app.command(name="list")
@with_filters
def list_cases(filters: Filters, page: PageOption = 1, per_page: PerPageOption = 20, db: DbOption = None,
               lang: LangOption = Language.ID, output: FormatOption = OutFormat.TEXT) -> None:
    """List cases matching the filters, newest first, paginated."""
    _list(filters, page, per_page, db, lang, output)


@app.command()
@with_filters
def search(filters: Filters, text: Annotated[str, typer.Argument(help="Words that must all occur in the account")],
           page: PageOption = 1, per_page: PerPageOption = 20, db: DbOption = None, lang: LangOption = Language.ID,
           output: FormatOption = OutFormat.TEXT) -> None:
    """Full-text search over the accounts (every word must occur), with the same filters as `list`."""
    _list(filters, page, per_page, db, lang, output)


def _list(filters: Filters, page: int, per_page: int, db: str | None, lang: Language, output: OutFormat) -> None:
    with handled(lang), read_session(open_database(db)) as session:
        result = search_cases(session, filters, page, per_page)
    if output is OutFormat.JSON:
        echo_json({"total": result.total, "page": result.page, "per_page": result.per_page,
                   "cases": [row.__dict__ for row in result.rows]})
    else:
        render_page(result, lang.value)


@app.command()
def edit(
    number: Annotated[str, typer.Argument(help="Case number")],
    reason: Annotated[str, typer.Option("--reason", help="Why the case is edited (kept in the audit log)")],
    incident: Annotated[Path | None, typer.Option("--incident", help="Replace the structured incident")] = None,
    account: Annotated[str | None, typer.Option("--account")] = None,
    asn_name: Annotated[str | None, typer.Option("--asn-name")] = None,
    nip: Annotated[str | None, typer.Option("--nip")] = None,
    position: Annotated[str | None, typer.Option("--position")] = None,
    agency: Annotated[str | None, typer.Option("--agency")] = None,
    region: Annotated[str | None, typer.Option("--region")] = None,
    province: Annotated[str | None, typer.Option("--province")] = None,
    place: Annotated[str | None, typer.Option("--place")] = None,
    additional_information: Annotated[bool | None, typer.Option(
        "--additional-information/--no-additional-information",
        help="Bawaslu asked for additional information (switches the handling deadline)")] = None,
    add_officer: Annotated[list[str], typer.Option("--add-officer")] = [],  # noqa: B006 - typer needs a list default
    forward: Annotated[list[str], typer.Option("--forward", help="Agency the case is forwarded to")] = [],  # noqa: B006
    evidence: Annotated[list[str], typer.Option("--evidence", help="NAME[,LINK[,SHA256]]")] = [],  # noqa: B006
    officer: OfficerOption = None, db: DbOption = None, lang: LangOption = Language.ID,
    output: FormatOption = OutFormat.TEXT,
) -> None:
    """Edit a case (stored verdicts are never changed: evaluate again to add one)."""
    with handled(lang):
        items = [EvidenceIn(**dict(zip(("name", "link", "sha256"), e.split(","), strict=False))) for e in evidence]
        change = CaseEdit(account=account, asn_name=asn_name, nip=nip, position=position, agency=agency, region=region,
                          province=province, place=place, additional_information=additional_information,
                          add_officers=add_officer, add_forwards=forward, add_evidence=items,
                          incident=load_incident(incident) if incident else None)
        changes = edit_case(open_database(db), number, change, officer_name(officer), reason)
    if output is OutFormat.JSON:
        echo_json({"number": number, "changes": changes})
    else:
        _say(lang, f"perkara {number} diubah: {', '.join(changes)}", f"case {number} edited: {', '.join(changes)}")


@app.command()
def evaluate(number: Annotated[str, typer.Argument(help="Case number")], rules: RulesOption = None,
             officer: OfficerOption = None, db: DbOption = None, lang: LangOption = Language.ID,
             output: FormatOption = OutFormat.TEXT) -> None:
    """Evaluate a case under the rulebook; the verdict is added, earlier ones are kept."""
    with handled(lang):
        result = evaluate_case(open_database(db), number, officer_name(officer), resolve_rules_dir(rules))
    assert result.stored is not None
    if output is OutFormat.JSON:
        echo_json({"number": result.number, "verdict_id": result.stored.id, "outcome": result.stored.outcome_state,
                   "changed": result.change is not None})
        return
    _say(lang, f"{result.number}: {result.stored.summary_id}", f"{result.number}: {result.stored.summary_en}")
    if result.change is not None:
        _say(lang, f"berubah dari: {result.change.outcome_old.id}", f"changed from: {result.change.outcome_old.en}")


@app.command()
def advance(
    number: Annotated[str, typer.Argument(help="Case number")],
    status: Annotated[Status, typer.Argument(help="The new status")],
    reason: Annotated[str, typer.Option("--reason", help="Why (kept with the transition)")],
    on: Annotated[str | None, typer.Option("--on", help="Date of the step, YYYY-MM-DD (default: today)")] = None,
    tier: Annotated[str | None, typer.Option("--tier", help="Tier imposed (sanction_imposed)")] = None,
    sanction: Annotated[str | None, typer.Option("--sanction", help="Sanction imposed (sanction_imposed)")] = None,
    decree_number: Annotated[str | None, typer.Option("--decree-number")] = None,
    decree_date: Annotated[str | None, typer.Option("--decree-date", help="YYYY-MM-DD")] = None,
    summons_on: Annotated[str | None, typer.Option("--summons-on", help="Date of the PPK's summons letter")] = None,
    officer: OfficerOption = None, db: DbOption = None, lang: LangOption = Language.ID,
    output: FormatOption = OutFormat.TEXT,
) -> None:
    """Move a case to STATUS; refused (listing the allowed ones) from the wrong state."""
    with handled(lang):
        imposed = None
        if any(v is not None for v in (tier, sanction, decree_number, decree_date)):
            day = parse_date(decree_date, "--decree-date")
            if tier is None or sanction is None or decree_number is None or day is None:
                raise CaseFileError(bi("--tier, --sanction, --decree-number dan --decree-date harus diisi bersama",
                                       "--tier, --sanction, --decree-number and --decree-date go together"))
            imposed = Sanction(tier, sanction, decree_number, day)
        details = advance_case(open_database(db), number, status, officer_name(officer), reason,
                               parse_date(on, "--on"), imposed, parse_date(summons_on, "--summons-on"))
    if output is OutFormat.JSON:
        echo_json({"number": number, "status": status.value, "details": details})
        return
    from netralitas.registry.vocabulary import STATUS_LABELS

    label = STATUS_LABELS[status]
    body = f" ({details['recommending_body_id']})" if "recommending_body_id" in details else ""
    body_en = f" ({details['recommending_body_en']})" if "recommending_body_en" in details else ""
    _say(lang, f"perkara {number}: {label.id}{body}", f"case {number}: {label.en}{body_en}")


@app.command()
def reevaluate(
    all_open: Annotated[bool, typer.Option("--all", help="Every open case (required)")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report changes without storing verdicts")] = False,
    rules: RulesOption = None, officer: OfficerOption = None, db: DbOption = None, lang: LangOption = Language.ID,
    output: FormatOption = OutFormat.TEXT,
) -> None:
    """Re-run every open case under the rulebook and report whose outcome changes."""
    with handled(lang):
        if not all_open:
            raise CaseFileError(bi("tambahkan --all (satu perkara: `cases evaluate`)",
                                   "add --all (one case: `cases evaluate`)"))
        results = reevaluate_open(open_database(db), officer_name(officer), resolve_rules_dir(rules), dry_run)
    changed = [r for r in results if r.change is not None]
    if output is OutFormat.JSON:
        echo_json({"cases": len(results), "stored": sum(1 for r in results if r.stored), "changed": [
            {"number": r.number, "removed": list(r.change.removed), "added": list(r.change.added),
             "outcome_old": r.change.outcome_old.model_dump(), "outcome_new": r.change.outcome_new.model_dump()}
            for r in changed if r.change]})
        return
    console = make_console()
    lang_id = lang is Language.ID
    console.print(f"{len(results)} perkara terbuka dievaluasi ulang; {len(changed)} berubah" if lang_id
                  else f"{len(results)} open cases re-evaluated; {len(changed)} changed")
    for r in changed:
        assert r.change is not None
        console.print(f"  {r.number}")
        for line in r.change.removed:
            console.print(f"    - {line}")
        for line in r.change.added:
            console.print(f"    + {line}")
        console.print(f"    {'akibat keseluruhan' if lang_id else 'overall'}: {r.change.outcome_old.get(lang.value)}"
                      f" → {r.change.outcome_new.get(lang.value)}")


@app.command()
@with_filters
def stats(filters: Filters, db: DbOption = None, lang: LangOption = Language.ID,
          output: FormatOption = OutFormat.TEXT) -> None:
    """Counts by status (and follow-up rate), agency, province, position group, form, category, tier, election."""
    with handled(lang), read_session(open_database(db)) as session:
        result = statistics(session, filters)
    if output is OutFormat.JSON:
        echo_json(result.as_dict())
    else:
        render_stats(result, lang.value)


@app.command()
@with_filters
def export(
    filters: Filters,
    what: Annotated[str, typer.Argument(help="cases or stats")],
    to: Annotated[ExportFormat, typer.Option("--to", help="csv or jsonl")] = ExportFormat.JSONL,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="File (default: standard output)")] = None,
    officer: OfficerOption = None, db: DbOption = None, lang: LangOption = Language.ID,
) -> None:
    """Export cases or statistics as CSV or JSON Lines (the export is recorded in the audit log)."""
    with handled(lang):
        if what not in ("cases", "stats"):
            raise CaseFileError(bi("pilih 'cases' atau 'stats'", "choose 'cases' or 'stats'"))
        engine = open_database(db)
        with out.open("w", encoding="utf-8", newline="") if out else nullcontext(sys.stdout) as stream:
            count = export_rows(engine, what, filters, to, stream, officer_name(officer))
    if out is not None:
        _say(lang, f"{count} baris ditulis ke {out}", f"{count} records written to {out}")


__all__ = ["app", "dt"]
