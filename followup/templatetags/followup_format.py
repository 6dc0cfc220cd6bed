"""Display helpers of the follow-up pages: a CSS class for a status or an assessment."""

from __future__ import annotations

from django import template

from followup.models import Colour
from followup.services import DueStatus

register = template.Library()

STATUS_CLASSES: dict[str, str] = {
    DueStatus.SUBMITTED: "status-ok",
    DueStatus.DRAFT: "status-warn",
    DueStatus.NOT_STARTED: "status-warn",
    DueStatus.LATE: "status-bad",
}
COLOUR_CLASSES: dict[str, str] = {
    Colour.GREEN: "status-ok",
    Colour.YELLOW: "status-warn",
    Colour.RED: "status-bad",
}


@register.filter
def status_class(status: str) -> str:
    """``status-ok`` / ``status-warn`` / ``status-bad`` for a DueStatus (empty otherwise)."""
    return STATUS_CLASSES.get(status, "")


@register.filter
def colour_class(colour: str) -> str:
    return COLOUR_CLASSES.get(colour, "")
