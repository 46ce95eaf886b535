"""Incident facts: models, vocabularies, calendars, normalisation and loading."""

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
    "Incident",
    "PartyMembership",
    "Person",
    "Target",
    "load_incident",
    "load_incident_text",
]
