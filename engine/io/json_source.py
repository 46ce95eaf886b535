"""JSON text to data, every failure located: syntax, nesting too deep, numbers too long, too many values."""

from __future__ import annotations

import json
import re
from typing import Any

from netralitas.errors import Problem
from netralitas.io.limits import Limits
from netralitas.io.reading import LocatedProblems, check_shape, has_surrogate

_LONG_NUMBER = re.compile(r"-?\d{4301,}")


def _line_column(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def too_deep_at(text: str, depth: int) -> tuple[int, int] | None:
    """Where JSON `text` first opens a list or mapping more than `depth` levels deep (strings skipped)."""
    level = 0
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            level += 1
            if level > depth:
                return _line_column(text, index)
        elif char in "]}":
            level -= 1
    return None


def _deep(text: str, name: str, limits: Limits, first_line: int) -> LocatedProblems:
    line, column = too_deep_at(text, limits.depth) or (1, None)
    return LocatedProblems([Problem(f"nested more than {limits.depth} levels deep", name, line + first_line - 1,
                                    column)])


def within_shape_limits(text: str, limits: Limits) -> bool:
    """Whether JSON `text` is too small to break what `check_shape` checks, so the walk can be skipped: every value
    (and key) takes at least one character, a container's depth is at most the number of `[` and `{` in the text,
    and a lone surrogate can only come from a `\\u` escape or the text itself."""
    return (len(text) <= limits.nodes and text.count("[") + text.count("{") <= limits.depth and "\\u" not in text
            and not has_surrogate(text))


def parse_json(text: str, name: str, limits: Limits, first_line: int = 1) -> Any:
    """The data of JSON `text`; `first_line` is the line `text` starts on in `name`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LocatedProblems([Problem(f"JSON syntax error: {exc.msg}", name, exc.lineno + first_line - 1,
                                       exc.colno)]) from None
    except RecursionError:
        raise _deep(text, name, limits, first_line) from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        found = _LONG_NUMBER.search(text)
        line, column = _line_column(text, found.start()) if found else (1, None)
        raise LocatedProblems([Problem("number too long (more than 4,300 digits)", name, line + first_line - 1,
                                       column)]) from None
    if within_shape_limits(text, limits):
        return data
    try:
        check_shape(data, limits, name, first_line)
    except LocatedProblems as exc:
        if too_deep_at(text, limits.depth):
            raise _deep(text, name, limits, first_line) from None
        raise exc from None
    return data
