"""Production mode must refuse unsafe configuration and pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env_overrides):
    # A deployment never has the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE or a dev configuration.
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "env",
    [
        {"DJANGO_ENV": "production", "ALLOWED_HOSTS": "tienda.example.com"},
        {"DJANGO_ENV": "production", "ALLOWED_HOSTS": "tienda.example.com", "SECRET_KEY": "corta"},
        {"DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(64)},
        {"DJANGO_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "*"},
    ],
    ids=["no-secret", "short-secret", "debug-off-no-hosts", "wildcard-host"],
)
def test_production_refuses_to_start_without_secret_and_hosts(env):
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_deploy_check_reports_zero_issues_in_production():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="tienda.example.com",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_the_test_gateway():
    result = _manage(
        "check",
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="tienda.example.com",
        PAYMENT_GATEWAYS="test,wompi",
    )
    assert result.returncode != 0
    assert "test gateway" in result.stderr
