"""Safe YAML loading that remembers where every value came from.

Rule files and incidents are loaded with a SafeLoader subclass that:
- never constructs Python objects (rule files can never execute code);
- keeps dates as strings, so pydantic reports impossible dates at the right place;
- resolves only `true`/`false` as booleans (`no`, `on`, `y` stay strings);
- rejects duplicate keys;
- enforces `Limits` while composing (depth, values) and while walking the document (values and bytes
  of text counted through every alias expansion: no billion laughs, no huge aliased strings);
- turns every failure (a control character, an integer too long, `!!float x`) into a located problem;
- returns a map from each value's path to its line and column.

Parsing uses libyaml's C parser when PyYAML has it (`yaml_loaders.FastLoader`, about five times faster)
and PyYAML's pure-Python parser otherwise. The pure-Python loader is the reference: whenever the fast
one fails, the text is parsed again by the reference, so every error keeps the reference's message,
line and column (libyaml's own messages and positions differ).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from netralitas.errors import Problem
from netralitas.io.json_source import parse_json
from netralitas.io.limits import DEFAULT_LIMITS, Limits
from netralitas.io.reading import SURROGATE_MESSAGE, LocatedProblems, decode, has_surrogate, read_bytes, read_text
from netralitas.io.validation_messages import choices, project_message, shown
from netralitas.io.yaml_loaders import LimitExceeded, PureLoader, fast_loader_for
from netralitas.suggestions import suggest

__all__ = ["Loc", "Located", "LocatedProblems", "load_yaml_file", "load_yaml_text", "problems_from_validation",
           "read_text"]

MAX_FILE_BYTES = DEFAULT_LIMITS.file_bytes
MAX_NODES = DEFAULT_LIMITS.nodes

Loc = tuple[str | int, ...]


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


@dataclass
class _Budget:
    nodes: int
    text: int


def _walk(node: yaml.Node, loc: Loc, positions: dict[Loc, tuple[int, int]], limits: Limits, budget: _Budget) -> None:
    budget.nodes -= 1
    if budget.nodes < 0:
        raise LimitExceeded(problem=f"document too complex (more than {limits.nodes:,} values after alias "
                             "expansion)", problem_mark=node.start_mark)
    positions.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.ScalarNode):
        if has_surrogate(node.value):
            raise LimitExceeded(problem=SURROGATE_MESSAGE, problem_mark=node.start_mark)
        budget.text -= len(node.value)
        if budget.text < 0:
            raise LimitExceeded(problem=f"document too large (more than {limits.expanded_bytes:,} bytes of text "
                                 "after alias expansion)", problem_mark=node.start_mark)
    elif isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark.line + 1, key_node.start_mark.column + 1, seen[key],
                                    ".".join(str(p) for p in (*loc, key)))
            seen[key] = key_node.start_mark.line + 1
            positions.setdefault((*loc, key), (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            _walk(value_node, (*loc, key), positions, limits, budget)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), positions, limits, budget)


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int, column: int, first_line: int, path: str) -> None:
        self.key, self.line, self.column, self.first_line, self.path = key, line, column, first_line, path


def _reader_problem(exc: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    """A character YAML does not allow (a control character such as ESC, NUL, BEL or DEL), located."""
    offset = max(exc.position, 0)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return Problem(f"character U+{code:04X} is not allowed in YAML (a control character)", file, line, column)


def parse_with(loader_class: type[Any], text: str, limits: Limits) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    """The document in `text` and its positions, or the parser's own exception (the differential test
    calls it with each loader)."""
    loader = loader_class(text)
    try:
        loader.limits = limits
        node = loader.get_single_node()
        positions: dict[Loc, tuple[int, int]] = {}
        if node is None:
            return None, positions
        _walk(node, (), positions, limits, _Budget(limits.nodes, limits.expanded_bytes))
        return loader.construct_document(node), positions
    finally:
        loader.dispose()


def load_yaml_text(text: str, file: str, limits: Limits = DEFAULT_LIMITS, *, libyaml: bool = True) -> Located:
    """Parse one YAML (or JSON) document safely; raise a located Problem on any failure.

    The fast loader is tried first (unless `libyaml` is false, PyYAML has no libyaml, or the text holds
    something the parsers read differently); whatever it
    refuses is parsed again by the reference loader, which reports the problem (or, where only libyaml
    refuses, loads the document), so results and errors are the reference's in every case.
    """
    fast = fast_loader_for(text) if libyaml else None
    if fast is not None:
        try:
            data, positions = parse_with(fast, text, limits)
        except Exception:  # the reference loader decides, and says what is wrong
            pass
        else:
            return Located(data, file, positions)
    try:
        data, positions = parse_with(PureLoader, text, limits)
    except _DuplicateKey as dup:
        raise LocatedProblems(
            [Problem(f"duplicate key '{dup.key}' (first defined on line {dup.first_line})", file, dup.line,
                     dup.column, field=str(dup.key), path=dup.path)]
        ) from None
    except yaml.reader.ReaderError as exc:
        raise LocatedProblems([_reader_problem(exc, text, file)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        kind = "YAML error" if isinstance(exc, LimitExceeded | yaml.constructor.ConstructorError) else \
            "YAML syntax error"
        message = f"{kind}: {exc.problem or exc.context}"
        raise LocatedProblems([Problem(message, file, line, column)]) from None
    except RecursionError:
        raise LocatedProblems([Problem(f"YAML error: nested more than {limits.depth} levels deep", file, 1, 1)]) \
            from None
    except (yaml.YAMLError, ValueError) as exc:
        raise LocatedProblems([Problem(f"YAML error: {exc}", file, 1, 1)]) from None
    return Located(data, file, positions)


def load_yaml_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Located:
    """Read and parse a YAML or JSON file with positions."""
    text = decode(read_bytes(path, limits.file_bytes), str(path))
    if path.suffix.lower() == ".json":
        parse_json(text, str(path), limits)
    return load_yaml_text(text, str(path), limits)


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
        if line is None and located.file and not located.file.startswith("<"):
            line, column = 1, 1  # an empty document: the problem is the file itself, from its start
        field = ".".join(str(p) for p in loc) or None
        suggestion = None
        message = project_message(dict(item))
        kind = item["type"]
        if kind == "extra_forbidden" and loc:
            owner = _model_at(model, loc)
            names = _field_names(owner) if owner is not None else []
            suggestion = suggest(shown(loc[-1]), names)
            message = f"unknown field '{shown(loc[-1])}'"
            if names and not suggestion:
                message += f"; allowed fields: {', '.join(sorted(names))}"
        elif kind in ("enum", "literal_error"):
            suggestion = suggest(shown(item.get("input")), choices(dict(item)))
        rule_id = rule_id_at(full_loc) if rule_id_at else None
        path = ".".join(str(p) for p in full_loc) or None
        problems.append(Problem(message, located.file, line, column, rule_id, field, suggestion, path=path))
    return problems


def _is_pydantic_tag(part: str | int) -> bool:
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))
