"""View tests that declare their permission (as NetBox's ViewTestCases do).

A test class inherits :class:`PersonaViewCases`, says which page (``url``) and which
permission of the table it checks (``permission``, against ``target``), and inherits one
test per persona: the outsider (another association's förbundsadministratör) gets 404,
every persona the permission table denies 403, every persona it allows ``allowed``. The
table itself is checked against an independent expectation in
``tenancy/tests/test_permission_table.py``; these cases check that the page asks it.

    class TestQuarterOverview(PersonaViewCases):
        permission = "dashboard.view_quarter"

        def url(self, world: World) -> str:
            return reverse("overview:quarter", args=["exempel"])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from django.test import Client

from testing.personas import PERSONAS, World

ClientAs = Callable[[str | None], Client]


def each_page(*cases: dict[str, Any]) -> Any:
    """An autouse fixture for a :class:`PersonaViewCases` class that runs its tests once
    per case, each the class attributes that differ (``permission``, ``page`` …), for
    pages that differ only in those:

        class TestApplicationPages(ApplicationPageCases):
            case = each_page(
                {"permission": "funding.view_application", "page": "detail"},
                {"permission": "funding.change_application", "page": "update"},
            )
    """

    @pytest.fixture(autouse=True, params=cases, ids=lambda case: "-".join(map(str, case.values())))
    def case(self: PersonaViewCases, request: pytest.FixtureRequest) -> None:
        for name, value in request.param.items():
            setattr(self, name, value)

    return case


def expected_status(world: World, persona: str, permission: str, target: Any, allowed: int) -> int:
    """404 for the outsider, ``allowed`` when the table grants ``permission`` on
    ``target`` to the persona, else 403."""
    if persona == "outsider":
        return 404
    return allowed if world.users[persona].has_perm(permission, target) else 403


@pytest.mark.django_db
class PersonaViewCases:
    """Inherit, set ``permission`` (and ``allowed``, ``method``, ``data`` when needed) and
    define ``url``; override ``arrange`` to create rows first and ``target`` when the page
    checks an object."""

    permission: ClassVar[str]
    allowed: ClassVar[int] = 200
    method: ClassVar[str] = "get"
    data: ClassVar[dict[str, Any]] = {}

    #: What ``arrange`` made (e.g. the meeting the page shows), for ``url`` and ``target``.
    arranged: Any = None

    def arrange(self, world: World) -> Any:
        """Create what the page needs before it is requested; kept as ``self.arranged``."""
        return None

    def url(self, world: World) -> str:
        raise NotImplementedError

    def target(self, world: World) -> Any:
        return world.association

    def payload(self, world: World) -> dict[str, Any]:
        """What the request sends: ``data``, unless a case needs arranged rows in it."""
        return self.data

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_view_by_persona(self, world: World, client_as: ClientAs, persona: str) -> None:
        self.arranged = self.arrange(world)
        expected = expected_status(
            world, persona, self.permission, self.target(world), self.allowed
        )

        response = getattr(client_as(persona), self.method)(self.url(world), self.payload(world))

        assert response.status_code == expected
