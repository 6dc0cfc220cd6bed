"""The board's result goals for a year (spec/reports.md sections 8 and 17): a target per
goal code, set per association and year. A goal without a row has its default target
(``DEFAULT_TARGETS``); ``stats.goals.targets_for`` gives the targets in force."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from finsam.years import year_validators
from tenancy.models import Association


class GoalCode(models.TextChoices):
    """The association goals (section 17) and the 60-30-10 fund targets (section 8)."""

    WORK_DIRECTED_TO_WORK_OR_STUDIES = (
        "work_directed_to_work_or_studies",
        _("Andel avslutade till arbete eller studier i arbetsinriktade individinsatser (%)"),
    )
    PREREHAB_ACTION_PLAN = (
        "prerehab_action_plan",
        _("Andel deltagare med handlingsplan i förrehabiliterande insatser (%)"),
    )
    STRUCTURAL_ON_TRACK = (
        "structural_on_track",
        _("Andel strukturinsatser i fas med målen (%)"),
    )
    ACTIVITIES = "activities", _("Antal aktiviteter")
    FUNDS_INDIVIDUAL = "funds_individual", _("Andel av medlen till individinsatser (%)")
    FUNDS_STRUCTURAL = "funds_structural", _("Andel av medlen till strukturinsatser (%)")
    FUNDS_COMPETENCE = "funds_competence", _("Andel av medlen till kompetenshöjande insatser (%)")


#: The target of a goal the association has not set for the year.
DEFAULT_TARGETS: dict[str, int] = {
    GoalCode.WORK_DIRECTED_TO_WORK_OR_STUDIES: 35,
    GoalCode.PREREHAB_ACTION_PLAN: 90,
    GoalCode.STRUCTURAL_ON_TRACK: 75,
    GoalCode.ACTIVITIES: 12,
    GoalCode.FUNDS_INDIVIDUAL: 60,
    GoalCode.FUNDS_STRUCTURAL: 30,
    GoalCode.FUNDS_COMPETENCE: 10,
}

#: Goals whose target is a count; every other target is a whole percent (0-100).
COUNT_GOALS = (GoalCode.ACTIVITIES,)


class AssociationGoalTarget(models.Model):
    """The board's target for one goal and year: a whole percent, or a number for
    ``activities``."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"), validators=year_validators())
    code = models.CharField(_("mål"), max_length=40, choices=GoalCode.choices)
    target = models.PositiveIntegerField(_("målvärde"))

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("målvärde för förbundets mål")
        verbose_name_plural = _("målvärden för förbundets mål")
        ordering = ["year", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year", "code"], name="unique_association_goal_target"
            ),
            models.CheckConstraint(
                condition=Q(code__in=COUNT_GOALS) | Q(target__lte=100),
                name="association_goal_target_percent_at_most_100",
            ),
            models.CheckConstraint(
                condition=Q(code__in=GoalCode.values), name="association_goal_target_known_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} {self.year}: {self.target}"
