"""Safe YAML loading that remembers where every value came from.

Rule files and incidents are loaded with a SafeLoader subclass that:
- never constructs Python objects (rule files can never execute code);
- keeps dates as strings, so pydantic reports impossible dates at the right place;
- resolves only `true`/`false` as booleans (`no`, `on`, `y` stay strings);
- rejects duplicate keys;
- caps file size and alias expansion (no billion-laughs);
- returns a map from each value's path to its line and column.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from netralitas.errors import InputFileError, Problem
from netralitas.suggestions import suggest

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000

Loc = tuple[str | int, ...]


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader without timestamp resolution and with YAML 1.2 booleans."""


_SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SafeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass(frozen=True)
class Located:
    """A loaded document and the position of each of its values."""

    data: Any
    file: str
    positions: dict[Loc, tuple[int, int]]

    def position(self, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
        """Line and column of the value at `loc`, or of its nearest enclosing value."""
        path = tuple(loc)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (None, None))


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a text file, refusing huge or binary files with a clear error."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read file: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise InputFileError(f"{path}: file is {size:,} bytes; the limit is {max_bytes:,} bytes")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read file: {exc.strerror or exc}") from None


def _walk(node: yaml.Node, loc: Loc, positions: dict[Loc, tuple[int, int]], file: str, budget: list[int]) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise yaml.YAMLError(f"document too complex (more than {MAX_NODES:,} values after alias expansion)")
    positions.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark.line + 1, key_node.start_mark.column + 1, seen[key],
                                    ".".join(str(p) for p in (*loc, key)))
            seen[key] = key_node.start_mark.line + 1
            positions.setdefault((*loc, key), (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            _walk(value_node, (*loc, key), positions, file, budget)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), positions, file, budget)


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int, column: int, first_line: int, path: str) -> None:
        self.key, self.line, self.column, self.first_line, self.path = key, line, column, first_line, path


def load_yaml_text(text: str, file: str) -> Located:
    """Parse one YAML (or JSON) document safely; raise a located Problem on any syntax error."""
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, file, {})
        positions: dict[Loc, tuple[int, int]] = {}
        _walk(node, (), positions, file, [MAX_NODES])
        data = loader.construct_document(node)
    except _DuplicateKey as dup:
        raise LocatedProblems(
            [Problem(f"duplicate key '{dup.key}' (first defined on line {dup.first_line})", file, dup.line,
                     dup.column, field=str(dup.key), path=dup.path)]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        message = f"YAML syntax error: {exc.problem or exc.context}"
        raise LocatedProblems([Problem(message, file, line, column)]) from None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise LocatedProblems([Problem(f"YAML error: {exc}", file)]) from None
    finally:
        loader.dispose()
    return Located(data, file, positions)


def load_yaml_file(path: Path) -> Located:
    """Read and parse a YAML or JSON file with positions."""
    text = read_text(path)
    if path.suffix.lower() == ".json":
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            problem = Problem(f"JSON syntax error: {exc.msg}", str(path), exc.lineno, exc.colno)
            raise LocatedProblems([problem]) from None
    return load_yaml_text(text, str(path))


class LocatedProblems(Exception):
    """Problems found while parsing, before any model validation."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.render() for p in problems))


def _field_names(model: Any) -> list[str]:
    fields = getattr(model, "model_fields", {})
    return [info.alias or name for name, info in fields.items()]


def _model_at(root: Any, loc: Sequence[str | int]) -> Any:
    """The pydantic model class that owns the last key of `loc`, as far as it can be followed."""
    from typing import get_args, get_origin

    current = root
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if fields is None:
            return None
        info = next((f for n, f in fields.items() if (f.alias or n) == part), None)
        if info is None:
            return None
        annotation = info.annotation
        stack = [annotation]
        found = None
        while stack:
            candidate = stack.pop()
            if hasattr(candidate, "model_fields"):
                found = candidate
                break
            if get_origin(candidate) is not None or get_args(candidate):
                stack.extend(get_args(candidate))
        if found is None:
            return None
        current = found
    return current


def problems_from_validation(
    error: ValidationError,
    located: Located,
    model: Any,
    rule_id_at: Any = None,
    loc_prefix: Loc = (),
) -> list[Problem]:
    """Turn pydantic errors into located problems with 'did you mean' suggestions."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        loc: Loc = tuple(p for p in item["loc"] if isinstance(p, (str, int)) and not _is_pydantic_tag(p))
        full_loc = (*loc_prefix, *loc)
        line, column = located.position(full_loc)
        field = ".".join(str(p) for p in loc) or None
        suggestion = None
        message = item["msg"]
        kind = item["type"]
        if kind == "extra_forbidden" and loc:
            owner = _model_at(model, loc)
            names = _field_names(owner) if owner is not None else []
            suggestion = suggest(str(loc[-1]), names)
            message = f"unknown field '{loc[-1]}'"
            if names and not suggestion:
                message += f"; allowed fields: {', '.join(sorted(names))}"
        elif kind == "enum" or kind == "literal_error":
            expected = item.get("ctx", {}).get("expected", "")
            choices = re.findall(r"'([^']*)'", expected)
            suggestion = suggest(str(item.get("input")), choices)
            message = f"'{item.get('input')}' is not one of: {', '.join(choices)}"
        elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
            message = f"'{item.get('input')}' is not a valid date (use YYYY-MM-DD): {item['msg']}"
        elif kind == "missing":
            message = "required field is missing"
        elif kind == "value_error":
            message = str(message).removeprefix("Value error, ")
        rule_id = rule_id_at(full_loc) if rule_id_at else None
        path = ".".join(str(p) for p in full_loc) or None
        problems.append(Problem(message, located.file, line, column, rule_id, field, suggestion, path=path))
    return problems


def _is_pydantic_tag(part: str | int) -> bool:
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))
