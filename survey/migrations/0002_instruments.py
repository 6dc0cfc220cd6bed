"""The national survey's instruments, version 1 (spec/survey.md section 1)."""

from django.db import migrations


def load_instruments(apps, schema_editor):
    from survey import instrument_v1 as v1

    Form = apps.get_model("survey", "Form")
    Question = apps.get_model("survey", "Question")
    forms = {}
    for position, (code, name) in enumerate(v1.FORMS, start=1):
        forms[code] = Form.objects.create(
            code=code,
            version=v1.VERSION,
            name=name,
            position=position,
            scale_labels=v1.SCALE_LABELS,
        )
    for form, number, indicator, scale, key_figure, wording, after in v1.QUESTIONS:
        Question.objects.create(
            form=forms[form],
            number=number,
            indicator=indicator,
            scale=scale,
            key_figure=key_figure,
            wording=wording,
            only_after_yes_on=after,
        )


def unload_instruments(apps, schema_editor):
    apps.get_model("survey", "Question").objects.filter(form__version=1).delete()
    apps.get_model("survey", "Form").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("survey", "0001_initial")]

    operations = [migrations.RunPython(load_instruments, unload_instruments)]
