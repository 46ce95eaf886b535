"""Hypothesis profiles for the fuzz suite (`test_fuzz.py`), chosen by `NETRALITAS_FUZZ_PROFILE`.

- `ci` (the default): a bounded run of a minute or two, part of `pytest` and of `.ci/run`;
- `release`: many more examples for a release check (about half an hour on two cores):
  `NETRALITAS_FUZZ_PROFILE=release pytest tests/cli/test_fuzz.py`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                                                       HealthCheck.function_scoped_fixture],
           "derandomize": False}
settings.register_profile("ci", max_examples=20, **_COMMON)
settings.register_profile("release", max_examples=2000, **_COMMON)
settings.load_profile(os.environ.get("NETRALITAS_FUZZ_PROFILE", "ci"))
