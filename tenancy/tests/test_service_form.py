"""The shared form helpers: a service's ValidationError on the form, and ServiceFormMixin's
two outcomes (refused: the form again with the errors; saved: message and redirect)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.views.generic import FormView

from tenancy.forms import add_service_errors
from tenancy.views.base import ServiceFormMixin


class NameForm(forms.Form):
    name = forms.CharField()


def bound_form() -> NameForm:
    form = NameForm({"name": "Anna"})
    assert form.is_valid()
    return form


def test_add_service_errors_field_error_lands_on_the_field() -> None:
    form = bound_form()

    add_service_errors(form, ValidationError({"name": "Namnet är upptaget."}))

    assert form.errors == {"name": ["Namnet är upptaget."]}


def test_add_service_errors_unknown_field_lands_above_the_form() -> None:
    form = bound_form()

    add_service_errors(form, ValidationError({"amount": "Beloppet saknas."}))

    assert form.errors == {"__all__": ["Beloppet saknas."]}


def test_add_service_errors_plain_error_lands_above_the_form() -> None:
    form = bound_form()

    add_service_errors(
        form, ValidationError("Perioden är stängd (%(year)s).", params={"year": 2025})
    )

    assert form.errors == {"__all__": ["Perioden är stängd (2025)."]}


class NameView(ServiceFormMixin, FormView):
    form_class = NameForm
    template_name = "unused.html"
    refuse = False

    def save(self, form: Any) -> str:
        if self.refuse:
            raise ValidationError({"name": "Namnet är upptaget."})
        return str(form.cleaned_data["name"])

    def get_success_url_for(self, result: str) -> str:
        return f"/sparat/{result}/"

    def form_invalid(self, form: Any) -> Any:
        return form.errors


def post(view: NameView) -> tuple[Any, list[str]]:
    request = RequestFactory().post("/", {"name": "Anna"})
    request.session = SessionBase()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]  # what MessageMiddleware sets
    view.setup(request)
    response = view.form_valid(bound_form())
    return response, [str(message) for message in get_messages(request)]


def test_service_form_saved_shows_message_and_redirects() -> None:
    response, shown = post(NameView())

    assert (response.status_code, response["Location"], shown) == (
        302,
        "/sparat/Anna/",
        ["Sparat."],
    )


def test_service_form_refused_shows_the_form_with_errors() -> None:
    errors, shown = post(NameView(refuse=True))

    assert (errors, shown) == ({"name": ["Namnet är upptaget."]}, [])
