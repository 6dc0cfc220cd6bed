"""The ledger imported from SIE 4 (spec/annual-report.md section 1): per association and
fiscal year the chart of accounts, dimensions and objects, balances (IB, UB, RES for year 0
and earlier years in the file), object balances, period balances and budgets, and every
voucher with its rows. Amounts are exact decimals in kronor with öre (two decimals).

A fiscal year is replaced whole by a new import of the same year (``ledger.services``);
rows never change one by one, so the rows carry no history of their own.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ledger.report_texts import TEXT_CHOICES
from tenancy.models import Association, scoped, user_reference


class FiscalYear(models.Model):
    """One imported SIE file: the fiscal year `#RAR 0` with what the file said about itself.
    ``year`` is the calendar year the fiscal year ends in (the report's year)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    start = models.DateField(_("första dag"))
    end = models.DateField(_("sista dag"))
    organisation_number = models.CharField(
        _("organisationsnummer i filen"), max_length=20, blank=True
    )
    company_name = models.CharField(_("företagsnamn i filen"), max_length=200, blank=True)
    program = models.CharField(_("program"), max_length=200, blank=True)
    file_name = models.CharField(_("filnamn"), max_length=255, blank=True)
    file_sha256 = models.CharField(_("filens kontrollsumma"), max_length=64)
    encoding = models.CharField(_("teckenkodning"), max_length=20)
    has_vouchers = models.BooleanField(_("har verifikationer"), default=False)
    warnings = models.JSONField(_("varningar"), default=list, blank=True)
    imported_at = models.DateTimeField(_("importerad"), auto_now=True)

    objects = scoped()

    class Meta:
        verbose_name = _("räkenskapsår")
        verbose_name_plural = _("räkenskapsår")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["association", "year"], name="ledger_unique_year"),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="ledger_year_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


class Account(models.Model):
    """An account of the chart (`#KONTO`, `#KTYP`)."""

    class Kind(models.TextChoices):
        ASSET = "T", _("Tillgång")
        LIABILITY = "S", _("Skuld")
        COST = "K", _("Kostnad")
        INCOME = "I", _("Intäkt")

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="accounts")
    number = models.CharField(_("konto"), max_length=20)
    name = models.CharField(_("namn"), max_length=200, blank=True)
    kind = models.CharField(_("kontotyp"), max_length=1, choices=Kind.choices, blank=True)

    objects = scoped()

    class Meta:
        verbose_name = _("konto")
        verbose_name_plural = _("konton")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "number"], name="ledger_unique_account"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}".strip()


class Dimension(models.Model):
    """A dimension (`#DIM`); 1 (kostnadsställe) and 6 (projekt) need no declaration."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="dimensions")
    number = models.PositiveIntegerField(_("dimension"))
    name = models.CharField(_("namn"), max_length=200, blank=True)

    objects = scoped()

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensioner")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "number"], name="ledger_unique_dimension"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}".strip()


class LedgerObject(models.Model):
    """An object of a dimension (`#OBJEKT`), e.g. a cost centre or a project."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.CASCADE, related_name="ledger_objects"
    )
    dimension = models.PositiveIntegerField(_("dimension"))
    code = models.CharField(_("objekt"), max_length=100)
    name = models.CharField(_("namn"), max_length=200, blank=True)

    objects = scoped()

    class Meta:
        verbose_name = _("objekt")
        verbose_name_plural = _("objekt")
        ordering = ["dimension", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "dimension", "code"], name="ledger_unique_object"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.code} {self.name}".strip()


