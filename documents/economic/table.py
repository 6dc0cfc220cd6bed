"""The decision room as the board reads it (seed 001): sections of rows in SEK, costs shown
as positive amounts, each section followed by its total from the statistics layer. Page,
XLSX, DOCX and PDF render this same table."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from stats.economic import ADMINISTRATION, INCOME, OTHER_JOINT, EconomicInformation


@dataclass(frozen=True)
class TableRow:
    label: str
    values: list[int]
    #: "heading", "row", "total" or "key" (a key figure such as the room)
    kind: str = "row"
    owner: str = ""
    #: per column: the part of the value moved from the year before (0 when none)
    transferred: list[int] = field(default_factory=list)

    @property
    def has_transfer(self) -> bool:
        return any(self.transferred)

    @property
    def cells(self) -> list[tuple[int, int]]:
        """(value, transferred part) per column."""
        moved = self.transferred or [0] * len(self.values)
        return list(zip(self.values, moved, strict=True))


@dataclass(frozen=True)
class Header:
    key: str
    year: int
    label: str


@dataclass
class EconomicTable:
    headers: list[Header]
    rows: list[TableRow]
    transfer_year: int


def _headers(information: EconomicInformation) -> list[Header]:
    return [
        Header(c.key, c.year, _("Prognos") if c.is_prognosis else _("Budget"))
        for c in information.columns
    ]


def economic_table(information: EconomicInformation) -> EconomicTable:
    keys = information.keys
    totals = information.totals

    def total(label: str, name: str, kind: str = "total") -> TableRow:
        return TableRow(label, [totals[name][k] for k in keys], kind)

    def own(group: str, sign: int) -> list[TableRow]:
        return [
            TableRow(row["label"], [sign * row["values"][k] for k in keys])
            for row in information.rows
            if row["group"] == group
        ]

    def heading(label: str) -> TableRow:
        return TableRow(label, [], "heading")

    rows = [heading(_("Intäkter")), *own(INCOME, 1), total(_("Summa intäkter"), "income")]
    rows += [heading(_("Kostnader")), *own(ADMINISTRATION, -1)]
    rows.append(heading(_("Samverkansinsatser")))
    rows += [
        TableRow(
            information.names.get(item["intervention"], item["intervention"]),
            [-item["values"][k] for k in keys],
            owner=item["owner"],
            transferred=[-item["transferred"][k] for k in keys],
        )
        for item in information.interventions
    ]
    rows.append(total(_("Summa samverkansinsatser"), "interventions"))
    rows += [heading(_("Övriga samverkansinsatser")), *own(OTHER_JOINT, -1)]
    rows.append(total(_("Summa övriga samverkansinsatser"), "other_joint"))
    rows.append(total(_("Summa kostnader"), "costs"))
    rows.append(total(_("Årets beräknade resultat"), "result", "key"))
    rows.append(total(_("Över-/underskott från tidigare år"), "carried"))
    rows.append(total(_("Kvarvarande beslutsutrymme"), "room", "key"))
    rows.append(heading(_("Nya ansökningar, ej beviljade")))
    rows += [
        TableRow(item["name"], [item["values"][k] for k in keys])
        for item in information.applications
    ]
    rows.append(total(_("Summa nya ansökningar"), "applications"))
    rows.append(total(_("Beslutsutrymme efter ansökningarna"), "room_after_applications", "key"))
    if information.equity_limit is not None:
        limit = information.equity_limit
        rows.append(
            TableRow(_("Rekommenderat tak för eget kapital"), [limit[k] for k in keys], "key")
        )
    return EconomicTable(_headers(information), rows, information.as_of.year - 1)
