"""The two safe YAML loaders netralitas parses with: libyaml's parser when present, pure Python always.

Both share one composer and one constructor written in Python (PyYAML's, with our limits and
located construction errors), and differ only in what produces the parse events:

- `PureLoader`: PyYAML's pure-Python reader, scanner and parser. It is the reference: its positions
  and messages are the ones users see for every error.
- `FastLoader`: libyaml's C parser (`yaml._yaml.CParser`) feeding the same Python composer, so depth
  and value limits are enforced while composing exactly as in the reference, with the same marks.
  It is `None` when PyYAML was built without libyaml.

The two parsers disagree on a few inputs that they both accept: libyaml accepts tabs where PyYAML
refuses them, counts a byte-order mark inside the text as two columns, reads an empty `!` tag as an
empty string, accepts a comment glued to a block scalar's header (`|#`), places an empty document
(`---` at the very end) on a line of its own and treats NEL, LS and PS differently. `fast_loader_for`
sends any text that holds one of those, or does not end with a line break, to the reference (a file
almost always ends with one; the fuzz test in `tests/io/test_yaml_loaders.py` hunts for more).

Neither constructs Python objects beyond plain data (safe loading only). `yaml_source` uses the fast
loader first and re-parses with the reference whenever it fails, so that errors never differ
(`tests/io/test_yaml_loaders.py` compares both on every bundled YAML file and on hostile input).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from netralitas.io.limits import DEFAULT_LIMITS, Limits

__all__ = ["FastLoader", "LimitExceeded", "PureLoader", "fast_loader_for"]


class LimitExceeded(yaml.MarkedYAMLError):
    """A limit was reached at a known place."""


class _Limited:
    """Composition with depth and value limits; construction failures turned into located errors."""

    limits: Limits = DEFAULT_LIMITS
    _depth = 0
    _nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self._depth += 1
        self._nodes += 1
        try:
            if self._depth > self.limits.depth or self._nodes > self.limits.nodes:
                what = (f"nested more than {self.limits.depth} levels deep" if self._depth > self.limits.depth
                        else f"document too complex (more than {self.limits.nodes:,} values)")
                raise LimitExceeded(problem=what, problem_mark=self.peek_event().start_mark)  # type: ignore[attr-defined]
            return super().compose_node(parent, index)  # type: ignore[misc, no-any-return]
        finally:
            self._depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)  # type: ignore[misc]
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            text = str(exc)
            if "digits" in text and "integer" in text:
                text = "number too long (more than 4,300 digits)"
            raise ConstructorError(
                None, None, f"cannot read value tagged {node.tag.replace('tag:yaml.org,2002:', '!!')}: {text}",
                node.start_mark) from None


def _resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    """SafeLoader's implicit resolvers without timestamps, with YAML 1.2 booleans (`no`, `on`, `y` stay text)."""
    table = {first: [(tag, rx) for tag, rx in resolvers
                     if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
             for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    boolean = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
    for first in "tTfF":
        table.setdefault(first, []).append(("tag:yaml.org,2002:bool", boolean))
    return table


class PureLoader(_Limited, yaml.SafeLoader):
    """The reference loader: PyYAML's pure-Python parser under our limits and resolvers."""


PureLoader.yaml_implicit_resolvers = _resolvers()

FastLoader: type[Any] | None = None
_REFERENCE_ONLY = re.compile("[\t\ufeff\x85\u2028\u2029]|(?<![^\\W_])!|[|>][-+0-9]*#")
"""Where the parsers may disagree: a tab, a byte-order mark, NEL/LS/PS, a tag (`!` after anything but a
letter or digit), a comment glued to a block scalar's header (`|#`, `>-#`)."""


def fast_loader_for(text: str) -> type[Any] | None:
    """The fast loader, if PyYAML has libyaml and `text` holds nothing the two parsers read differently."""
    if FastLoader is None or not text.endswith("\n") or _REFERENCE_ONLY.search(text):
        return None
    return FastLoader

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: the reference loader is the only one
    pass
else:
    class _FastLoader(_Limited, Composer, CParser, SafeConstructor, Resolver):
        """libyaml's parser feeding the reference composer and constructor (Composer before CParser in the
        method order, so composition, and with it every limit, stays in Python)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    _FastLoader.yaml_implicit_resolvers = PureLoader.yaml_implicit_resolvers
    FastLoader = _FastLoader
