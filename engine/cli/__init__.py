"""The `netralitas` command: evaluate incidents and print JSON Schemas.

Exit codes: 0 evaluated; 1 violations found (only with --fail-on-violation); 2 bad input
(incident file, arguments, an output that cannot be written); 3 invalid rulebook; 4 batch finished
but some incidents were invalid (reported on standard error and as error records in the output;
takes precedence over 1); 70 internal error (a bug: the message says where to report it);
130 / 143 a batch stopped by SIGINT / SIGTERM; 141 standard output closed (a pipe's reader left).

Batch mode (`netralitas.batch.runner`) is used when an argument is a folder, a `.jsonl` or `.csv`
file, or when `--format` is `jsonl` or `csv`, or `--workers` is above 1.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import nullcontext, suppress
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from netralitas.cli.console import make_console, note_rulebook
from netralitas.cli.lazy import lazy_group
from netralitas.cli.options import BackendChoice, BackendOption, LangOption, Language, RulesOption
from netralitas.cli.render import render_verdict
from netralitas.errors import REPORT_TO, IncidentError, InputFileError, NetralitasError, Problem, ProblemsError
from netralitas.evaluation import Evaluator, Verdict
from netralitas.facts.loading import incident_from_located, is_group, load_located, located_text, relocate
from netralitas.io.limits import DEFAULT_LIMITS, Limits
from netralitas.io.reading import LocatedProblems, read_stdin
from netralitas.io.yaml_source import Located
from netralitas.rulebook import Rulebook
from netralitas.rulebook.location import resolve_rules_dir
from netralitas.text import Lang

if TYPE_CHECKING:
    from netralitas.batch.runner import BatchRun
    from netralitas.evaluation.group import GroupVerdict

LAZY_COMMANDS = {
    "serve": "netralitas.cli.server:serve",
    "rules": "netralitas.cli.rules:app",
    "cases": "netralitas.cli.cases:app",
    "db": "netralitas.cli.db:app",
    "users": "netralitas.cli.server:users_app",
    "tokens": "netralitas.cli.server:tokens_app",
}
"""Commands imported only when run or listed (`netralitas.cli.lazy`): evaluating a file needs none of them."""
DOCUMENT_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
"""One incident per file (`netralitas.batch.runner.DOCUMENT_SUFFIXES`): no batch plumbing is imported for it."""

app = typer.Typer(add_completion=False, no_args_is_help=True, cls=lazy_group(LAZY_COMMANDS),
                  help="netralitas: ASN political neutrality rules engine.")


def _version(value: bool) -> None:
    if value:
        from netralitas.cli.about import version_lines

        for line in version_lines(resolve_rules_dir(None)):
            typer.echo(line)
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Package, rulebook and engine versions")] = False) -> None:
    """netralitas: ASN political neutrality rules engine."""

EXIT_VIOLATION = 1
EXIT_SOME_INVALID = 4
EXIT_INTERNAL = 70


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"


EXIT_CLOSED_PIPE = 141

_SAID = {
    "id": {"invalid": "{n} dari {m} insiden tidak sah", "stopped": "dihentikan ({signal}): {n} hasil ditulis",
           "kept": "; {out} tidak diubah", "cannot_write": "tidak dapat menulis {out}: {reason}",
           "internal": "galat internal: {error}; ini sebuah bug, mohon laporkan di {where}",
           "stdout": "keluaran standar"},
    "en": {"invalid": "{n} of {m} incidents were invalid", "stopped": "stopped ({signal}): {n} results written",
           "kept": "; {out} left unchanged", "cannot_write": "cannot write {out}: {reason}",
           "internal": "internal error: {error}; this is a bug, please report it at {where}",
           "stdout": "standard output"},
}


def _fail(error: NetralitasError, lang: Lang = "id") -> NoReturn:
    from netralitas.messages import render, translate

    stderr = make_console(stderr=True)
    if isinstance(error, ProblemsError):
        for problem in error.problems:
            stderr.print(render(problem, lang), style="red")
    else:
        stderr.print(translate(str(error)) if lang == "id" else str(error), style="red")
    raise typer.Exit(error.exit_code)


def _located_incidents(files: list[str], limits: Limits) -> list[Located]:
    documents = []
    for name in files:
        if name == "-":
            try:
                text = read_stdin(limits)
            except InputFileError as error:
                raise IncidentError([Problem(str(error).removeprefix("<stdin>: "), "<stdin>")]) from None
            except LocatedProblems as error:
                raise IncidentError(error.problems) from None
            documents.append(located_text(text, "<stdin>", limits))
        else:
            documents.append(load_located(Path(name), limits))
    return documents


def _verdicts(evaluator: Evaluator, files: list[str], limits: Limits,
              explain: bool) -> list[Verdict | GroupVerdict]:
    """One verdict per file; a group incident (it lists `persons`) gets a group verdict."""
    verdicts: list[Verdict | GroupVerdict] = []
    for located, name in zip(_located_incidents(files, limits), files, strict=True):
        default_id = Path(name).stem if name != "-" else None
        try:
            if is_group(located.data):  # group models are imported only for a group incident
                from netralitas.evaluation.group import evaluate_group
                from netralitas.facts.group import group_from_located

                verdicts.append(evaluate_group(evaluator, group_from_located(located, default_id),
                                               explain=explain))
            else:
                verdicts.append(evaluator.evaluate(incident_from_located(located, default_id), explain=explain))
        except IncidentError as error:
            raise relocate(error, located) from None
    return verdicts


def _findings(verdict: Verdict | GroupVerdict) -> int:
    return len(verdict.findings) if isinstance(verdict, Verdict) else len(verdict.all_findings())


def _closed_pipe() -> NoReturn:
    """The reader of standard output left (`| head`): stop quietly, and let nothing more be written."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    raise typer.Exit(EXIT_CLOSED_PIPE)