class Balance(models.Model):
    """`#IB`, `#UB`, `#RES` (``objects`` empty) and `#OIB`, `#OUB` (one object,
    ``objects`` = "dim:obj") of an account for year ``year_offset`` (0, -1, ...)."""

    class Kind(models.TextChoices):
        IB = "IB", _("Ingående balans")
        UB = "UB", _("Utgående balans")
        RES = "RES", _("Resultat")
        OIB = "OIB", _("Ingående balans för objekt")
        OUB = "OUB", _("Utgående balans för objekt")

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="balances")
    kind = models.CharField(_("slag"), max_length=3, choices=Kind.choices)
    year_offset = models.SmallIntegerField(_("årsnummer"))
    account = models.CharField(_("konto"), max_length=20)
    #: normalised object list: "dim:obj" pairs joined by ";" ("" for none)
    objects_key = models.CharField(_("objekt"), max_length=400, blank=True)
    amount = models.DecimalField(_("belopp"), max_digits=18, decimal_places=2)

    objects = scoped()

    class Meta:
        verbose_name = _("saldo")
        verbose_name_plural = _("saldon")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "kind", "year_offset", "account", "objects_key"],
                name="ledger_unique_balance",
            ),
            models.CheckConstraint(condition=Q(year_offset__lte=0), name="ledger_balance_offset"),
            models.CheckConstraint(
                condition=Q(kind__in=["IB", "UB", "RES"], objects_key="")
                | (Q(kind__in=["OIB", "OUB"]) & ~Q(objects_key="")),
                name="ledger_balance_objects_by_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.kind} {self.year_offset} {self.account} {self.amount}"


class PeriodBalance(models.Model):
    """`#PSALDO` (the period's movement) and `#PBUDGET` of an account, with objects."""

    class Kind(models.TextChoices):
        PSALDO = "PSALDO", _("Periodsaldo")
        PBUDGET = "PBUDGET", _("Periodbudget")

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.CASCADE, related_name="period_balances"
    )
    kind = models.CharField(_("slag"), max_length=7, choices=Kind.choices)
    year_offset = models.SmallIntegerField(_("årsnummer"))
    period = models.PositiveIntegerField(_("period (ÅÅÅÅMM)"))
    account = models.CharField(_("konto"), max_length=20)
    objects_key = models.CharField(_("objekt"), max_length=400, blank=True)
    amount = models.DecimalField(_("belopp"), max_digits=18, decimal_places=2)

    objects = scoped()

    class Meta:
        verbose_name = _("periodsaldo")
        verbose_name_plural = _("periodsaldon")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "kind", "year_offset", "period", "account", "objects_key"],
                name="ledger_unique_period_balance",
            ),
            models.CheckConstraint(
                condition=Q(year_offset__lte=0), name="ledger_period_balance_offset"
            ),
            models.CheckConstraint(
                condition=Q(period__gte=100001, period__lte=999912),
                name="ledger_period_balance_period",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.kind} {self.year_offset} {self.period} {self.account} {self.amount}"


class Voucher(models.Model):
    """A voucher (`#VER`); its rows sum to zero (checked by the reader before writing)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="vouchers")
    series = models.CharField(_("serie"), max_length=40, blank=True)
    number = models.CharField(_("nummer"), max_length=40, blank=True)
    date = models.DateField(_("datum"))
    text = models.CharField(_("text"), max_length=400, blank=True)
    #: the file's line of the `#VER` record
    line = models.PositiveIntegerField(_("rad i filen"))

    objects = scoped()

    class Meta:
        verbose_name = _("verifikation")
        verbose_name_plural = _("verifikationer")
        ordering = ["date", "series", "line"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "line"], name="ledger_unique_voucher_line"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series}{self.number} {self.date.isoformat()}"


class VoucherRow(models.Model):
    """A `#TRANS` row of a voucher."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.CASCADE, related_name="voucher_rows"
    )
    voucher = models.ForeignKey(Voucher, on_delete=models.CASCADE, related_name="rows")
    account = models.CharField(_("konto"), max_length=20)
    objects_key = models.CharField(_("objekt"), max_length=400, blank=True)
    amount = models.DecimalField(_("belopp"), max_digits=18, decimal_places=2)
    date = models.DateField(_("transaktionsdatum"), null=True, blank=True)
    text = models.CharField(_("text"), max_length=400, blank=True)

    objects = scoped()

    class Meta:
        verbose_name = _("verifikationsrad")
        verbose_name_plural = _("verifikationsrader")
        indexes = [models.Index(fields=["fiscal_year", "account"], name="ledger_row_year_account")]

    def __str__(self) -> str:
        return f"{self.account} {self.amount}"


# --- the mapping from accounts to the report (importmall sheets) --------------------------


