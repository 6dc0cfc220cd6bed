"""The participant list's rows written in Python are the text the template's loop wrote."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import resolve, reverse

from participants.choices import ExitReason, Gender
from participants.list_html import participation_rows_html
from participants.tests.test_views_participations import enter
from participants.views.participations import list_rows
from testing.participants import MAN_1985, WOMAN_2001, anonymous_in_a, exit_in_a
from testing.personas import World

pytestmark = pytest.mark.django_db
D = dt.date

#: The loop of participants/includes/participation_table.html before it was replaced.
TEMPLATE_LOOP = "{% load i18n %}" + (
    "  {% for row in rows %}{% with p=row.participation %}\n"
    "    <tr>\n"
    "      {% if p.is_anonymous %}\n"
    '      <td><a href="{% url \'participants:detail\' association.slug p.pk %}">{% translate "Anonym" %}</a></td>\n'  # noqa: E501
    "      <td></td>\n"
    "      <td>{{ row.gender }}</td>\n"
    '      <td>{{ p.entry_date|date:"Y-m-d" }}</td>\n'
    "      <td></td>\n"
    "      <td></td>\n"
    "      {% else %}\n"
    "      <td><a href=\"{% url 'participants:detail' association.slug p.pk %}\">{{ p.person.masked_personnummer }}</a></td>\n"  # noqa: E501
    "      <td>{{ row.name }}</td>\n"
    "      <td>{{ row.gender }}</td>\n"
    '      <td>{{ p.entry_date|date:"Y-m-d" }}</td>\n'
    '      <td>{{ p.exit_date|date:"Y-m-d" }}</td>\n'
    "      <td>{{ row.exit_reason }}</td>\n"
    "      {% endif %}\n"
    "    </tr>\n"
    "  {% endwith %}{% endfor %}\n"
)


def test_rows_html_equals_the_template_loop(world: World, client_as: object) -> None:
    enter(world, name='Beata <Berglund> & "Co"')
    exited = enter(world, MAN_1985, entry_date=D(2022, 5, 1))
    exit_in_a(world, exited, on=D(2022, 8, 1), reason=ExitReason.STUDIES)
    anonymous_in_a(world, gender=Gender.OTHER, on=D(2022, 4, 5))
    enter(world, WOMAN_2001, entry_date=D(2023, 1, 9))
    from participants.models import Participation

    shown = list(
        Participation.objects.filter(intervention=world.intervention_a)
        .select_related("person", "identity")
        .order_by("pk")
    )
    rows = list_rows(shown)
    path = reverse("participants:list", args=["exempel", world.intervention_a.pk])
    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    context = {"rows": rows, "association": world.association}

    old = engines["django"].from_string(TEMPLATE_LOOP).render(context, request)
    new = participation_rows_html(
        rows, association_slug="exempel", current_app=request.resolver_match.namespace
    )

    assert len(rows) == 4
    # the template now writes the loop's place as "  {{ rows_html }}\n"
    written = engines["django"].from_string("  {{ rows_html }}\n").render({"rows_html": new})
    assert (written, "&lt;Berglund&gt;" in new, "Anonym" in new) == (old, True, True)
