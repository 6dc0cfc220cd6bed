"""Our own SIE 4 reader (spec/annual-report.md section 1): ``tokenizer`` splits lines
into fields, ``records`` is the table of the records we read, ``parser`` turns the records
into an ``SieFile`` or refuses the file with every problem and its line, and ``writer``
writes a ledger back (for tests and the benchmark)."""

from ledger.sie.parser import SieError, SieFile, read_sie

__all__ = ["SieError", "SieFile", "read_sie"]
