"""Property tests: a ledger written out reads back the same; a corrupted file is refused
with a message or read, never a crash."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.sie import SieError, read_sie
from ledger.sie.writer import write_sie
from ledger.tests.strategies import ledgers


def _content(sie):
    return (
        sie.years,
        sie.accounts,
        sie.objects,
        sie.balances,
        sie.period_balances,
        [
            (v.series, v.number, v.date, v.text, [(r.account, r.objects, r.amount) for r in v.rows])
            for v in sie.vouchers
        ],
    )


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers(), st.booleans())
def test_read_sie_written_ledger_reads_back_the_same(sie, checksum):
    data = write_sie(sie, checksum=checksum)

    read = read_sie(data)

    assert _content(read) == _content(sie)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers(), st.data())
def test_read_sie_corrupted_file_is_refused_or_read(sie, data):
    raw = bytearray(write_sie(sie, checksum=data.draw(st.booleans())))
    how = data.draw(st.sampled_from(["truncate", "flip", "remove_line"]))
    if how == "truncate":
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    elif how == "flip":
        for _ in range(data.draw(st.integers(1, 5))):
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    else:
        lines = bytes(raw).split(b"\r\n")
        del lines[data.draw(st.integers(0, len(lines) - 1))]
        raw = bytearray(b"\r\n".join(lines))

    try:
        read_sie(bytes(raw))
    except SieError as error:
        assert error.lines
        assert all(line.strip() for line in error.lines)
