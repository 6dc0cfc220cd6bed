"""Board meetings (spec/board.md): organs, meetings, items with their proposals and
attachments, attendance and delegated decisions.

The people of an organ are the association's ``tenancy.BoardMember`` rows (the board data
of today, reused, not copied): the board organ is every board member whose term covers the
meeting's date; a working committee lists the board members it has (``OrganMembership``).
A substitute's order and personal ordinary member are recorded per organ.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tenancy.models import Association, BoardMember, Member, scoped, user_reference


class OrganKind(models.TextChoices):
    STYRELSE = "styrelse", _("Förbundsstyrelse")
    ARBETSUTSKOTT = "arbetsutskott", _("Arbetsutskott")
    BEREDNINGSGRUPP = "beredningsgrupp", _("Beredningsgrupp")


class Organ(models.Model):
    """A body that meets: the board, a working committee, a preparation group."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("typ"), max_length=20, choices=OrganKind.choices)
    name = models.CharField(_("namn"), max_length=200)

    objects = scoped()

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = _("organ")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["association", "kind"], name="unique_organ_kind"),
        ]

    def __str__(self) -> str:
        return self.name


class OrganMembership(models.Model):
    """A board member's seat in an organ: for a committee, who sits in it; for the board
    (where every board member sits), the user account that receives the notice, and a
    substitute's order and the ordinary member they serve for."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    organ = models.ForeignKey(Organ, on_delete=models.CASCADE, related_name="memberships")
    board_member = models.ForeignKey(
        BoardMember, on_delete=models.CASCADE, related_name="+", verbose_name=_("ledamot")
    )
    substitute_for = models.ForeignKey(
        BoardMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("personlig ersättare för"),
    )
    substitute_order = models.PositiveSmallIntegerField(
        _("inkallelseordning"), null=True, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användarkonto"),
        help_text=_("Kontot som får kallelsen och anmäler närvaro."),
    )

    objects = scoped()

    class Meta:
        verbose_name = _("plats i organ")
        verbose_name_plural = _("platser i organ")
        ordering = ["substitute_order", "board_member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "board_member"], name="unique_organ_membership"
            ),
            models.CheckConstraint(
                condition=~Q(substitute_for=F("board_member")),
                name="membership_not_own_substitute",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organ}: {self.board_member}"


class MemberDecision(models.Model):
    """A member organisation's decision on its representative (seed 001, item 3): it
    changes the organ from ``effective_from`` and is kept with its document."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("medlem")
    )
    decided_on = models.DateField(_("beslutsdatum"))
    effective_from = models.DateField(_("gäller från"))
    summary = models.CharField(_("beslutet i korthet"), max_length=500)
    appointed = models.ForeignKey(
        BoardMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utsedd ledamot eller ersättare"),
    )
    document = models.FileField(_("beslutshandling"), upload_to="meetings/member-decisions/")

    objects = scoped()

    class Meta:
        verbose_name = _("medlemsbeslut")
        verbose_name_plural = _("medlemsbeslut")
        ordering = ["-effective_from", "-id"]

    def __str__(self) -> str:
        return f"{self.member}: {self.summary}"


