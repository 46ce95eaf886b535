"""Errors of the registry: each carries its message in Bahasa Indonesia and English."""

from __future__ import annotations

from netralitas.errors import NetralitasError
from netralitas.text import Lang, LocalizedText, bi

EXIT_DATABASE = 5


class RegistryError(NetralitasError):
    """Bad input to the registry (exit 2): nothing was changed."""

    exit_code = 2

    def __init__(self, text: LocalizedText) -> None:
        self.text = text
        super().__init__(text.en)

    def message(self, lang: Lang) -> str:
        """The one-line message in `lang`."""
        return self.text.get(lang)


class CaseNotFound(RegistryError):
    """No case has that number."""

    def __init__(self, number: str) -> None:
        super().__init__(bi(f"perkara {number} tidak ditemukan", f"case {number} not found"))


class InvalidNip(RegistryError):
    """A NIP that is not 18 digits or whose embedded parts are impossible."""


class TransitionRefused(RegistryError):
    """A status change from a state that does not allow it."""


class CaseFileError(RegistryError):
    """A case file (or options) that does not describe a valid case."""


class DatabaseError(RegistryError):
    """The database cannot be used as it is (exit 5): locked, missing, too old or too new."""

    exit_code = EXIT_DATABASE


class SchemaOutdated(DatabaseError):
    """The database is at an older schema revision: `netralitas db upgrade` is needed."""


class SchemaTooNew(DatabaseError):
    """The database was written by a newer netralitas."""


class DatabaseLocked(DatabaseError):
    """Another writer held the database longer than the busy timeout."""


class DatabaseMissing(DatabaseError):
    """The database named does not exist or has no registry tables."""
