"""Codes of the national survey (spec/survey.md section 1): forms, scales, key figures,
genders. The values are the importmall's codes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FormCode(models.TextChoices):
    """The six forms, in the order of spec/survey.md section 1 (the report's order)."""

    DELTAGARE_PAGAENDE = "deltagare_pagaende", _("Deltagare, pågående insats")
    DELTAGARE_AVSLUT = "deltagare_avslut", _("Deltagare, avslut")
    PERSONAL = "personal", _("Personal")
    CHEFER = "chefer", _("Chefer i samverkan")
    STYRELSE = "styrelse", _("Styrelse")
    REMITTENTER = "remittenter", _("Remittenter")


#: Forms answered per intervention (participants and staff).
INTERVENTION_FORMS = frozenset(
    {FormCode.DELTAGARE_PAGAENDE, FormCode.DELTAGARE_AVSLUT, FormCode.PERSONAL}
)
FORM_ORDER: tuple[str, ...] = tuple(code.value for code in FormCode)


class Scale(models.TextChoices):
    FREKVENS = "frekvens", _("Frekvens (1–6)")
    OMFATTNING = "omfattning", _("Omfattning (1–6)")
    JANEJ = "janej", _("Ja/nej")


class KeyFigure(models.TextChoices):
    TOPP2 = "topp2", _("Klart positiva svar (5–6)")
    TOPP3 = "topp3", _("Positiva svar (4–6)")
    JA = "ja", _("Andel ja")


class Gender(models.TextChoices):
    KVINNA = "kvinna", _("Kvinna")
    MAN = "man", _("Man")
    ANNAT = "annat", _("Annat")
    EJ_ANGIVET = "ej_angivet", _("Vill inte ange")


#: How a ja/nej answer is stored: ja is the higher value, so "ties give the higher value"
#: gives ja, as the contract wants.
JA, NEJ = 1, 0
YES_NO_CODES = {"ja": JA, "nej": NEJ}
