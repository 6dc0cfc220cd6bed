"""Identity per intervention (issue 18): a new ``IdentityRecord`` per person and
intervention, pointed to by participations and consents. The old columns stay until the
data has been copied (0004) and are removed in 0005."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("interventions", "0002_intervention_relations_and_budgets"),
        ("participants", "0002_retention_runs"),
        ("tenancy", "0002_association_organisation_number"),
    ]

    operations = [
        migrations.CreateModel(
            name="IdentityRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("pnr_encrypted", models.TextField(editable=False)),
                ("name_encrypted", models.TextField(blank=True, editable=False)),
                (
                    "protected_identity",
                    models.BooleanField(default=False, verbose_name="skyddad identitet"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "association",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="tenancy.association",
                    ),
                ),
                (
                    "intervention",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="identity_records",
                        to="interventions.intervention",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="identity_records",
                        to="participants.person",
                    ),
                ),
            ],
            options={
                "verbose_name": "identitetsuppgift",
                "verbose_name_plural": "identitetsuppgifter",
            },
        ),
        migrations.AddConstraint(
            model_name="identityrecord",
            constraint=models.UniqueConstraint(
                fields=("intervention", "person"), name="unique_identity_record"
            ),
        ),
        migrations.AddField(
            model_name="consent",
            name="identity",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="consents",
                to="participants.identityrecord",
            ),
        ),
        migrations.AlterField(
            model_name="consent",
            name="person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="consents",
                to="participants.person",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="identity",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="participations",
                to="participants.identityrecord",
            ),
        ),
    ]
