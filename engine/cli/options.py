"""Command-line options shared by the `netralitas` commands."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Language(StrEnum):
    """The language of output for people."""

    ID = "id"
    EN = "en"


class BackendChoice(StrEnum):
    """The matching backend: durable-rules where it loads (auto), or one named."""

    AUTO = "auto"
    DURABLE = "durable"
    PYTHON = "python"


LangOption = Annotated[Language, typer.Option("--lang", help="id (Bahasa Indonesia) or en")]
BackendOption = Annotated[BackendChoice, typer.Option("--backend", help="auto, durable or python")]
RulesOption = Annotated[Path | None, typer.Option(
    "--rules", help="Rulebook folder (default: $NETRALITAS_RULES, else the checkout's rules/ when run inside one, "
    "else the installed rulebook)")]
