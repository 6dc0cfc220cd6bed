"""The person keeps only what matching and statistics need (keyed hash, birth date,
gender); identity and consent live per intervention (``IdentityRecord``)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("participants", "0004_copy_identity_to_interventions")]

    operations = [
        migrations.RemoveField(model_name="consent", name="person"),
        migrations.AlterField(
            model_name="consent",
            name="identity",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="consents",
                to="participants.identityrecord",
            ),
        ),
        migrations.RemoveField(model_name="person", name="name_encrypted"),
        migrations.RemoveField(model_name="person", name="pnr_encrypted"),
        migrations.RemoveField(model_name="person", name="protected_identity"),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("identity__isnull", True), ("person__isnull", True)),
                    models.Q(("identity__isnull", False), ("person__isnull", False)),
                    _connector="OR",
                ),
                name="participation_identity_with_person",
            ),
        ),
    ]
