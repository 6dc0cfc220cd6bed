"""The follow-up memo pages: the memo per period (HTML with downloads), the office's text
for a section, and the Word template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.forms import MemoTextForm, PeriodForm, TemplateUploadForm, half_years
from documents.memo import sources
from documents.memo.hyphens import hyphenated
from documents.memo.model import MemoDocument, Placeholder
from documents.memo.render import CONTENT_TYPES, render_memo
from documents.memo.texts import PLACEHOLDER, REFLECTIONS, SPEC_BY_KEY
from documents.models import MemoTemplate, MemoText
from documents.services import remove_memo_template, replace_memo_template, save_memo_text
from stats.cache import MEMO_CACHE_SECONDS, data_version, memo_mark_key, single_flight
from stats.memo import Memo
from stats.periods import Period
from tenancy.models import Association
from tenancy.views.base import TenantView, htmx_redirect

#: ``?version=kansli``: the version without disclosure control (office only)
UNSUPPRESSED = "kansli"
#: ``?ladda_ner=ja``: download the DOCX or PDF although the reflections are not written
ANYWAY, ANYWAY_VALUE = "ladda_ner", "ja"
#: the formats that print the office's reflections (XLSX holds the tables only)
WARNED_FORMATS = ("docx", "pdf")
#: How long the memo page keeps the last computed memo, shown while another request
#: computes the memo of the current data, and how long a computation may hold the mark.
LAST_MEMO_SECONDS = 60 * 60
MEMO_COMPUTING_SECONDS = 2 * 60


@dataclass(frozen=True)
class PageMemo:
    """A memo as the page computed it: when, and under which disclosure threshold."""

    memo: Memo
    computed_at: dt.datetime
    threshold: int


def page_memo(
    association: Association, period: Period, *, suppress: bool, may_unsuppress: bool
) -> tuple[PageMemo, bool]:
    """The period's memo for the memo page, and whether it is the last one computed
    instead of the one of the current data (stale).

    The memo of the current data version is computed by one request at a time
    (``stats.cache.single_flight``, the mark per association, period and disclosure
    variant); while it computes, or while a download, the API or the key figures compute
    the same memo (``stats.cache.current_memo``'s mark), the others show the last memo of
    the same period, variant and permission at once, so a change of the data does not make
    every worker compute the memo (~1.4 s of CPU at national scale) at the same time. A
    request computes itself only when nothing was computed yet (then it waits for a memo
    in computation, see ``current_memo``). Downloads and the API never come here: they
    always use the current data."""
    base = f"finsam:memo-page:{association.pk}:{period.code}:{int(suppress)}"
    variant = f"{base}:{int(may_unsuppress)}"
    threshold = association.disclosure_threshold

    def compute() -> PageMemo:
        memo = sources.memo_for(association, period, suppress=suppress)
        return PageMemo(memo=memo, computed_at=timezone.localtime(), threshold=threshold)

    entry, stale = single_flight(
        f"{variant}:{data_version(association.pk, period.year)}",
        compute,
        fresh_seconds=MEMO_CACHE_SECONDS,
        last_seconds=LAST_MEMO_SECONDS,
        computing_seconds=MEMO_COMPUTING_SECONDS,
        last_key=f"{variant}:last",
        mark_key=f"{base}:computing",
        usable=lambda entry: entry.threshold == threshold,
        busy_key=memo_mark_key(association.pk, period.code, suppress),
    )
    extras = entry.memo.document
    if extras is not None and extras.association_name != association.name:
        # The association's own row is global: renaming it does not change the data version.
        memo = replace(entry.memo, document=replace(extras, association_name=association.name))
        entry = replace(entry, memo=memo)
    return entry, stale


def reflections_missing(document: MemoDocument) -> bool:
    """True while the memo shows the marker where the office's reflections belong."""
    return any(
        isinstance(block, Placeholder) and not block.paragraphs for block in document.blocks()
    )


class MemoPeriodMixin(TenantView):
    """The period asked for (``?period=2022H2``; the last ended half-year by default) and
    the version (``?version=kansli`` for the office's unsuppressed version)."""

    def period(self) -> Period:
        default = sources.default_period(timezone.localdate())
        text = self.request.GET.get("period", "").strip()
        if not text:
            return default
        try:
            return Period.parse(text)
        except ValueError as error:
            raise Http404(str(error)) from error

    def unsuppressed(self) -> bool:
        """True for the office's version; refuses anyone else (403)."""
        if self.request.GET.get("version") != UNSUPPRESSED:
            return False
        if not self.request.user.has_perm("stats.view_unsuppressed", self.association):
            raise PermissionDenied
        return True


class MemoView(MemoPeriodMixin):
    permission_required = "documents.view_memo"
    template_name = "documents/memo.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from documents.memo.charts import figures

        period = self.period()
        unsuppressed = self.unsuppressed()
        can_unsuppress = request.user.has_perm("stats.view_unsuppressed", self.association)
        entry, stale = page_memo(
            self.association, period, suppress=not unsuppressed, may_unsuppress=can_unsuppress
        )
        document = sources.document_of(
            entry.memo,
            texts=sources.texts_for(self.association, period),
            produced_at=entry.computed_at if stale else timezone.localtime(),
        )
        stale_note = ""
        if stale:
            stale_note = _(
                "Siffrorna räknas om efter en ändring. Sidan visar beräkningen från kl. "
                "%(time)s; ladda om sidan om en stund."
            ) % {"time": timezone.localtime(entry.computed_at).strftime("%H:%M")}
        # Table headings with soft hyphens, as in the DOCX and PDF: a wide table's narrow
        # columns break their heading words at syllables and the table fits the screen.
        document = hyphenated(document)
        # Inline SVG (the same drawing as in the PDF); a PNG (as in the DOCX) only for a
        # chart SVG cannot lay out. Each drawn once per data.
        svgs, images = figures(document.charts())
        latest = sources.default_period(timezone.localdate())
        choices = half_years(latest)
        if period not in choices:
            choices.insert(0, period)
        query = f"period={period.code}" + (f"&version={UNSUPPRESSED}" if unsuppressed else "")
        context = self.get_context_data(
            document=document,
            period=period,
            unsuppressed=unsuppressed,
            svgs=svgs,
            images=images,
            form=PeriodForm(initial={"period": period.code}, choices=choices),
            query=query,
            formats=("docx", "pdf", "xlsx", "json"),
            can_unsuppress=can_unsuppress,
            stale_note=stale_note,
            can_edit=request.user.has_perm("documents.edit_memo", self.association),
        )
        return render(request, self.template_name, context)


class MemoDownloadView(MemoPeriodMixin):
    """The memo as DOCX, PDF, XLSX or the JSON it is made from. A DOCX or PDF whose
    reflections are still the marker is not sent at once: a page says so first and offers
    "Ladda ner ändå" (``?ladda_ner=ja``) and, to the office, the link to write them."""

    permission_required = "documents.view_memo"
    warning_template = "documents/download_warning.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = kwargs["fmt"]
        if fmt not in CONTENT_TYPES:
            raise Http404
        period = self.period()
        unsuppressed = self.unsuppressed()
        if fmt == "json":  # the contract itself: no document model needed
            memo = sources.memo_for(
                self.association, period, suppress=not unsuppressed, document=False
            )
            data = memo.json
            content = render_memo(None, data, fmt, self.association)
        else:
            document, data = sources.memo_document(
                self.association, period, suppress=not unsuppressed
            )
            if (
                fmt in WARNED_FORMATS
                and request.GET.get(ANYWAY) != ANYWAY_VALUE
                and reflections_missing(document)
            ):
                return self.warning(fmt, period, unsuppressed)
            content = render_memo(document, data, fmt, self.association)
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        suffix = "-ej-rojandeskyddad" if unsuppressed else ""
        filename = f"uppfoljning-{self.association.slug}-{period.code}{suffix}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def warning(self, fmt: str, period: Period, unsuppressed: bool) -> HttpResponse:
        slug = self.association.slug
        query = f"period={period.code}" + (f"&version={UNSUPPRESSED}" if unsuppressed else "")
        download = reverse("documents:memo_download", args=[slug, fmt])
        can_edit = self.request.user.has_perm("documents.edit_memo", self.association)
        edit = reverse("documents:text_edit", args=[slug, REFLECTIONS])
        context = self.get_context_data(
            period=period,
            fmt=fmt.upper(),
            anyway_url=f"{download}?{query}&{ANYWAY}={ANYWAY_VALUE}",
            edit_url=f"{edit}?period={period.code}" if can_edit else "",
            memo_url=f"{reverse('documents:memo', args=[slug])}?{query}",
        )
        return render(self.request, self.warning_template, context)


class MemoTextEditView(MemoPeriodMixin):
    """The office's text for one section of one period's memo. Under htmx the form is a
    partial that replaces the text in the memo page; a save redirects back to the memo."""

    permission_required = "documents.edit_memo"
    template_name = "documents/text_form.html"
    partial_name = "documents/partials/text_form.html"

    def section(self) -> str:
        section = str(self.kwargs["section"])
        if section not in SPEC_BY_KEY:
            raise Http404
        return section

    def memo_url(self, period: Period, section: str) -> str:
        url = reverse("documents:memo", args=[self.association.slug])
        return f"{url}?period={period.code}#text-{section}"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        period, section = self.period(), self.section()
        row = MemoText.objects.filter(
            association=self.association, period=period.code, section=section
        ).first()
        initial = row.text if row else SPEC_BY_KEY[section].default
        return self.show(MemoTextForm(initial={"text": initial}), period, section, row)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        period, section = self.period(), self.section()
        form = MemoTextForm(request.POST)
        if not form.is_valid():
            return self.show(form, period, section, None)
        text = form.cleaned_data["text"]
        if text.strip() == SPEC_BY_KEY[section].default.strip():
            text = ""  # unchanged default: keep following the default
        save_memo_text(
            association=self.association,
            period=period.code,
            section=section,
            text=text,
            user=request.user,
        )
        messages.success(request, _("Texten är sparad."))
        return htmx_redirect(request, self.memo_url(period, section))

    def show(
        self, form: MemoTextForm, period: Period, section: str, row: MemoText | None
    ) -> HttpResponse:
        spec = SPEC_BY_KEY[section]
        names = sorted(set(PLACEHOLDER.findall(spec.default)))
        context = self.get_context_data(
            form=form,
            period=period,
            spec=spec,
            row=row,
            placeholders=names,
            is_reflections=section == REFLECTIONS,
            action=f"{reverse('documents:text_edit', args=[self.association.slug, section])}"
            f"?period={period.code}",
            cancel_url=self.memo_url(period, section),
            title=_("Text i uppföljnings-PM: %(section)s") % {"section": spec.label},
        )
        template = self.partial_name if getattr(self.request, "htmx", False) else self.template_name
        return render(self.request, template, context)


class TemplateUploadView(TenantView):
    """The association's Word template for the memo: upload (replaces) or remove."""

    permission_required = "documents.edit_memo"
    template_name = "documents/template_upload.html"

    def current(self) -> MemoTemplate | None:
        return MemoTemplate.objects.filter(association=self.association).first()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show(TemplateUploadForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        url = reverse("documents:template", args=[self.association.slug])
        if "remove" in request.POST:
            remove_memo_template(association=self.association)
            messages.success(request, _("Mallen är borttagen."))
            return htmx_redirect(request, url)
        form = TemplateUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.show(form)
        replace_memo_template(
            association=self.association, upload=form.cleaned_data["file"], user=request.user
        )
        messages.success(request, _("Mallen är sparad."))
        return htmx_redirect(request, url)

    def show(self, form: TemplateUploadForm) -> HttpResponse:
        context = self.get_context_data(form=form, template=self.current())
        return render(self.request, self.template_name, context)
