"""Base classes every tenant view uses.

A tenant view lives under ``/f/<association>/``. ``TenantMiddleware`` has already refused
users without a role there (404) and opened the association's query scope, so querysets
in the view only ever see this association's rows; an object of another association is a
404. The view must name a permission rule (``permission_required``); a view that names
none refuses everyone (deny by default).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext
from django.views.generic import CreateView, DetailView, ListView, UpdateView
from django.views.generic.base import ContextMixin, View
from django.views.generic.detail import SingleObjectTemplateResponseMixin
from django.views.generic.edit import ModelFormMixin

from tenancy.forms import add_service_errors
from tenancy.http import tenant_request
from tenancy.models import Association, User


class TenantView(LoginRequiredMixin, ContextMixin, View):
    """Base of every tenant view. Checks ``permission_required`` before the handler runs:
    against the association by default, against the object in ``ObjectPermissionMixin``."""

    permission_required: str | None = None
    #: A permission checked against the association for the context's ``can_change`` (the
    #: page's links to add and change), when the page has them.
    change_permission: str | None = None
    association: Association

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        association = tenant_request(request).association
        if association is None:  # pragma: no cover - TenantMiddleware guarantees it
            raise PermissionDenied
        self.association = association
        self.check_access()
        return super().dispatch(request, *args, **kwargs)

    @property
    def user(self) -> User:
        """The signed-in user (``dispatch`` has refused anonymous users)."""
        return tenant_request(self.request).user

    def check_access(self) -> None:
        self.check_permission(self.association)

    def check_permission(self, target: Any) -> None:
        if not self.permission_required:
            raise PermissionDenied("View names no permission rule.")
        if not self.request.user.has_perm(self.permission_required, target):
            raise PermissionDenied

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["association"] = self.association
        if self.change_permission:
            context["can_change"] = self.user.has_perm(self.change_permission, self.association)
        return context


class ObjectPermissionMixin(TenantView):
    """Checks the permission against the object (detail, edit); use with SingleObjectMixin.
    The object comes from the scoped queryset, so another association's object is a 404."""

    def check_access(self) -> None:
        if not self.permission_required:
            raise PermissionDenied("View names no permission rule.")

    def get_object(self, queryset: Any = None) -> Any:
        obj = super().get_object(queryset)  # type: ignore[misc]  # mixin: SingleObjectMixin comes later in the MRO
        self.check_permission(obj)
        return obj


def htmx_redirect(request: HttpRequest, url: str) -> HttpResponse:
    """After a successful post: a redirect header for htmx, a plain redirect otherwise."""
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class ServiceFormMixin:
    """A form page whose valid input goes to a domain service (``save``, which returns what
    it saved). A ValidationError from the service lands next to the fields it names and
    nothing typed is lost; otherwise the next page shows ``success_message()`` (none when
    empty) and the browser goes to ``get_success_url_for`` what was saved. Use with a
    FormView (or another FormMixin view) later in the bases."""

    request: HttpRequest

    def save(self, form: Any) -> Any:
        raise NotImplementedError

    def get_success_url_for(self, result: Any) -> str:
        """Where a save leads; the view's ``get_success_url`` by default."""
        return str(self.get_success_url())  # type: ignore[attr-defined]  # mixin: FormMixin comes later in the MRO

    def success_message(self) -> str:
        return gettext("Sparat.")

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            result = self.save(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)  # type: ignore[attr-defined]  # mixin: FormMixin comes later in the MRO
        if message := self.success_message():
            messages.success(self.request, message)
        return htmx_redirect(self.request, self.get_success_url_for(result))


# --- generic list / detail / create / update for tenant models ----------------------------


class TenantListView(TenantView, ListView):
    """A list of the association's objects; the scoped manager limits the rows."""


class TenantDetailView(ObjectPermissionMixin, DetailView):
    pass


class TenantFormMixin:
    """Gives the form its association; after a save, redirects (htmx-aware)."""

    association: Association
    request: HttpRequest

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()  # type: ignore[misc]  # mixin: FormMixin comes later in the MRO
        kwargs["association"] = self.association
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]  # mixin: ContextMixin comes later in the MRO
        context.setdefault("cancel_url", self.get_cancel_url())
        return context

    #: The page a save leads to, by URL name: it takes the association's slug and, with
    #: ``success_url_takes_pk``, the saved object's pk (a view may override
    #: ``get_success_url`` instead).
    success_url_name: str = ""
    success_url_takes_pk: bool = False
    #: Where "Avbryt" leads, by URL name taking the slug; the success page when empty.
    cancel_url_name: str = ""

    def get_success_url(self) -> str:
        if not self.success_url_name:
            return str(super().get_success_url())  # type: ignore[misc]  # mixin: ModelFormMixin comes later in the MRO
        args: list[Any] = [self.association.slug]
        if self.success_url_takes_pk:
            args.append(self.object.pk)
        return reverse(self.success_url_name, args=args)

    def get_cancel_url(self) -> str | None:
        """Where "Avbryt" leads: ``cancel_url_name``, else the success page."""
        if self.cancel_url_name:
            return reverse(self.cancel_url_name, args=[self.association.slug])
        try:
            return self.get_success_url()
        except (AttributeError, TypeError, ValueError):
            return None

    def get_success_message(self) -> str:
        """The "saved" message the next page shows (``role="status"`` in base.html)."""
        return gettext("Sparat: %(what)s.") % {"what": self.object}

    def form_valid(self, form: Any) -> HttpResponse:
        self.object = form.save()
        messages.success(self.request, self.get_success_message())
        return htmx_redirect(self.request, self.get_success_url())


class FormPage(TenantFormMixin, TenantView, SingleObjectTemplateResponseMixin, ModelFormMixin):
    """What the create page and the update page of one kind of object share, said once:
    subclass it with the permission, form, template, model and the page a save leads to,
    and put the subclass first in both pages' bases, e.g.
    ``class MemberCreateView(MemberFormPage, TenantCreateView)``; each page adds its title.
    """


class TenantCreateView(TenantFormMixin, TenantView, CreateView):
    object: Any = None


class TenantUpdateView(TenantFormMixin, ObjectPermissionMixin, UpdateView):
    pass
