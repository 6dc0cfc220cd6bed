"""Let the log of one whole association be removed, and nothing else: the triggers allow a
DELETE only for rows of the association named in the transaction-local setting
``finsam.purge_association`` (set by ``audit.services.purge_association_log``, used when a
demo association is reloaded or an association leaves the installation)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

FORWARD_SQL = """
CREATE OR REPLACE FUNCTION audit_accesslogentry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF current_setting('finsam.purge_association', true) = OLD.association_id::text THEN
            RETURN OLD;
        END IF;
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

CREATE OR REPLACE FUNCTION audit_logreview_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('finsam.purge_association', true) = OLD.association_id::text THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_logreview is append-only: % refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""

REVERSE_SQL = """
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

CREATE OR REPLACE FUNCTION audit_logreview_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_logreview is append-only: % refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""


def on_postgresql(sql: str) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_triggers"),
    ]

    operations = [
        migrations.RunPython(on_postgresql(FORWARD_SQL), on_postgresql(REVERSE_SQL)),
    ]
