"""netralitas: Indonesian law on ASN political neutrality as an executable, auditable rulebook.

    >>> from netralitas import Evaluator, load_incident
    >>> verdict = Evaluator().evaluate(load_incident("facts/examples/camat-kades.yaml"))  # doctest: +SKIP
"""

from netralitas.errors import IncidentError, NetralitasError, Problem, RulebookError
from netralitas.evaluation import Evaluator
from netralitas.evaluation.verdict import Verdict
from netralitas.facts import Incident, load_incident, load_incident_text
from netralitas.rulebook import Rulebook
from netralitas.version import __version__

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
