"""Bytes in, text out: bounded reads of files and streams, strict UTF-8, located refusals.

Only regular files are read by name: a device (`/dev/zero`), a FIFO or a socket is refused before
anything is read, so no endless stream can be read by accident. Standard input is read up to the
document limit and cut there with a message. Text must be UTF-8; a bad byte is reported with its
line and column, never replaced.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path
from typing import Any, BinaryIO

from netralitas.errors import InputFileError, Problem
from netralitas.io.limits import DEFAULT_LIMITS, Limits


class LocatedProblems(Exception):
    """Problems found while reading or parsing, before any model validation."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.render() for p in problems))


def too_large(name: str, limit: int, what: str = "file") -> str:
    """The message for input cut at `limit` bytes."""
    option = "--max-line-bytes" if what == "line" else "--max-file-bytes"
    return f"{name}: {what} is larger than the limit of {limit:,} bytes (raise it with {option})"


def check_regular(path: Path) -> None:
    """Refuse a missing path, a folder, a device, a FIFO or a socket before opening it."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise InputFileError(f"{path}: cannot read file: Is a directory")
    if not stat.S_ISREG(mode):
        raise InputFileError(f"{path}: not a regular file (a device, FIFO or socket); save the input to a file")


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of the regular file `path`, refused when there are more than `limit`."""
    check_regular(path)
    try:
        with path.open("rb") as handle:
            return read_stream(handle, str(path), limit)
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read file: {exc.strerror or exc}") from None


def read_stream(handle: BinaryIO, name: str, limit: int) -> bytes:
    """At most `limit` bytes of `handle`; more is refused (an endless stream is cut at the limit)."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputFileError(too_large(name, limit))
    return data


def position_of(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based, column in characters) of byte `offset` of `data`."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def decode(data: bytes, name: str, first_line: int = 1) -> str:
    """`data` as UTF-8 text (a leading byte-order mark dropped); a bad byte is a located problem."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = position_of(data, exc.start)
        message = f"not UTF-8 text (byte 0x{data[exc.start]:02x})"
        raise LocatedProblems([Problem(message, name, line + first_line - 1, column)]) from None


def read_text(path: Path, max_bytes: int = DEFAULT_LIMITS.file_bytes) -> str:
    """Read a text file, refusing huge, special or non-UTF-8 files with a clear error."""
    return decode(read_bytes(path, max_bytes), str(path))


_SURROGATE = re.compile("[\ud800-\udfff]")
SURROGATE_MESSAGE = "text contains an escaped lone surrogate (\\ud800-\\udfff), which is not a character"


def has_surrogate(text: str) -> bool:
    """Whether `text` holds a lone surrogate (from an escape such as `\\ud800`): it cannot be printed or stored."""
    return _SURROGATE.search(text) is not None


def check_shape(data: Any, limits: Limits, name: str, line: int | None = None) -> None:
    """Refuse parsed data nested deeper or with more values than `limits` allow (iteratively), or holding text
    that is not characters (lone surrogates)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    nodes = 0
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if nodes > limits.nodes:
            raise LocatedProblems([Problem(f"document too complex (more than {limits.nodes:,} values)", name, line)])
        if isinstance(value, str) and has_surrogate(value):
            raise LocatedProblems([Problem(SURROGATE_MESSAGE, name, line)])
        if isinstance(value, dict):
            stack.extend((key, depth) for key in value if isinstance(key, str))
        if isinstance(value, dict | list):
            if depth > limits.depth:
                raise LocatedProblems([Problem(f"nested more than {limits.depth} levels deep", name, line)])
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)


def is_special(path: Path) -> bool:
    """Whether `path` exists but is neither a regular file nor a folder (a device, FIFO or socket)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def read_stdin(limits: Limits) -> str:
    """One document from standard input, bounded by the document limit, strictly UTF-8."""
    stream = sys.stdin
    if stream is None or stream.closed:
        raise InputFileError("<stdin>: standard input is closed")
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text stream without bytes underneath (tests, embedding)
        text = stream.read(limits.file_bytes + 1)
        if len(text) > limits.file_bytes:
            raise InputFileError(too_large("<stdin>", limits.file_bytes))
        return str(text)
    try:
        return decode(read_stream(buffer, "<stdin>", limits.file_bytes), "<stdin>")
    except OSError as exc:
        raise InputFileError(f"<stdin>: cannot read file: {exc.strerror or exc}") from None
