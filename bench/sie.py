"""Times the SIE 4 reader and the import of a realistic year: a generated ledger with
``--rows`` voucher rows (default 50 000) over a chart of 120 accounts and two dimensions.

    .venv/bin/python -m bench.sie                       # SQLite (bench/out/)
    scripts/with-postgres .venv/bin/python -m bench.sie # throw-away PostgreSQL

Prints the file size, the time to read it (``ledger.sie.read_sie``: decode, tokenize,
parse, check) and the time of the whole import (``ledger.services.import_sie``: read and
write in one transaction), the median of ``--runs`` runs. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from decimal import Decimal


def generate(rows: int, *, seed: int = 1) -> bytes:
    from ledger.sie.parser import SieFile, SieRow, SieVoucher
    from ledger.sie.writer import write_sie

    rng = random.Random(seed)
    sie = SieFile(encoding="cp437", sie_type="4", program="bench", company_name="Bänkförbundet")
    sie.years = {0: (dt.date(2024, 1, 1), dt.date(2024, 12, 31))}
    balance = [str(1900 + n) for n in range(10)] + [str(2400 + n) for n in range(10)]
    result = [str(3000 + 10 * n) for n in range(20)] + [str(4000 + 10 * n) for n in range(80)]
    for account in balance + result:
        sie.accounts[account] = f"Konto {account} åäö"
    sie.objects = {(1, str(n)): f"Kostnadsställe {n}" for n in range(20)}
    sie.objects |= {(6, f"P{n}"): f"Projekt {n}" for n in range(30)}
    made = 0
    number = 0
    while made < rows:
        number += 1
        size = rng.randint(2, 8)
        lines = []
        for _ in range(size - 1):
            objects = rng.choice(
                ["", f"1:{rng.randrange(20)}", f"1:{rng.randrange(20)};6:P{rng.randrange(30)}"]
            )
            amount = Decimal(rng.randint(-10_000_000, 10_000_000)) / 100
            lines.append(SieRow(rng.choice(result), objects, amount, None, "rad"))
        lines.append(SieRow(rng.choice(balance), "", -sum((r.amount for r in lines), Decimal(0))))
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))
        sie.vouchers.append(SieVoucher(0, "A", str(number), day, f"Verifikation {number}", lines))
        made += size
    return write_sie(sie, checksum=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from bench.env import configure, migrate, vendor

    configure()
    migrate()
    from django_scopes import scope

    from ledger.services import import_sie
    from ledger.sie import read_sie
    from tenancy.models import Association

    data = generate(args.rows)
    association, _created = Association.objects.get_or_create(
        slug="sie-bench", defaults={"name": "Bänkförbundet"}
    )
    reads, imports = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        sie = read_sie(data)
        reads.append(time.perf_counter() - start)
        with scope(association=association.pk):
            start = time.perf_counter()
            import_sie(association=association, data=data)
            imports.append(time.perf_counter() - start)
    print(
        f"{vendor()}: {len(data) / 1e6:.1f} MB, {len(sie.vouchers)} vouchers, "
        f"{sie.row_count} rows; read {statistics.median(reads):.2f} s "
        f"(min {min(reads):.2f}), import {statistics.median(imports):.2f} s "
        f"(min {min(imports):.2f}), median of {args.runs}"
    )


if __name__ == "__main__":
    main()
