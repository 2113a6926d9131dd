from django.contrib.auth.models import Group

from marketplace.accounts.roles import ROLE_PERMISSIONS, Role, sync_roles
from tests.factories import UserFactory


def _perms(group):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_every_role_is_a_group_with_exactly_its_permissions(db):
    for role, perms in ROLE_PERMISSIONS.items():
        assert _perms(Group.objects.get(name=role.value)) == set(perms)


def test_sync_is_idempotent_and_repairs_drift(db):
    group = Group.objects.get(name=Role.CITIZEN.value)
    group.permissions.clear()
    sync_roles()
    sync_roles()
    assert _perms(group) == set(ROLE_PERMISSIONS[Role.CITIZEN])


def test_a_citizen_cannot_moderate_but_a_moderator_can(db):
    citizen = UserFactory(roles=[Role.CITIZEN])
    moderator = UserFactory(roles=[Role.MODERATOR])
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    assert not citizen.has_perm("accounts.moderate_listings")
    assert moderator.has_perm("accounts.moderate_listings")
    assert not moderator.has_perm("accounts.manage_roster")
    assert coordinator.has_perm("accounts.manage_roster")
    assert coordinator.has_perm("accounts.moderate_listings")
