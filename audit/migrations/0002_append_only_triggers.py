"""On PostgreSQL, the database itself keeps the access log append-only: a trigger refuses
DELETE on log rows and any UPDATE except retention emptying ``participation_ids`` (every
other column unchanged); recorded reviews refuse UPDATE and DELETE. SQLite (development
and the fast test run) relies on the model and queryset guards only."""

from __future__ import annotations

from typing import Any

from django.db import migrations

FORWARD_SQL = """
CREATE OR REPLACE FUNCTION audit_accesslogentry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit_accesslogentry is append-only: DELETE refused'
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.participation_ids = '[]'::jsonb
       AND (to_jsonb(NEW) - 'participation_ids') = (to_jsonb(OLD) - 'participation_ids') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_accesslogentry is append-only: only retention may empty participation_ids'
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_accesslogentry_append_only
    BEFORE UPDATE OR DELETE ON audit_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION audit_accesslogentry_append_only();

CREATE OR REPLACE FUNCTION audit_logreview_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_logreview is append-only: % refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_logreview_append_only
    BEFORE UPDATE OR DELETE ON audit_logreview
    FOR EACH ROW EXECUTE FUNCTION audit_logreview_append_only();
"""

REVERSE_SQL = """
DROP TRIGGER IF EXISTS audit_logreview_append_only ON audit_logreview;
DROP FUNCTION IF EXISTS audit_logreview_append_only();
DROP TRIGGER IF EXISTS audit_accesslogentry_append_only ON audit_accesslogentry;
DROP FUNCTION IF EXISTS audit_accesslogentry_append_only();
"""


def on_postgresql(sql: str) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_access_log_and_reviews"),
    ]

    operations = [
        migrations.RunPython(on_postgresql(FORWARD_SQL), on_postgresql(REVERSE_SQL)),
    ]
