"""The rule language: models, conditions, type checking, registry."""
