"""Roles are Django groups with an explicit list of permissions, kept in code and synced to the
database after every migrate, so each environment has the same roles."""

from enum import StrEnum


class Role(StrEnum):
    CITIZEN = "citizen"
    VENDOR_MEMBER = "vendor_member"
    MODERATOR = "program_moderator"
    COORDINATOR = "program_coordinator"
    ADMINISTRATOR = "administrator"


_MODERATOR = ["accounts.moderate_listings", "core.view_audit_log"]
_COORDINATOR = _MODERATOR + [
    "accounts.manage_roster",
    "accounts.manage_vendors",
    "accounts.view_program_reports",
    "accounts.handle_data_requests",
    "core.operate_background_work",
    "orders.manage_orders",
    "payments.manage_payments",
]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.CITIZEN: ["accounts.place_orders"],
    # Membership of a particular vendor is checked per vendor; this only opens the dashboard.
    Role.VENDOR_MEMBER: ["accounts.manage_own_vendor"],
    Role.MODERATOR: _MODERATOR,
    Role.COORDINATOR: _COORDINATOR,
    Role.ADMINISTRATOR: _COORDINATOR
    + ["accounts.view_user", "accounts.change_user", "auth.view_group", "auth.change_group"],
}


def sync_roles(**_kwargs) -> None:
    """Create or update the groups so each holds exactly its listed permissions."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    # Roles name permissions of apps migrated after this one (orders.manage_orders): make
    # sure they exist before the first sync instead of relying on the order of apps.
    for label in sorted(
        {perm.split(".", 1)[0] for perms in ROLE_PERMISSIONS.values() for perm in perms}
    ):
        create_permissions(apps.get_app_config(label), verbosity=0)
    ContentType.objects.clear_cache()
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".", 1)
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)


def grant_role(user, role: Role) -> None:
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get(name=role.value))


def revoke_role(user, role: Role) -> None:
    from django.contrib.auth.models import Group

    user.groups.remove(Group.objects.get(name=role.value))


def has_role(user, role: Role) -> bool:
    return user.is_authenticated and user.groups.filter(name=role.value).exists()
