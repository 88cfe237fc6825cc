"""Timeline events made from the Structure screen said "reported in this story", which reads
wrongly on a deal page (which story?); the event links its story, so the words go."""

from django.db import migrations


def blank(apps, schema_editor):
    AgreementEvent = apps.get_model("deals", "AgreementEvent")
    AgreementEvent.objects.filter(description="reported in this story").update(description="")


class Migration(migrations.Migration):
    dependencies = [("deals", "0005_agreements_become_claims")]

    operations = [migrations.RunPython(blank, migrations.RunPython.noop)]