def _write_stdout(text: str, lang: Lang) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _closed_pipe()
    except OSError as error:
        _cannot_write(_SAID[lang]["stdout"], error, lang)


def _cannot_write(out: object, error: OSError, lang: Lang) -> NoReturn:
    make_console(stderr=True).print(_SAID[lang]["cannot_write"].format(out=out, reason=error.strerror or error),
                                    style="red")
    raise typer.Exit(2)


MaxFileOption = Annotated[int, typer.Option(
    "--max-file-bytes", min=1,
    help=f"Largest incident file or standard input read (default {DEFAULT_LIMITS.file_bytes:,})")]
MaxLineOption = Annotated[int, typer.Option(
    "--max-line-bytes", min=1,
    help=f"Longest JSON Lines line or CSV row read (default {DEFAULT_LIMITS.line_bytes:,})")]


@app.command()
def evaluate(
    files: Annotated[list[str], typer.Argument(
        help="Incident files (YAML or JSON), folders, .jsonl or .csv files; '-' reads one incident from stdin")],
    lang: LangOption = Language.ID,
    output: Annotated[Format | None, typer.Option(
        "--format", help="text or json; jsonl or csv stream a batch (default: text, or jsonl for a batch)")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes for a batch")] = 1,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write batch results here, not stdout")] = None,
    rules: RulesOption = None,
    backend: BackendOption = BackendChoice.AUTO,
    explain: Annotated[bool, typer.Option("--explain", help=(
        "Explain every provision: why those that do not apply do not, and the conditions that already hold for "
        "undetermined ones (verdicts are compact without it)"))] = False,
    fail_on_violation: Annotated[bool, typer.Option(help="Exit 1 when any violation is found")] = False,
    max_file_bytes: MaxFileOption = DEFAULT_LIMITS.file_bytes,
    max_line_bytes: MaxLineOption = DEFAULT_LIMITS.line_bytes,
) -> None:
    """Evaluate incidents and print verdicts."""
    language: Lang = lang.value
    rules = resolve_rules_dir(rules)
    limits = replace(DEFAULT_LIMITS, file_bytes=max_file_bytes, line_bytes=max_line_bytes)
    if output in (Format.JSONL, Format.CSV) or workers > 1 or any(_may_be_batch(f) for f in files):
        from netralitas.batch.output import OutputFormat
        from netralitas.batch.runner import BatchRun

        if output in (Format.TEXT, Format.JSON):
            raise typer.BadParameter("a batch streams 'jsonl' or 'csv'", param_hint="--format")
        _batch(files, BatchRun(rules, backend.value, OutputFormat(output or Format.JSONL), language, workers, limits,
                               explain), out, fail_on_violation)
        return
    if out is not None:
        raise typer.BadParameter("--output is for batches (--format jsonl or csv)", param_hint="--output")
    try:
        evaluator = Evaluator(Rulebook.load(rules), backend=backend.value)
        note_rulebook(evaluator.rulebook, language)
        verdicts = _verdicts(evaluator, files, limits, explain)
    except NetralitasError as error:
        _fail(error, language)
    if output is Format.JSON:
        shown = [v.to_json() for v in verdicts]
        text = shown[0] if len(shown) == 1 else "[\n" + ",\n".join(shown) + "\n]"
        _write_stdout(text + "\n", language)
    else:
        stdout = make_console()
        try:
            for verdict in verdicts:
                if isinstance(verdict, Verdict):
                    render_verdict(verdict, stdout, language, explain)
                else:
                    from netralitas.cli.render_group import render_group_verdict

                    render_group_verdict(verdict, stdout, language, explain)
            sys.stdout.flush()
        except BrokenPipeError:
            _closed_pipe()
        except OSError as error:
            _cannot_write(_SAID[language]["stdout"], error, language)
    if fail_on_violation and any(_findings(v) for v in verdicts):
        raise typer.Exit(EXIT_VIOLATION)


