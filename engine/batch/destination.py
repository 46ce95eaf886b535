"""Where batch results go: never over an input, and only ever a complete file.

`refuse_overwrite` is called before anything is opened for writing: `-o` naming an input file (also
through a symbolic or hard link) or a file inside an input folder is refused. `atomic_output` writes
to a temporary file beside the destination and moves it into place only when the run completed, so an
interrupted or failed run leaves the previous file as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO, cast

from netralitas.errors import InputFileError


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def refuse_overwrite(out: Path, names: Iterable[str]) -> None:
    """Raise `InputFileError` when `out` is one of the inputs named (or found in a folder named)."""
    target = _identity(out)
    if target is None:
        return
    for name in names:
        path = Path(name)
        if name == "-":
            continue
        candidates = path.rglob("*") if path.is_dir() else (path,)
        for candidate in candidates:
            if _identity(candidate) == target:
                raise InputFileError(f"{out}: is also an input ({candidate}); write the results to another file")


@contextmanager
def atomic_output(out: Path) -> Iterator[TextIO]:
    """A text stream whose content replaces `out` only when the block completes without an exception."""
    folder = out.parent if str(out.parent) else Path(".")
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=folder,  # noqa: SIM115
                                         prefix=f".{out.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            yield cast(TextIO, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, out)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
