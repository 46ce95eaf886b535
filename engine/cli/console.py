"""Consoles for people: wrapped at a terminal's width, never when piped; no markup or emoji codes."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.console import Console
from rich.segment import Segment

from netralitas.rulebook import Rulebook
from netralitas.text import Lang

UNWRAPPED = 100_000
"""The width used when output is not a terminal: lines are never cut or wrapped into a file."""

_RULEBOOK_USED = {"id": "buku aturan", "en": "rulebook"}


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with terminal control characters (ESC, BEL, NUL, DEL, C1, CR...) shown as escapes like `\\x1b`."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}",
                        text)


class SafeConsole(Console):
    """A console that never lets input control the terminal: the text of every segment printed (strings, `Text`,
    panels) has its control characters escaped; rich's own styling codes are added afterwards."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            segment if segment.control else Segment(printable(segment.text), segment.style) for segment in buffer)


def make_console(stderr: bool = False) -> Console:
    """A console that prints text as given: no rich markup, emoji codes or highlighting applied, and control
    characters escaped; never hard-wrapped when not a terminal."""
    terminal = Console(stderr=stderr).is_terminal
    return SafeConsole(stderr=stderr, width=None if terminal else UNWRAPPED, soft_wrap=not terminal,
                       markup=False, emoji=False, highlight=False)


def note_rulebook(rulebook: Rulebook, lang: Lang) -> None:
    """Say on standard error which rulebook a command used (its folder and content hash)."""
    make_console(stderr=True).print(f"{_RULEBOOK_USED[lang]}: {rulebook.root} ({rulebook.content_hash[:12]})",
                               style="dim")
