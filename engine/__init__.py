"""netralitas: Indonesian law on ASN political neutrality as an executable, auditable rulebook.

    >>> from netralitas import Evaluator, load_incident
    >>> verdict = Evaluator().evaluate(load_incident("facts/examples/camat-kades.yaml"))  # doctest: +SKIP

The names below are imported on first use, so that `import netralitas.cli` (or any one subpackage) imports only
what it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netralitas.exports import lazy_exports
from netralitas.version import __version__

if TYPE_CHECKING:
    from netralitas.errors import IncidentError, NetralitasError, Problem, RulebookError
    from netralitas.evaluation import Evaluator
    from netralitas.evaluation.verdict import Verdict
    from netralitas.facts import Incident, load_incident, load_incident_text
    from netralitas.rulebook import Rulebook

__all__ = [
    "Evaluator",
    "Incident",
    "IncidentError",
    "NetralitasError",
    "Problem",
    "Rulebook",
    "RulebookError",
    "Verdict",
    "__version__",
    "load_incident",
    "load_incident_text",
]

__getattr__ = lazy_exports(__name__, {
    "IncidentError": "netralitas.errors", "NetralitasError": "netralitas.errors", "Problem": "netralitas.errors",
    "RulebookError": "netralitas.errors", "Evaluator": "netralitas.evaluation",
    "Verdict": "netralitas.evaluation.verdict", "Incident": "netralitas.facts", "load_incident": "netralitas.facts",
    "load_incident_text": "netralitas.facts", "Rulebook": "netralitas.rulebook",
}, globals())
