"""Which rulebook a command uses when none is named: one convention for every command.

In order: the `NETRALITAS_RULES` environment variable; the `rules/` folder of the netralitas
checkout that the current directory is in (so an edit to `rules/` is never silently ignored after
`pip install .`); the rulebook installed with the package.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from netralitas.rulebook.loader import REGISTRY_FILE, bundled_rules_dir

RULES_ENV = "NETRALITAS_RULES"


def checkout_root(start: Path) -> Path | None:
    """The netralitas checkout holding `start`: a folder with its pyproject.toml and `rules/`."""
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and (folder / "rules" / REGISTRY_FILE).is_file():
            try:
                name = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("name")
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if name == "netralitas":
                return folder
    return None


def default_rules_dir(cwd: Path | None = None) -> Path:
    """The rulebook folder to use when a command is given no `--rules`."""
    if os.environ.get(RULES_ENV):
        return Path(os.environ[RULES_ENV])
    root = checkout_root((cwd or Path.cwd()).resolve())
    return root / "rules" if root is not None else bundled_rules_dir()


def resolve_rules_dir(given: Path | None) -> Path:
    """`given`, or the default rulebook folder."""
    return given if given is not None else default_rules_dir()
