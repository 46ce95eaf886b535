"""pytest plugin: collects `*.tests.yaml` scenario files so `pytest` runs legal staff's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netralitas.authoring.scenario_report import report, run
from netralitas.authoring.scenarios import SUFFIX, LoadedScenario, load_scenarios, rulebook_dir_for
from netralitas.errors import RulebookError
from netralitas.evaluation import Evaluator
from netralitas.messages import render
from netralitas.rulebook import Rulebook

_EVALUATORS: dict[Path, Evaluator] = {}


def _evaluator_for(path: Path) -> Evaluator:
    """The evaluator of the rulebook folder holding `path` (the folder with instruments.yaml)."""
    folder = rulebook_dir_for(path.parent)
    key = folder or Path("/")
    if key not in _EVALUATORS:
        _EVALUATORS[key] = Evaluator(Rulebook.load(folder))
    return _EVALUATORS[key]


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.name.endswith(SUFFIX):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        try:
            scenarios = load_scenarios(self.path)
        except RulebookError as error:
            raise self.CollectError("\n".join(render(p, "en") for p in error.problems)) from None
        for loaded in scenarios:
            yield ScenarioItem.from_parent(self, name=loaded.scenario.name, loaded=loaded)


class ScenarioFailed(Exception):
    pass


class ScenarioItem(pytest.Item):
    def __init__(self, *, loaded: LoadedScenario, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.loaded = loaded

    def runtest(self) -> None:
        evaluator = _evaluator_for(Path(self.loaded.file))
        result = run(evaluator, self.loaded)
        if not result.passed:
            raise ScenarioFailed("\n".join(report(result, evaluator.rulebook, "en")))

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioFailed):
            return f"{self.loaded.file}:{self.loaded.line}: scenario '{self.name}'\n{excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, (self.loaded.line or 1) - 1, f"scenario: {self.name}"
