"""Loading and validating a rulebook: rule files, instruments, sanctions and calendars, located."""

from netralitas.rulebook.loader import LoadedRule, Rulebook, bundled_rules_dir

__all__ = ["LoadedRule", "Rulebook", "bundled_rules_dir"]
