"""Registration takes as long whether or not the address has an account: the deliberate cost is
the password hash, so every outcome computes exactly one. Counted through a real hasher in the
settings rather than timed (times are measured by the benchmark harness, never by tests)."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

from marketplace.accounts.services import RegistrationRequest, user_register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HASHES = []


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"

    def encode(self, password, salt):
        HASHES.append(password)
        return super().encode(password, salt)


@pytest.fixture(autouse=True)
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    HASHES.clear()


def _register(email):
    user_register(
        data=RegistrationRequest(
            email=email,
            password="arepas-con-queso-2026",
            first_name="Luisa",
            last_name="Mejía",
            phone="",
            accepted_privacy=True,
            ip_address="127.0.0.1",
            user_agent="pytest",
        )
    )
    hashed = len(HASHES)
    HASHES.clear()
    return hashed


def test_every_outcome_hashes_the_password_once():
    UserFactory(email="activa@example.com", is_active=True)
    UserFactory(email="pendiente@example.com", is_active=False, email_verified_at=None)
    UserFactory(email="desactivada@example.com", is_active=False)
    HASHES.clear()
    outcomes = {
        "new": _register("nueva@example.com"),
        "active": _register("activa@example.com"),
        "never activated": _register("pendiente@example.com"),
        "deactivated": _register("desactivada@example.com"),
    }
    assert outcomes == {"new": 1, "active": 1, "never activated": 1, "deactivated": 1}
