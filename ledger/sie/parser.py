"""Records to an ``SieFile``, or an ``SieError`` listing every problem with its line.

Refused (spec/annual-report.md section 1): not an SIE file (``#FLAGGA`` missing or not
first); a malformed amount, date or object list; a voucher whose rows do not sum to zero;
a ``#KSUMMA`` that does not match or is never closed; an ``#ORGNR`` other than the
association's; no ``#RAR 0``. Warned about: ``#FLAGGA 1``, ``#UB -1`` against ``#IB 0``,
``#IB 0`` plus the year's ``#TRANS`` against ``#UB 0``, ``#TRANS`` against ``#RES 0``.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ledger.sie.records import RECORDS, RecordSpec
from ledger.sie.tokenizer import Field, Record, decode, tokenize

AMOUNT_RE = re.compile(r"-?\d+(\.\d{1,2})?")
INT_RE = re.compile(r"-?\d+")
DATE_RE = re.compile(r"\d{8}")
PERIOD_RE = re.compile(r"\d{6}")
ZERO = Decimal(0)

BalanceKey = tuple[str, int, str, str]  # kind, year offset, account, objects key
PeriodKey = tuple[str, int, int, str, str]  # kind, year offset, period, account, objects


@dataclass(frozen=True)
class Problem:
    line: int | None
    record: str
    reason: str

    def as_line(self) -> str:
        if self.line is None:
            return self.reason
        if not self.record:
            return _("Rad %(line)s: %(reason)s") % {"line": self.line, "reason": self.reason}
        return _("Rad %(line)s (%(record)s): %(reason)s") % {
            "line": self.line,
            "record": self.record,
            "reason": self.reason,
        }


class SieError(ValueError):
    """The file is refused; ``problems`` says why, each with its line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(problem.as_line() for problem in problems))
        self.problems = problems

    @property
    def lines(self) -> list[str]:
        return [problem.as_line() for problem in self.problems]


@dataclass
class SieRow:
    account: str
    objects: str
    amount: Decimal
    date: dt.date | None = None
    text: str = ""


@dataclass
class SieVoucher:
    line: int
    series: str
    number: str
    date: dt.date
    text: str
    rows: list[SieRow] = field(default_factory=list)
    #: a row could not be read (reported there), so the sum is not checked
    broken: bool = False


@dataclass
class SieFile:
    encoding: str
    flag: int = 0
    program: str = ""
    sie_type: str = ""
    organisation_number: str = ""
    company_name: str = ""
    years: dict[int, tuple[dt.date, dt.date]] = field(default_factory=dict)
    accounts: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    dimensions: dict[int, str] = field(default_factory=dict)
    objects: dict[tuple[int, str], str] = field(default_factory=dict)
    balances: dict[BalanceKey, Decimal] = field(default_factory=dict)
    period_balances: dict[PeriodKey, Decimal] = field(default_factory=dict)
    vouchers: list[SieVoucher] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    balance_lines: dict[BalanceKey, int] = field(default_factory=dict)

    @property
    def start(self) -> dt.date:
        return self.years[0][0]

    @property
    def end(self) -> dt.date:
        return self.years[0][1]

    @property
    def row_count(self) -> int:
        return sum(len(voucher.rows) for voucher in self.vouchers)

    def is_result_account(self, account: str) -> bool:
        return is_result_account(account, self.kinds.get(account, ""))


def is_result_account(account: str, kind: str = "") -> bool:
    """Result accounts are of type K or I, or (without #KTYP) of classes 3-8."""
    if kind in ("K", "I"):
        return True
    if kind in ("T", "S"):
        return False
    return account[:1] in "345678" and account[:1] != ""


def is_equity_account(account: str) -> bool:
    return account.startswith("20")


def objects_key(items: tuple[str, ...]) -> str:
    """``("1", "10", "6", "ENK")`` -> ``"1:10;6:ENK"`` (pairs in dimension order)."""
    pairs = sorted(
        ((int(items[index]), items[index + 1]) for index in range(0, len(items), 2)),
        key=lambda pair: pair[0],
    )
    return ";".join(f"{dimension}:{code}" for dimension, code in pairs)


