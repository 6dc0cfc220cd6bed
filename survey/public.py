"""The anonymous answer pages (spec/survey.md section 2): no login, nothing about the
respondent kept (no address, no cookie but the CSRF token, only the day), a rate limit per
link and a honeypot field. They live outside ``/f/<association>/``; the URL keyword is
``forbund`` so that the tenant middleware does not ask for a login."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_scopes import scope

from survey.forms import PublicAnswerForm
from survey.instruments import measurement_year
from survey.models import CollectionLink, Response
from survey.services import record_response
from tenancy.models import Association

#: Answers accepted per link and window (a whole group answering at once fits).
RATE_LIMIT = 60
RATE_WINDOW_SECONDS = 600


def _link(association_slug: str, token: str) -> tuple[Association, CollectionLink]:
    association = Association.objects.filter(slug=association_slug).first()
    if association is None:
        raise Http404
    with scope(association=association.pk):
        link = (
            CollectionLink.objects.filter(association=association, token=token)
            .select_related("form", "intervention")
            .first()
        )
    if link is None:
        raise Http404
    return association, link


def _is_open(link: CollectionLink) -> bool:
    return link.is_open and measurement_year(timezone.localdate()) == link.year


def _over_limit(link: CollectionLink) -> bool:
    """Counts this answer in the link's current window; true when over the limit."""
    limit = getattr(settings, "SURVEY_RATE_LIMIT", RATE_LIMIT)
    window = int(time.time() // RATE_WINDOW_SECONDS)
    key = f"survey:rate:{link.pk}:{window}"
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    return bool(count > limit)


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, forbund: str, token: str) -> HttpResponse:
    association_row, link = _link(forbund, token)
    context: dict[str, object] = {"link": link, "survey_association": association_row}
    if not _is_open(link):
        return render(request, "survey/public_closed.html", context, status=410)
    with scope(association=association_row.pk):
        if request.method == "POST":
            form: PublicAnswerForm = PublicAnswerForm(request.POST, form=link.form)
            if _over_limit(link):
                return render(request, "survey/public_busy.html", context, status=429)
            if form.is_valid():
                if not form.is_bot:
                    record_response(
                        association=association_row,
                        form=link.form,
                        date=timezone.localdate(),
                        values=form.values(),
                        gender=form.gender(),
                        intervention=link.intervention,
                        source=Response.Source.LINK,
                    )
                return HttpResponseRedirect(reverse("survey_public:thanks", args=[forbund, token]))
        else:
            form = PublicAnswerForm(form=link.form)
        context["form"] = form
        return render(request, "survey/public_answer.html", context)


@never_cache
@require_http_methods(["GET"])
def thanks(request: HttpRequest, forbund: str, token: str) -> HttpResponse:
    association_row, link = _link(forbund, token)
    return render(
        request, "survey/public_thanks.html", {"link": link, "survey_association": association_row}
    )
