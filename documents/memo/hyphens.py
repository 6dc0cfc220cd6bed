"""Swedish hyphenation of the memo's table headings for the DOCX and the PDF alike: a
long heading word in a narrow column ("Styrgruppsmöten") breaks at a syllable with a
hyphen ("Styr-/grupps-/möten") instead of at any letter ("Styrgrup/psmöten").

The points are soft hyphens (U+00AD), added to a copy of the document for those two
formats only: the model, the page, the XLSX and the JSON keep the plain words. Pyphen's
Swedish dictionary finds the syllables; compound words of the memo's own headings are split
at their parts first (the dictionary splits "Styrgruppsmöten" as "Styr-gruppsmö-ten")."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any

from documents.memo.model import Block, HeaderGroup, MemoDocument, Table

SOFT_HYPHEN = "\u00ad"
#: words shorter than this are never hyphenated
MIN_LENGTH = 8
#: compound words of the memo's headings, split at their parts ("|"), lower case
COMPOUNDS = {
    "styrgruppsmöten": "styr|grupps|möten",
    "styrgruppens": "styr|gruppens",
    "styrgrupp": "styr|grupp",
    "måluppfyllelse": "mål|upp|fyllelse",
    "förbrukningskvot": "för|bruk|nings|kvot",
    "avslutningsanledning": "av|slut|nings|an|led|ning",
    "handlingsplan": "hand|lings|plan",
    "kvalitetssäkring": "kvali|tets|säkring",
}
WORD = re.compile(r"[^\W\d_]+")


@cache
def _dictionary() -> Any:
    import pyphen  # type: ignore[import-untyped]  # pyphen ships no type hints

    return pyphen.Pyphen(lang="sv_SE", left=2, right=3)


@cache
def hyphenate_word(word: str) -> str:
    """``word`` with soft hyphens where it may break; short words stay as they are."""
    if len(word) < MIN_LENGTH:
        return word
    lower = word.lower()
    for compound, parts in COMPOUNDS.items():
        if lower.startswith(compound):
            pieces, start = [], 0
            for part in parts.split("|"):
                pieces.append(word[start : start + len(part)])
                start += len(part)
            rest = word[start:]
            return SOFT_HYPHEN.join(pieces) + rest
    return str(_dictionary().inserted(word, hyphen=SOFT_HYPHEN))


def hyphenate(text: str) -> str:
    """Every long word of ``text`` with its soft hyphens."""
    return WORD.sub(lambda match: hyphenate_word(match.group()), text)


def hyphenated_table(table: Table) -> Table:
    return dataclasses.replace(
        table,
        columns=tuple(hyphenate(title) for title in table.columns),
        groups=tuple(HeaderGroup(hyphenate(g.label), g.span) for g in table.groups),
    )


def hyphenated(memo: MemoDocument) -> MemoDocument:
    """A copy of ``memo`` whose table headings carry soft hyphens (DOCX and PDF only)."""

    def block(each: Block) -> Block:
        return hyphenated_table(each) if isinstance(each, Table) else each

    sections = tuple(
        dataclasses.replace(s, blocks=tuple(block(b) for b in s.blocks)) for s in memo.sections
    )
    return dataclasses.replace(memo, sections=sections)
