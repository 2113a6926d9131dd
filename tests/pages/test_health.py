import pytest
from django.db import DatabaseError

from frontend_templates.views import health


@pytest.mark.django_db
def test_healthz_reports_ok_with_database_check(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": {"status": "ok"},
            "storage": {"status": "ok"},
            "search": {"status": "ok"},
        },
    }
    assert "no-cache" in response["Cache-Control"]


class _BrokenConnection:
    def cursor(self):
        raise DatabaseError("connection refused")


@pytest.mark.django_db
def test_healthz_returns_503_when_the_database_fails(client, monkeypatch):
    monkeypatch.setattr(health, "connection", _BrokenConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["checks"]["database"] == {"status": "error"}
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
        "storage": {"status": "ok"},
        "search": {"status": "error"},
    }


@pytest.mark.django_db
def test_an_unreachable_elasticsearch_makes_healthz_fail(client, settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 1

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["search"] == {"status": "error"}


@pytest.mark.django_db
def test_healthz_only_answers_reads(client):
    assert client.post("/healthz").status_code == 405
