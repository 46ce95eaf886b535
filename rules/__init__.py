"""The bundled rulebook: YAML data only (see rules/README.md)."""
