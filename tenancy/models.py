"""The tenant (Association) and the people around it: members, board, organisations,
users and role assignments.

Every domain row belongs to one association and is reached through a django-scopes
``ScopedManager``: a query made outside ``scope(association=...)`` raises ``ScopeError``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from finsam.disclosure import DEFAULT_THRESHOLD, MINIMUM_THRESHOLD


def scoped() -> Any:
    """The manager every tenant model uses: queries must run inside an association scope."""
    return ScopedManager(association="association")


class Association(models.Model):
    """A samordningsförbund: the tenant."""

    slug = models.SlugField(_("kortnamn"), max_length=50, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    disclosure_threshold = models.PositiveSmallIntegerField(
        _("gräns för röjandeskydd (k)"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(MINIMUM_THRESHOLD)],
        help_text=_("Antal under denna gräns döljs (visas som ..) i publicerade tabeller."),
    )
    organisation_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        blank=True,
        validators=[
            RegexValidator(
                r"^\d{6}-\d{4}$",
                _("Ange organisationsnumret som tio siffror med bindestreck, t.ex. 222000-2576."),
            )
        ],
        help_text=_("Jämförs med #ORGNR när en SIE-fil läses in."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("samordningsförbund")
        verbose_name_plural = _("samordningsförbund")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(disclosure_threshold__gte=3), name="association_threshold_at_least_3"
            )
        ]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in. Identified by e-mail; roles come from RoleAssignment."""

    username = None  # type: ignore[assignment]  # e-mail is the login name
    email = models.EmailField(_("e-post"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[assignment,misc]  # our manager creates by e-mail

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    def __str__(self) -> str:
        return self.get_full_name() or self.email


def user_reference(
    *, blank: bool = False, verbose_name: Any = None
) -> models.ForeignKey[User | None, User | None]:
    """The user who did something (submitted, decided, adopted ...): the row keeps its
    history, with the user emptied, when the account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=blank,
        related_name="+",
        verbose_name=verbose_name,
    )


class Role(models.TextChoices):
    """The roles of spec/product.md."""

    FORBUNDSADMINISTRATOR = "forbundsadministrator", _("Förbundsadministratör")
    EKONOM = "ekonom", _("Ekonom")
    DELTAGARANSVARIG = "deltagaransvarig", _("Deltagaransvarig")
    INSATSANSVARIG = "insatsansvarig", _("Insatsansvarig")
    STYRELSE = "styrelse", _("Styrelse")
    REVISOR = "revisor", _("Revisor")
    LOGGRANSKARE = "loggranskare", _("Loggranskare")
    SYSTEMADMINISTRATOR = "systemadministrator", _("Systemadministratör")


#: Roles given for one intervention rather than for the whole association.
INTERVENTION_ROLES = frozenset({Role.DELTAGARANSVARIG, Role.INSATSANSVARIG})
#: Roles that can read personal data and therefore need a second factor.
PERSONAL_DATA_ROLES = frozenset({Role.DELTAGARANSVARIG})


def role_intervention(related_name: str) -> models.ForeignKey[Any, Any]:
    """The intervention a role is held for (one of ``INTERVENTION_ROLES``), on the role and
    on the invitation that offers it; empty for a role in the whole association."""
    return models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=_("insats"),
    )


class RoleAssignment(models.Model):
    """One role held by one user: in an association, for one intervention, or (only
    systemadministratör) for the whole installation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("roll"), max_length=30, choices=Role.choices)
    intervention = role_intervention("role_assignments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rolltilldelning")
        verbose_name_plural = _("rolltilldelningar")
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_role",
                condition=(
                    Q(
                        role=Role.SYSTEMADMINISTRATOR,
                        association__isnull=True,
                        intervention__isnull=True,
                    )
                    | Q(
                        role__in=sorted(r.value for r in INTERVENTION_ROLES),
                        association__isnull=False,
                        intervention__isnull=False,
                    )
                    | (
                        ~Q(role__in=sorted(r.value for r in INTERVENTION_ROLES))
                        & ~Q(role=Role.SYSTEMADMINISTRATOR)
                        & Q(association__isnull=False, intervention__isnull=True)
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "association", "role"],
                condition=Q(intervention__isnull=True, association__isnull=False),
                name="unique_association_role",
            ),
            models.UniqueConstraint(
                fields=["user", "intervention", "role"],
                condition=Q(intervention__isnull=False),
                name="unique_intervention_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(association__isnull=True),
                name="unique_system_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class Invitation(models.Model):
    """An invitation to a role in the association, sent by the office to an e-mail
    address. The role takes effect only when the invited person accepts (through
    ``tenancy.invitations.accept``); until then the association learns nothing about any
    account with the address, and nothing changes for that account anywhere.

    The invited person is identified by ``email``, or, for e-ID sign-in, by the
    personnummer: then ``personnummer_hash`` holds its keyed hash (never the number), the
    e-mail address is only the new account's contact address, and the invitation is
    accepted by the first e-ID sign-in with the matching personnummer (``eid``), never by
    the link.
    """

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("e-post"), db_index=True)
    role = models.CharField(_("roll"), max_length=30, choices=Role.choices)
    intervention = role_intervention("+")
    #: SHA-256 of the secret token in the e-mailed link; the token itself is not stored.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("gäller till"))
    accepted_at = models.DateTimeField(_("accepterad"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("avslutad"), null=True, blank=True)
    #: Keyed hash (``participants.crypto.lookup_hash``) of the invited personnummer, or "".
    personnummer_hash = models.CharField(
        max_length=64, blank=True, default="", db_index=True, editable=False
    )

    objects = scoped()

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="invitation_scope_matches_role",
                condition=Q(
                    role__in=sorted(r.value for r in INTERVENTION_ROLES),
                    intervention__isnull=False,
                )
                | (
                    ~Q(role__in=sorted(r.value for r in INTERVENTION_ROLES))
                    & ~Q(role=Role.SYSTEMADMINISTRATOR)
                    & Q(intervention__isnull=True)
                ),
            ),
            models.CheckConstraint(
                name="invitation_accepted_is_closed",
                condition=Q(accepted_at__isnull=True) | Q(closed_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.get_role_display()}"

    @property
    def by_personnummer(self) -> bool:
        return bool(self.personnummer_hash)


class MemberKind(models.TextChoices):
    KOMMUN = "kommun", _("Kommun")
    REGION = "region", _("Region")
    FORSAKRINGSKASSAN = "forsakringskassan", _("Försäkringskassan")
    ARBETSFORMEDLINGEN = "arbetsformedlingen", _("Arbetsförmedlingen")


class Member(models.Model):
    """A member (medlem) of the association, with its share of the fees."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=MemberKind.choices)
    fee_share = models.DecimalField(
        _("andel av avgiften (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    objects = scoped()

    class Meta:
        verbose_name = _("medlem")
        verbose_name_plural = _("medlemmar")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["association", "name"], name="unique_member_name"),
            models.CheckConstraint(
                condition=Q(fee_share__gte=0, fee_share__lte=100), name="member_fee_share_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """An organisation that owns or takes part in interventions (often a member's unit)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("namn"), max_length=200)
    member = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("medlem"),
        help_text=_("Den medlem organisationen hör till, om någon."),
    )

    objects = scoped()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["association", "name"], name="unique_organisation"),
        ]

    def __str__(self) -> str:
        return self.name


