"""Writes an ``SieFile`` as SIE 4 (CP437, CRLF), optionally with ``#KSUMMA``. Used by tests
(write out, read back) and the benchmark; the product itself only reads SIE."""

from __future__ import annotations

import zlib
from decimal import Decimal

from ledger.sie.parser import SieFile, parse_objects_key
from ledger.sie.tokenizer import Field


def _quote(value: str) -> str:
    return '"' + value.replace('"', '\\"') + '"'


def _objects(key: str) -> tuple[str, ...]:
    items: list[str] = []
    for dimension, code in parse_objects_key(key):
        items.extend((str(dimension), code))
    return tuple(items)


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def write_sie(sie: SieFile, *, checksum: bool = False) -> bytes:
    records: list[tuple[str, list[Field]]] = [("#FLAGGA", [str(sie.flag)])]
    records.append(("#FORMAT", ["PC8"]))
    records.append(("#SIETYP", [sie.sie_type or "4"]))
    if sie.program:
        records.append(("#PROGRAM", [sie.program]))
    if sie.organisation_number:
        records.append(("#ORGNR", [sie.organisation_number]))
    if sie.company_name:
        records.append(("#FNAMN", [sie.company_name]))
    for offset in sorted(sie.years, reverse=True):
        start, end = sie.years[offset]
        records.append(("#RAR", [str(offset), start.strftime("%Y%m%d"), end.strftime("%Y%m%d")]))
    for account, name in sie.accounts.items():
        records.append(("#KONTO", [account, name]))
    for account, kind in sie.kinds.items():
        records.append(("#KTYP", [account, kind]))
    for dimension, name in sie.dimensions.items():
        records.append(("#DIM", [str(dimension), name]))
    for (dimension, code), name in sie.objects.items():
        records.append(("#OBJEKT", [str(dimension), code, name]))
    for (kind, offset, account, objects), amount in sie.balances.items():
        fields: list[Field] = [str(offset), account]
        if kind in ("OIB", "OUB"):
            fields.append(_objects(objects))
        fields.append(_amount(amount))
        records.append(("#" + kind, fields))
    for (kind, offset, period, account, objects), amount in sie.period_balances.items():
        records.append(
            ("#" + kind, [str(offset), str(period), account, _objects(objects), _amount(amount)])
        )
    for voucher in sie.vouchers:
        records.append(
            (
                "#VER",
                [voucher.series, voucher.number, voucher.date.strftime("%Y%m%d"), voucher.text],
            )
        )
        records.append(("{", []))
        for row in voucher.rows:
            fields = [row.account, _objects(row.objects), _amount(row.amount)]
            if row.date or row.text:
                fields.append(row.date.strftime("%Y%m%d") if row.date else "")
                fields.append(row.text)
            records.append(("#TRANS", fields))
        records.append(("}", []))
    lines: list[str] = []
    crc = 0
    for index, (label, fields) in enumerate(records):
        if checksum and index == 1:
            lines.append("#KSUMMA")
        if label in ("{", "}"):
            lines.append(label)
            continue
        if checksum and index >= 1:
            flat: list[str] = [label]
            for value in fields:
                flat.extend(value if isinstance(value, tuple) else (value,))
            crc = zlib.crc32("".join(flat).encode("cp437"), crc)
        lines.append(" ".join([label, *(_field(value) for value in fields)]))
    if checksum:
        lines.append(f"#KSUMMA {crc}")
    return ("\r\n".join(lines) + "\r\n").encode("cp437")


def _field(value: Field) -> str:
    if isinstance(value, tuple):
        return "{" + " ".join(_quote(item) for item in value) + "}"
    return _quote(value)