def parse_objects_key(key: str) -> list[tuple[int, str]]:
    if not key:
        return []
    pairs = []
    for part in key.split(";"):
        dimension, _sep, code = part.partition(":")
        pairs.append((int(dimension), code))
    return pairs


class _Reader:
    def __init__(self, encoding: str) -> None:
        self.sie = SieFile(encoding=encoding)
        self.problems: list[Problem] = []
        self.voucher: SieVoucher | None = None
        self.voucher_open = False
        self.checksum: int | None = None
        self.checksum_line = 0

    def problem(self, record: Record | None, reason: str) -> None:
        if record is None:
            self.problems.append(Problem(None, "", reason))
        else:
            self.problems.append(Problem(record.line, record.label, reason))

    # --- fields --------------------------------------------------------------------------
    def fields(self, record: Record, spec: RecordSpec) -> dict[str, Any] | None:
        values: dict[str, Any] = {}
        ok = True
        if len(record.fields) < spec.required:
            missing = spec.names[len(record.fields)]
            self.problem(record, _("Fältet %(field)s saknas.") % {"field": missing})
            return None
        for name, kind, value in zip(spec.names, spec.fields, record.fields, strict=False):
            try:
                values[name] = _convert(kind, value)
            except ValueError as error:
                self.problem(record, str(error))
                ok = False
        return values if ok else None

    # --- records -------------------------------------------------------------------------
    def read(self, records: list[Record]) -> None:
        for index, record in enumerate(records):
            if index == 0 and record.label != "#FLAGGA":
                self.problem(
                    record, _("Filen är ingen SIE-fil: den första posten ska vara #FLAGGA.")
                )
                return
            if self.checksum is not None and record.label not in ("{", "}", "#KSUMMA"):
                self.checksum = zlib.crc32(_checksum_bytes(record), self.checksum)
            self.record(record)
        if not records:
            self.problem(None, _("Filen är ingen SIE-fil: den är tom."))
            return
        if self.voucher is not None:
            self.problem(
                None,
                _("Filen tar slut inne i verifikationen på rad %(line)s (filen är avkortad).")
                % {"line": self.voucher.line},
            )
        if self.checksum is not None:
            self.problem(
                None,
                _("#KSUMMA på rad %(line)s avslutas aldrig (filen är avkortad).")
                % {"line": self.checksum_line},
            )
        if 0 not in self.sie.years:
            self.problem(None, _("Filen saknar #RAR 0 (räkenskapsårets datum)."))

    def record(self, record: Record) -> None:
        label = record.label
        if label == "{":
            if self.voucher is None or self.voucher_open:
                self.problem(record, _("{ står inte direkt efter en #VER."))
            else:
                self.voucher_open = True
            return
        if label == "}":
            self.close_voucher(record)
            return
        if self.voucher is not None and not self.voucher_open:
            self.problem(record, _("Verifikationen saknar sin { efter #VER."))
            self.voucher = None
        spec = RECORDS.get(label)
        if spec is None:
            return  # unknown labels are ignored
        if self.voucher is not None and label not in ("#TRANS", "#RTRANS", "#BTRANS"):
            self.problem(record, _("Posten får inte stå inne i en verifikation."))
            return
        values = self.fields(record, spec)
        if values is None:
            if label == "#VER":
                self.voucher = SieVoucher(record.line, "", "", dt.date.min, "", broken=True)
            elif self.voucher is not None:
                self.voucher.broken = True
            return
        handler = getattr(self, "on_" + label[1:].lower())
        handler(record, values)

    def close_voucher(self, record: Record) -> None:
        if self.voucher is None or not self.voucher_open:
            self.problem(record, _("} avslutar ingen verifikation."))
            return
        voucher = self.voucher
        self.voucher = None
        self.voucher_open = False
        if voucher.broken:
            return
        total = sum((row.amount for row in voucher.rows), ZERO)
        if total != ZERO:
            self.problem(
                Record(voucher.line, "#VER", ()),
                _("Verifikationens rader summerar till %(sum)s i stället för 0.") % {"sum": total},
            )
            return
        self.sie.vouchers.append(voucher)

    def on_flagga(self, record: Record, values: dict[str, Any]) -> None:
        self.sie.flag = values["flag"]
        if values["flag"] == 1:
            self.sie.warnings.append(
                _("Rad %(line)s: #FLAGGA 1 – filen har redan lästs in en gång.")
                % {"line": record.line}
            )

    def on_format(self, record: Record, values: dict[str, Any]) -> None:
        pass

    def on_sietyp(self, record: Record, values: dict[str, Any]) -> None:
        self.sie.sie_type = values["type"]

    def on_program(self, record: Record, values: dict[str, Any]) -> None:
        self.sie.program = " ".join(filter(None, (values["program"], values.get("version", ""))))

    def on_gen(self, record: Record, values: dict[str, Any]) -> None:
        pass

    def on_orgnr(self, record: Record, values: dict[str, Any]) -> None:
        self.sie.organisation_number = values["number"]

    def on_fnamn(self, record: Record, values: dict[str, Any]) -> None:
        self.sie.company_name = values["name"]

    def on_rar(self, record: Record, values: dict[str, Any]) -> None:
        if values["end"] < values["start"]:
            self.problem(record, _("Räkenskapsåret slutar före det börjar."))
            return
        self.sie.years[values["year"]] = (values["start"], values["end"])

    def on_konto(self, record: Record, values: dict[str, Any]) -> None:
        self.sie.accounts[values["account"]] = values.get("name", "")

    def on_ktyp(self, record: Record, values: dict[str, Any]) -> None:
        kind = values["kind"].upper()
        if kind not in ("T", "S", "K", "I"):
            self.problem(record, _("Kontotypen ska vara T, S, K eller I."))
            return
        self.sie.kinds[values["account"]] = kind

    def on_dim(self, record: Record, values: dict[str, Any]) -> None:
        self.sie.dimensions[values["dimension"]] = values.get("name", "")

    def on_underdim(self, record: Record, values: dict[str, Any]) -> None:
        self.sie.dimensions[values["dimension"]] = values.get("name", "")

    def on_objekt(self, record: Record, values: dict[str, Any]) -> None:
        self.sie.objects[(values["dimension"], values["code"])] = values.get("name", "")

    def balance(self, record: Record, values: dict[str, Any], objects: str = "") -> None:
        key = (record.label[1:], values["year"], values["account"], objects)
        if key in self.sie.balances:
            self.problem(
                record,
                _("Samma saldo finns redan på rad %(line)s.")
                % {"line": self.sie.balance_lines[key]},
            )
            return
        self.sie.balances[key] = values["amount"]
        self.sie.balance_lines[key] = record.line

    def on_ib(self, record: Record, values: dict[str, Any]) -> None:
        self.balance(record, values)

    on_ub = on_ib
    on_res = on_ib

    def on_oib(self, record: Record, values: dict[str, Any]) -> None:
        self.balance(record, values, values["objects"])

    on_oub = on_oib

    def on_psaldo(self, record: Record, values: dict[str, Any]) -> None:
        key = (
            record.label[1:],
            values["year"],
            values["period"],
            values["account"],
            values["objects"],
        )
        if key in self.sie.period_balances:
            self.problem(record, _("Samma periodsaldo finns redan tidigare i filen."))
            return
        self.sie.period_balances[key] = values["amount"]

    on_pbudget = on_psaldo

    def on_ver(self, record: Record, values: dict[str, Any]) -> None:
        self.voucher = SieVoucher(
            line=record.line,
            series=values["series"],
            number=values["number"],
            date=values["date"],
            text=values.get("text", ""),
        )

    def on_trans(self, record: Record, values: dict[str, Any]) -> None:
        if self.voucher is None or not self.voucher_open:
            self.problem(record, _("Posten står utanför en verifikation."))
            return
        self.voucher.rows.append(
            SieRow(
                account=values["account"],
                objects=values["objects"],
                amount=values["amount"],
                date=values.get("date"),
                text=values.get("text", ""),
            )
        )

    def on_rtrans(self, record: Record, values: dict[str, Any]) -> None:
        """A #RTRANS is followed by its #TRANS, which is the row that counts."""
        if self.voucher is None or not self.voucher_open:
            self.problem(record, _("Posten står utanför en verifikation."))

    on_btrans = on_rtrans

    def on_ksumma(self, record: Record, values: dict[str, Any]) -> None:
        given = values.get("checksum", "")
        if self.checksum is None:
            if given:
                self.problem(record, _("#KSUMMA har en kontrollsumma men ingen början."))
                return
            self.checksum = 0
            self.checksum_line = record.line
            return
        if not given:
            self.problem(record, _("Den avslutande #KSUMMA saknar kontrollsumma."))
        elif not INT_RE.fullmatch(given):
            self.problem(
                record, _('Kontrollsumman "%(value)s" är inget heltal.') % {"value": given}
            )
        elif int(given) % 2**32 != self.checksum:
            self.problem(
                record,
                _(
                    "Kontrollsumman stämmer inte: filen är ändrad eller skadad "
                    "(beräknad %(computed)s, angiven %(given)s)."
                )
                % {"computed": self.checksum, "given": given},
            )
        self.checksum = None