def _may_be_batch(name: str) -> bool:
    """Whether `name` may be a batch source: only then is the batch plumbing imported to decide."""
    if name == "-" or (Path(name).suffix.lower() in DOCUMENT_SUFFIXES and not Path(name).is_dir()):
        return False
    from netralitas.batch.runner import is_batch_source

    return is_batch_source(name)


def _batch(files: list[str], run: BatchRun, out: Path | None, fail_on_violation: bool) -> None:
    from netralitas.batch.destination import atomic_output, refuse_overwrite
    from netralitas.batch.runner import Summary, run_batch
    from netralitas.batch.signals import Stopped, stop_on_signals

    stderr = make_console(stderr=True)
    said = _SAID[run.lang]
    done = Summary()
    try:
        if out is not None:
            refuse_overwrite(out, files)
        with atomic_output(out) if out else nullcontext(sys.stdout) as stream, stop_on_signals():
            summary = run_batch(files, stream, run, stderr, progress=stderr.is_terminal, summary=done,
                                own_process=True)
            stream.flush()
    except NetralitasError as error:
        _fail(error, run.lang)
    except Stopped as stop:
        with suppress(OSError):
            sys.stdout.flush()
        kept = said["kept"].format(out=out) if out else ""
        stderr.print(said["stopped"].format(signal=stop, n=done.incidents) + kept, style="red")
        raise typer.Exit(stop.exit_code) from None
    except BrokenPipeError:
        _closed_pipe()
    except OSError as error:
        _cannot_write(out or said["stdout"], error, run.lang)
    if summary.invalid:
        stderr.print(said["invalid"].format(n=summary.invalid, m=summary.incidents), style="red")
        raise typer.Exit(EXIT_SOME_INVALID)
    if fail_on_violation and summary.with_findings:
        raise typer.Exit(EXIT_VIOLATION)


@app.command()
def schema(
    which: Annotated[str, typer.Argument(
        help="facts, rules, instruments, sanctions, scenarios, verdict, group-facts or group-verdict")],
) -> None:
    """Print a JSON Schema (for editors and validators)."""
    from netralitas.authoring.schemas import SCHEMAS

    if which not in SCHEMAS:
        raise typer.BadParameter(f"choose one of: {', '.join(SCHEMAS)}", param_hint="WHICH")
    typer.echo(json.dumps(SCHEMAS[which](), indent=2, ensure_ascii=False))


def _argv_lang(argv: list[str]) -> Lang:
    """The `--lang` of a command line that failed before typer parsed it."""
    after = argv[argv.index("--lang") + 1:][:1] if "--lang" in argv else []
    return "en" if "--lang=en" in argv or after == ["en"] else "id"


def main() -> None:
    """Console entry point: no traceback for any bad input; exit 70 only for a bug, saying where to report it."""
    try:
        app()
    except NetralitasError as error:  # pragma: no cover - commands handle their own
        make_console(stderr=True).print(str(error))
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        try:
            _closed_pipe()
        except typer.Exit:
            sys.exit(EXIT_CLOSED_PIPE)
    except Exception as error:  # an engine bug: say so without a traceback
        said = _SAID[_argv_lang(sys.argv)]["internal"]
        make_console(stderr=True).print(said.format(error=f"{type(error).__name__}: {error}", where=REPORT_TO))
        sys.exit(EXIT_INTERNAL)
