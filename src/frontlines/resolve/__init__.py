"""Resolve stage: turn mentions into canonical actors, sources, places, dates and numbers."""
