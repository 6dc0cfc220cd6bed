"""The e-mail a published notice sends: a link to the meeting in the portal, never the
file (the packet stays behind the log-in)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from meetings.models import Meeting, OrganKind, OrganMembership
from tenancy.models import Role, RoleAssignment

logger = logging.getLogger(__name__)


def recipients(meeting: Meeting) -> list[str]:
    """Every member and substitute of the organ with an account: the users linked to a
    seat, and for the board every user holding the styrelse role in the association."""
    emails = set(
        OrganMembership.objects.filter(organ=meeting.organ, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if meeting.organ.kind == OrganKind.STYRELSE:
        emails |= set(
            RoleAssignment.objects.filter(
                association=meeting.association, role=Role.STYRELSE, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    return sorted(email for email in emails if email)


def meeting_facts(meeting: Meeting) -> dict[str, Any]:
    """What the meeting's e-mails say of it: organ, association, date, start, place and
    the link to it in the portal."""
    path = reverse("meetings:detail", args=[meeting.association.slug, meeting.pk])
    return {
        "organ": meeting.organ,
        "association": meeting.association.name,
        "date": meeting.date.isoformat(),
        "start": meeting.start.strftime("%H:%M"),
        "place": meeting.place,
        "url": f"{settings.FINSAM_BASE_URL}{path}",
    }


def send_notice(meeting: Meeting) -> int:
    """E-mail each recipient a link to the meeting; returns how many were sent."""
    facts = meeting_facts(meeting)
    subject = _("Kallelse: %(organ)s %(date)s") % facts
    body = (
        _(
            "Du är kallad till sammanträde med %(organ)s i %(association)s den %(date)s kl. "
            "%(start)s, %(place)s.\n\nKallelsen med föredragningslista och handlingar finns i "
            "Finsam, där du också anmäler närvaro eller förhinder:\n%(url)s\n"
        )
        % facts
    )
    sent = 0
    for email in recipients(meeting):
        try:
            send_mail(subject, body, None, [email])
        except OSError:
            logger.exception("Notice of meeting %s not sent to one recipient", meeting.pk)
            continue
        sent += 1
    return sent
