"""The label of a model field's choice, as ``get_<field>_display()`` gives it, with the
field's labels translated once per process and language.

``get_<field>_display()`` builds a dict of every choice of the field on each call, and
hashing a lazy label translates it: in a list of 50 rows with two such columns that was
~700 translations a page (docs/performance.md, "The pages' own cost"). Translation
catalogues do not change while a process runs, so the labels are kept per language.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db.models import Field, Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language


@lru_cache(maxsize=512)
def _labels(field: Field[Any, Any], language: str | None) -> dict[Any, Any]:
    # ``language`` is only the cache's key: ``force_str`` translates in the active one.
    return {make_hashable(value): force_str(label) for value, label in field.flatchoices}


def choice_label(obj: Model, name: str) -> Any:
    """``obj.get_<name>_display()``: the label of the field's value in the active language,
    the value itself when it is not a choice."""
    field = obj._meta.get_field(name)
    assert isinstance(field, Field)  # noqa: S101 - a concrete field with choices
    value = getattr(obj, field.attname)
    labels = _labels(field, get_language())
    return force_str(labels.get(make_hashable(value), value), strings_only=True)
