"""How much input netralitas reads before it refuses: enforced while reading, never after.

Every limit has a documented default (README, "Exit codes and limits") and can be raised on the
command line (`--max-file-bytes`, `--max-line-bytes`). The defaults are far above any real incident
or rule file: a real incident is a few kilobytes, nests five levels deep and has a few hundred values.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Limits on one read.

    - `file_bytes`: one YAML or JSON document (an incident file, a rule file, standard input);
    - `line_bytes`: one JSON Lines line or one CSV row;
    - `depth`: nesting of mappings and lists;
    - `nodes`: values in one document, counting every expansion of a YAML alias;
    - `expanded_bytes`: bytes of text in one document, counting every expansion of a YAML alias
      (an anchored string aliased many times counts once per alias).
    """

    file_bytes: int = 5 * MIB
    line_bytes: int = 1 * MIB
    depth: int = 64
    nodes: int = 200_000
    expanded_bytes: int = 10 * MIB


DEFAULT_LIMITS = Limits()
