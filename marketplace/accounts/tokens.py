"""API tokens: short-lived access JWTs and long-lived refresh JWTs (HS256).

Each token carries a fingerprint of the user's password hash, so changing the password revokes
every token issued before it. The refresh token can only mint access tokens.
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import timedelta

import jwt
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record

from .emails import email_normalize
from .error_codes import AccountErrorCode
from .models import RefreshToken, User

ALGORITHM = "HS256"
ACCESS = "access"
REFRESH = "refresh"


@dataclass(frozen=True)
class TokenPair:
    token: str
    refresh_token: str
    user: User


def _fingerprint(user: User) -> str:
    return hashlib.sha256(f"{user.pk}:{user.password}".encode()).hexdigest()[:16]


def _encode(user: User, kind: str, ttl_seconds: int, **claims) -> str:
    now = timezone.now()
    payload = {
        "sub": str(user.pk),
        "type": kind,
        "iat": now,
        "exp": now + timedelta(seconds=ttl_seconds),
        "jti": uuid.uuid4().hex,
        "fp": _fingerprint(user),
        **claims,
    }
    return jwt.encode(payload, settings.JWT_SECRET, algorithm=ALGORITHM)


def _issue_refresh(user: User, family: str) -> str:
    """A refresh token, recorded so it can be used once (see RefreshToken)."""
    jti = uuid.uuid4().hex
    ttl = settings.JWT_REFRESH_TTL_SECONDS
    RefreshToken.objects.create(
        jti=jti,
        family=family,
        user=user,
        expires_at=timezone.now() + timedelta(seconds=ttl),
    )
    return _encode(user, REFRESH, ttl, jti=jti, fam=family)


def _invalid() -> ValidationError:
    return ValidationError(
        {
            "token": ValidationError(
                _("La sesión no es válida o expiró."), code=AccountErrorCode.INVALID_TOKEN
            )
        }
    )


def token_create(*, email: str, password: str, request) -> TokenPair:
    """Log in for the API. Failures share one generic message and count towards the lockout."""
    user = authenticate(request, username=email_normalize(email), password=password or "")
    if getattr(request, "axes_locked_out", False):
        raise ValidationError(
            {
                "email": ValidationError(
                    _("Demasiados intentos fallidos. Espera una hora o restablece tu contraseña."),
                    code=AccountErrorCode.LOCKED_OUT,
                )
            }
        )
    if user is None:
        raise ValidationError(
            {
                "email": ValidationError(
                    _("Correo o contraseña incorrectos."), code=AccountErrorCode.INVALID_CREDENTIALS
                )
            }
        )
    return TokenPair(
        token=_encode(user, ACCESS, settings.JWT_ACCESS_TTL_SECONDS),
        refresh_token=_issue_refresh(user, uuid.uuid4().hex),
        user=user,
    )


def _payload(token: str, kind: str) -> dict | None:
    try:
        payload = jwt.decode(
            token,
            settings.JWT_SECRET,
            algorithms=[ALGORITHM],
            options={"require": ["exp", "iat", "sub", "type"]},
        )
    except jwt.PyJWTError:
        return None
    return payload if payload.get("type") == kind else None


def access_token_is_signed(token: str) -> bool:
    """Whether `token` is an unexpired access token we signed, judged without the database
    (a password change since it was issued is only noticed by `user_from_token`)."""
    return _payload(token, ACCESS) is not None


def user_from_token(token: str, *, kind: str = ACCESS) -> User | None:
    payload = _payload(token, kind)
    if payload is None:
        return None
    user = User.objects.filter(pk=payload["sub"], is_active=True).first()
    if user is None or payload.get("fp") != _fingerprint(user):
        return None
    return user


def token_refresh(*, refresh_token: str) -> TokenPair:
    """Exchange a refresh token for a new access token and the next refresh token of its
    family. A refresh token already exchanged once revokes its family: the revocation commits
    even though the caller gets an error, so run this outside an enclosing transaction."""
    payload = _payload(refresh_token or "", REFRESH)
    user = user_from_token(refresh_token or "", kind=REFRESH)
    if payload is None or user is None:
        raise _invalid()
    reused = False
    with transaction.atomic():
        record = (
            RefreshToken.objects.select_for_update()
            .filter(jti=payload.get("jti"), user=user)
            .first()
        )
        if record is None or record.revoked_at is not None:
            raise _invalid()
        now = timezone.now()
        if record.used_at is not None:
            RefreshToken.objects.filter(family=record.family, revoked_at__isnull=True).update(
                revoked_at=now
            )
            reused = True
        else:
            record.used_at = now
            record.save(update_fields=["used_at"])
            pair = TokenPair(
                token=_encode(user, ACCESS, settings.JWT_ACCESS_TTL_SECONDS),
                refresh_token=_issue_refresh(user, record.family),
                user=user,
            )
    if reused:
        audit_record(actor=user, action="account.refresh_token_reused", target=user)
        raise _invalid()
    return pair
