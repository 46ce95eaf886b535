"""The package keeps the layout docs/architecture.md draws: import directions hold, tests mirror it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import netralitas

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")
SUBPACKAGES = {"io", "lang", "rulebook", "matching", "evaluation", "authoring", "batch", "registry", "cli"}


def test_import_contracts_are_kept() -> None:
    result = subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_a_broken_direction_is_caught(tmp_path: Path) -> None:
    """The contract is not vacuous: a lower layer importing a higher one breaks it."""
    config = tmp_path / "contracts.ini"
    config.write_text("[importlinter]\nroot_package = netralitas\n\n[importlinter:contract:probe]\n"
                      "name = probe\ntype = layers\nlayers =\n    netralitas.rulebook\n    netralitas.evaluation\n",
                      encoding="utf-8")
    result = subprocess.run([LINT_IMPORTS, "--no-cache", "--config", str(config)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stdout
    assert "netralitas.evaluation" in result.stdout and "BROKEN" in result.stdout


def test_every_subpackage_named_in_the_architecture_exists_and_is_documented() -> None:
    package = Path(netralitas.__file__).resolve().parent
    found = {p.name for p in package.iterdir() if (p / "__init__.py").is_file()}
    assert found >= SUBPACKAGES
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in sorted(found):
        assert f"`netralitas.{name}`" in architecture, name


def test_tests_mirror_the_layout() -> None:
    folders = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert folders <= SUBPACKAGES | {"facts", "registry", "api", "web"}, folders - SUBPACKAGES
    assert not list((ROOT / "tests").glob("test_*.py")) or {p.name for p in (ROOT / "tests").glob("test_*.py")} == {
        "test_layout.py"}
