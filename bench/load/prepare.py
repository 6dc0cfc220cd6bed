"""Accounts for a load test against a generated association of the national host
(``BENCH_ASSOCIATION=nat-00 python -m bench.load.prepare``; ``bench/load/run.sh`` runs it):
an office user (förbundsadministratör), a board user (styrelse) and ``EXTRA_OFFICERS``
deltagaransvariga, each with the demo password and its own TOTP secret
(``bench.load.accounts``), the officers in the two interventions with personal data that
have the most participations and still run today. Idempotent: existing accounts are kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def prepare(slug: str, today: dt.date | None = None) -> dict[str, Any]:
    from allauth.mfa.totp.internal.auth import TOTP
    from django.db.models import Count
    from django_scopes import scope

    from bench.load.accounts import DEMO_PASSWORD, EXTRA_OFFICERS, board, extra_officer, office
    from interventions.models import FollowUp, Intervention
    from tenancy.models import Association, Role, User
    from tenancy.services import assign_role

    association = Association.objects.get(slug=slug)
    with scope(association=association.pk):
        running = list(
            Intervention.objects.filter(
                association=association,
                follow_up=FollowUp.PERSONAL_DATA,
                end_date__gte=today or dt.date.today(),
            )
            .annotate(n=Count("participations"))
            .order_by("-n", "pk")[:2]
        )
        if not running:
            raise SystemExit(f"{slug} has no running intervention with personal data.")
        for email, role in (
            (office(slug), Role.FORBUNDSADMINISTRATOR),
            (board(slug), Role.STYRELSE),
        ):
            if not User.objects.filter(email=email).exists():
                user = User.objects.create_user(email, DEMO_PASSWORD, first_name="Bench")
                assign_role(user=user, role=role, association=association)
        for number in range(EXTRA_OFFICERS):
            email, secret, _code = extra_officer(number, slug)
            if User.objects.filter(email=email).exists():
                continue
            user = User.objects.create_user(email, DEMO_PASSWORD, first_name="Bench")
            assign_role(
                user=user,
                role=Role.DELTAGARANSVARIG,
                association=association,
                intervention=running[number % len(running)],
            )
            TOTP.activate(user, secret)
    return {"association": slug, "interventions": [i.code for i in running]}


def main() -> None:
    import os

    import django

    django.setup()
    print(prepare(os.environ.get("BENCH_ASSOCIATION", "exempel")))


if __name__ == "__main__":
    main()
