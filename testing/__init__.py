"""Shared test helpers: factories and the named personas every view is tested with."""
