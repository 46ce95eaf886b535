"""Jinja2 templates of the web application."""
