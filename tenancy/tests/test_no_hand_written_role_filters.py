"""No module outside the permission table decides by hand which rows a role sees.

Rows are restricted with ``tenancy.permissions.restrict`` and actions checked with
``user.has_perm``; both come from the table. This test reads the source of every module
and refuses a role look-up (the role set of a user, or a query on role assignments)
outside the modules listed here, each with the reason it may."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: A user's role set, or a query on role assignments by role.
ROLE_LOOKUP = re.compile(
    r"\broles_of\(|\binterventions_with\(|\.for_intervention\(|\.association_roles\b|"
    r"\.intervention_roles\b|roles__role|role_assignments__|role=Role\.|role__in=|"
    r"RoleAssignment\.objects\.filter"
)

ALLOWED = {
    "tenancy/permissions.py": "the permission table itself",
    "tenancy/roles.py": "reads a user's assignments once per request, for the table",
    "tenancy/models.py": "the constraints of RoleAssignment",
    "tenancy/services.py": "assigns and removes roles",
    "tenancy/views/roles.py": "the role administration page lists the assignments",
    "tenancy/middleware.py": "the sign-in gate: any role here; a second factor for "
    "personal-data roles (not rows)",
    "audit/services.py": "records the roles an access was made under",
    "audit/queries.py": "the log review compares past access with who held the role",
    "meetings/mail.py": "who receives a notice (recipients, not rows a user sees)",
    "followup/reminders.py": "who receives a reminder (recipients, not rows a user sees)",
    "demo/followup.py": "the demo assigns roles",
    "demo/loader.py": "the demo assigns roles",
    "bench/like_demo.py": "the benchmark data assigns roles",
    "bench/load/prepare.py": "the load test's accounts are given roles",
}
SKIPPED_PARTS = {".venv", "tests", "migrations", "node_modules", "testing", "static"}


def _modules() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*.py")
        if not SKIPPED_PARTS & set(path.relative_to(ROOT).parts[:-1])
        and not path.name.startswith("test_")
    ]


def test_no_module_outside_the_table_filters_rows_by_role() -> None:
    offenders = sorted(
        f"{relative}:{number}: {line.strip()}"
        for path in _modules()
        if (relative := path.relative_to(ROOT).as_posix()) not in ALLOWED
        and not relative.endswith("/permissions.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ROLE_LOOKUP.search(line)
    )

    assert offenders == []


def test_allowed_modules_still_exist() -> None:
    assert sorted(p for p in ALLOWED if not (ROOT / p).exists()) == []


def test_role_lookup_pattern_catches_a_hand_written_filter() -> None:
    hand_written = 'Intervention.objects.filter(roles__role="insatsansvarig", user=user)'

    assert ROLE_LOOKUP.search(hand_written) is not None
