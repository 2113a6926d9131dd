from django.db import migrations
from django.utils.text import slugify

from catalog.category_tree import CATEGORY_TREE


def load(apps, schema_editor):
    Category = apps.get_model("catalog", "Category")
    for position, (name, children) in enumerate(CATEGORY_TREE):
        parent, _ = Category.objects.update_or_create(
            slug=slugify(name), defaults={"name": name, "position": position, "parent": None}
        )
        for child_position, child in enumerate(children):
            Category.objects.update_or_create(
                slug=slugify(child),
                defaults={"name": child, "position": child_position, "parent": parent},
            )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
