"""Where the memo's inputs come from: the one memo object of the statistics layer
(``stats.memo.build_memo(..., document=True)``: the JSON, the interventions' names, the
sections only the document shows and the disclosure note) and the office's own texts and
Word template (``documents.models``). No model of another app is read here. Called inside
the association's scope (a request under ``/f/<slug>/``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from documents.memo.content import build_memo
from documents.memo.model import MemoDocument
from documents.models import MemoTemplate, MemoText
from stats.cache import current_memo
from stats.memo import Memo
from stats.periods import Period
from tenancy.models import Association


def default_period(today: dt.date) -> Period:
    """The last half-year that has ended: H2 of last year in January-June, else H1."""
    if today.month <= 6:
        return Period(today.year - 1, 3, 4)
    return Period(today.year, 1, 2)


def memo_for(
    association: Association, period: Period, *, suppress: bool, document: bool = True
) -> Memo:
    """The period's memo from the statistics layer; with ``document`` (the default) it
    carries the sections only the document shows, without it only the contract's JSON and
    names are needed (the JSON download). Of the current data; while another request
    computes the same memo, this one waits for it (``stats.cache.current_memo``)."""
    return current_memo(association, period, suppress=suppress, document=document)


def texts_for(association: Association, period: Period) -> dict[str, str]:
    """The office's texts for the period's memo, keyed by section."""
    rows = MemoText.objects.filter(association=association, period=period.code)
    return dict(rows.values_list("section", "text"))


def template_for(association: Association) -> Any:
    """The association's uploaded Word template (an open file), or None."""
    template = MemoTemplate.objects.filter(association=association).first()
    if template is None or not template.file:
        return None
    return template.file.open("rb")


def document_of(memo: Memo, *, texts: dict[str, str], produced_at: dt.datetime) -> MemoDocument:
    """The memo object as a document model: it renders only what ``memo`` holds and the
    office's texts."""
    if memo.document is None:
        raise ValueError("the memo lacks its document sections (build_memo(document=True))")
    return build_memo(
        memo.json,
        names=memo.names,
        extras=memo.document,
        texts=texts,
        produced_at=produced_at,
    )


def memo_document(
    association: Association,
    period: Period,
    *,
    suppress: bool,
    produced_at: dt.datetime | None = None,
) -> tuple[MemoDocument, dict[str, Any]]:
    """The period's memo as a document model, and the JSON it was made from."""
    memo = memo_for(association, period, suppress=suppress)
    document = document_of(
        memo,
        texts=texts_for(association, period),
        produced_at=produced_at or timezone.localtime(),
    )
    return document, memo.json
