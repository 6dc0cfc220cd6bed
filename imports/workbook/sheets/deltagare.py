"""Sheet `Deltagare`: one row per participation, with consent or anonymous.

Natural key: deltagar_id, or without one personnummer + insats + inskrivningsdatum (matched
through the keyed hash; anonymous rows without deltagar_id are matched one to one on insats,
kön and inskrivningsdatum). A personnummer is never echoed in a problem report: its column
shows ``ÅÅÅÅMMDD-****`` or ``(ogiltigt)``. The rows are written through
``participants.workbook.import_participations``, which keeps the history and the access log.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.utils.translation import gettext as _

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import (
    CellError,
    CellValue,
    cell_text,
    choice_of,
    fold,
    parse_code,
    parse_date,
    parse_list,
    parse_number_in_range,
    parse_yes_no,
    text_of,
)
from interventions.models import FollowUp
from participants import crypto, personnummer
from participants.choices import (
    WORK_REASONS,
    Education,
    ExitReason,
    Gender,
    IncomeSource,
    PublicSupportTime,
    Referrer,
)
from participants.models import Participation
from participants.services import EntryDetails
from participants.workbook import (
    ParticipationRecord,
    export_participations,
    import_participations,
)
from tenancy.models import Association

REFERENCE_LENGTH = 100
WORK_CODES = ", ".join(sorted(str(reason) for reason in WORK_REASONS))


def mask_personnummer(text: str) -> str:
    """What a problem report shows instead of a personnummer."""
    try:
        return personnummer.parse(text).masked
    except personnummer.InvalidPersonnummer:
        return _("(ogiltigt)")


def parse_personnummer(value: CellValue) -> personnummer.Personnummer:
    try:
        return personnummer.parse(cell_text(value))
    except personnummer.InvalidPersonnummer as error:
        raise CellError(str(error)) from None


def parse_income_sources(value: CellValue) -> list[str]:
    codes = [fold(item) for item in parse_list(value, max_length=40)]
    unknown = [code for code in codes if code not in IncomeSource.values]
    if unknown:
        raise CellError(
            _("Okänd försörjningskod %(code)s. Ange koder bland: %(codes)s, åtskilda med ;.")
            % {"code": unknown[0], "codes": ", ".join(IncomeSource.values)}
        )
    return list(dict.fromkeys(codes))


@dataclass(frozen=True)
class ParticipantRow:
    intervention: str
    reference: str
    number: personnummer.Personnummer | None
    consent_date: dt.date | None
    gender: str
    entry_date: dt.date
    exit_date: dt.date | None = None
    exit_reason: str = ""
    work_extent: int | None = None
    details: EntryDetails = field(default_factory=EntryDetails)

    @property
    def pnr_hash(self) -> str | None:
        return None if self.number is None else crypto.lookup_hash(self.number.canonical)


#: The columns an anonymous row fills; it leaves the others empty.
ANONYMOUS_COLUMNS = ("insats", "deltagar_id", "anonym", "kön", "inskrivningsdatum")


class DeltagareSheet(SheetHandler[ParticipantRow]):
    sheet_name = "Deltagare"
    label = "deltagare"
    personal_data = True
    columns = (
        Column("insats", required=True),
        Column("deltagar_id"),
        Column("anonym", required=True),
        Column("personnummer", masked=mask_personnummer),
        Column("samtycke_datum"),
        Column("kön"),
        Column("inskrivningsdatum", required=True),
        Column("utskrivningsdatum"),
        Column("avslutsanledning"),
        Column("arbetsgrad"),
        Column("utbildningsniva"),
        Column("forsorjning_fore"),
        Column("tid_offentlig_forsorjning"),
        Column("remittent"),
        Column("handlingsplan_datum"),
        Column("forsorjning_efter"),
    )
    personal_columns = tuple(c.name for c in columns if c.name not in ANONYMOUS_COLUMNS)

    def parse_row(self, row: RowReader, context: ImportContext) -> ParticipantRow | None:
        code = row.value("insats", parse_code, required=True)
        if code is not None:
            self._check_intervention(row, context, code)
        reference = row.value("deltagar_id", text_of(REFERENCE_LENGTH))
        anonymous = row.value("anonym", parse_yes_no, required=True)
        entry_date = row.value("inskrivningsdatum", parse_date, required=True)
        gender = row.value("kön", choice_of(Gender.values))
        if anonymous is None:
            return None
        if anonymous:
            if row.is_empty("kön"):
                row.problem("kön", _("Kön krävs för en anonym rad: kvinna, man eller annat."))
            for column in self.personal_columns:
                if not row.is_empty(column):
                    row.problem(
                        column,
                        _(
                            "En anonym rad har bara insats, anonym, kön och inskrivningsdatum "
                            "(och deltagar_id); lämna kolumnen tom."
                        ),
                    )
            if not row.ok or code is None or entry_date is None or gender is None:
                return None
            return ParticipantRow(
                intervention=code,
                reference=reference or "",
                number=None,
                consent_date=None,
                gender=gender,
                entry_date=entry_date,
            )
        return self._personal_row(row, code, reference or "", entry_date, gender)

    def _check_intervention(self, row: RowReader, context: ImportContext, code: str) -> None:
        if not context.knows_intervention(code):
            row.problem(
                "insats",
                _("Insatsen finns varken i bladet Insatser eller bland förbundets insatser."),
            )
            return
        if context.follow_up_of(code) == FollowUp.COUNTS:
            row.problem(
                "insats",
                _(
                    "Insatsen följs upp med antal; deltagare registreras bara för insatser "
                    "med uppföljning = personuppgifter."
                ),
            )
        intervention_id = context.stored_intervention_id(code)
        if context.access.participant_intervention_ids is not None and (
            intervention_id is None or not context.access.may_touch_participants_of(intervention_id)
        ):
            row.problem(
                "insats",
                _(
                    "Du är inte deltagaransvarig för insatsen och får inte importera dess "
                    "deltagare."
                ),
            )

    def _personal_row(
        self,
        row: RowReader,
        code: str | None,
        reference: str,
        entry_date: dt.date | None,
        gender: str | None,
    ) -> ParticipantRow | None:
        number = row.value("personnummer", parse_personnummer)
        if row.is_empty("personnummer"):
            row.problem(
                "personnummer", _("Personnummer krävs när raden inte är anonym (anonym = nej).")
            )
        consent_date = row.value("samtycke_datum", parse_date)
        if row.is_empty("samtycke_datum"):
            row.problem(
                "samtycke_datum",
                _(
                    "Samtycke krävs för att spara personuppgifter. Raden importeras inte och "
                    "görs inte om till en anonym rad."
                ),
            )
        elif consent_date and entry_date and consent_date > entry_date:
            row.problem(
                "samtycke_datum", _("Samtycket får inte vara lämnat efter inskrivningsdatum.")
            )
        if number is not None and gender is not None and gender != number.gender:
            row.problem(
                "kön",
                _(
                    "Kön ska stämma med personnumret (näst sista siffran: udda = man, "
                    "jämn = kvinna), eller lämnas tomt."
                ),
            )
        exit_date, exit_reason, work_extent = self._exit(row, entry_date)
        details = EntryDetails(
            education=row.value("utbildningsniva", choice_of(Education.values)) or "",
            income_before=row.value("forsorjning_fore", parse_income_sources) or [],
            public_support_time=row.value(
                "tid_offentlig_forsorjning", choice_of(PublicSupportTime.values)
            )
            or "",
            referrer=row.value("remittent", choice_of(Referrer.values)) or "",
            action_plan_date=row.value("handlingsplan_datum", parse_date),
            income_after=row.value("forsorjning_efter", parse_income_sources) or [],
        )
        if (
            not row.ok
            or code is None
            or entry_date is None
            or number is None
            or consent_date is None
        ):
            return None
        return ParticipantRow(
            intervention=code,
            reference=reference,
            number=number,
            consent_date=consent_date,
            gender=number.gender,
            entry_date=entry_date,
            exit_date=exit_date,
            exit_reason=exit_reason,
            work_extent=work_extent,
            details=details,
        )

    def _exit(
        self, row: RowReader, entry_date: dt.date | None
    ) -> tuple[dt.date | None, str, int | None]:
        exit_date = row.value("utskrivningsdatum", parse_date)
        if exit_date and entry_date and exit_date < entry_date:
            row.problem(
                "utskrivningsdatum", _("Utskrivningsdatum får inte vara före inskrivningsdatum.")
            )
        reason = row.value("avslutsanledning", choice_of(ExitReason.values))
        if row.is_empty("avslutsanledning") and not row.is_empty("utskrivningsdatum"):
            row.problem(
                "avslutsanledning", _("Avslutsanledning krävs när deltagaren är utskriven.")
            )
        elif not row.is_empty("avslutsanledning") and row.is_empty("utskrivningsdatum"):
            row.problem(
                "avslutsanledning",
                _("Avslutsanledning anges bara när utskrivningsdatum finns."),
            )
        work_extent = row.value("arbetsgrad", partial(parse_number_in_range, low=1, high=100))
        reason_is_wrong = reason is None and not row.is_empty("avslutsanledning")
        if reason in WORK_REASONS:
            if row.is_empty("arbetsgrad"):
                row.problem(
                    "arbetsgrad",
                    _("Arbetsgrad (hel procent 1–100) krävs när avslutsanledningen är %(code)s.")
                    % {"code": reason},
                )
        elif not reason_is_wrong and not row.is_empty("arbetsgrad"):
            row.problem(
                "arbetsgrad",
                _("Arbetsgrad anges bara för avslutsanledningarna %(codes)s.")
                % {"codes": WORK_CODES},
            )
        return exit_date, reason or "", work_extent

    def check_rows(
        self, rows: Sequence[tuple[int, ParticipantRow]], context: ImportContext
    ) -> None:
        self._check_references(rows, context)
        self._check_same_entry(rows, context)
        self._check_open(rows, context)

    def _check_references(
        self, rows: Sequence[tuple[int, ParticipantRow]], context: ImportContext
    ) -> None:
        first_rows: dict[str, int] = {}
        for number, row in rows:
            if not row.reference:
                continue
            if row.reference in first_rows:
                self.problem(
                    context,
                    number,
                    "deltagar_id",
                    row.reference,
                    _("Deltagar-id:t finns redan på rad %(row)s i bladet.")
                    % {"row": first_rows[row.reference]},
                )
            else:
                first_rows[row.reference] = number
        if context.access.participant_intervention_ids is None or not first_rows:
            return
        stored = Participation.objects.filter(
            association=context.association, reference__in=first_rows
        ).values_list("reference", "intervention_id")
        for reference, intervention_id in stored:
            if not context.access.may_touch_participants_of(intervention_id):
                self.problem(
                    context,
                    first_rows[reference],
                    "deltagar_id",
                    reference,
                    _(
                        "Deltagar-id:t hör till ett deltagande i en insats där du inte är "
                        "deltagaransvarig."
                    ),
                )

    def _check_same_entry(
        self, rows: Sequence[tuple[int, ParticipantRow]], context: ImportContext
    ) -> None:
        first_rows: dict[tuple[str, str, dt.date], int] = {}
        for number, row in rows:
            if row.number is None or row.pnr_hash is None:
                continue
            key = (row.pnr_hash, row.intervention, row.entry_date)
            if key in first_rows:
                self.problem(
                    context,
                    number,
                    "personnummer",
                    row.number.masked,
                    _(
                        "Personen har redan en rad för insatsen med samma inskrivningsdatum "
                        "(rad %(row)s)."
                    )
                    % {"row": first_rows[key]},
                )
            else:
                first_rows[key] = number

    def _check_open(
        self, rows: Sequence[tuple[int, ParticipantRow]], context: ImportContext
    ) -> None:
        """At most one open participation per person and intervention, in what the database
        will hold after the import: the file's rows and the stored rows they do not replace."""
        open_rows: dict[tuple[str, str], list[int]] = defaultdict(list)
        masked: dict[int, str] = {}
        for number, row in rows:
            if row.number is not None and row.pnr_hash is not None and row.exit_date is None:
                open_rows[(row.pnr_hash, row.intervention)].append(number)
                masked[number] = row.number.masked
        if not open_rows:
            return
        references = {row.reference for _number, row in rows if row.reference}
        keyless = {
            (row.pnr_hash, row.intervention, row.entry_date)
            for _number, row in rows
            if not row.reference and row.pnr_hash is not None
        }
        stored = Participation.objects.filter(
            association=context.association,
            exit_date__isnull=True,
            person__pnr_hash__in={pnr_hash for pnr_hash, _code in open_rows},
        ).values_list("reference", "person__pnr_hash", "intervention__code", "entry_date")
        stored_open: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
        for reference, pnr_hash, code, entry_date in stored:
            replaced = (
                reference in references if reference else (pnr_hash, code, entry_date) in keyless
            )
            if not replaced:
                stored_open[(pnr_hash, code)].append(entry_date)
        for key, numbers in open_rows.items():
            for position, number in enumerate(numbers):
                if stored_open.get(key):
                    reason = _(
                        "Personen har redan ett pågående deltagande i insatsen (sparat, "
                        "inskrivet %(date)s). Ange utskrivningsdatum på det ena."
                    ) % {"date": min(stored_open[key]).isoformat()}
                elif position > 0:
                    reason = _(
                        "Personen har redan ett pågående deltagande i insatsen på rad "
                        "%(row)s. Ange utskrivningsdatum på det ena."
                    ) % {"row": numbers[0]}
                else:
                    continue
                self.problem(context, number, "personnummer", masked[number], reason)

    def write(self, rows: Sequence[ParticipantRow], context: ImportContext) -> SheetChanges:
        interventions = context.interventions_by_code(row.intervention for row in rows)
        records = [
            ParticipationRecord(
                intervention=interventions[row.intervention],
                entry_date=row.entry_date,
                gender=row.gender,
                number=row.number,
                consent_date=row.consent_date,
                reference=row.reference,
                exit_date=row.exit_date,
                exit_reason=row.exit_reason,
                work_extent=row.work_extent,
                details=row.details,
            )
            for row in rows
        ]
        changes = SheetChanges()
        outcomes = import_participations(
            user=context.access.user, association=context.association, records=records
        )
        for outcome in outcomes:
            changes.count(outcome)
        return changes

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        """Only the rows ``access`` may read; the export is logged (also when empty)."""
        if not access.any_participants:
            return []
        records = export_participations(user=access.user, association=association)
        return [self._export_row(record) for record in records]

    @staticmethod
    def _export_row(record: ParticipationRecord) -> tuple[Any, ...]:
        if record.number is None:
            return (
                record.intervention.code,
                record.reference or None,
                "ja",
                *([None] * 2),
                record.gender,
                record.entry_date,
                *([None] * 9),
            )
        canonical = record.number.canonical
        details = record.details
        return (
            record.intervention.code,
            record.reference or None,
            "nej",
            f"{canonical[:8]}-{canonical[8:]}",
            record.consent_date,
            record.gender,
            record.entry_date,
            record.exit_date,
            record.exit_reason or None,
            record.work_extent,
            details.education or None,
            "; ".join(details.income_before) or None,
            details.public_support_time or None,
            details.referrer or None,
            details.action_plan_date,
            "; ".join(details.income_after) or None,
        )