class StaffMember(models.Model):
    """Someone of the office who presents items or is listed on the notice."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("titel"), max_length=100)
    on_notice = models.BooleanField(_("står på kallelsen"), default=True)

    objects = scoped()

    class Meta:
        verbose_name = _("tjänsteperson")
        verbose_name_plural = _("kansliet")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["association", "name"], name="unique_staff_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}"


class MeetingStatus(models.TextChoices):
    DRAFT = "utkast", _("Under beredning")
    PUBLISHED = "publicerad", _("Kallelse skickad")


class Meeting(models.Model):
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    organ = models.ForeignKey(
        Organ, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("organ")
    )
    date = models.DateField(_("datum"))
    start = models.TimeField(_("starttid"))
    end = models.TimeField(_("sluttid"), null=True, blank=True)
    place = models.CharField(_("plats"), max_length=300)
    remote_link = models.URLField(_("länk för distansdeltagande"), blank=True)
    note = models.CharField(
        _("övrigt"), max_length=300, blank=True, help_text=_("Till exempel ”Lunch serveras”.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    published_by = user_reference(blank=True)

    objects = scoped()

    class Meta:
        verbose_name = _("sammanträde")
        verbose_name_plural = _("sammanträden")
        ordering = ["-date", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=F("start")),
                name="meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status=MeetingStatus.DRAFT, published_at__isnull=True)
                | Q(status=MeetingStatus.PUBLISHED, published_at__isnull=False),
                name="meeting_published_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organ} {self.date.isoformat()}"

    @property
    def is_published(self) -> bool:
        return self.status == MeetingStatus.PUBLISHED


class ItemKind(models.TextChoices):
    BESLUT = "beslut", _("Beslut")
    INFORMATION = "information", _("Information")


class Standing(models.TextChoices):
    """The standing items a new meeting gets (spec/board.md)."""

    NONE = "", _("Inget stående ärende")
    CHECKER = "justering", _("Val av justerare och tid för justering")
    AGENDA = "dagordning", _("Godkännande av dagordningen")
    DELEGATED = "delegationsbeslut", _("Delegationsbeslut")
    OTHER = "ovriga_fragor", _("Övriga frågor")


class Concerns(models.TextChoices):
    """What an item concerns (its reference)."""

    NOTHING = "", _("Inget särskilt")
    APPLICATION = "application", _("Ansökan")
    INTERVENTION = "intervention", _("Insats")
    DEVIATION = "deviation", _("Avvikelserapport")
    ANNUAL_REPORT = "annual_report", _("Årsredovisning")
    MEMO = "memo", _("Uppföljnings-PM")
    ECONOMIC_INFORMATION = "economic_information", _("Ekonomisk information")
    MEMBER_DECISION = "member_decision", _("Medlemsbeslut")


class Item(models.Model):
    """An item (ärende) on a meeting's agenda."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("ärenderubrik"), max_length=300)
    presenter = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("föredragande"),
    )
    kind = models.CharField(
        _("typ av ärende"), max_length=12, choices=ItemKind.choices, default=ItemKind.BESLUT
    )
    standing = models.CharField(
        _("stående ärende"), max_length=20, choices=Standing.choices, blank=True, default=""
    )
    proposal: models.JSONField[Any, Any] = models.JSONField(
        _("förslag till beslut"), default=list, blank=True
    )
    background = models.TextField(_("ärende (bakgrund)"), blank=True)
    concerns = models.CharField(
        _("gäller"), max_length=30, choices=Concerns.choices, blank=True, default=""
    )
    concerns_ref = models.CharField(
        _("gäller (referens)"),
        max_length=40,
        blank=True,
        help_text=_("Ansökans eller insatsens id, år, period (2025H2) eller datum."),
    )

    objects = scoped()

    class Meta:
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="unique_item_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="item_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class AttachmentDocument(models.TextChoices):
    """A generated document (frozen as PDF at publication) or an uploaded file."""

    MEMO = "memo", _("Uppföljnings-PM")
    ANNUAL_REPORT = "annual_report", _("Årsredovisning")
    ECONOMIC_INFORMATION = "economic_information", _("Ekonomisk information")
    APPLICATION = "application", _("Ansökan med beredning")
    FILE = "file", _("Uppladdad fil")


class Attachment(models.Model):
    """An attachment (bilaga) of an item, numbered within the item: 5, 5.1, 5.2 ..."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    position = models.PositiveSmallIntegerField(_("ordning"))
    title = models.CharField(_("rubrik"), max_length=300)
    document = models.CharField(_("handling"), max_length=30, choices=AttachmentDocument.choices)
    reference = models.CharField(
        _("referens"),
        max_length=40,
        blank=True,
        help_text=_("Period (2025H2), år, datum eller ansökans id för en genererad handling."),
    )
    file = models.FileField(_("fil"), upload_to="meetings/attachments/", blank=True)
    frozen_at = models.DateTimeField(_("fryst"), null=True, blank=True)

    objects = scoped()

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["item", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "position"], name="unique_attachment_position"),
            models.CheckConstraint(
                condition=~Q(document="file") | ~Q(file=""), name="uploaded_attachment_has_file"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        """ "5" for the item's first attachment, then "5.1", "5.2" ..."""
        item_number = self.item.number
        return str(item_number) if self.position == 0 else f"{item_number}.{self.position}"


class Attendance(models.Model):
    """A board member's answer to a notice: coming or prevented."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    board_member = models.ForeignKey(BoardMember, on_delete=models.CASCADE, related_name="+")
    attending = models.BooleanField(_("kommer"))
    reported_by = user_reference()
    reported_at = models.DateTimeField(_("anmält"), auto_now=True)

    objects = scoped()

    class Meta:
        verbose_name = _("närvaroanmälan")
        verbose_name_plural = _("närvaroanmälningar")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "board_member"], name="unique_attendance_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board_member}: {'kommer' if self.attending else 'förhinder'}"


class DelegatedDecision(models.Model):
    """A decision taken under the board's delegation, reported at the next meeting.

    Deviation reports decided by the förbundschef are delegated decisions by themselves:
    ``meetings.queries.delegated_decisions`` lists them beside these rows."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    decided_on = models.DateField(_("beslutsdatum"))
    delegate = models.CharField(_("delegat"), max_length=200)
    point = models.CharField(_("delegationspunkt"), max_length=100)
    text = models.TextField(_("beslut"))
    recorded_by = user_reference()
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = scoped()

    class Meta:
        verbose_name = _("delegationsbeslut")
        verbose_name_plural = _("delegationsbeslut")
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.decided_on.isoformat()} {self.point}: {self.text[:60]}"


