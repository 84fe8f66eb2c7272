"""compare-claims: see where several reports of one event agree and where they differ."""
__version__ = "0.1.0"
