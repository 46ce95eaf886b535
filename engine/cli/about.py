"""What `netralitas --version` prints: the package, the rulebook in use and the engines."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from netralitas.errors import NetralitasError
from netralitas.rulebook import Rulebook
from netralitas.version import __version__


def _distribution(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def version_lines(rules: Path) -> list[str]:
    """One line each: package version, rulebook folder and hash, matching engines, Python."""
    try:
        loaded = Rulebook.load(rules)
        rulebook = f"{loaded.root} ({loaded.content_hash}, {len(loaded.rules)} rules)"
    except NetralitasError as error:
        rulebook = f"{rules} (invalid: {str(error).splitlines()[0]})"
    return [
        f"netralitas {__version__}",
        f"rulebook {rulebook}",
        f"durable-rules {_distribution('durable-rules')}; pure-Python backend {__version__}",
        f"pydantic {_distribution('pydantic')}; Python {platform.python_version()}",
    ]
