from datetime import timedelta

import jwt
from django.conf import settings
from django.test import Client
from django.utils import timezone

from .conftest import ENDPOINT

TOKEN_CREATE = """
mutation Login($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) {
    token refreshToken user { email } errors { field code message }
  }
}
"""
TOKEN_REFRESH = """
mutation Refresh($refreshToken: String!) {
  tokenRefresh(refreshToken: $refreshToken) { token errors { field code message } }
}
"""
ME = "{ me { email firstName } }"


def login(gql, email, password):
    return gql(TOKEN_CREATE, {"email": email, "password": password}).json()["data"]["tokenCreate"]


def test_token_from_right_password_authenticates_me(gql, citizen, password):
    result = login(gql, citizen.email, password)
    assert result["errors"] == []
    assert result["user"] == {"email": citizen.email}
    response = gql(ME, HTTP_AUTHORIZATION=f"Bearer {result['token']}")
    assert response.status_code == 200
    assert response.json()["data"]["me"]["email"] == citizen.email


def test_me_is_null_for_anonymous_requests(gql, db):
    assert gql(ME).json() == {"data": {"me": None}}


def test_wrong_password_gets_generic_error_and_no_token(gql, citizen):
    result = login(gql, citizen.email, "incorrecta-2026")
    assert result["token"] is None and result["refreshToken"] is None and result["user"] is None
    [error] = result["errors"]
    assert error["code"] == "invalid_credentials"
    assert error["field"] == "email"
    unknown = login(gql, "nadie@example.com", "incorrecta-2026")["errors"][0]
    assert unknown["message"] == error["message"]


def test_token_refresh_mints_access_token_and_rejects_access_tokens(gql, citizen, password):
    pair = login(gql, citizen.email, password)
    refreshed = gql(TOKEN_REFRESH, {"refreshToken": pair["refreshToken"]}).json()
    token = refreshed["data"]["tokenRefresh"]["token"]
    assert token
    assert gql(ME, HTTP_AUTHORIZATION=f"Bearer {token}").json()["data"]["me"]["email"]

    misuse = gql(TOKEN_REFRESH, {"refreshToken": pair["token"]}).json()["data"]["tokenRefresh"]
    assert misuse["token"] is None
    assert misuse["errors"][0]["code"] == "invalid_token"


def test_expired_or_garbage_tokens_mean_anonymous(gql, citizen):
    past = timezone.now() - timedelta(hours=2)
    expired = jwt.encode(
        {"sub": str(citizen.pk), "type": "access", "iat": past, "exp": past + timedelta(minutes=5)},
        settings.JWT_SECRET,
        algorithm="HS256",
    )
    for token in (expired, "basura"):
        response = gql(ME, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 200
        assert response.json() == {"data": {"me": None}}


def assert_locked_out_after_five_failures(gql, email, password):
    for _ in range(5):
        assert login(gql, email, "incorrecta-2026")["token"] is None
    result = login(gql, email, password)
    assert result["token"] is None
    assert result["errors"][0]["code"] == "locked_out"


def test_repeated_failures_lock_out_even_the_right_password(gql, citizen, password, settings):
    settings.AXES_FAILURE_LIMIT = 5
    assert_locked_out_after_five_failures(gql, citizen.email, password)


def test_session_post_without_csrf_token_is_refused(citizen):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(citizen)
    response = browser.post(ENDPOINT, {"query": ME}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "csrf_failed"


def test_session_post_with_csrf_token_is_accepted(citizen):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(citizen)
    browser.get(ENDPOINT, HTTP_ACCEPT="application/json")  # sets the CSRF cookie
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value
    response = browser.post(
        ENDPOINT, {"query": ME}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.json()["data"]["me"]["email"] == citizen.email


def test_bearer_clients_need_no_csrf_token(bearer, citizen):
    api_client = Client(enforce_csrf_checks=True)
    response = api_client.post(ENDPOINT, {"query": ME}, content_type="application/json", **bearer)
    assert response.json()["data"]["me"]["email"] == citizen.email


def test_token_refresh_rotates_and_a_replay_revokes_the_family(gql, citizen, password):
    pair = login(gql, citizen.email, password)
    rotated = gql(TOKEN_REFRESH_ROTATING, {"refreshToken": pair["refreshToken"]}).json()
    rotated = rotated["data"]["tokenRefresh"]
    assert rotated["errors"] == [] and rotated["refreshToken"] != pair["refreshToken"]
    replay = gql(TOKEN_REFRESH_ROTATING, {"refreshToken": pair["refreshToken"]}).json()
    assert replay["data"]["tokenRefresh"]["errors"][0]["code"] == "invalid_token"
    after = gql(TOKEN_REFRESH_ROTATING, {"refreshToken": rotated["refreshToken"]}).json()
    assert after["data"]["tokenRefresh"]["token"] is None


TOKEN_REFRESH_ROTATING = """
mutation Refresh($refreshToken: String!) {
  tokenRefresh(refreshToken: $refreshToken) { token refreshToken errors { field code message } }
}
"""
