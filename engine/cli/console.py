"""Consoles for people: wrapped at a terminal's width, never when piped; no markup or emoji codes."""

from __future__ import annotations

from rich.console import Console

from netralitas.rulebook import Rulebook
from netralitas.text import Lang

UNWRAPPED = 100_000
"""The width used when output is not a terminal: lines are never cut or wrapped into a file."""

_RULEBOOK_USED = {"id": "buku aturan", "en": "rulebook"}


def make_console(stderr: bool = False) -> Console:
    """A console that prints text as given: no rich markup, emoji codes or highlighting applied."""
    terminal = Console(stderr=stderr).is_terminal
    return Console(stderr=stderr, width=None if terminal else UNWRAPPED, soft_wrap=not terminal,
                   markup=False, emoji=False, highlight=False)


def note_rulebook(rulebook: Rulebook, lang: Lang) -> None:
    """Say on standard error which rulebook a command used (its folder and content hash)."""
    make_console(stderr=True).print(f"{_RULEBOOK_USED[lang]}: {rulebook.root} ({rulebook.content_hash[:12]})",
                               style="dim")
