import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "data" / "municipios_amva.csv"


def load(apps, schema_editor):
    Municipality = apps.get_model("core", "Municipality")
    with DATA.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            Municipality.objects.update_or_create(
                dane_code=row["dane_code"],
                defaults={
                    "name": row["name"],
                    "slug": slugify(row["name"]),
                    "department": row["department"],
                    "department_code": row["department_code"],
                    "in_metropolitan_area": True,
                    "sample_postal_code": row["sample_postal_code"],
                },
            )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
