"""Annotator: hand-label news articles with actors, stances and narratives."""

__version__ = "0.1.0"
