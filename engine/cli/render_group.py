"""Render a group verdict for people: the group's outcome, then one section per person."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from netralitas.cli.render import STATE_STYLE, render_verdict, state_label
from netralitas.evaluation.group import GroupVerdict
from netralitas.text import Lang, bi

_GROUP = bi("Insiden kelompok", "Group incident")
_PERSONS = bi("orang", "persons")
_OUTCOME = bi("Akibat bagi kelompok", "Outcome for the group")
_STATE = bi("Keadaan kelompok", "Group state")
_PERSON = bi("Orang", "Person")
_ACTS = bi("perbuatan", "acts")
_NO_ACTS = bi("tidak ada perbuatan yang dilaporkan untuk orang ini", "no act is reported for this person")
_PROVENANCE = bi("Jejak kelompok", "Group provenance")


def render_group_verdict(group: GroupVerdict, console: Console, lang: Lang = "id", explain: bool = False) -> None:
    """Print `group` readably: the overall state first, so that no person's section hides it."""
    piped = not console.is_terminal
    title = f"{_GROUP.get(lang)} {group.incident_id} ({len(group.persons)} {_PERSONS.get(lang)})"
    if piped:
        console.print(Text(f"══ {title} ══", style="bold"))
    else:
        console.rule(Text(title, style="bold"), characters="═")
    if group.title:
        console.print(group.title)
    state = group.outcome.state.value
    console.print(Text(f"{_STATE.get(lang)}: ", style="bold") + Text(state_label(state, lang),
                                                                     style="bold " + STATE_STYLE[state]))
    console.print(Text(f"{_OUTCOME.get(lang)}: ", style="bold") + Text(group.outcome.summary.get(lang)))
    for person in group.persons:
        console.print()
        name = f" ({person.name})" if person.name else ""
        acts = ", ".join(person.acts) if person.acts else _NO_ACTS.get(lang)
        console.print(Text(f"▶ {_PERSON.get(lang)} {person.person_id}{name} — {_ACTS.get(lang)}: {acts}",
                           style="bold"))
        render_verdict(person.verdict, console, lang, explain)
    p = group.provenance
    console.print(f"{_PROVENANCE.get(lang)}: rulebook {p.rulebook_hash[:16]} · engine {p.engine_version} · "
                  f"input {p.input_hash[:16]}", style="dim")
