"""Stored addresses take the normalised spelling (NFKC, case-folded) that logins now look up
exactly. An address whose normalised form another account already holds is left as it is and
reported, so no account is merged or lost silently."""

import unicodedata

from django.db import migrations


def normalise(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    taken = set(User.objects.values_list("email", flat=True))
    for user in User.objects.only("pk", "email").iterator():
        normalised = unicodedata.normalize("NFKC", user.email.strip()).casefold()
        if normalised == user.email:
            continue
        if normalised in taken:
            print(f"  accounts: {user.email!r} left as is, {normalised!r} is another account")
            continue
        taken.discard(user.email)
        taken.add(normalised)
        User.objects.filter(pk=user.pk).update(email=normalised)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_email_verified_at")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
