"""Swedish labels of the codes in the memo JSON (kinds, answers, exit reasons, education
levels, activity types, goals), as the memo shows them: derived in ``stats.labels`` from
the domain's TextChoices (where the memo's wording differs, that is said there)."""

from __future__ import annotations

from stats.labels import (
    ACTIVITY_TYPES,
    COLOURS,
    COUNT_GOALS,
    EDUCATION,
    EXIT_REASONS,
    FORECAST,
    GOALS,
    KIND_PLURALS,
    ON_TRACK,
)

#: The group headings and the kind names of the memo's tables: the kind's plural.
KIND_GROUPS = KIND_NAMES = KIND_PLURALS

__all__ = [
    "ACTIVITY_TYPES",
    "COLOURS",
    "COUNT_GOALS",
    "EDUCATION",
    "EXIT_REASONS",
    "FORECAST",
    "GOALS",
    "KIND_GROUPS",
    "KIND_NAMES",
    "ON_TRACK",
]
