"""Tools for legal staff: rules check, test, doc and diff, the pytest plugin and the JSON Schemas."""