class Minutes(models.Model):
    """The minutes (protokoll) of a meeting: who served, each § and its decision, and
    who checked them. Checked by the chair and the chosen checker, then locked."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    checker = models.ForeignKey(
        BoardMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("justerare"),
    )
    others_present = models.TextField(
        _("övriga närvarande"), blank=True, help_text=_("Tjänstepersoner och gäster.")
    )
    chair_checked_at = models.DateTimeField(_("justerat av ordföranden"), null=True, blank=True)
    chair_checked_by = user_reference()
    checker_checked_at = models.DateTimeField(_("justerat av justeraren"), null=True, blank=True)
    checker_checked_by = user_reference()
    announced_on = models.DateField(_("anslaget"), null=True, blank=True)

    objects = scoped()

    class Meta:
        verbose_name = _("protokoll")
        verbose_name_plural = _("protokoll")
        constraints = [
            models.CheckConstraint(
                condition=Q(announced_on__isnull=True)
                | Q(chair_checked_at__isnull=False, checker_checked_at__isnull=False),
                name="minutes_announced_only_when_checked",
            ),
        ]

    def __str__(self) -> str:
        return f"Protokoll {self.meeting}"

    @property
    def is_locked(self) -> bool:
        return self.chair_checked_at is not None and self.checker_checked_at is not None


class Serving(models.Model):
    """A member who served at the meeting, from which § to which § (a substitute serves
    for an absent ordinary member)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="serving")
    board_member = models.ForeignKey(BoardMember, on_delete=models.PROTECT, related_name="+")
    serving_for = models.ForeignKey(
        BoardMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tjänstgör för"),
    )
    from_number = models.PositiveIntegerField(_("från §"))
    to_number = models.PositiveIntegerField(_("till §"))

    objects = scoped()

    class Meta:
        verbose_name = _("tjänstgörande ledamot")
        verbose_name_plural = _("tjänstgörande ledamöter")
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "board_member"], name="unique_serving_member"
            ),
            models.CheckConstraint(
                condition=Q(to_number__gte=F("from_number")), name="serving_range_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board_member} § {self.from_number}–{self.to_number}"


def acted_on(model: str, verbose_name: Any) -> models.OneToOneField[Any, Any]:
    """What a paragraph's decision acted on: at most one paragraph decides each."""
    return models.OneToOneField(
        model,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="paragraph",
        verbose_name=verbose_name,
    )


class Paragraph(models.Model):
    """A § of the minutes: the item, the decision as taken, votes and reservations, the
    members who left for it (jäv), and what the decision acted on."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="paragraphs")
    item = models.OneToOneField(Item, on_delete=models.PROTECT, related_name="paragraph")
    number = models.PositiveIntegerField(_("§"))
    decision: models.JSONField[Any, Any] = models.JSONField(_("beslut"), default=list, blank=True)
    votes = models.TextField(_("omröstning"), blank=True)
    reservations = models.TextField(_("reservationer"), blank=True)
    conflicted = models.ManyToManyField(
        BoardMember, blank=True, related_name="+", verbose_name=_("jäv (lämnade under §)")
    )
    funding_decision = acted_on("funding.FundingDecision", _("beslut om finansiering"))
    deviation = acted_on("followup.Deviation", _("avvikelserapport"))
    adopted_report = acted_on("ledger.AdoptedReport", _("fastställd årsredovisning"))

    objects = scoped()

    class Meta:
        verbose_name = _("paragraf")
        verbose_name_plural = _("paragrafer")
        ordering = ["minutes", "number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="unique_paragraph_number"),
        ]

    def __str__(self) -> str:
        return f"§ {self.number} {self.item.title}"


class SubstituteCall(models.Model):
    """The office calls a substitute in for an ordinary member who reported being prevented
    (spec/board.md: "the office sees who comes and calls substitutes")."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="calls")
    absent_member = models.ForeignKey(
        BoardMember, on_delete=models.CASCADE, related_name="+", verbose_name=_("för ledamot")
    )
    substitute = models.ForeignKey(
        BoardMember, on_delete=models.CASCADE, related_name="+", verbose_name=_("ersättare")
    )
    called_by = user_reference()
    called_at = models.DateTimeField(_("inkallad"), auto_now_add=True)

    objects = scoped()

    class Meta:
        verbose_name = _("inkallad ersättare")
        verbose_name_plural = _("inkallade ersättare")
        ordering = ["called_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "substitute"], name="unique_call_per_substitute"
            ),
            models.CheckConstraint(
                condition=~Q(substitute=F("absent_member")), name="call_not_for_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.substitute} för {self.absent_member}"
