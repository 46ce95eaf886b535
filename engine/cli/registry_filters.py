"""The case filters as command-line options, declared once and added to each command that lists cases."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import typing
from collections.abc import Callable
from typing import Annotated, Any

import typer

from netralitas.cli.options import Language
from netralitas.cli.registry_options import handled
from netralitas.registry.errors import RegistryError
from netralitas.registry.search import Filters
from netralitas.text import bi

_TEXT = {
    "status": "Status (repeat for several): received, verification, ...",
    "source": "public_report, bawaslu_finding, agency_internal or media",
    "agency": "Agency (instansi), exactly", "region": "Region, exactly", "province": "Province, exactly",
    "election": "Election calendar id, e.g. pilkada-2024",
    "category": "Category in the latest verdict, e.g. disiplin", "tier": "Tier in the latest verdict, e.g. berat",
    "instrument": "Instrument cited by the latest verdict, e.g. pp-94-2021",
    "outcome": "violation, undetermined or no_violation (latest verdict)",
    "received_from": "Received on or after YYYY-MM-DD", "received_to": "Received on or before YYYY-MM-DD",
    "occurred_from": "Incident on or after YYYY-MM-DD", "occurred_to": "Incident on or before YYYY-MM-DD",
}
_DATES = ("received_from", "received_to", "occurred_from", "occurred_to")


def parse_date(text: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option value."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RegistryError(bi(f"{option}: '{text}' bukan tanggal YYYY-MM-DD",
                               f"{option}: '{text}' is not a YYYY-MM-DD date")) from None


def _parameters() -> list[inspect.Parameter]:
    params = []
    for name, help_text in _TEXT.items():
        flag = "--" + name.replace("_", "-")
        kind: Any = list[str] if name == "status" else str | None
        default: Any = [] if name == "status" else None
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                        annotation=Annotated[kind, typer.Option(flag, help=help_text)]))
    params.append(inspect.Parameter("overdue", inspect.Parameter.KEYWORD_ONLY, default=False,
                                    annotation=Annotated[bool, typer.Option("--overdue", help="Only overdue cases")]))
    return params


def with_filters(command: Callable[..., None]) -> Callable[..., None]:
    """Add the filter options to `command`, which receives them as one `filters: Filters` argument."""
    signature = inspect.signature(command)
    hints = typing.get_type_hints(command, include_extras=True)
    own = [p.replace(annotation=hints[p.name]) for p in signature.parameters.values() if p.name != "filters"]
    names = [p.name for p in _parameters()]

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> None:
        values = {n: kwargs.pop(n) for n in names}
        values["status"] = tuple(values["status"])
        with handled(kwargs.get("lang", Language.ID)):
            for name in _DATES:
                values[name] = parse_date(values[name], "--" + name.replace("_", "-"))
        text = kwargs.get("text")
        command(filters=Filters(**values, text=text), **kwargs)

    parameters = [*own, *_parameters()]
    wrapper.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
    return wrapper
