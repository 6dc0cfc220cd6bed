"""Every change to the ledger: importing an SIE file replaces that fiscal year whole
(idempotent by year; earlier years stay). Refused files write nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext as _

from ledger.models import (
    Account,
    AdoptedReport,
    AnnualReportText,
    Balance,
    Dimension,
    FiscalYear,
    KeyFigures,
    LedgerObject,
    OperatingRow,
    OwnBudgetAmount,
    PeriodBalance,
    ReportLine,
    StaffYear,
    Voucher,
    VoucherRow,
)
from ledger.report_texts import SPEC_BY_KEY
from ledger.sie import SieFile, read_sie
from tenancy.models import Association

BATCH = 2000
M = TypeVar("M", bound=models.Model)


@dataclass
class SieImportResult:
    """What an import did (or, in a dry run, would do)."""

    year: int
    sie: SieFile
    replaced: bool
    dry_run: bool
    warnings: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        sie = self.sie
        verb = _("Skulle importera") if self.dry_run else _("Importerade")
        lines = [
            _(
                "%(verb)s räkenskapsåret %(start)s – %(end)s: %(accounts)s konton, "
                "%(vouchers)s verifikationer med %(rows)s rader, %(objects)s objekt."
            )
            % {
                "verb": verb,
                "start": sie.start.isoformat(),
                "end": sie.end.isoformat(),
                "accounts": len(sie.accounts),
                "vouchers": len(sie.vouchers),
                "rows": sie.row_count,
                "objects": len(sie.objects),
            }
        ]
        if self.replaced:
            lines.append(
                _("Den tidigare importerade huvudboken för %(year)s ersätts.") % {"year": self.year}
            )
        return lines


def _batched(items: Iterable[M]) -> Iterator[list[M]]:
    batch: list[M] = []
    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _bulk(model: type[M], items: Iterable[M]) -> None:
    for batch in _batched(items):
        model.objects.bulk_create(batch)  # type: ignore[attr-defined]  # scoped manager


def import_sie(
    *, association: Association, data: bytes, file_name: str = "", dry_run: bool = False
) -> SieImportResult:
    """Read ``data`` and (unless ``dry_run``) replace the ledger of its fiscal year.
    Raises ``ledger.sie.SieError`` with every problem when the file is refused."""
    sie = read_sie(data, organisation_number=association.organisation_number)
    year = sie.end.year
    replaced = FiscalYear.objects.filter(association=association, year=year).exists()
    result = SieImportResult(year=year, sie=sie, replaced=replaced, dry_run=dry_run)
    result.warnings = list(sie.warnings) + unmapped_account_warnings(association, sie)
    if not dry_run:
        with transaction.atomic():
            _write(
                association,
                sie,
                year,
                hashlib.sha256(data).hexdigest(),
                file_name,
                list(sie.warnings),
            )
    return result


def unmapped_account_warnings(association: Association, sie: SieFile) -> list[str]:
    """Accounts with a balance that no report line takes (section 2)."""
    from ledger.mapping import unmapped_accounts

    return [
        _("Konto %(account)s %(name)s har saldo men ingen rapportrad tar det.")
        % {"account": account, "name": sie.accounts.get(account, "")}
        for account in unmapped_accounts(association, sie)
    ]


def _write(
    association: Association,
    sie: SieFile,
    year: int,
    sha256: str,
    file_name: str,
    warnings: list[str],
) -> FiscalYear:
    old = FiscalYear.objects.filter(association=association, year=year).first()
    if old is not None:
        # children first, each one DELETE (the cascade collector would load every row)
        for model in (
            VoucherRow,
            Voucher,
            PeriodBalance,
            Balance,
            LedgerObject,
            Dimension,
            Account,
        ):
            # a whole year's rows that nothing refers to: one DELETE, no collector
            model.objects.filter(fiscal_year=old)._raw_delete(model.objects.db)
        old.delete()
    fiscal_year = FiscalYear.objects.create(
        association=association,
        year=year,
        start=sie.start,
        end=sie.end,
        organisation_number=sie.organisation_number,
        company_name=sie.company_name[:200],
        program=sie.program[:200],
        file_name=file_name[:255],
        file_sha256=sha256,
        encoding=sie.encoding,
        has_vouchers=bool(sie.vouchers),
        warnings=warnings,
    )
    common: dict[str, Any] = {"association": association, "fiscal_year": fiscal_year}
    accounts = set(sie.accounts) | set(sie.kinds)
    _bulk(
        Account,
        (
            Account(
                number=number,
                name=sie.accounts.get(number, "")[:200],
                kind=sie.kinds.get(number, ""),
                **common,
            )
            for number in sorted(accounts)
        ),
    )
    dimensions = set(sie.dimensions) | {dimension for dimension, _code in sie.objects}
    _bulk(
        Dimension,
        (
            Dimension(number=n, name=sie.dimensions.get(n, "")[:200], **common)
            for n in sorted(dimensions)
        ),
    )
    _bulk(
        LedgerObject,
        (
            LedgerObject(dimension=dimension, code=code, name=name[:200], **common)
            for (dimension, code), name in sorted(sie.objects.items())
        ),
    )
    _bulk(
        Balance,
        (
            Balance(
                kind=kind,
                year_offset=offset,
                account=account,
                objects_key=objects,
                amount=amount,
                **common,
            )
            for (kind, offset, account, objects), amount in sie.balances.items()
        ),
    )
    _bulk(
        PeriodBalance,
        (
            PeriodBalance(
                kind=kind,
                year_offset=offset,
                period=period,
                account=account,
                objects_key=objects,
                amount=amount,
                **common,
            )
            for (kind, offset, period, account, objects), amount in sie.period_balances.items()
        ),
    )
    for batch in _batched(
        Voucher(
            series=voucher.series[:40],
            number=voucher.number[:40],
            date=voucher.date,
            text=voucher.text[:400],
            line=voucher.line,
            **common,
        )
        for voucher in sie.vouchers
    ):
        Voucher.objects.bulk_create(batch)
    stored = dict(Voucher.objects.filter(fiscal_year=fiscal_year).values_list("line", "pk"))
    _bulk(
        VoucherRow,
        (
            VoucherRow(
                voucher_id=stored[voucher.line],
                account=row.account,
                objects_key=row.objects,
                amount=row.amount,
                date=row.date,
                text=row.text[:400],
                **common,
            )
            for voucher in sie.vouchers
            for row in voucher.rows
        ),
    )
    return fiscal_year


# --- the mapping (importmall sheets and the presets) ---------------------------------------


def _upsert(model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> tuple[M, str]:
    """Create or update the row with the natural key ``lookup``; the outcome is
    "created", "updated" or "unchanged" (for the import summary)."""
    manager: Any = model.objects  # type: ignore[attr-defined]  # every ledger model has one
    instance = manager.filter(**lookup).first()
    if instance is None:
        return manager.create(**lookup, **values), "created"
    if all(getattr(instance, name) == value for name, value in values.items()):
        return instance, "unchanged"
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean(validate_unique=False, validate_constraints=False)
    instance.save()
    return instance, "updated"


def save_report_line(
    *, association: Association, code: str, **values: Any
) -> tuple[ReportLine, str]:
    """A `Rapportrader` row (natural key: rad)."""
    return _upsert(ReportLine, {"association": association, "code": code}, values)


def save_operating_row(
    *, association: Association, code: str, **values: Any
) -> tuple[OperatingRow, str]:
    """A `Driftrader` row (natural key: rad)."""
    return _upsert(OperatingRow, {"association": association, "code": code}, values)


def save_own_budget(
    *, association: Association, row: OperatingRow, year: int, version: str, amount: int
) -> tuple[OwnBudgetAmount, str]:
    """A `Förbundsbudget` row (natural key: rad + år + version)."""
    return _upsert(
        OwnBudgetAmount,
        {"association": association, "row": row, "year": year, "version": version},
        {"amount": amount},
    )


def save_key_figures(
    *, association: Association, year: int, **values: Any
) -> tuple[KeyFigures, str]:
    """A `Nyckeltal` row (natural key: år)."""
    return _upsert(KeyFigures, {"association": association, "year": year}, values)


def save_staff_year(*, association: Association, year: int, **values: Any) -> tuple[StaffYear, str]:
    """A `Personal` row (natural key: år)."""
    return _upsert(StaffYear, {"association": association, "year": year}, values)


def save_report_text(
    *, association: Association, year: int, section: str, text: str, user: Any = None
) -> AnnualReportText | None:
    """Store the office's text for a section of the year's management report. An empty
    text, or the default itself, removes the row so the default is used again. Refused
    for an unknown section and once the year's report is adopted (its texts are frozen)."""
    from django.core.exceptions import ValidationError

    spec = SPEC_BY_KEY.get(section)
    if spec is None:
        raise ValidationError(
            _("Okänt avsnitt i årsredovisningen: %(section)s.") % {"section": section}
        )
    if AdoptedReport.objects.filter(association=association, year=year).exists():
        raise ValidationError(
            _("Årsredovisningen för %(year)s är fastställd; dess texter är låsta.") % {"year": year}
        )
    cleaned = text.replace("\r\n", "\n").strip()
    if not cleaned or cleaned == spec.default.strip():
        AnnualReportText.objects.filter(
            association=association, year=year, section=section
        ).delete()
        return None
    row, _created = AnnualReportText.objects.update_or_create(
        association=association,
        year=year,
        section=section,
        defaults={
            "text": cleaned,
            "updated_by": user if getattr(user, "is_authenticated", False) else None,
        },
    )
    return row
