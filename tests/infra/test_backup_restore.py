"""The backup procedure of infra/README.md, run for real: `pg_dump --format=custom` of a
database holding a product and an order, `pg_restore` into a fresh database, and there the rows
are back and the audit log's hash chain verifies (`manage.py audit_verify`)."""

import os
import shutil
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from marketplace.core.models import AuditEvent
from orders.models import Order
from orders.services.placement import checkout_complete
from tests.orders.support import cart_with, goods, ready_checkout, storefront_vendor

from .support import ROOT

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres_tools():
    if connection.vendor != "postgresql":
        pytest.skip("the restore round trip needs DATABASE_URL on PostgreSQL")
    tools = {name: shutil.which(name) for name in ("pg_dump", "pg_restore")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed")
    return tools


def _url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    )


@pytest.fixture
def fresh_database(postgres_tools):
    name = f"tienda_restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_dump_restores_into_a_fresh_database_with_its_audit_chain_intact(
    reference_data, postgres_tools, fresh_database, tmp_path
):
    shop = storefront_vendor(display_name="Arepas Doña Luz", slug="arepas-dona-luz")
    arepa = goods(shop, "Arepa de chócolo", price=4_500, stock=10)
    order = checkout_complete(token=ready_checkout(cart_with((arepa, 2))).token)
    events = AuditEvent.objects.count()
    assert events > 0 and Order.objects.count() == 1

    dump = tmp_path / "tienda.dump"
    source = _url(connection.settings_dict["NAME"])
    subprocess.run(  # noqa: S603 - PostgreSQL's own tools, arguments built here
        [postgres_tools["pg_dump"], "--format=custom", "--no-owner", "--no-acl",
         f"--file={dump}", f"--dbname={source}"],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    subprocess.run(  # noqa: S603
        [postgres_tools["pg_restore"], "--no-owner", "--no-acl", "--exit-on-error",
         f"--dbname={_url(fresh_database)}", str(dump)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip

    with psycopg.connect(_url(fresh_database)) as restored:
        [(number, total)] = restored.execute(
            "SELECT number, total FROM orders_order WHERE id = %s", [order.pk]
        ).fetchall()
        [(name,)] = restored.execute(
            "SELECT name FROM catalog_product WHERE id = %s", [arepa.product_id]
        ).fetchall()
        [(restored_events,)] = restored.execute("SELECT count(*) FROM core_auditevent").fetchall()
    assert (number, total) == (order.number, order.total)
    assert name == "Arepa de chócolo"
    assert restored_events == events

    env = {
        **os.environ,
        "DATABASE_URL": _url(fresh_database),
        "AUDIT_CHAIN_KEY": settings.AUDIT_CHAIN_KEY,
        "DATABASE_CONN_MAX_AGE": "0",
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "audit_verify"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"Audit chain intact: {events} events" in result.stdout