class BoardRole(models.TextChoices):
    ORDFORANDE = "ordforande", _("Ordförande")
    VICE_ORDFORANDE = "vice_ordforande", _("Vice ordförande")
    LEDAMOT = "ledamot", _("Ledamot")


class BoardSeat(models.TextChoices):
    ORDINARIE = "ordinarie", _("Ordinarie")
    ERSATTARE = "ersattare", _("Ersättare")


class BoardMember(models.Model):
    """A member or substitute of the board, appointed by one member for a term."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("namn"), max_length=200)
    appointed_by = models.ForeignKey(
        Member, on_delete=models.PROTECT, verbose_name=_("utsedd av"), related_name="+"
    )
    party = models.CharField(_("parti"), max_length=100, blank=True)
    seat = models.CharField(
        _("ledamot/ersättare"),
        max_length=20,
        choices=BoardSeat.choices,
        default=BoardSeat.ORDINARIE,
    )
    role = models.CharField(
        _("uppdrag"), max_length=20, choices=BoardRole.choices, default=BoardRole.LEDAMOT
    )
    term_start = models.DateField(_("mandatperiod från"))
    term_end = models.DateField(_("mandatperiod till"), null=True, blank=True)

    objects = scoped()

    class Meta:
        verbose_name = _("styrelseledamot")
        verbose_name_plural = _("styrelse")
        ordering = ["seat", "role", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="board_term_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(seat=BoardSeat.ORDINARIE) | Q(role=BoardRole.LEDAMOT),
                name="board_substitute_has_no_chair_role",
            ),
        ]

    def __str__(self) -> str:
        return self.name
