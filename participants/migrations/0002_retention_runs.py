import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0001_persons_participations_counts_activities"),
        ("tenancy", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="RetentionRun",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("started_at", models.DateTimeField(verbose_name="startad")),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="klar")),
                (
                    "persons_removed",
                    models.PositiveIntegerField(default=0, verbose_name="borttagna personer"),
                ),
                (
                    "participations_anonymised",
                    models.PositiveIntegerField(
                        default=0, verbose_name="anonymiserade deltaganden"
                    ),
                ),
                (
                    "log_entries_pruned",
                    models.PositiveIntegerField(default=0, verbose_name="rensade loggposter"),
                ),
                ("dry_run", models.BooleanField(default=False, verbose_name="provkörning")),
                (
                    "association",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="tenancy.association",
                    ),
                ),
            ],
            options={
                "verbose_name": "gallringskörning",
                "verbose_name_plural": "gallringskörningar",
                "ordering": ["-started_at", "-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("finished_at__isnull", True),
                            ("finished_at__gte", models.F("started_at")),
                            _connector="OR",
                        ),
                        name="retention_run_finished_after_start",
                    )
                ],
            },
        ),
    ]
