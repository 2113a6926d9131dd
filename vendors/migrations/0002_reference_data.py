import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "ciiu_secciones.csv"


def load(apps, schema_editor):
    CiiuSection = apps.get_model("vendors", "CiiuSection")
    Program = apps.get_model("vendors", "Program")
    with DATA.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            CiiuSection.objects.update_or_create(code=row["section"], defaults={"title": row["title_es"]})
    Program.objects.get_or_create(
        slug="desarrollo-economico-aburra",
        defaults={
            "name": "Programa de Desarrollo Económico Sostenible del Valle de Aburrá",
            "description": (
                "Acompañamiento a mipymes y emprendimientos afectados por la pandemia: diagnóstico "
                "de madurez digital, portafolio digital, página web, plan de mercadeo y un lugar "
                "en la Tienda Virtual."
            ),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("vendors", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
