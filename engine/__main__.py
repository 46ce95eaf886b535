"""`python -m netralitas` runs the CLI."""

from netralitas.cli import main

main()
