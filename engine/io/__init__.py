"""Reading input safely: YAML, JSON and text with file, line and column for every value.

The lowest layer above the shared modules (`errors`, `text`, `suggestions`, `messages`):
the facts, the rulebook and the authoring tools read their files through it.
"""
