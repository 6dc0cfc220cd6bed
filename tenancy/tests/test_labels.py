"""``choice_label`` and the ``display`` filter give what ``get_<field>_display`` gives."""

from __future__ import annotations

import pytest
from django.db.models import Field, Model
from django.template import engines
from django.utils import translation

from followup.models import QuarterlyReport
from interventions.models import Intervention
from participants.models import Participation
from tenancy.labels import choice_label

FIELDS = [
    (Intervention, "kind"),
    (Intervention, "aim"),
    (Intervention, "follow_up"),
    (Participation, "gender"),
    (Participation, "exit_reason"),
    (QuarterlyReport, "colour"),
]


def values_of(field: Field) -> list[object]:
    """Every choice, an empty value and one that is not a choice."""
    return [value for value, _label in field.flatchoices] + ["", "inget-val", None]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(("model", "name"), FIELDS)
def test_choice_label_every_value_equals_get_display(
    model: type[Model], name: str, language: str
) -> None:
    field = model._meta.get_field(name)
    assert isinstance(field, Field)
    obj = model()

    labels, expected = [], []
    with translation.override(language):
        for value in values_of(field):
            setattr(obj, field.attname, value)
            labels.append(choice_label(obj, name))
            expected.append(getattr(obj, f"get_{name}_display")())

    assert labels == expected


def test_display_filter_renders_get_display() -> None:
    intervention = Intervention(kind=Intervention._meta.get_field("kind").flatchoices[0][0])
    template = engines["django"].from_string(
        '{% load finsam_format %}{{ i|display:"kind" }}|{{ i.get_kind_display }}'
    )

    mine, django = template.render({"i": intervention}).split("|")

    assert (mine, bool(mine)) == (django, True)
