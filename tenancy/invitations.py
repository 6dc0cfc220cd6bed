"""Invitations to a role: the office invites an e-mail address, the invited person
accepts through a link sent by e-mail, and only then does the role take effect (through
``tenancy.services.assign_role``, so separation of duties holds).

What the office sees never depends on whether an account with the address exists: the
same answer, the same list row (the address it typed), no name until the person accepts.
A pending invitation gives no role, so it changes nothing for the person's account in
other associations (no second-factor demand, no menu entry there).

The link's token is random (``secrets``), stored only as its SHA-256, expires after
``FINSAM_INVITATION_DAYS`` days (default 14) and is used once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from tenancy.models import Association, Invitation, Role, User
from tenancy.services import assign_role, check_role_scope


def invitation_days() -> int:
    return int(getattr(settings, "FINSAM_INVITATION_DAYS", 14))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_email(email: str) -> str:
    return User.objects.normalize_email(email.strip()).lower()


def accept_path(token: str) -> str:
    return reverse("invitation_accept", args=[token])


def invite(
    *,
    email: str,
    role: str,
    association: Association,
    intervention: Any = None,
    invited_by: Any = None,
    base_url: str = "",
    personnummer_hash: str = "",
) -> Invitation:
    """Create an invitation and e-mail its link to ``email``. Never looks at user
    accounts. An earlier pending invitation to the same address and role here is closed
    (its link stops working). ``base_url`` is the site's scheme and host for the link.

    With ``personnummer_hash`` (an invitation for e-ID sign-in) the person is identified
    by the personnummer: the e-mail tells them to sign in with e-ID and has no link."""
    if role == Role.SYSTEMADMINISTRATOR:
        raise ValidationError(_("Rollen systemadministratör kan inte ges i ett förbund."))
    check_role_scope(role=role, association=association, intervention=intervention)
    email = normalise_email(email)
    now = timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        earlier = pending(association).filter(role=role, intervention=intervention)
        if personnummer_hash:
            earlier = earlier.filter(personnummer_hash=personnummer_hash)
        else:
            earlier = earlier.filter(email=email, personnummer_hash="")
        earlier.update(closed_at=now)
        invitation = Invitation.objects.create(
            association=association,
            email=email,
            role=role,
            intervention=intervention,
            token_hash=token_hash(token),
            invited_by=invited_by if getattr(invited_by, "is_authenticated", False) else None,
            expires_at=now + dt.timedelta(days=invitation_days()),
            personnummer_hash=personnummer_hash,
        )
    # Sent once the invitation is stored (a link that arrives first would not work).
    try:
        if personnummer_hash:
            _send(invitation, f"{base_url}{reverse('account_login')}", EID_MAIL)
        else:
            _send(invitation, f"{base_url}{accept_path(token)}", LINK_MAIL)
    except OSError:  # SMTPException is an OSError
        Invitation.objects.filter(pk=invitation.pk).update(closed_at=timezone.now())
        raise ValidationError(
            _("Inbjudan kunde inte skickas med e-post. Försök igen senare.")
        ) from None
    return invitation


def role_text(invitation: Invitation) -> str:
    role = str(invitation.get_role_display())
    if invitation.intervention is None:
        return role
    return _("%(role)s för insatsen %(intervention)s") % {
        "role": role,
        "intervention": f"{invitation.intervention.code} {invitation.intervention.display_name}",
    }


#: The e-mail of an invitation by e-mail: the link answers it.
LINK_MAIL = gettext_lazy(
    "Hej!\n\n"
    "Du har bjudits in till rollen %(role)s i %(association)s i Finsam.\n\n"
    "Öppna länken för att svara på inbjudan:\n%(link)s\n\n"
    "Har du inget konto väljer du ett lösenord när du tackar ja; har du ett konto "
    "loggar du in och bekräftar. Länken gäller till och med %(expires)s och kan "
    "användas en gång. Rollen gäller först när du har tackat ja.\n\n"
    "Väntade du dig inte inbjudan kan du bortse från meddelandet."
)
#: The e-mail of an invitation by personnummer: the first e-ID sign-in answers it.
EID_MAIL = gettext_lazy(
    "Hej!\n\n"
    "Du har bjudits in till rollen %(role)s i %(association)s i Finsam.\n\n"
    "Logga in med e-legitimation (till exempel BankID eller Freja eID) på\n%(link)s\n"
    "så gäller rollen från första inloggningen. Inbjudan gäller till och med "
    "%(expires)s.\n\n"
    "Väntade du dig inte inbjudan kan du bortse från meddelandet."
)


def _send(invitation: Invitation, link: str, body: Any) -> None:
    """E-mail the invitation: ``body`` (``LINK_MAIL`` or ``EID_MAIL``) with ``link``."""
    expires = timezone.localtime(invitation.expires_at).date().isoformat()
    text = str(body) % {
        "role": role_text(invitation),
        "association": invitation.association.name,
        "link": link,
        "expires": expires,
    }
    send_mail(
        _("Inbjudan till %(association)s") % {"association": invitation.association.name},
        text,
        settings.DEFAULT_FROM_EMAIL,
        [invitation.email],
    )


def pending(association: Association) -> QuerySet[Invitation]:
    """The association's invitations that can still be accepted."""
    return Invitation.objects.filter(
        association=association, closed_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("intervention")


def open_by_token(token: str) -> Invitation | None:
    """The pending, unexpired invitation of this link, or None (unknown, used, closed or
    expired: the page says the same for all of them)."""
    with scopes_disabled():
        return (
            Invitation.objects.filter(
                token_hash=token_hash(token),
                personnummer_hash="",
                closed_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .select_related("association", "intervention")
            .first()
        )


def pending_for(user: Any) -> list[Invitation]:
    """The user's pending invitations (by the account's e-mail), in every association."""
    if not getattr(user, "is_authenticated", False) or not user.email:
        return []
    with scopes_disabled():
        return list(
            Invitation.objects.filter(
                email=normalise_email(user.email),
                personnummer_hash="",
                closed_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .select_related("association", "intervention")
            .order_by("created_at", "pk")
        )


def account_for(invitation: Invitation) -> User | None:
    return User.objects.filter(email__iexact=invitation.email).order_by("pk").first()


def _check_open(invitation: Invitation) -> Invitation:
    """Lock the invitation and refuse it when used, closed or expired meanwhile."""
    with scopes_disabled():
        locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if locked is None or locked.closed_at is not None or locked.expires_at <= timezone.now():
        raise ValidationError(_("Inbjudan gäller inte längre."))
    return locked


@transaction.atomic
def accept(*, invitation: Invitation, user: User) -> None:
    """The invited person (logged in with the invited address) accepts: the role takes
    effect through ``assign_role`` (which refuses a combination that breaks separation
    of duties; the invitation then stays open)."""
    locked = _check_open(invitation)
    if locked.personnummer_hash or normalise_email(user.email) != locked.email:
        raise ValidationError(_("Inbjudan gäller en annan e-postadress."))
    _take_role(locked, user)


def _take_role(locked: Invitation, user: User) -> None:
    with scopes_disabled():
        intervention = locked.intervention
    assign_role(
        user=user, role=locked.role, association=locked.association, intervention=intervention
    )
    now = timezone.now()
    with scopes_disabled():
        Invitation.objects.filter(pk=locked.pk).update(
            accepted_at=now, accepted_by=user, closed_at=now
        )


@transaction.atomic
def accept_as_new_user(
    *, invitation: Invitation, first_name: str, last_name: str, password: str
) -> User:
    """Create the account of the invited address with the chosen password, then accept.
    Refused when an account with the address exists meanwhile (that person logs in)."""
    locked = _check_open(invitation)
    if account_for(locked) is not None:
        raise ValidationError(_("Det finns redan ett konto: logga in för att svara."))
    user = User.objects.create_user(
        locked.email, password, first_name=first_name.strip(), last_name=last_name.strip()
    )
    accept(invitation=locked, user=user)
    return user


@transaction.atomic
def decline(*, invitation: Invitation, user: User) -> None:
    locked = _check_open(invitation)
    if normalise_email(user.email) != locked.email:
        raise ValidationError(_("Inbjudan gäller en annan e-postadress."))
    with scopes_disabled():
        Invitation.objects.filter(pk=locked.pk).update(closed_at=timezone.now())


def cancel(*, invitation: Invitation) -> None:
    """The office withdraws a pending invitation; its link stops working."""
    Invitation.objects.filter(pk=invitation.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )


def pending_by_personnummer(hashes: list[str]) -> list[Invitation]:
    """Pending invitations (every association) of a personnummer given as its keyed hashes
    (the current key's first)."""
    if not hashes:
        return []
    with scopes_disabled():
        return list(
            Invitation.objects.filter(
                personnummer_hash__in=hashes,
                closed_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .select_related("association", "intervention")
            .order_by("created_at", "pk")
        )


def pending_by_email(email: str) -> list[Invitation]:
    """Pending invitations (every association) of an e-mail address, for a sign-in whose
    identity provider vouches for the address."""
    with scopes_disabled():
        return list(
            Invitation.objects.filter(
                email=normalise_email(email),
                personnummer_hash="",
                closed_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .select_related("association", "intervention")
            .order_by("created_at", "pk")
        )


@transaction.atomic
def accept_by_personnummer(*, invitation: Invitation, user: User, hashes: list[str]) -> None:
    """An e-ID sign-in whose personnummer (as ``hashes``) is the invited one accepts."""
    locked = _check_open(invitation)
    if not locked.personnummer_hash or locked.personnummer_hash not in hashes:
        raise ValidationError(_("Inbjudan gäller en annan person."))
    _take_role(locked, user)
