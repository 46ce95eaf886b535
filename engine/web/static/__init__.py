"""Stylesheets and the one small script, served by the application itself (no CDN)."""
