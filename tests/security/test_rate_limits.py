"""Abuse limits from the outside: login and token creation, registration, claim codes,
vendorApply and GraphQL cost per minute answer 429 (pages, whole GraphQL requests) or a
`rate_limited` error (mutations), with a Spanish message and Retry-After."""

import pytest

from tests.factories import EnrollmentFactory
from tests.graphql.test_auth import TOKEN_CREATE

pytestmark = pytest.mark.django_db

GRAPHQL = "/graphql/"
APPLY = "mutation($nit: String!) { vendorApply(nit: $nit) { sentTo errors { code message } } }"


@pytest.fixture
def limits(settings):
    """Small limits, so each test shows the boundary in a few requests."""
    settings.RATE_LIMITS = {
        "login": (3, 600),
        "register": (2, 3600),
        "quote": (5, 600),
        "vendor_apply": (2, 3600),
        "claim_code": (2, 3600),
        "graphql_cost": (100_000, 60),
    }
    settings.AXES_FAILURE_LIMIT = 100  # the lockout is another mechanism; keep it out of the way
    return settings.RATE_LIMITS


def gql(client, query, variables=None, **extra):
    body = {"query": query, "variables": variables or {}}
    return client.post(GRAPHQL, body, content_type="application/json", **extra)


def test_login_page_attempts_are_limited(client, limits, citizen):
    for n in range(3):
        response = client.post(
            "/cuenta/ingresar/", {"username": f"x{n}@example.com", "password": "incorrecta"}
        )
        assert response.status_code == 200
    refused = client.post("/cuenta/ingresar/", {"username": "y@example.com", "password": "x"})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Hiciste demasiadas solicitudes" in refused.content.decode()


def test_login_attempts_on_one_account_are_limited_across_addresses(client, limits, citizen):
    for n in range(3):
        client.post(
            "/cuenta/ingresar/",
            {"username": citizen.email, "password": "incorrecta"},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
    refused = client.post(
        "/cuenta/ingresar/",
        {"username": citizen.email.upper(), "password": "incorrecta"},
        REMOTE_ADDR="198.51.100.99",
    )
    assert refused.status_code == 429


def test_token_creation_is_limited_with_a_code_and_retry_after(client, limits, citizen, password):
    for _ in range(3):
        gql(client, TOKEN_CREATE, {"email": "nadie@example.com", "password": "x"})
    response = gql(client, TOKEN_CREATE, {"email": citizen.email, "password": password})
    result = response.json()["data"]["tokenCreate"]
    assert result["token"] is None
    assert result["errors"][0]["code"] == "rate_limited"
    assert result["errors"][0]["message"].startswith("Hiciste demasiadas solicitudes")
    assert int(response["Retry-After"]) > 0


def test_registration_is_limited(client, limits):
    form = {"email": "a@example.com", "first_name": "Ana", "password1": "x", "password2": "x"}
    assert [client.post("/cuenta/registro/", form).status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]


def test_vendor_apply_is_limited_per_account(client, limits, citizen):
    client.force_login(citizen)
    nits = [EnrollmentFactory().nit for _ in range(3)]
    results = [gql(client, APPLY, {"nit": nit}, HTTP_X_CSRFTOKEN="x").json() for nit in nits]
    codes = [r["data"]["vendorApply"]["errors"] for r in results]
    assert codes[0] == [] and codes[1] == []
    assert codes[2][0]["code"] == "rate_limited"


def test_vendor_apply_page_is_limited(client, limits, citizen):
    client.force_login(citizen)
    answers = [client.post("/vender/", {"nit": "123"}).status_code for _ in range(3)]
    assert answers == [200, 200, 429]


def test_claim_code_page_is_limited(client, limits, citizen, mailoutbox):
    client.force_login(citizen)
    enrollment = EnrollmentFactory()
    client.post("/vender/", {"nit": enrollment.nit})
    answers = [client.post("/vender/codigo/", {"code": "000001"}).status_code for _ in range(3)]
    assert answers[:2] == [200, 200]
    assert answers[2] == 429


def test_graphql_cost_per_minute_is_limited_per_address(client, limits):
    limits["graphql_cost"] = (10, 60)
    query = "{ me { email firstName lastName } }"  # costs 4
    assert gql(client, query).status_code == 200
    assert gql(client, query).status_code == 200
    refused = gql(client, query)
    assert refused.status_code == 429
    assert refused.json()["errors"][0]["extensions"]["code"] == "rate_limited"
    assert int(refused["Retry-After"]) > 0
    assert gql(client, query, REMOTE_ADDR="198.51.100.7").status_code == 200
