"""Copy each person's identity (encrypted personnummer, name, protected identity) and
consents to one ``IdentityRecord`` per intervention the person takes part in, and point
the participations there. Encrypted values are copied as they are (no key needed)."""

from django.db import migrations


def copy_forward(apps, schema_editor):
    Person = apps.get_model("participants", "Person")
    IdentityRecord = apps.get_model("participants", "IdentityRecord")
    Consent = apps.get_model("participants", "Consent")
    Participation = apps.get_model("participants", "Participation")
    for person in Person.objects.order_by("pk").iterator():
        consents = list(Consent.objects.filter(person=person, identity__isnull=True))
        intervention_ids = sorted(
            set(
                Participation.objects.filter(person=person).values_list(
                    "intervention_id", flat=True
                )
            )
        )
        for intervention_id in intervention_ids:
            record = IdentityRecord.objects.create(
                association_id=person.association_id,
                intervention_id=intervention_id,
                person=person,
                pnr_encrypted=person.pnr_encrypted,
                name_encrypted=person.name_encrypted,
                protected_identity=person.protected_identity,
            )
            IdentityRecord.objects.filter(pk=record.pk).update(created_at=person.created_at)
            for consent in consents:
                copy = Consent.objects.create(
                    association_id=consent.association_id,
                    person=person,
                    identity=record,
                    given_on=consent.given_on,
                    form_version=consent.form_version,
                    recorded_by_id=consent.recorded_by_id,
                    withdrawn_on=consent.withdrawn_on,
                )
                Consent.objects.filter(pk=copy.pk).update(recorded_at=consent.recorded_at)
            Participation.objects.filter(person=person, intervention_id=intervention_id).update(
                identity=record
            )
        Consent.objects.filter(pk__in=[c.pk for c in consents]).delete()


def copy_backward(apps, schema_editor):
    """Back to one identity per person: the first record's values, every record's
    consents (duplicates by date and version dropped)."""
    Person = apps.get_model("participants", "Person")
    IdentityRecord = apps.get_model("participants", "IdentityRecord")
    Consent = apps.get_model("participants", "Consent")
    Participation = apps.get_model("participants", "Participation")
    for person in Person.objects.order_by("pk").iterator():
        records = list(IdentityRecord.objects.filter(person=person).order_by("pk"))
        if not records:
            continue
        first = records[0]
        named = next((r for r in records if r.name_encrypted), first)
        Person.objects.filter(pk=person.pk).update(
            pnr_encrypted=first.pnr_encrypted,
            name_encrypted=named.name_encrypted,
            protected_identity=any(r.protected_identity for r in records),
        )
        seen = set()
        for consent in Consent.objects.filter(identity__in=records).order_by("pk"):
            key = (consent.given_on, consent.form_version, consent.withdrawn_on)
            if key in seen:
                consent.delete()
                continue
            seen.add(key)
            Consent.objects.filter(pk=consent.pk).update(identity=None, person=person)
    Participation.objects.update(identity=None)
    IdentityRecord.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("participants", "0003_identity_records")]

    operations = [migrations.RunPython(copy_forward, copy_backward)]
