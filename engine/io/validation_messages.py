"""pydantic's validation errors in the project's words (English; `netralitas.messages` translates them).

pydantic's own wording ("Input should be a valid string", with links to its documentation) is never
shown: each error type it reports maps to one message here, a type not listed to a generic one.
"""

from __future__ import annotations

import re
from typing import Any

SHOWN = 60
"""Characters of an offending value quoted in a message; longer values are cut."""

_FIXED = {
    "string_type": "must be text", "string_unicode": "must be text",
    "bool_type": "must be true or false", "bool_parsing": "must be true or false",
    "list_type": "must be a list", "set_type": "must be a list", "frozen_set_type": "must be a list",
    "tuple_type": "must be a list",
    "dict_type": "must be a mapping (key: value)", "model_type": "must be a mapping (key: value)",
    "model_attributes_type": "must be a mapping (key: value)",
    "int_type": "must be a whole number", "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number", "float_type": "must be a number", "float_parsing": "must be a number",
    "missing": "required field is missing", "recursion_loop": "nested too deep",
    "none_required": "must be empty", "is_instance_of": "has the wrong kind of value",
}
_SIZED = {
    "string_too_short": "must have at least {min_length} characters",
    "string_too_long": "must have at most {max_length} characters",
    "too_short": "must have at least {min_length} items",
    "too_long": "must have at most {max_length} items",
    "string_pattern_mismatch": "must match the pattern '{pattern}'",
    "greater_than": "must be greater than {gt}", "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}", "less_than_equal": "must be at most {le}",
}
_DATES = ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact", "date_past",
          "date_future")


def shown(value: Any) -> str:
    """`value` as quoted in a message: at most `SHOWN` characters."""
    text = str(value)
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def choices(item: dict[str, Any]) -> list[str]:
    """The allowed values an enum or literal error names."""
    return re.findall(r"'([^']*)'", str(item.get("ctx", {}).get("expected", "")))


def project_message(item: dict[str, Any]) -> str:
    """The project's message for one pydantic error (`ValidationError.errors()` item)."""
    kind = item["type"]
    ctx = item.get("ctx") or {}
    if kind in _FIXED:
        return _FIXED[kind]
    if kind in _SIZED:
        try:
            return _SIZED[kind].format(**ctx)
        except (KeyError, IndexError):
            return "has the wrong size"
    if kind in _DATES:
        return f"'{shown(item.get('input'))}' is not a valid date (use YYYY-MM-DD)"
    if kind in ("enum", "literal_error"):
        return f"'{shown(item.get('input'))}' is not one of: {', '.join(choices(item))}"
    if kind in ("value_error", "assertion_error"):
        return str(item["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return "is not a valid value here"
