"""Fuzzing (issue 11): hostile incidents, rule files and batch lines through the library and the CLI.

Asserted for every generated input: nothing but the package's errors is raised; the CLI exits 0, 2, 3
or 4 only (never 70); every problem names its file and line; every valid neighbour in a batch still
gets its verdict. Profiles in `tests/cli/conftest.py` (`NETRALITAS_FUZZ_PROFILE=release` for a long run).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import given
from typer.testing import CliRunner

from netralitas import Evaluator, IncidentError, Rulebook, RulebookError
from netralitas.cli import app
from netralitas.errors import NetralitasError
from netralitas.facts.loading import located_text, relocate
from netralitas.rulebook import bundled_rules_dir
from tests.cli.fuzz_strategies import VALID_INCIDENT, batch_lines, incident_texts, rule_texts

runner = CliRunner()
EVALUATOR = Evaluator(Rulebook.load(), backend="python")


def _problem_lines(output: str, name: str) -> list[str]:
    return [line for line in output.splitlines() if ": error: " in line or ": galat: " in line]


@given(incident_texts())
def test_library_raises_only_located_incident_errors(text: str) -> None:
    try:
        located = located_text(text, "fuzz.yaml")
        from netralitas.facts.loading import incident_from_located

        incident = incident_from_located(located, "fuzz")
        try:
            EVALUATOR.evaluate(incident)
        except IncidentError as error:
            raise relocate(error, located) from None
    except IncidentError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == "fuzz.yaml" and problem.line is not None, problem
    except NetralitasError:
        pass


@given(incident_texts())
def test_cli_evaluate_exits_0_or_2_with_located_messages(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "incident.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        result = runner.invoke(app, ["evaluate", str(path), "--backend", "python", "--lang", "en"])
        assert result.exit_code in (0, 2), result.output
        assert ("internal error" not in result.output and result.exception is None) or \
            isinstance(result.exception, SystemExit), result.output
        if result.exit_code == 2:
            lines = _problem_lines(result.stderr, str(path))
            assert lines and all(line.startswith(f"{path}:") and line.split(":")[1].isdigit() for line in lines), \
                result.stderr


@given(rule_texts())
def test_rule_files_give_exit_0_or_3_with_located_messages(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "rules"
        book.mkdir()
        for name in ("instruments.yaml", "sanctions.yaml"):
            shutil.copy(bundled_rules_dir() / name, book / name)
        (book / "fuzz.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            Rulebook.load(book)
        except RulebookError as error:
            for problem in error.problems:
                assert problem.file and problem.line is not None, problem
        result = runner.invoke(app, ["rules", "check", "--rules", str(book), "--lang", "en"])
        assert result.exit_code in (0, 3), result.output
        assert "internal error" not in result.output
        for line in _problem_lines(result.stdout, str(book)):
            assert line.startswith(str(book)) and line.split(":")[1].isdigit(), line


@given(batch_lines())
def test_batch_survives_every_line_and_valid_neighbours_get_verdicts(lines: list[bytes]) -> None:
    valid = [json.dumps({**VALID_INCIDENT, "id": f"ok-{n}"}).encode() for n in range(len(lines))]
    content = [valid[n] if line == b"OK" else line for n, line in enumerate(lines)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.jsonl"
        path.write_bytes(b"\n".join(content) + b"\n")
        result = runner.invoke(app, ["evaluate", str(path), "--backend", "python", "--lang", "en"])
        assert result.exit_code in (0, 4), result.output
        records = [json.loads(line) for line in result.stdout.split("\n") if line]  # not splitlines: U+0085
        verdict_ids = {r["incident_id"] for r in records if "error" not in r}
        expected = {f"ok-{n}" for n, line in enumerate(lines) if line == b"OK"}
        assert expected <= verdict_ids, (expected, result.output)
        for record in records:
            if "error" in record:
                whole_file = "no incidents in" in record["error"]["problems"][0]["message"]
                assert (record["error"]["line"] is not None or whole_file) and record["error"]["source"] == str(path)
                assert "internal error" not in json.dumps(record), record
        if result.exit_code == 4:
            assert all(line.startswith(f"{path}:") for line in _problem_lines(result.stderr, str(path)))
