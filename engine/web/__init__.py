"""The officers web application: server-rendered pages over the HTTP APIs services."""
