"""Bytes to records: the encoding, line splitting, and the fields of one line.

A field is a ``str`` (quoted or not; the quotes and ``\\"`` escapes removed) or an
object list (a ``tuple`` of strings, from ``{...}``). A voucher's ``{`` and ``}`` stand on
their own lines and become the records ``{`` and ``}``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

Field = str | tuple[str, ...]

#: Tried in this order; the first that gives the most Swedish letters wins (CP437 on a tie).
ENCODINGS = ("cp437", "cp1252", "utf-8")
SWEDISH_LETTERS = frozenset("åäöÅÄÖ")


class TokenError(ValueError):
    """A line that cannot be split into fields (an unterminated quote or object list)."""


@dataclass(frozen=True)
class Record:
    line: int
    label: str
    fields: tuple[Field, ...]


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding used: CP437 as the standard says, unless
    another encoding gives more å ä ö Å Ä Ö (files written in Windows-1252 or UTF-8 while
    declaring PC8)."""
    best: tuple[int, str, str] | None = None
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = sum(1 for char in text if char in SWEDISH_LETTERS)
        if best is None or score > best[0]:
            best = (score, encoding, text)
    if best is None:  # cannot happen: cp437 decodes every byte
        return data.decode("cp437"), "cp437"
    if best[2].startswith("\ufeff"):
        return best[2][1:], best[1]
    return best[2], best[1]


def split_fields(text: str) -> list[Field]:
    """The fields of one line after its label."""
    fields: list[Field] = []
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char in " \t":
            position += 1
        elif char == '"':
            value, position = _quoted(text, position)
            fields.append(value)
        elif char == "{":
            items, position = _object_list(text, position)
            fields.append(items)
        elif char == "}":
            raise TokenError(_("Ett objektlistslut } saknar sin början {."))
        else:
            end = position
            while end < length and text[end] not in ' \t"{}':
                end += 1
            fields.append(text[position:end])
            position = end
    return fields


def _quoted(text: str, position: int) -> tuple[str, int]:
    """The quoted field starting at ``position`` and the position after it."""
    out: list[str] = []
    index = position + 1
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\\" and index + 1 < length and text[index + 1] == '"':
            out.append('"')
            index += 2
        elif char == '"':
            return "".join(out), index + 1
        else:
            out.append(char)
            index += 1
    raise TokenError(_("Ett citattecken avslutas aldrig."))


def _object_list(text: str, position: int) -> tuple[tuple[str, ...], int]:
    items: list[str] = []
    index = position + 1
    length = len(text)
    while index < length:
        char = text[index]
        if char in " \t":
            index += 1
        elif char == "}":
            return tuple(items), index + 1
        elif char == "{":
            raise TokenError(_("En objektlista får inte innehålla en annan objektlista."))
        elif char == '"':
            value, index = _quoted(text, index)
            items.append(value)
        else:
            end = index
            while end < length and text[end] not in ' \t"{}':
                end += 1
            items.append(text[index:end])
            index = end
    raise TokenError(_("En objektlista avslutas aldrig med }."))


def tokenize(text: str) -> tuple[list[Record], list[tuple[int, str]]]:
    """The records of ``text`` and the lines that could not be split (line, reason).
    Empty lines and lines that are not records (no ``#``, ``{`` or ``}``) are skipped."""
    records: list[Record] = []
    problems: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip(" \t\r\n\x00\x1a")
        if not line:
            continue
        if line == "{" or line == "}":
            records.append(Record(number, line, ()))
            continue
        if not line.startswith("#"):
            problems.append((number, _("Raden är ingen post (börjar inte med #).")))
            continue
        end = 1
        while end < len(line) and line[end] not in " \t":
            end += 1
        label = line[:end].upper()
        try:
            fields = tuple(split_fields(line[end:]))
        except TokenError as error:
            problems.append((number, f"{label}: {error}"))
            continue
        records.append(Record(number, label, fields))
    return records, problems
