"""``option_input`` writes the same ``<input>`` as Django's ``{{ radio.tag }}``."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.boundfield import BoundWidget
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from interventions.models import Intervention
from survey.forms import PaperAnswerForm, PublicAnswerForm
from survey.instruments import current_instrument
from tenancy.templatetags.finsam_forms import option_input


def every_option(form: forms.Form) -> list[BoundWidget]:
    """The options of the form's radio and checkbox groups (what ``option_input`` is for)."""
    groups = (forms.RadioSelect, forms.CheckboxSelectMultiple)
    return [
        option
        for field in form
        if isinstance(field.field.widget, groups)
        for option in field.subwidgets
    ]


def tags(form: forms.Form) -> list[tuple[str, str]]:
    return [(option_input(option), option.tag()) for option in every_option(form)]


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["deltagare_pagaende", "deltagare_avslut", "styrelse"])
def test_option_input_survey_form_unbound_equals_tag(code: str) -> None:
    form = PublicAnswerForm(form=current_instrument().forms[code])

    written = tags(form)

    assert len(written) > 20
    assert [mine for mine, _ in written] == [django for _, django in written]


@pytest.mark.django_db
def test_option_input_bound_form_with_errors_equals_tag() -> None:
    survey = current_instrument().forms["deltagare_avslut"]
    form = PaperAnswerForm(
        {"q1": "1", "q2": "9", "kon": "kvinna", "datum": ""},
        form=survey,
        interventions=Intervention.objects.none(),
    )
    form.is_valid()

    written = tags(form)

    assert [mine for mine, _ in written] == [django for _, django in written]
    assert any(" checked" in mine for mine, _ in written)


ATTRIBUTE_VALUES = st.one_of(
    st.booleans(),
    st.text(max_size=8),
    st.integers(-5000, 5000),
    st.text(max_size=8).map(mark_safe),
)


@settings(max_examples=60, deadline=None)
@given(
    attrs=st.dictionaries(
        st.sampled_from(["class", "data-x", "aria-a", "title"]), ATTRIBUTE_VALUES
    ),
    choices=st.lists(st.tuples(st.text(max_size=6), st.text(max_size=6)), max_size=4),
    initial=st.text(max_size=6),
    multiple=st.booleans(),
)
def test_option_input_any_attributes_equal_tag(
    attrs: dict[str, object], choices: list[tuple[str, str]], initial: str, multiple: bool
) -> None:
    widget_class = forms.CheckboxSelectMultiple if multiple else forms.RadioSelect
    field = forms.ChoiceField(choices=choices, widget=widget_class(attrs=attrs), required=False)
    form = forms.Form(initial={"val": [initial] if multiple else initial})
    form.fields["val"] = field

    written = tags(form)

    assert [mine for mine, _ in written] == [django for _, django in written]
