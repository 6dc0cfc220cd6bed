"""The record table: the SIE 4 records we read, their fields and the type of each.

Field types: ``text`` (any string), ``int``, ``year`` (årsnr: 0, -1, ...), ``amount``
(``-?digits[.d[d]]``), ``date`` (``YYYYMMDD``), ``odate`` (a date or empty), ``objects``
(an object list ``{dim obj ...}``), ``object`` (a one-object list ``{dim obj}``),
``period`` (``YYYYMM``). Fields after the required ones are optional; surplus trailing
fields are ignored, as are records not in the table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordSpec:
    fields: tuple[str, ...]
    required: int
    #: names of the fields, for the parser
    names: tuple[str, ...]


def spec(required: int, *pairs: tuple[str, str]) -> RecordSpec:
    return RecordSpec(
        fields=tuple(kind for _name, kind in pairs),
        required=required,
        names=tuple(name for name, _kind in pairs),
    )


RECORDS: dict[str, RecordSpec] = {
    "#FLAGGA": spec(1, ("flag", "int")),
    "#FORMAT": spec(1, ("format", "text")),
    "#SIETYP": spec(1, ("type", "text")),
    "#PROGRAM": spec(1, ("program", "text"), ("version", "text")),
    "#GEN": spec(1, ("date", "date"), ("sign", "text")),
    "#ORGNR": spec(1, ("number", "text"), ("part", "text"), ("unit", "text")),
    "#FNAMN": spec(1, ("name", "text")),
    "#RAR": spec(3, ("year", "year"), ("start", "date"), ("end", "date")),
    "#KONTO": spec(1, ("account", "text"), ("name", "text")),
    "#KTYP": spec(2, ("account", "text"), ("kind", "text")),
    "#DIM": spec(1, ("dimension", "int"), ("name", "text")),
    "#UNDERDIM": spec(1, ("dimension", "int"), ("name", "text"), ("parent", "int")),
    "#OBJEKT": spec(2, ("dimension", "int"), ("code", "text"), ("name", "text")),
    "#IB": spec(3, ("year", "year"), ("account", "text"), ("amount", "amount")),
    "#UB": spec(3, ("year", "year"), ("account", "text"), ("amount", "amount")),
    "#RES": spec(3, ("year", "year"), ("account", "text"), ("amount", "amount")),
    "#OIB": spec(
        4, ("year", "year"), ("account", "text"), ("objects", "object"), ("amount", "amount")
    ),
    "#OUB": spec(
        4, ("year", "year"), ("account", "text"), ("objects", "object"), ("amount", "amount")
    ),
    "#PSALDO": spec(
        5,
        ("year", "year"),
        ("period", "period"),
        ("account", "text"),
        ("objects", "objects"),
        ("amount", "amount"),
    ),
    "#PBUDGET": spec(
        5,
        ("year", "year"),
        ("period", "period"),
        ("account", "text"),
        ("objects", "objects"),
        ("amount", "amount"),
    ),
    "#VER": spec(
        3,
        ("series", "text"),
        ("number", "text"),
        ("date", "date"),
        ("text", "text"),
        ("registered", "odate"),
    ),
    "#TRANS": spec(
        3,
        ("account", "text"),
        ("objects", "objects"),
        ("amount", "amount"),
        ("date", "odate"),
        ("text", "text"),
    ),
    "#RTRANS": spec(3, ("account", "text"), ("objects", "objects"), ("amount", "amount")),
    "#BTRANS": spec(3, ("account", "text"), ("objects", "objects"), ("amount", "amount")),
    "#KSUMMA": spec(0, ("checksum", "text")),
}
