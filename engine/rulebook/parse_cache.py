"""Rule files as parsed before: the YAML parse of each rulebook file cached on disk, keyed by its bytes.

Parsing the bundled rulebook's YAML (libyaml, then the positions walk) is most of loading it, about
45 ms of every command's start-up. A file whose exact bytes were parsed before is read back from
`<cache dir>/<sha256>.json` instead: the same data and the same positions, so validation, the
cross-checks, every error and every verdict are exactly those of a fresh parse (tested on every
bundled file).

- The key is the SHA-256 of the file's bytes, the engine version, PyYAML's version and the read
  limits: any edit, upgrade or other limit is a miss, and a miss parses the file as before.
- An entry holds data only (JSON: strings, integers, finite floats, booleans, null, lists and
  string-keyed mappings, which is all the rule loader produces); nothing read back is executed, and
  it goes through the same validation as a fresh parse. A document outside that (a non-string key,
  a NaN) is simply not cached.
- Anything wrong with an entry (unreadable, not JSON, another shape) is a miss. Entries are written
  atomically, readable by the user only; a cache that cannot be written is skipped silently. At most
  `MAX_ENTRIES` are kept (the oldest go first), so editing rule files does not grow it without end.
- `NETRALITAS_CACHE_DIR` names the folder (default `$XDG_CACHE_HOME/netralitas/parsed`, else
  `~/.cache/netralitas/parsed`); set it to an empty string to turn the cache off. The folder is trusted as
  the user's own files are: whoever can write into it could change what a rule file is read as.
"""

from __future__ import annotations

import hashlib
import math
import os
import tempfile
from contextlib import suppress
from dataclasses import astuple
from pathlib import Path
from typing import Any

import orjson
import yaml

from netralitas.io.json_source import parse_json
from netralitas.io.limits import DEFAULT_LIMITS, Limits
from netralitas.io.reading import decode, read_bytes
from netralitas.io.yaml_source import Loc, Located, load_yaml_text
from netralitas.version import __version__

CACHE_ENV = "NETRALITAS_CACHE_DIR"
MAX_ENTRIES = 512
"""Entries kept: after a write, the least recently written beyond this are removed (old versions of edited files)."""
FORMAT = 1
"""The layout of an entry; part of the key, so a new layout never reads an old entry."""


def cache_dir() -> Path | None:
    """Where parsed rule files are kept, or None when the cache is off (`NETRALITAS_CACHE_DIR=""`)."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "netralitas" / "parsed"


def entry_key(content: bytes, limits: Limits) -> str:
    """The cache key of a file with these bytes, read under `limits`."""
    digest = hashlib.sha256(content)
    digest.update(f"\0{FORMAT}\0{__version__}\0{yaml.__version__}\0{astuple(limits)}".encode())
    return digest.hexdigest()


def load_rule_yaml(path: Path, limits: Limits = DEFAULT_LIMITS) -> Located:
    """`load_yaml_file(path, limits)` for a rulebook file (YAML), read from the cache when its bytes were parsed
    before; parsed and cached otherwise. Raises exactly what a fresh parse raises."""
    content = read_bytes(path, limits.file_bytes)
    folder = cache_dir()
    entry = folder / f"{entry_key(content, limits)}.json" if folder is not None else None
    if entry is not None:
        found = _read(entry, str(path))
        if found is not None:
            return found
    text = decode(content, str(path))
    if path.suffix.lower() == ".json":
        parse_json(text, str(path), limits)
    located = load_yaml_text(text, str(path), limits)
    if entry is not None and _cacheable(located.data):
        _write(entry, located)
        _prune(entry.parent)
    return located


def _read(entry: Path, file: str) -> Located | None:
    try:
        stored = orjson.loads(entry.read_bytes())
        positions: dict[Loc, tuple[int, int]] = {tuple(loc): (line, column) for loc, line, column in
                                                 stored["positions"]}
        return Located(stored["data"], file, positions)
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None


def _write(entry: Path, located: Located) -> None:
    try:
        body = orjson.dumps({"data": located.data, "positions": [[list(loc), line, column] for loc, (line, column)
                                                                 in located.positions.items()]})
    except orjson.JSONEncodeError:  # an integer beyond 64 bits: parsed afresh each time
        return
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(body)
            os.replace(temporary, entry)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def _prune(folder: Path) -> None:
    """Remove the least recently written entries beyond `MAX_ENTRIES`; what another process removes first is
    skipped."""
    keep = MAX_ENTRIES
    try:
        entries = list(folder.glob("*.json"))
        if len(entries) <= keep:
            return
        dated = []
        for entry in entries:
            with suppress(OSError):
                dated.append((entry.stat().st_mtime_ns, entry))
        for _, entry in sorted(dated)[: len(dated) - keep]:
            entry.unlink(missing_ok=True)
    except OSError:
        pass


def _cacheable(value: Any) -> bool:
    """Whether JSON gives `value` back exactly: string keys, finite floats, no other types."""
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_cacheable(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _cacheable(v) for k, v in value.items())
    return False
