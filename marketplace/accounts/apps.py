from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "marketplace.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import notifications  # noqa: F401 (registers the email handlers)
        from .roles import sync_roles

        # Permissions themselves are created on post_migrate, so roles sync right after them.
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="accounts.sync_roles")
