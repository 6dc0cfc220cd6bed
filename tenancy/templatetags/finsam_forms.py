"""Form helpers for the layout: the error summary at the top of every form, and the
input of one radio or checkbox option written without a template (``option_input``).

On a form error the page opens with one summary that lists every problem and links to
its field; ``static/js/finsam.js`` moves the focus to it, so a keyboard or screen-reader
user hears what went wrong and can jump to each field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.forms.boundfield import BoundWidget
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

register = template.Library()


@dataclass(frozen=True)
class FormProblem:
    """One line of the summary: the field's label (empty for the whole form), the message
    and the id of the element the link leads to (empty: no link)."""

    label: str
    message: str
    anchor: str


def field_anchor(field: forms.BoundField) -> str:
    """The id of the field's first focusable element: the first option of a radio or
    checkbox group (its fieldset has no id), the input itself otherwise."""
    widget = field.field.widget
    auto_id = field.auto_id or ""
    if not auto_id:
        return ""
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{auto_id}_0"
    return field.id_for_label or auto_id


def form_problems(*forms_or_formsets: Any) -> list[FormProblem]:
    """Every error of the given forms and formsets, in page order."""
    problems: list[FormProblem] = []
    for item in forms_or_formsets:
        if item is None or item == "":
            continue
        if isinstance(item, forms.BaseFormSet):
            problems.extend(FormProblem("", str(e), "") for e in item.non_form_errors())
            problems.extend(form_problems(*item.forms))
            continue
        if isinstance(item, list | tuple):
            problems.extend(form_problems(*item))
            continue
        if not isinstance(item, forms.BaseForm) or not item.is_bound or not item.errors:
            continue
        problems.extend(FormProblem("", str(e), "") for e in item.non_field_errors())
        for field in item:
            for error in field.errors:
                anchor = "" if field.is_hidden else field_anchor(field)
                problems.append(FormProblem(str(field.label or ""), str(error), anchor))
    return problems


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context: Any, *forms_or_formsets: Any) -> dict[str, Any]:
    """``{% error_summary form years goals %}``: one summary for all of a page's forms.
    Nothing when the including page says ``no_summary`` (it shows its own summary); read
    with ``context.get`` so a page without it logs no failed variable lookup (Django logs
    those with the whole context, which may hold personal data)."""
    if context.get("no_summary"):
        return {"problems": []}
    return {"problems": form_problems(*forms_or_formsets)}


def _attribute_value(value: object) -> str:
    """``{{ value|stringformat:'s' }}``: the value as text, escaped unless already safe."""
    text = "%s" % (value,)  # noqa: UP031  the filter's own formatting
    return text if isinstance(value, SafeData) else str(conditional_escape(text))


@register.filter
def option_input(option: BoundWidget) -> SafeString:
    """``{{ radio|option_input }}``: the ``<input>`` of one option of a radio or checkbox
    group, the same text as ``{{ radio.tag }}`` (Django's ``input_option.html`` without a
    wrapping label, i.e. ``input.html`` with ``attrs.html``), written in Python: a survey
    form has ~50 options, and rendering each through the form renderer's templates was
    most of the page's cost (docs/performance.md, "The pages' own cost")."""
    widget = option.data
    parts = [
        '<input type="',
        conditional_escape(widget["type"]),
        '" name="',
        conditional_escape(widget["name"]),
        '"',
    ]
    if widget["value"] is not None:
        parts += [' value="', _attribute_value(widget["value"]), '"']
    for name, value in widget["attrs"].items():
        if value is False:
            continue
        parts += [" ", conditional_escape(name)]
        if value is not True:
            parts += ['="', _attribute_value(value), '"']
    parts.append(">")
    return mark_safe("".join(parts))  # noqa: S308  every part above is escaped