class ReportLine(models.Model):
    """A line of the income statement or balance sheet (sheet `Rapportrader`)."""

    class Report(models.TextChoices):
        RESULT = "resultat", _("Resultaträkning")
        BALANCE = "balans", _("Balansräkning")

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    report = models.CharField(_("rapport"), max_length=8, choices=Report.choices)
    code = models.CharField(_("rad"), max_length=40)
    label = models.CharField(_("rubrik"), max_length=200)
    group = models.CharField(_("grupp"), max_length=40)
    accounts = models.CharField(_("konton"), max_length=1000, blank=True)
    note = models.PositiveSmallIntegerField(_("not"), null=True, blank=True)
    specification = models.CharField(_("specifikation"), max_length=20, blank=True)
    restricted = models.BooleanField(_("bundet eget kapital"), default=False)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    objects = scoped()

    class Meta:
        verbose_name = _("rapportrad")
        verbose_name_plural = _("rapportrader")
        ordering = ["report", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "code"], name="ledger_unique_report_line"
            ),
            models.CheckConstraint(
                condition=Q(restricted=False) | Q(group="eget_kapital"),
                name="ledger_report_line_restricted_only_equity",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class OperatingRow(models.Model):
    """A row of the operating statement (sheet `Driftrader`)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("rad"), max_length=40)
    label = models.CharField(_("rubrik"), max_length=200)
    group = models.CharField(_("grupp"), max_length=40)
    accounts = models.CharField(_("konton"), max_length=1000)
    object_list = models.CharField(_("objekt"), max_length=1000, blank=True)
    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("insats"),
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    objects = scoped()

    class Meta:
        verbose_name = _("driftrad")
        verbose_name_plural = _("driftrader")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "code"], name="ledger_unique_operating_row"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class OwnBudgetAmount(models.Model):
    """The association's own budget or prognosis for a drift row and year (sheet
    `Förbundsbudget`), zero or positive; the row's group gives the sign."""

    class Version(models.TextChoices):
        BUDGET = "budget", _("Budget")
        PROGNOSIS = "prognos", _("Prognos")

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    row = models.ForeignKey(OperatingRow, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("år"))
    version = models.CharField(
        _("version"), max_length=7, choices=Version.choices, default=Version.BUDGET
    )
    amount = models.BigIntegerField(_("belopp (kr)"))

    objects = scoped()

    class Meta:
        verbose_name = _("förbundsbudget")
        verbose_name_plural = _("förbundsbudget")
        ordering = ["year", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["row", "year", "version"], name="ledger_unique_own_budget"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="ledger_own_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.row} {self.year} {self.version}"


class KeyFigures(models.Model):
    """Figures of a year before the first imported ledger (sheet `Nyckeltal`)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    income = models.BigIntegerField(_("verksamhetens intäkter"))
    result = models.BigIntegerField(_("årets resultat"))
    costs = models.BigIntegerField(_("kostnader"), null=True, blank=True)
    equity_ratio = models.IntegerField(_("soliditet (%)"), null=True, blank=True)
    quick_ratio = models.IntegerField(_("kassalikviditet (%)"), null=True, blank=True)
    equity = models.BigIntegerField(_("eget kapital"), null=True, blank=True)
    unrestricted_equity = models.BigIntegerField(_("obundet eget kapital"), null=True, blank=True)

    objects = scoped()

    class Meta:
        verbose_name = _("nyckeltal")
        verbose_name_plural = _("nyckeltal")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year"], name="ledger_unique_key_figures"
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


class StaffYear(models.Model):
    """Staff of a year (sheet `Personal`)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    employees = models.DecimalField(_("årsarbetare"), max_digits=7, decimal_places=2)
    left = models.PositiveIntegerField(_("slutat"), null=True, blank=True)
    changed_post = models.PositiveIntegerField(_("bytt tjänst"), null=True, blank=True)

    objects = scoped()

    class Meta:
        verbose_name = _("personal")
        verbose_name_plural = _("personal")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year"], name="ledger_unique_staff_year"
            ),
            models.CheckConstraint(condition=Q(employees__gte=0), name="ledger_staff_not_negative"),
        ]

    def __str__(self) -> str:
        return str(self.year)


class AdoptedReport(models.Model):
    """An annual report marked adopted (fastställd): its figures are kept as adopted, in the
    board version and the office's (unsuppressed) version; a later import of the ledger
    does not change them."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    adopted_on = models.DateField(_("fastställd"))
    decision = models.CharField(
        _("styrelsens beslut"), max_length=200, help_text=_("T.ex. protokoll 2023-03-20 § 12.")
    )
    report = models.JSONField(_("årsredovisningen (styrelsens version)"))
    report_unsuppressed = models.JSONField(_("årsredovisningen (kansliets version)"))
    #: the management report's texts as adopted (section key -> text, placeholders unfilled)
    texts = models.JSONField(_("förvaltningsberättelsens texter"), default=dict, blank=True)
    #: the management report's tables as adopted (members, board, interventions)
    management = models.JSONField(_("förvaltningsberättelsens tabeller"), default=dict, blank=True)
    adopted_by = user_reference(blank=True)
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    objects = scoped()

    class Meta:
        verbose_name = _("fastställd årsredovisning")
        verbose_name_plural = _("fastställda årsredovisningar")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["association", "year"], name="ledger_unique_adopted"),
        ]

    def __str__(self) -> str:
        return f"{self.year} ({self.adopted_on.isoformat()})"


class AnnualReportText(models.Model):
    """The office's text for one section of one year's management report; the section's
    default (``ledger.report_texts``) is used while no row exists."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    section = models.CharField(_("avsnitt"), max_length=40, choices=TEXT_CHOICES)
    text = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    updated_by = user_reference(blank=True)

    objects = scoped()

    class Meta:
        verbose_name = _("text i årsredovisningen")
        verbose_name_plural = _("texter i årsredovisningen")
        ordering = ["year", "section"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year", "section"], name="ledger_unique_report_text"
            ),
            models.CheckConstraint(
                condition=Q(section__in=[key for key, _label in TEXT_CHOICES]),
                name="ledger_report_text_known_section",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_section_display()}"
