"""`netralitas db upgrade|verify`: schema migrations and the audit chain check.

Exit codes: 0 done (verify: chain intact); 1 verify found a broken chain; 5 the database cannot be used.
"""

from __future__ import annotations

import typer

from netralitas.cli.console import make_console
from netralitas.cli.options import LangOption, Language
from netralitas.cli.registry_options import DbOption, FormatOption, OutFormat, echo_json, handled
from netralitas.registry import migrate
from netralitas.registry.audit import verify as verify_chain
from netralitas.registry.db import make_engine, read_session, resolve_url, sqlite_file

app = typer.Typer(add_completion=False, no_args_is_help=True, help="The case registry database.")
EXIT_BROKEN_CHAIN = 1


@app.command()
def upgrade(db: DbOption = None, lang: LangOption = Language.ID, revision: str = "head",
            output: FormatOption = OutFormat.TEXT) -> None:
    """Create the database or apply schema migrations up to REVISION (default: the latest)."""
    with handled(lang):
        url, _ = resolve_url(db)
        path = sqlite_file(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        before, after = migrate.upgrade(make_engine(url), revision)
    if output is OutFormat.JSON:
        echo_json({"database": url, "before": before, "after": after})
        return
    text = {"id": f"basis data {url}: revisi {before or '(kosong)'} → {after}",
            "en": f"database {url}: revision {before or '(empty)'} → {after}"}
    make_console().print(text[lang.value])


@app.command()
def verify(db: DbOption = None, lang: LangOption = Language.ID, output: FormatOption = OutFormat.TEXT) -> None:
    """Recompute the audit log's hash chain; name every altered, deleted or inserted entry."""
    with handled(lang):
        engine = migrate.open_database(db)
        with read_session(engine) as session:
            report = verify_chain(session)
    if output is OutFormat.JSON:
        echo_json({"entries": report.entries, "intact": report.intact,
                   "problems": [p.get(lang.value) for p in report.problems]})
    else:
        console = make_console()
        for problem in report.problems:
            console.print(problem.get(lang.value))
        ok = {"id": f"rantai audit utuh: {report.entries} entri", "en": f"audit chain intact: {report.entries} entries"}
        bad = {"id": f"rantai audit RUSAK: {len(report.problems)} masalah dalam {report.entries} entri",
               "en": f"audit chain BROKEN: {len(report.problems)} problems in {report.entries} entries"}
        console.print((ok if report.intact else bad)[lang.value])
    if not report.intact:
        raise typer.Exit(EXIT_BROKEN_CHAIN)
