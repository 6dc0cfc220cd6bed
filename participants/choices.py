"""The closed variable list of the importmall's `Deltagare` sheet: every code, with Swedish
labels. No free text about health or social situation exists anywhere in this app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    WOMAN = "kvinna", _("Kvinna")
    MAN = "man", _("Man")
    OTHER = "annat", _("Annat")


class ExitReason(models.TextChoices):
    WORK_UNSUBSIDISED = "arbete_osubventionerat", _("Arbete utan lönesubvention")
    WORK_SUBSIDISED = "arbete_subventionerat", _("Subventionerad anställning")
    OWN_BUSINESS = "eget_foretag", _("Eget företag")
    STUDIES = "studier", _("Studier")
    JOB_SEEKING = "arbetssokande", _("Aktivt arbetssökande på Arbetsförmedlingen")
    CONTINUED_REHABILITATION = "fortsatt_rehabilitering", _("Fortsatt rehabilitering/annan insats")
    ILLNESS = "sjukdom", _("Sjukdom")
    PARENTAL_LEAVE = "foraldraledighet", _("Föräldraledighet")
    MOVED = "flytt", _("Flytt")
    BROKE_OFF = "avbrott", _("Avbrott/ingen kontakt")
    OTHER = "ovrigt", _("Övrigt")
    MISTAKE = "felregistrering", _("Felregistrering")


#: Exit reasons that are work: they require a work extent (arbetsgrad), the others forbid it.
WORK_REASONS = frozenset(
    {ExitReason.WORK_UNSUBSIDISED, ExitReason.WORK_SUBSIDISED, ExitReason.OWN_BUSINESS}
)


class ExitGroup(models.TextChoices):
    WORK = "arbete", _("Arbete")
    STUDIES = "studier", _("Studier")
    JOB_SEEKING = "arbetssokande", _("Arbetssökande")
    OTHER = "ovrigt", _("Övrigt")


#: The group of each exit reason (importmall.md); felregistrering belongs to none.
EXIT_GROUP: dict[str, str] = {
    ExitReason.WORK_UNSUBSIDISED: ExitGroup.WORK,
    ExitReason.WORK_SUBSIDISED: ExitGroup.WORK,
    ExitReason.OWN_BUSINESS: ExitGroup.WORK,
    ExitReason.STUDIES: ExitGroup.STUDIES,
    ExitReason.JOB_SEEKING: ExitGroup.JOB_SEEKING,
    ExitReason.CONTINUED_REHABILITATION: ExitGroup.OTHER,
    ExitReason.ILLNESS: ExitGroup.OTHER,
    ExitReason.PARENTAL_LEAVE: ExitGroup.OTHER,
    ExitReason.MOVED: ExitGroup.OTHER,
    ExitReason.BROKE_OFF: ExitGroup.OTHER,
    ExitReason.OTHER: ExitGroup.OTHER,
}


class Education(models.TextChoices):
    NONE = "saknas", _("Saknar avslutad grundskola")
    COMPULSORY = "grundskola", _("Grundskola")
    UPPER_SECONDARY = "gymnasium", _("Gymnasium")
    POST_SECONDARY = "eftergymnasial", _("Eftergymnasial utbildning")
    UNKNOWN = "okand", _("Okänd")


class IncomeSource(models.TextChoices):
    SOCIAL_ASSISTANCE = "forsorjningsstod", _("Försörjningsstöd")
    UNEMPLOYMENT_FUND = "a_kassa", _("A-kassa")
    ACTIVITY_SUPPORT = "aktivitetsstod", _("Aktivitetsstöd")
    ESTABLISHMENT = "etableringsersattning", _("Etableringsersättning")
    SICKNESS_BENEFIT = "sjukpenning", _("Sjukpenning")
    ACTIVITY_COMPENSATION = "aktivitetsersattning", _("Aktivitetsersättning")
    SICKNESS_COMPENSATION = "sjukersattning", _("Sjukersättning")
    SALARY = "lon", _("Lön")
    STUDY_GRANT = "studiemedel", _("Studiemedel")
    OTHER = "annan", _("Annan")
    NONE = "ingen", _("Ingen")


class PublicSupportTime(models.TextChoices):
    NONE = "ingen", _("Ingen")
    UNDER_1 = "under_1", _("Under 1 år")
    Y1_3 = "1_3", _("1–3 år")
    Y3_6 = "3_6", _("3–6 år")
    Y6_9 = "6_9", _("6–9 år")
    Y9_PLUS = "9_plus", _("9 år eller mer")
    UNKNOWN = "okand", _("Okänd")


class Referrer(models.TextChoices):
    AF = "af", _("Arbetsförmedlingen")
    FK = "fk", _("Försäkringskassan")
    SOCIAL_SERVICES = "socialtjanst", _("Socialtjänsten")
    MUNICIPALITY_OTHER = "kommun_ovrig", _("Kommunen, övrigt")
    REGION = "region", _("Regionen")
    SELF = "egen", _("Egen anmälan")
    OTHER = "annan", _("Annan")


class ActivityType(models.TextChoices):
    WEBINAR = "webbinarium", _("Webbinarium")
    SEMINAR = "seminarium", _("Seminarium")
    TRAINING = "utbildning", _("Utbildning")
    NETWORK = "natverkstraff", _("Nätverksträff")
    DIALOGUE = "dialog", _("Dialog")
    CONFERENCE = "konferens", _("Konferens")
    OTHER = "ovrigt", _("Övrigt")
