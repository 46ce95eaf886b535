"""Incident facts: models, vocabularies, calendars, normalisation and loading."""

from netralitas.facts.group import GroupIncident, load_group
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