def _checksum_bytes(record: Record) -> bytes:
    parts = [record.label]
    for value in record.fields:
        if isinstance(value, tuple):
            parts.extend(value)
        else:
            parts.append(value)
    return "".join(parts).encode("cp437", errors="replace")


def _convert(kind: str, value: Field) -> Any:
    if kind in ("objects", "object"):
        if not isinstance(value, tuple):
            raise ValueError(_('"%(value)s" är ingen objektlista inom { }.') % {"value": value})
        if len(value) % 2 or any(not INT_RE.fullmatch(value[i]) for i in range(0, len(value), 2)):
            raise ValueError(
                _("Objektlistan {%(value)s} ska bestå av par av dimensionsnummer och objekt.")
                % {"value": " ".join(value)}
            )
        if kind == "object" and len(value) != 2:
            raise ValueError(_("Objektlistan ska innehålla exakt ett objekt."))
        return objects_key(value)
    if isinstance(value, tuple):
        raise ValueError(_("En objektlista står där ett enkelt fält ska stå."))
    if kind == "text":
        return value
    if kind in ("int", "year"):
        if not INT_RE.fullmatch(value):
            raise ValueError(_('"%(value)s" är inget heltal.') % {"value": value})
        number = int(value)
        if kind == "year" and number > 0:
            raise ValueError(
                _("Årsnumret ska vara 0 eller negativt, inte %(value)s.") % {"value": value}
            )
        return number
    if kind == "amount":
        if not AMOUNT_RE.fullmatch(value):
            raise ValueError(
                _('"%(value)s" är inget giltigt belopp (siffror, punkt och högst två decimaler).')
                % {"value": value}
            )
        return Decimal(value)
    if kind == "period":
        if not PERIOD_RE.fullmatch(value) or not 1 <= int(value[4:]) <= 12:
            raise ValueError(_('"%(value)s" är ingen giltig period (ÅÅÅÅMM).') % {"value": value})
        return int(value)
    if kind in ("date", "odate"):
        if kind == "odate" and value == "":
            return None
        if not DATE_RE.fullmatch(value):
            raise ValueError(_('"%(value)s" är inget giltigt datum (ÅÅÅÅMMDD).') % {"value": value})
        try:
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            raise ValueError(
                _('"%(value)s" är inget giltigt datum (ÅÅÅÅMMDD).') % {"value": value}
            ) from None
    raise AssertionError(kind)


