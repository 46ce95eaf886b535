"""Incident facts: models, vocabularies, calendars, normalisation and loading.

The group-incident names are imported on first use: a single incident needs none of their models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netralitas.exports import lazy_exports
from netralitas.facts.loading import load_incident, load_incident_text
from netralitas.facts.models import (
    Act,
    Candidacy,
    DatePeriod,
    ElectionRef,
    Incident,
    PartyMembership,
    Person,
    Target,
)

if TYPE_CHECKING:
    from netralitas.facts.group import GroupIncident, load_group

__all__ = [
    "Act",
    "Candidacy",
    "DatePeriod",
    "ElectionRef",
    "GroupIncident",
    "Incident",
    "PartyMembership",
    "Person",
    "Target",
    "load_group",
    "load_incident",
    "load_incident_text",
]

__getattr__ = lazy_exports(__name__, {"GroupIncident": "netralitas.facts.group",
                                     "load_group": "netralitas.facts.group"}, globals())
