"""Behind the reverse proxy, lockouts key on the citizen's address, and a client cannot choose
its own address by sending X-Forwarded-For."""

import pytest
from django.test import RequestFactory

from marketplace.core.client_ip import client_ip
from tests.factories import UserFactory
from tests.graphql.test_auth import TOKEN_CREATE

PROXY = "10.0.0.5"


def ip(remote: str, forwarded: str | None = None) -> str:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert ip("203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_a_trusted_proxy_passes_on_the_client_address(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert ip(PROXY, "203.0.113.7") == "203.0.113.7"


def test_a_forged_entry_left_of_the_real_one_is_ignored(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert ip(PROXY, "198.51.100.1, 203.0.113.7") == "203.0.113.7"


def test_chains_of_trusted_proxies_given_as_ranges(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert ip("10.0.0.5", "203.0.113.7, 10.1.2.3") == "203.0.113.7"


def test_an_untrusted_sender_cannot_claim_an_address(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert ip("198.51.100.9", "203.0.113.7") == "198.51.100.9"


def test_garbage_in_the_header_falls_back_to_the_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert ip(PROXY, "no-es-ip") == PROXY


def login(client, address, email, password):
    response = client.post(
        "/graphql/",
        {"query": TOKEN_CREATE, "variables": {"email": email, "password": password}},
        content_type="application/json",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )
    return response.json()["data"]["tokenCreate"]


@pytest.mark.django_db
def test_behind_the_proxy_one_citizen_cannot_lock_out_another(client, settings, password):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(email="vecina@example.com")
    for _ in range(3):
        login(client, "198.51.100.66", "vecina@example.com", "incorrecta-2026")
    locked = login(client, "198.51.100.66", "vecina@example.com", password)
    assert locked["errors"][0]["code"] == "locked_out"
    # The account's owner, from her own address behind the same proxy, still signs in.
    assert login(client, "203.0.113.7", "vecina@example.com", password)["errors"] == []
