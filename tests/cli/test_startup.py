"""A CLI that answers at once (issue 12): evaluating one file imports only what it uses.

Not a timed test (speed targets live in `benchmarks/`): it checks, in a fresh interpreter, which modules
`netralitas evaluate FILE` loads, and that every command is still registered and runs its `--help`.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from netralitas.batch.runner import DOCUMENT_SUFFIXES, is_batch_source
from netralitas.cli import DOCUMENT_SUFFIXES as CLI_DOCUMENT_SUFFIXES
from netralitas.cli import LAZY_COMMANDS, app
from tests.conftest import EXAMPLES, ROOT

HEAVY = ("jinja2", "sqlalchemy", "alembic", "psycopg", "fastapi", "starlette", "uvicorn", "hypothesis",
         "multiprocessing", "netralitas.authoring", "netralitas.batch", "netralitas.registry", "netralitas.api",
         "netralitas.web", "netralitas.cli.rules", "netralitas.cli.cases", "netralitas.cli.db",
         "netralitas.cli.server", "netralitas.facts.group", "netralitas.evaluation.group",
         "netralitas.cli.render_group")
COMMANDS = {"evaluate", "schema", "serve", "rules", "cases", "db", "users", "tokens"}

_PROBE = """
import sys
from netralitas.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_after(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=True)
    return set(done.stderr.splitlines())


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize("args", [(), ("--format", "json"), ("--lang", "en", "--explain")])
def test_evaluating_one_file_imports_nothing_heavy(args: tuple[str, ...]) -> None:
    modules = _modules_after("evaluate", str(EXAMPLES / "camat-kades.yaml"), *args)
    assert "netralitas.evaluation.evaluator" in modules and "netralitas.cli.render" in modules
    assert _heavy(modules) == []


def test_a_group_incident_loads_the_group_models() -> None:
    modules = _modules_after("evaluate", str(next((EXAMPLES / "groups").glob("*.yaml"))))
    assert {"netralitas.facts.group", "netralitas.evaluation.group", "netralitas.cli.render_group"} <= modules


def test_the_package_imports_its_parts_on_first_use() -> None:
    probe = ("import sys, netralitas; before = 'netralitas.evaluation.evaluator' in sys.modules; "
             "netralitas.Evaluator; from netralitas.facts import GroupIncident; "
             "print(before, 'netralitas.evaluation.evaluator' in sys.modules, GroupIncident.__name__)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          check=True)
    assert done.stdout.split() == ["False", "True", "GroupIncident"]


_ENTRY = """
import atexit, os, sys
sys.argv = ["netralitas", "--version"]
atexit.register(lambda: print(repr(os.environ.get("PYDANTIC_DISABLE_PLUGINS")), file=sys.stderr))
from netralitas.__main__ import main
main()
"""


@pytest.mark.parametrize(("preset", "seen"), [(None, "'__all__'"), ("", "''"), ("logfire", "'logfire'")])
def test_the_command_skips_pydantic_plugins_unless_told_otherwise(preset: str | None, seen: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if preset is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = preset
    done = subprocess.run([sys.executable, "-c", _ENTRY], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env=env)
    assert done.stderr.strip().splitlines()[-1] == seen, done.stderr


def test_a_batch_still_loads_its_plumbing() -> None:
    modules = _modules_after("evaluate", str(EXAMPLES), "--format", "jsonl")
    assert "netralitas.batch.runner" in modules


def test_help_lists_every_command_and_each_lazy_one_runs() -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["--help"], terminal_width=200)
    assert listed.exit_code == 0, listed.output
    shown = {line.split()[1] for line in listed.output.splitlines() if line.startswith("│ ") and len(line.split()) > 1}
    assert shown >= COMMANDS, listed.output
    assert set(LAZY_COMMANDS) == COMMANDS - {"evaluate", "schema"}
    for name in LAZY_COMMANDS:
        result = runner.invoke(app, [name, "--help"], terminal_width=200)
        assert result.exit_code == 0 and "Usage: " in result.output and name in result.output, result.output


def test_a_lazy_group_runs_its_sub_commands() -> None:
    result = CliRunner().invoke(app, ["rules", "check", "--rules", str(ROOT / "rules")])
    assert result.exit_code == 0, result.output


def test_the_single_document_shortcut_agrees_with_the_batch_runner() -> None:
    assert CLI_DOCUMENT_SUFFIXES == DOCUMENT_SUFFIXES
    assert not any(is_batch_source(f"incident{suffix}") for suffix in DOCUMENT_SUFFIXES)
