"""Shared pieces of the intervention pages: views of an object that belongs to a parent in
the URL (a goal or budget of an intervention, a member of a steering group) and deletion.

The parent is looked up through the scoped manager, so another association's parent is a
404; it is the permission object; the child must belong to it (404 otherwise).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.views.generic import DeleteView

from interventions.models import Intervention, SteeringGroup
from tenancy.views.base import ObjectPermissionMixin, TenantView, htmx_redirect


def wants_partial(request: HttpRequest) -> bool:
    """An htmx request for part of a page (not a history restore, which needs it whole)."""
    htmx = getattr(request, "htmx", None)
    if not htmx:
        return False
    return not htmx.history_restore_request


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    """The same URL answers a page or a fragment; caches must keep them apart."""
    patch_vary_headers(response, ["HX-Request"])
    return response


class ParentObjectView(TenantView):
    """Checks ``permission_required`` against the parent named by ``parent_kwarg``."""

    parent_kwarg: str = "parent_pk"
    #: keyword the parent is given to the form with (None: the form takes no parent)
    parent_form_kwarg: str | None = None
    parent: Any

    def get_parent_queryset(self) -> QuerySet[Any]:
        raise NotImplementedError

    def check_access(self) -> None:
        self.parent = get_object_or_404(
            self.get_parent_queryset(), pk=self.kwargs[self.parent_kwarg]
        )
        self.check_permission(self.parent)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()  # type: ignore[misc]  # mixin: FormMixin comes later in the MRO
        if self.parent_form_kwarg:
            kwargs[self.parent_form_kwarg] = self.parent
        return kwargs


class InterventionChildView(ParentObjectView):
    """A page about one intervention's goal or budget; back to the intervention after."""

    parent_kwarg = "intervention_pk"
    parent_form_kwarg: str | None = "intervention"
    parent: Intervention

    def get_parent_queryset(self) -> QuerySet[Intervention]:
        return Intervention.objects.select_related("owner")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["intervention"] = self.parent
        return context

    def get_success_url(self) -> str:
        return reverse("interventions:detail", args=[self.association.slug, self.parent.pk])


class SteeringGroupChildView(ParentObjectView):
    """A page about one member of a steering group; back to the group after."""

    parent_kwarg = "group_pk"
    parent_form_kwarg: str | None = "steering_group"
    parent: SteeringGroup

    def get_parent_queryset(self) -> QuerySet[SteeringGroup]:
        return SteeringGroup.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["steering_group"] = self.parent
        return context

    def get_success_url(self) -> str:
        return reverse(
            "interventions:steeringgroup_detail", args=[self.association.slug, self.parent.pk]
        )


class TenantDeleteView(ObjectPermissionMixin, DeleteView):
    """Asks for confirmation (GET) and deletes (POST); htmx-aware redirect after."""

    template_name = "interventions/confirm_delete.html"
    object: Model

    def deleted_thing(self) -> str:
        """Exactly what is deleted, as the question names it ("budgetraden 2026 för …")."""
        return str(self.object)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("cancel_url", self.get_success_url())
        context.setdefault("deleted_thing", self.deleted_thing())
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        success_url = self.get_success_url()
        what = self.deleted_thing()
        self.object.delete()
        messages.success(self.request, gettext("Borttaget: %(what)s.") % {"what": what})
        return htmx_redirect(self.request, success_url)
