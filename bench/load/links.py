"""Anonymous survey links for the load test's respondents: ``python -m bench.load.links``
opens ``--per-form`` links of every survey form in use (``survey.services.open_link``; a
form answered per intervention gets a link per intervention, round robin) in the demo
association for this measurement year, and prints their paths as JSON for the Locust file.

Each link accepts 60 answers in ten minutes (``survey.public.RATE_LIMIT``); the respondents
spread their answers over all links, so the limit, a protection of the product, is not what
the load test measures. Run by ``bench/load/run.sh`` after the data is prepared.
"""

from __future__ import annotations

import argparse
import json
import sys


def open_links(slug: str, per_form: int) -> list[str]:
    from django.utils import timezone
    from django_scopes import scope

    from interventions.models import Intervention
    from survey.choices import INTERVENTION_FORMS
    from survey.instruments import measurement_year
    from survey.models import Form
    from survey.services import open_link
    from tenancy.models import Association

    association = Association.objects.get(slug=slug)
    year = measurement_year(timezone.localdate())
    paths = []
    with scope(association=association.pk):
        interventions = list(Intervention.objects.filter(association=association).order_by("pk"))
        in_use: dict[str, Form] = {}
        for form in Form.objects.order_by("code", "-version"):
            in_use.setdefault(form.code, form)
        for form in in_use.values():
            for number in range(per_form):
                intervention = (
                    interventions[number % len(interventions)]
                    if form.code in INTERVENTION_FORMS
                    else None
                )
                link = open_link(
                    association=association, form=form, year=year, intervention=intervention
                )
                paths.append(f"/enkat/{slug}/{link.token}/")
    return paths


def main(argv: list[str] | None = None) -> None:
    import django

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--association", default="exempel")
    parser.add_argument("--per-form", type=int, default=10)
    args = parser.parse_args(argv)
    django.setup()
    json.dump(open_links(args.association, args.per_form), sys.stdout)


if __name__ == "__main__":
    main()
