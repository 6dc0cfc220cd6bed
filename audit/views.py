"""The log reviewer's pages (loggkontroll): the access log with filters, a reproducible
monthly sample, anomaly lists, and the recorded reviews. Only the loggranskare role
(``audit.view_log``) opens them. The log holds ids only, so these pages never show a
personnummer or a participant's name."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.forms import MAX_SEED, AnomalyForm, LogFilterForm, ReviewForm, SampleForm
from audit.models import AccessLogEntry, LogReview
from audit.queries import (
    DEFAULT_GRACE_DAYS,
    DEFAULT_SAMPLE_SIZE,
    DEFAULT_VOLUME_THRESHOLD,
    LOCAL_TZ,
    Finding,
    filter_log,
    find_anomalies,
    intervention_codes,
    month_bounds,
    month_entries,
    previous_month,
    role_labels,
    sample_ids,
)
from audit.services import record_review
from tenancy.models import User
from tenancy.views.base import TenantListView, TenantView, htmx_redirect

LOG_PAGE_SIZE = 100


@dataclass(frozen=True)
class LogRow:
    """One log row as shown: local time, role labels, intervention codes, and for an
    anomaly the participations that make it one."""

    entry: AccessLogEntry
    time: str
    time_iso: str
    roles: str
    interventions: str
    flagged_ids: tuple[int, ...] = ()


def log_rows(items: Iterable[AccessLogEntry | Finding]) -> list[LogRow]:
    findings = [item if isinstance(item, Finding) else Finding(item) for item in items]
    codes = intervention_codes(finding.entry for finding in findings)
    rows = []
    for finding in findings:
        entry = finding.entry
        local = timezone.localtime(entry.at, LOCAL_TZ)
        rows.append(
            LogRow(
                entry=entry,
                time=local.strftime("%Y-%m-%d %H:%M:%S"),
                time_iso=local.isoformat(timespec="seconds"),
                roles=role_labels(entry.role),
                interventions=", ".join(codes.get(i, str(i)) for i in entry.intervention_ids),
                flagged_ids=finding.participation_ids,
            )
        )
    return rows


def review_form(scope: str, entry_ids: Iterable[int]) -> ReviewForm:
    """The "record a review" form for the rows on a page, pre-filled."""
    return ReviewForm(
        initial={"scope": scope[:200], "entry_ids": ",".join(str(i) for i in entry_ids)}
    )


def with_defaults(query: QueryDict, defaults: dict[str, str]) -> QueryDict:
    """The query string with each missing or empty parameter set to its default."""
    data = query.copy()
    for name, value in defaults.items():
        if not data.get(name):
            data[name] = value
    return data


class AuditView(TenantView):
    permission_required = "audit.view_log"


class LogView(AuditView):
    """The access log, newest first, 100 rows a page, filtered by ``LogFilterForm``."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = LogFilterForm(request.GET or None, association=self.association)
        entries: QuerySet[AccessLogEntry] = AccessLogEntry.objects.select_related("user").order_by(
            "-at", "-id"
        )
        scope = _("Åtkomstlogg")
        if form.is_bound:
            if form.is_valid():
                entries = filter_log(entries, **form.filters())
                scope = form.describe()
            else:
                entries = entries.none()
        page = Paginator(entries, LOG_PAGE_SIZE).get_page(request.GET.get("sida"))
        rows = log_rows(page.object_list)
        scope = f"{scope}, {_('sida')} {page.number}"
        context = self.get_context_data(
            form=form,
            page_obj=page,
            rows=rows,
            review_form=review_form(scope, [row.entry.pk for row in rows]),
        )
        return render(request, "audit/log.html", context)


class SampleView(AuditView):
    """A random sample of one month's rows. The seed is shown so that the same sample can
    be drawn again (same month, size and seed give the same rows)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        year, month = previous_month(timezone.localdate(timezone=LOCAL_TZ))
        data = with_defaults(
            request.GET,
            {
                "manad": f"{year:04d}-{month:02d}",
                "antal": str(DEFAULT_SAMPLE_SIZE),
                "fro": str(secrets.randbelow(MAX_SEED + 1)),
            },
        )
        form = SampleForm(data)
        rows: list[LogRow] = []
        population = 0
        review = None
        if form.is_valid():
            chosen: dt.date = form.cleaned_data["manad"]
            entries = month_entries(chosen.year, chosen.month)
            ids = sample_ids(
                entries, size=form.cleaned_data["antal"], seed=form.cleaned_data["fro"]
            )
            population = entries.count()
            sampled = AccessLogEntry.objects.filter(id__in=ids).select_related("user")
            rows = log_rows(sampled.order_by("id"))
            review = review_form(form.describe(), ids)
        context = self.get_context_data(
            form=form,
            rows=rows,
            population=population,
            review_form=review,
            permalink=data.urlencode() if form.is_valid() else "",
        )
        return render(request, "audit/sample.html", context)


@dataclass(frozen=True)
class VolumeRow:
    user: User | None
    user_id: int
    participations: int
    flagged: bool


class AnomalyView(AuditView):
    """The anomaly lists of ``audit.queries.find_anomalies`` for a period (last month by
    default)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        first, last = month_bounds(*previous_month(timezone.localdate(timezone=LOCAL_TZ)))
        data = with_defaults(
            request.GET,
            {
                "fran": first.isoformat(),
                "till": last.isoformat(),
                "marginal": str(DEFAULT_GRACE_DAYS),
                "grans": str(DEFAULT_VOLUME_THRESHOLD),
            },
        )
        form = AnomalyForm(data)
        context: dict[str, Any] = {"form": form}
        if form.is_valid():
            anomalies = find_anomalies(
                self.association,
                date_from=form.cleaned_data["fran"],
                date_to=form.cleaned_data["till"],
                grace_days=form.cleaned_data["marginal"],
                threshold=form.cleaned_data["grans"],
            )
            users = User.objects.in_bulk([row.user_id for row in anomalies.volume.rows])
            all_rows = log_rows(
                [*anomalies.after_exit, *anomalies.foreign_intervention, *anomalies.denied]
            )
            split_a = len(anomalies.after_exit)
            split_c = split_a + len(anomalies.foreign_intervention)
            context.update(
                anomalies=anomalies,
                after_exit_rows=all_rows[:split_a],
                foreign_rows=all_rows[split_a:split_c],
                denied_rows=all_rows[split_c:],
                volume_rows=[
                    VolumeRow(users.get(row.user_id), row.user_id, row.participations, row.flagged)
                    for row in anomalies.volume.rows
                ],
                review_form=review_form(form.describe(), anomalies.entry_ids),
            )
        return render(request, "audit/anomalies.html", self.get_context_data(**context))


class ReviewCreateView(AuditView):
    """Records a review (POST only); the pages above carry the pre-filled form."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ReviewForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data(form=form, title=_("Registrera granskning"))
            return render(request, "audit/review_form.html", context)
        record_review(
            association=self.association,
            reviewer=request.user,
            scope=form.cleaned_data["scope"],
            entry_ids=form.cleaned_data["entry_ids"],
            conclusion=form.cleaned_data["conclusion"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, _("Granskningen är registrerad."))
        return htmx_redirect(request, reverse("audit:reviews", args=[self.association.slug]))


class ReviewListView(AuditView, TenantListView):
    template_name = "audit/review_list.html"
    paginate_by = 50
    page_kwarg = "sida"

    def get_queryset(self) -> Any:
        return LogReview.objects.select_related("reviewer").order_by("-at", "-id")
