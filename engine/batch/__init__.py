"""Batches: streams of incidents from folders, JSON Lines and CSV, verdicts streamed out in order."""
