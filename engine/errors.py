"""One exception hierarchy for everything a user can get wrong.

Every error that reaches a user names the place: file, line, column, rule id and field,
and where possible suggests what was meant. No error here should ever need a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem in a rule file or an incident file.

    `path` is the full YAML path of the offending value (e.g. `rules.0.when.all.1.fact`) when it is
    known; `message_id` is the message in Bahasa Indonesia when the code that found the problem wrote
    one (otherwise `netralitas.messages` translates `message`).
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    rule_id: str | None = None
    field: str | None = None
    suggestion: str | None = None
    severity: str = "error"
    path: str | None = None
    message_id: str | None = None

    def where(self) -> str:
        """`file:line:column`, as far as it is known."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self) -> str:
        """One line a person can act on."""
        text = f"{self.where()}: {self.severity}: "
        if self.rule_id:
            text += f"rule {self.rule_id}: "
        if self.field:
            text += f"field '{self.field}': "
        text += self.message
        if self.suggestion:
            text += f" (did you mean '{self.suggestion}'?)"
        return text


class NetralitasError(Exception):
    """Base of every error netralitas raises on purpose."""

    exit_code = 2


class ProblemsError(NetralitasError):
    """Carries one or more located problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.render() for p in self.problems))


class RulebookError(ProblemsError):
    """The rulebook (rule files, instrument registry, sanctions, calendars) is invalid."""

    exit_code = 3


class IncidentError(ProblemsError):
    """An incident file is malformed or describes something impossible."""

    exit_code = 2


class InputFileError(NetralitasError):
    """A file cannot be read at all (missing, too large, not text)."""

    exit_code = 2


REPORT_TO = "the netralitas issue tracker, with the command and the input (CONTRIBUTING.md, 'Reporting problems')"
"""Where an internal error (a bug, never bad input) is to be reported."""


def internal_problem(error: BaseException, file: str | None = None, line: int | None = None) -> Problem:
    """An unexpected failure while handling one input, as a located problem that says where to report it."""
    return Problem(f"internal error while evaluating ({type(error).__name__}: {error}); please report it at "
                   f"{REPORT_TO}", file, line)