def read_sie(data: bytes, *, organisation_number: str = "") -> SieFile:
    """The ledger of ``data``; ``SieError`` with every problem when it is refused."""
    text, encoding = decode(data)
    records, token_problems = tokenize(text)
    reader = _Reader(encoding)
    reader.read(records)
    problems = [Problem(line, "", reason) for line, reason in token_problems]
    problems.extend(reader.problems)
    sie = reader.sie
    if (
        organisation_number
        and sie.organisation_number
        and _digits(sie.organisation_number) != _digits(organisation_number)
    ):
        problems.append(
            Problem(
                None,
                "#ORGNR",
                _("Filen gäller organisationsnummer %(file)s, men förbundets är %(own)s.")
                % {"file": sie.organisation_number, "own": organisation_number},
            )
        )
    if problems:
        problems.sort(key=lambda problem: (problem.line is None, problem.line or 0))
        raise SieError(problems)
    sie.warnings.extend(consistency_warnings(sie))
    return sie


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def consistency_warnings(sie: SieFile) -> list[str]:
    """The warnings of section 1 about balances that do not agree with each other."""
    warnings: list[str] = []
    ib0 = _by_account(sie, "IB", 0)
    ub0 = _by_account(sie, "UB", 0)
    ub1 = _by_account(sie, "UB", -1)
    res0 = _by_account(sie, "RES", 0)
    res1 = _by_account(sie, "RES", -1)
    if ub1:
        equity_ib = ZERO
        equity_ub = sum(res1.values(), ZERO)
        for account in sorted(set(ib0) | set(ub1)):
            if sie.is_result_account(account):
                continue
            if is_equity_account(account):
                equity_ib += ib0.get(account, ZERO)
                equity_ub += ub1.get(account, ZERO)
            elif ib0.get(account, ZERO) != ub1.get(account, ZERO):
                warnings.append(
                    _("Konto %(account)s: #UB -1 (%(ub)s) skiljer sig från #IB 0 (%(ib)s).")
                    % {
                        "account": account,
                        "ub": ub1.get(account, ZERO),
                        "ib": ib0.get(account, ZERO),
                    }
                )
        if equity_ib != equity_ub:
            warnings.append(
                _(
                    "Eget kapital: #IB 0 (%(ib)s) skiljer sig från #UB -1 efter föregående års "
                    "resultat (%(ub)s)."
                )
                % {"ib": equity_ib, "ub": equity_ub}
            )
    if sie.vouchers:
        moved: dict[str, Decimal] = defaultdict(Decimal)
        for voucher in sie.vouchers:
            for row in voucher.rows:
                moved[row.account] += row.amount
        if ub0:
            for account in sorted(set(ib0) | set(ub0) | set(moved)):
                if sie.is_result_account(account):
                    continue
                expected = ib0.get(account, ZERO) + moved.get(account, ZERO)
                if expected != ub0.get(account, ZERO):
                    warnings.append(
                        _(
                            "Konto %(account)s: #IB 0 plus årets transaktioner (%(sum)s) skiljer "
                            "sig från #UB 0 (%(ub)s)."
                        )
                        % {"account": account, "sum": expected, "ub": ub0.get(account, ZERO)}
                    )
        if res0:
            for account in sorted(set(res0) | set(moved)):
                if not sie.is_result_account(account):
                    continue
                if moved.get(account, ZERO) != res0.get(account, ZERO):
                    warnings.append(
                        _(
                            "Konto %(account)s: årets transaktioner (%(sum)s) skiljer sig från "
                            "#RES 0 (%(res)s)."
                        )
                        % {
                            "account": account,
                            "sum": moved.get(account, ZERO),
                            "res": res0.get(account, ZERO),
                        }
                    )
    return warnings


def _by_account(sie: SieFile, kind: str, offset: int) -> dict[str, Decimal]:
    return {
        account: amount
        for (k, year, account, objects), amount in sie.balances.items()
        if k == kind and year == offset and not objects
    }
