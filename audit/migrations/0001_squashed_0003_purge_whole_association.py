"""The access log and its reviews. On PostgreSQL the database itself keeps the log
append-only: a trigger refuses DELETE on log rows and any UPDATE except retention emptying
``participation_ids`` (every other column unchanged); recorded reviews refuse UPDATE and
DELETE. A DELETE is allowed only for rows of the association named in the
transaction-local setting ``finsam.purge_association`` (set by
``audit.services.purge_association_log``, used when a demo association is reloaded or an
association leaves the installation). SQLite relies on the model and queryset guards."""

from typing import Any

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


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

CREATE TRIGGER audit_accesslogentry_append_only
    BEFORE UPDATE OR DELETE ON audit_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION audit_accesslogentry_append_only();

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

    replaces = [
        ('audit', '0001_access_log_and_reviews'),
        ('audit', '0002_append_only_triggers'),
        ('audit', '0003_purge_whole_association'),
    ]

    initial = True

    dependencies = [
        ('tenancy', '0001_squashed_0005_invitation_personnummer_hash'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LogReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('scope', models.CharField(max_length=200, verbose_name='granskat urval')),
                ('entry_ids', models.JSONField(default=list, verbose_name='granskade loggposter')),
                ('conclusion', models.CharField(choices=[('utan_anmarkning', 'Utan anmärkning'), ('uppfoljning', 'Kräver uppföljning'), ('incident', 'Misstänkt obehörig åtkomst')], max_length=20, verbose_name='slutsats')),
                ('comment', models.TextField(blank=True, verbose_name='kommentar')),
                ('association', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='tenancy.association')),
                ('reviewer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'logggranskning',
                'verbose_name_plural': 'logggranskningar',
                'ordering': ['-at'],
            },
        ),
        migrations.CreateModel(
            name='AccessLogEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='tid (UTC)')),
                ('role', models.CharField(max_length=30, verbose_name='roll')),
                ('action', models.CharField(choices=[('list', 'Lista'), ('read', 'Läsa'), ('search', 'Söka'), ('create', 'Registrera'), ('update', 'Ändra'), ('export', 'Exportera'), ('import', 'Importera'), ('reveal', 'Visa personnummer'), ('anonymise', 'Anonymisera'), ('retention', 'Gallra'), ('access_report', 'Registerutdrag')], max_length=20, verbose_name='åtgärd')),
                ('participation_ids', models.JSONField(default=list, verbose_name='deltaganden')),
                ('intervention_ids', models.JSONField(default=list, verbose_name='insatser')),
                ('purpose', models.CharField(max_length=200, verbose_name='syfte/sammanhang')),
                ('outcome', models.CharField(choices=[('ok', 'Genomförd'), ('denied', 'Nekad'), ('failed', 'Misslyckad')], max_length=10, verbose_name='utfall')),
                ('association', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='tenancy.association')),
                ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'loggpost',
                'verbose_name_plural': 'åtkomstlogg',
                'ordering': ['-at', '-id'],
                'indexes': [models.Index(fields=['association', 'user', 'at'], name='accesslog_user_idx')],
            },
        ),
        migrations.RunPython(on_postgresql(FORWARD_SQL), on_postgresql(REVERSE_SQL)),
    ]
