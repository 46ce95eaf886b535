"""`netralitas serve` (the web application and HTTP API under uvicorn), `netralitas users add|list` and
`netralitas tokens create`.

Exit codes: 0 done; 2 bad input (an invalid user name, a short password, an unknown user); 5 the database
cannot be used.
"""

from __future__ import annotations

import getpass
import os
import secrets
from pathlib import Path
from typing import Annotated

import typer

from netralitas.cli.console import make_console
from netralitas.cli.options import LangOption, Language
from netralitas.cli.registry_options import DbOption, OfficerOption, handled, officer_name
from netralitas.registry import accounts
from netralitas.registry.migrate import open_database

users_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Users of the web application and API.")
tokens_app = typer.Typer(add_completion=False, no_args_is_help=True, help="API tokens.")
ENV_PASSWORD = "NETRALITAS_PASSWORD"


def serve(
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes")] = 1,
    db: DbOption = None,
    rules: Annotated[Path | None, typer.Option("--rules", help="Rulebook folder (default: the bundled one)")] = None,
    no_anonymous: Annotated[bool, typer.Option("--no-anonymous", help="Require sign-in even to evaluate")] = False,
    lang: LangOption = Language.ID,
) -> None:
    """Run the web application and the HTTP API (settings also from NETRALITAS_* environment variables)."""
    import uvicorn

    from netralitas.web.app import ENV_FACTORY

    with handled(lang):
        open_database(db)  # refuse an outdated database before starting workers
    for name, value in (("NETRALITAS_DB", db), ("NETRALITAS_RULES", str(rules) if rules else None),
                        ("NETRALITAS_ANONYMOUS", "false" if no_anonymous else None)):
        if value is not None:
            os.environ[name] = value
    os.environ.setdefault("NETRALITAS_SECRET_KEY", secrets.token_urlsafe(32))
    words = {"id": f"netralitas melayani di http://{host}:{port}/ (Ctrl+C untuk berhenti)",
             "en": f"netralitas serving at http://{host}:{port}/ (Ctrl+C to stop)"}
    make_console(stderr=True).print(words[lang.value])
    uvicorn.run(ENV_FACTORY, factory=True, host=host, port=port, workers=workers, log_level="warning")


def _password(lang: Language) -> str:
    given = os.environ.get(ENV_PASSWORD)
    if given:
        return given
    prompt = {"id": "Kata sandi: ", "en": "Password: "}[lang.value]
    first = getpass.getpass(prompt)
    again = getpass.getpass({"id": "Ulangi kata sandi: ", "en": "Repeat password: "}[lang.value])
    if first != again:
        make_console(stderr=True).print({"id": "kata sandi tidak sama", "en": "passwords differ"}[lang.value],
                                        style="red")
        raise typer.Exit(2)
    return first


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="Sign-in name")] = "admin",
    admin: Annotated[bool, typer.Option("--admin", help="An administrator")] = False,
    role: Annotated[accounts.Role, typer.Option(help="admin, officer, supervisor or legal")] = accounts.Role.OFFICER,
    agency: Annotated[str | None, typer.Option(help="The officer's agency (scopes the cases they see)")] = None,
    db: DbOption = None, officer: OfficerOption = None, lang: LangOption = Language.ID,
) -> None:
    """Create a user; the password is asked twice (or read from $NETRALITAS_PASSWORD)."""
    chosen = accounts.Role.ADMIN if admin else role
    password = _password(lang)
    with handled(lang):
        made = accounts.add_user(open_database(db), username, password, chosen, agency, officer_name(officer))
    label = accounts.ROLE_LABELS[made.role].get(lang.value)
    make_console().print({"id": f"pengguna {made.username} dibuat ({label})",
                          "en": f"user {made.username} created ({label})"}[lang.value])


@users_app.command("list")
def users_list(db: DbOption = None, lang: LangOption = Language.ID) -> None:
    """List users with their role and agency."""
    with handled(lang):
        found = accounts.users(open_database(db))
    console = make_console()
    for user in found:
        console.print(f"{user.username}\t{user.role.value}\t{user.agency or '-'}")


@tokens_app.command("create")
def tokens_create(
    username: Annotated[str, typer.Argument(help="Whose token")],
    name: Annotated[str, typer.Option(help="What the token is for")] = "token",
    days: Annotated[int | None, typer.Option(min=1, max=3650, help="Expires after this many days")] = None,
    db: DbOption = None, officer: OfficerOption = None, lang: LangOption = Language.ID,
) -> None:
    """Create an API token and print it once (only its hash is kept)."""
    with handled(lang):
        token = accounts.create_token(open_database(db), username, name, officer_name(officer), days)
    typer.echo(token)
