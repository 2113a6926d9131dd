from datetime import timedelta

import jwt
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from marketplace.accounts.tokens import token_create, token_refresh, user_from_token


@pytest.fixture
def request_():
    return RequestFactory().post("/graphql/", REMOTE_ADDR="127.0.0.1")


def test_token_pair_authenticates_and_refreshes(citizen, password, request_):
    pair = token_create(email="CIUDADANA@example.com", password=password, request=request_)
    assert user_from_token(pair.token) == citizen
    # A refresh token is not an access token, and vice versa.
    assert user_from_token(pair.refresh_token) is None
    with pytest.raises(ValidationError):
        token_refresh(refresh_token=pair.token)
    assert user_from_token(token_refresh(refresh_token=pair.refresh_token).token) == citizen


def test_wrong_password_and_unknown_email_share_one_generic_error(citizen, request_):
    messages = set()
    for email in ("ciudadana@example.com", "nadie@example.com"):
        with pytest.raises(ValidationError) as exc:
            token_create(email=email, password="incorrecta", request=request_)
        error = exc.value.error_dict["email"][0]
        assert error.code == "invalid_credentials"
        messages.add(error.messages[0])
    assert len(messages) == 1


def test_password_change_revokes_tokens(citizen, password, request_):
    pair = token_create(email=citizen.email, password=password, request=request_)
    citizen.set_password("nueva-clave-segura-2026")
    citizen.save()
    assert user_from_token(pair.token) is None
    with pytest.raises(ValidationError):
        token_refresh(refresh_token=pair.refresh_token)


def test_expired_forged_and_inactive_tokens_are_rejected(citizen, password, request_):
    past = timezone.now() - timedelta(hours=2)
    expired = jwt.encode(
        {"sub": str(citizen.pk), "type": "access", "iat": past, "exp": past + timedelta(minutes=5)},
        settings.JWT_SECRET,
        algorithm="HS256",
    )
    assert user_from_token(expired) is None
    forged = jwt.encode({"sub": str(citizen.pk), "type": "access"}, "otra-clave", algorithm="HS256")
    assert user_from_token(forged) is None
    assert user_from_token("basura") is None
    pair = token_create(email=citizen.email, password=password, request=request_)
    citizen.is_active = False
    citizen.save()
    assert user_from_token(pair.token) is None


def test_refresh_tokens_rotate_and_each_works_once(citizen, password, request_):
    first = token_create(email=citizen.email, password=password, request=request_)
    second = token_refresh(refresh_token=first.refresh_token)
    assert second.refresh_token != first.refresh_token
    third = token_refresh(refresh_token=second.refresh_token)
    assert user_from_token(third.token) == citizen


def test_a_reused_refresh_token_revokes_its_whole_family(citizen, password, request_):
    from marketplace.core.models import AuditEvent

    stolen = token_create(email=citizen.email, password=password, request=request_)
    other_login = token_create(email=citizen.email, password=password, request=request_)
    current = token_refresh(refresh_token=stolen.refresh_token)  # the owner refreshes
    with pytest.raises(ValidationError) as caught:
        token_refresh(refresh_token=stolen.refresh_token)  # the copy is replayed
    assert caught.value.error_dict["token"][0].code == "invalid_token"
    # The owner's current token of that family is dead too; other logins are not affected.
    with pytest.raises(ValidationError):
        token_refresh(refresh_token=current.refresh_token)
    assert token_refresh(refresh_token=other_login.refresh_token).token
    assert AuditEvent.objects.filter(action="account.refresh_token_reused").count() == 1
