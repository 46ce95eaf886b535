"""The `netralitas` command (`python -m netralitas` and the installed script)."""

from __future__ import annotations

import os


def main() -> None:
    """Run the CLI. Third-party pydantic plugins are not loaded unless `PYDANTIC_DISABLE_PLUGINS` is set: finding
    them scans every installed distribution's entry points, about 20 ms of each command's start-up."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from netralitas.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
