"""Folders of data shipped inside the package, followed to the checkout in an editable install."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def data_folder(package: str, *parts: str) -> Path:
    """The folder `parts` of `package`.

    A strict editable install (`pip install -e . --config-settings editable_mode=strict`) links
    each file from the checkout into a build tree, so a file added to the checkout after the
    install would be missing there. Where the folder's files are such links, the folder they point
    into is returned instead: the checkout itself, new files included.
    """
    folder = Path(str(files(package))).joinpath(*parts)
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.is_symlink() and entry.is_file():
            return entry.resolve().parent
    return folder
