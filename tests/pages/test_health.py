import pytest
from django.db import DatabaseError

from frontend_templates.views import health


@pytest.mark.django_db
def test_healthz_reports_ok_with_database_check(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {"database": {"status": "ok"}}}
    assert "no-cache" in response["Cache-Control"]


class _BrokenConnection:
    def cursor(self):
        raise DatabaseError("connection refused")


@pytest.mark.django_db
def test_healthz_returns_503_when_the_database_fails(client, monkeypatch):
    monkeypatch.setattr(health, "connection", _BrokenConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {"database": {"status": "error"}}}
    # The reason stays in the logs; the public endpoint does not describe the infrastructure.
    assert "refused" not in response.content.decode()


@pytest.mark.django_db
def test_registered_checks_join_the_report(client, monkeypatch):
    def check_search():
        raise ConnectionError("search is down")

    monkeypatch.setitem(health.CHECKS, "search", check_search)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": {"status": "ok"},
        "search": {"status": "error"},
    }


@pytest.mark.django_db
def test_healthz_only_answers_reads(client):
    assert client.post("/healthz").status_code == 405
