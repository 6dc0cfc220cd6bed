"""URL helpers shared by every app's ``urls.py``.

Most apps serve a model through up to five pages at the same places: the list, a create page,
a detail page, an update page and a delete page. :func:`crud_paths` writes those ``path()``
entries from one line per page, in that order, so an app's ``urls.py`` names only its views::

    crud_paths("styrgrupper/", "steeringgroup", list=SteeringGroupListView, ...)

gives ``styrgrupper/`` (``steeringgroup_list``), ``styrgrupper/ny/`` (``steeringgroup_create``),
``styrgrupper/<int:pk>/`` (``steeringgroup_detail``), ``styrgrupper/<int:pk>/andra/``
(``steeringgroup_update``) and ``styrgrupper/<int:pk>/ta-bort/`` (``steeringgroup_delete``).
Without a name the URL names are the bare actions (``list``, ``create``, ...).
"""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views import View

#: The route below the prefix of each page, in the order the entries are written.
CRUD_ROUTES = {
    "list": "",
    "create": "ny/",
    "detail": "<int:pk>/",
    "update": "<int:pk>/andra/",
    "delete": "<int:pk>/ta-bort/",
}


def crud_paths(
    prefix: str = "",
    name: str = "",
    *,
    list: type[View] | None = None,  # shadows the builtin: named like the URL
    create: type[View] | None = None,
    detail: type[View] | None = None,
    update: type[View] | None = None,
    delete: type[View] | None = None,
    create_route: str = CRUD_ROUTES["create"],
) -> list[URLPattern]:
    """The ``path()`` entries of the given pages of one model, below ``prefix``.

    ``name`` is the stem of the URL names (``"member"`` gives ``member_list``, ...); pages
    left out get no entry. ``create_route`` replaces ``ny/`` where the Swedish noun is
    neuter (``nytt/``).
    """
    views = {"list": list, "create": create, "detail": detail, "update": update, "delete": delete}
    routes = {**CRUD_ROUTES, "create": create_route}
    stem = f"{name}_" if name else ""
    return [
        path(prefix + routes[action], view.as_view(), name=stem + action)
        for action, view in views.items()
        if view is not None
    ]
