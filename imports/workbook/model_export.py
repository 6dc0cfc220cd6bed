"""The export of a sheet whose cells are its model's fields."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from django.db.models import Model

from tenancy.models import Association


class ModelExport(NamedTuple):
    """The association's ``model`` rows matching ``where``, in ``order``: the ``fields``
    (which may follow relations, ``intervention__code``) in column order."""

    model: type[Model]
    order: tuple[Any, ...]
    fields: tuple[str, ...]
    where: dict[str, Any] = {}  # never mutated

    def rows(self, association: Association) -> Iterable[Sequence[Any]]:
        found = self.model._default_manager.filter(association=association, **self.where)
        return found.order_by(*self.order).values_list(*self.fields)
