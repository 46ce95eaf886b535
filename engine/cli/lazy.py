"""Sub-commands imported only when they are run (or listed by `--help`).

`netralitas evaluate FILE` should not pay for the case registry (SQLAlchemy, Alembic), the web server,
or the rulebook's documentation generator (jinja2). The root command is a `LazyGroup`: each lazy
entry names the module and attribute of a typer app (a group such as `cases`) or of a command function
(`serve`); the module is imported the first time click asks for that command, and the command is built
exactly as `Typer.add_typer` / `Typer.command` would build it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, ClassVar

import typer
from typer.core import TyperGroup

# Commands and contexts are typed `Any`: typer 0.29 vendors click (`typer._click`), older typer uses click.


def _build(name: str, target: typer.Typer | Callable[..., Any]) -> Any:
    """The click command typer makes of `target` (a Typer app or a command function) under `name`."""
    holder = typer.Typer(add_completion=False)
    holder.callback()(lambda: None)  # a callback makes `holder` a group: `target` is built as its sub-command
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name)
    else:
        holder.command(name=name)(target)
    group = typer.main.get_command(holder)
    if not isinstance(group, TyperGroup):  # pragma: no cover - typer builds a group for an app with a callback
        raise TypeError(f"typer did not build a group for {name!r}")
    return group.commands[name]


class LazyGroup(TyperGroup):
    """A typer group whose `lazy` entries (name: `module:attribute`) are imported on first use."""

    lazy: ClassVar[dict[str, str]] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        eager = super().list_commands(ctx)
        return [*eager, *(name for name in self.lazy if name not in eager)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, attribute = self.lazy[cmd_name].split(":")
            self.add_command(_build(cmd_name, getattr(importlib.import_module(module), attribute)), cmd_name)
        return super().get_command(ctx, cmd_name)


def lazy_group(entries: dict[str, str]) -> type[LazyGroup]:
    """A `LazyGroup` class with these lazy entries (typer takes a class, not an instance)."""
    return type("RootGroup", (LazyGroup,), {"lazy": dict(entries)})
