"""Form base for tenant objects.

Choice fields for related tenant models are built empty at import time (queries outside
an association scope raise) and filled from the active scope when the form is made, so a
dropdown can only offer the current association's objects.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.forms.models import ModelFormMetaclass
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy

from tenancy.models import Association


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (above the form for
    messages about no field of this form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def tenant_formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    related = db_field.related_model
    if db_field.is_relation and isinstance(related, type) and hasattr(related, "association"):
        kwargs.setdefault("queryset", related._default_manager.none())
    return db_field.formfield(**kwargs)


class TenantModelFormMetaclass(ModelFormMetaclass):
    """Django reads ``formfield_callback`` from each form's own ``Meta``: give every
    subclass's Meta the tenant callback unless it names another."""

    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any]) -> Any:
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(tenant_formfield)
        return super().__new__(mcs, name, bases, attrs)


class TenantModelForm(forms.ModelForm, metaclass=TenantModelFormMetaclass):
    def __init__(self, *args: Any, association: Association, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.association = association
        if getattr(self.instance, "association_id", None) is None:
            self.instance.association = association
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset.model, "association"):
                field.queryset = queryset.model._default_manager.all()  # type: ignore[attr-defined]  # only model choice fields have a queryset

    def _get_validation_exclusions(self) -> set[str]:
        # The association is set on the instance, not in the form: still validate the
        # unique constraints that include it, so a duplicate is a form error, not a 500.
        exclusions: set[str] = super()._get_validation_exclusions()  # type: ignore[misc]  # a private ModelForm hook the stubs lack
        exclusions.discard("association")
        return exclusions


def default_text_field(*, rows: int) -> forms.CharField:
    """The office's own text of a section that otherwise shows its default text (the memo's
    and the annual report's sections): paragraphs and "- " lists, as
    ``documents.memo.model.Text`` renders them; left empty, the default is used."""
    return forms.CharField(
        label=gettext_lazy("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=gettext_lazy(
            "Stycken skiljs åt med en tom rad. Rader som börjar med ”- ” blir en punktlista. "
            "Lämna fältet tomt för att använda standardtexten."
        ),
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


def within_upload_limit(upload: UploadedFile) -> UploadedFile:
    """The uploaded file, refused when it is larger than ``FINSAM_MAX_UPLOAD_BYTES``."""
    limit = int(settings.FINSAM_MAX_UPLOAD_BYTES)
    if (upload.size or 0) > limit:
        raise forms.ValidationError(
            gettext_lazy("Filen är för stor. Största tillåtna storlek är %(limit)s."),
            code="too_large",
            params={"limit": filesizeformat(limit)},
        )
    return upload
