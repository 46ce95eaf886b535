"""Options and error handling shared by `netralitas cases` and `netralitas db`."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any, NoReturn

import typer

from netralitas.cli.console import make_console
from netralitas.cli.options import Language
from netralitas.errors import NetralitasError, ProblemsError
from netralitas.registry.errors import RegistryError
from netralitas.text import Lang

DbOption = Annotated[str | None, typer.Option(
    "--db", help="Database URL or SQLite file (default: $NETRALITAS_DB, else "
    "$XDG_DATA_HOME/netralitas/registry.sqlite3)")]
OfficerOption = Annotated[str | None, typer.Option(
    "--officer", help="Who acts (default: $NETRALITAS_OFFICER, else the login name)")]


class OutFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


FormatOption = Annotated[OutFormat, typer.Option("--format", help="text (for people) or json (for machines)")]


def officer_name(given: str | None) -> str:
    """The acting officer."""
    return given or os.environ.get("NETRALITAS_OFFICER") or getpass.getuser()


def fail(error: NetralitasError, lang: Lang) -> NoReturn:
    """Print the error as one line (problems one a line) on standard error and exit with its code."""
    console = make_console(stderr=True)
    if isinstance(error, RegistryError):
        console.print(error.message(lang), style="red")
    elif isinstance(error, ProblemsError):
        for problem in error.problems:
            console.print(problem.render(), style="red")
    else:
        console.print(str(error), style="red")
    raise typer.Exit(error.exit_code)


@contextmanager
def handled(lang: Language) -> Iterator[None]:
    """Turn every netralitas error inside the block into a one-line message and its exit code."""
    try:
        yield
    except NetralitasError as error:
        fail(error, lang.value)


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def echo_json(value: Any) -> None:
    """Deterministic JSON on standard output."""
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=_default))
