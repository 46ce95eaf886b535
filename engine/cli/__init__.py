"""The `netralitas` command: evaluate incidents and print JSON Schemas.

Exit codes: 0 evaluated; 1 violations found (only with --fail-on-violation); 2 bad input
(incident file, arguments); 3 invalid rulebook; 70 internal error.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from netralitas.cli.rules import app as rules_app
from netralitas.errors import NetralitasError, ProblemsError
from netralitas.evaluation import Evaluator
from netralitas.facts.loading import load_incident, load_incident_text
from netralitas.facts.models import Incident
from netralitas.rulebook import Rulebook
from netralitas.schemas import SCHEMAS
from netralitas.text import Lang

app = typer.Typer(add_completion=False, no_args_is_help=True, help="netralitas: ASN political neutrality rules engine.")
app.add_typer(rules_app, name="rules")
EXIT_VIOLATION = 1
EXIT_INTERNAL = 70


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


def _fail(error: NetralitasError) -> NoReturn:
    console = Console(stderr=True)
    if isinstance(error, ProblemsError):
        for problem in error.problems:
            console.print(problem.render(), style="red", markup=False, highlight=False)
    else:
        console.print(str(error), style="red", markup=False, highlight=False)
    raise typer.Exit(error.exit_code)


def _incidents(files: list[str]) -> list[Incident]:
    incidents = []
    for name in files:
        if name == "-":
            incidents.append(load_incident_text(sys.stdin.read(), "<stdin>"))
        else:
            incidents.append(load_incident(Path(name)))
    return incidents


@app.command()
def evaluate(
    files: Annotated[list[str], typer.Argument(help="Incident files (YAML or JSON); '-' reads standard input")],
    lang: Annotated[str, typer.Option("--lang", help="id (Bahasa Indonesia) or en")] = "id",
    output: Annotated[Format, typer.Option("--format", help="text or json")] = Format.TEXT,
    rules: Annotated[Path | None, typer.Option("--rules", help="Rulebook folder (default: bundled)")] = None,
    backend: Annotated[str, typer.Option("--backend", help="auto, durable or python")] = "auto",
    explain: Annotated[bool, typer.Option("--explain", help="Also list provisions that do not apply")] = False,
    fail_on_violation: Annotated[bool, typer.Option(help="Exit 1 when any violation is found")] = False,
) -> None:
    """Evaluate incidents and print verdicts."""
    if lang not in ("id", "en"):
        raise typer.BadParameter("use 'id' or 'en'", param_hint="--lang")
    if backend not in ("auto", "durable", "python"):
        raise typer.BadParameter("use 'auto', 'durable' or 'python'", param_hint="--backend")
    try:
        evaluator = Evaluator(Rulebook.load(rules), backend=backend)  # type: ignore[arg-type]
        verdicts = [evaluator.evaluate(incident) for incident in _incidents(files)]
    except NetralitasError as error:
        _fail(error)
    if output is Format.JSON:
        payload = [json.loads(v.to_json()) for v in verdicts]
        typer.echo(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2,
                              sort_keys=True))
    else:
        console = Console()
        language: Lang = "en" if lang == "en" else "id"
        for verdict in verdicts:
            from netralitas.cli.render import render_verdict

            render_verdict(verdict, console, language, explain)
    if fail_on_violation and any(v.findings for v in verdicts):
        raise typer.Exit(EXIT_VIOLATION)


@app.command()
def schema(which: Annotated[str, typer.Argument(help="facts, rules, instruments or sanctions")]) -> None:
    """Print a JSON Schema (for editors and validators)."""
    if which not in SCHEMAS:
        raise typer.BadParameter(f"choose one of: {', '.join(SCHEMAS)}", param_hint="WHICH")
    typer.echo(json.dumps(SCHEMAS[which](), indent=2, ensure_ascii=False))


def main() -> None:
    """Console entry point: no traceback for any bad input."""
    try:
        app()
    except NetralitasError as error:  # pragma: no cover - commands handle their own
        Console(stderr=True).print(str(error), markup=False)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # an engine bug: say so without a traceback
        Console(stderr=True).print(f"internal error: {type(error).__name__}: {error}", markup=False)
        sys.exit(EXIT_INTERNAL)
