import os

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.utils import translation

from marketplace.accounts.roles import Role

from .factories import PASSWORD, UserFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_or_skip(available: bool, reason: str) -> None:
    """Skip when an external service is missing on a developer machine; fail in CI, where a
    skip would hide a broken environment."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (required when CI=true)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _clean_cache():
    # The read cache too: the database rolls back between tests, its cached answers would not.
    cache.clear()
    caches["reads"].clear()
    yield
    cache.clear()
    caches["reads"].clear()


@pytest.fixture(autouse=True)
def _generous_time_budget(settings):
    # The API's per-request time budget protects production; on a loaded test machine a large
    # page could pass it. Tests of the budget set it themselves.
    settings.GRAPHQL_TIME_BUDGET_SECONDS = 120
    settings.GRAPHQL_TIME_BUDGET_SECONDS_ANONYMOUS = 120


@pytest.fixture(autouse=True)
def _read_cache_off(settings):
    # Most tests arrange data with factories and the ORM, which publish no events, then read;
    # cached public reads would hide their changes. Tests of the read cache use `read_cache`,
    # and change data only through the services, as production does.
    settings.READ_CACHE_SECONDS = 0


@pytest.fixture
def read_cache(settings):
    settings.READ_CACHE_SECONDS = 300


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploads written by a test never land in the developer's var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _spanish_by_default():
    # A request leaves its language active in the test thread; every test starts in es-CO.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def citizen(db):
    return UserFactory(email="ciudadana@example.com", roles=[Role.CITIZEN])


@pytest.fixture
def moderator(db):
    return UserFactory(email="moderadora@example.com", roles=[Role.MODERATOR])


@pytest.fixture
def coordinator(db):
    return UserFactory(email="coordinador@example.com", roles=[Role.COORDINATOR])


@pytest.fixture
def vendor_owner(db):
    from .factories import VendorMembershipFactory

    return VendorMembershipFactory().user


@pytest.fixture
def vendor(vendor_owner):
    return vendor_owner.vendor_memberships.get().vendor


GRAPHQL_ENDPOINT = "/graphql/"
GRAPHQL_ERRORS = "errors { field code message }"


@pytest.fixture
def gql(client):
    """Post one GraphQL document as `user` (anonymous when None); returns the parsed JSON and
    fails on transport errors so tests read `data` directly."""

    # Logging in writes a session, so it happens only when the user changes: a request
    # measured for its queries then costs what it would cost a client already logged in.
    current = {"user": None}

    def post(query, variables=None, *, user=None):
        if user is not current["user"]:
            client.logout()
            if user is not None:
                client.force_login(user)
            current["user"] = user
        body = {"query": query, "variables": variables or {}}
        response = client.post(GRAPHQL_ENDPOINT, body, content_type="application/json")
        assert response.status_code == 200, response.content
        return response.json()

    return post


@pytest.fixture
def mutate(gql):
    """Run a mutation and return its payload, asserting the request itself succeeded."""

    def run(query, variables=None, *, user=None):
        result = gql(query, variables, user=user)
        assert "errors" not in result, result["errors"]
        return next(iter(result["data"].values()))

    return run


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests start from a flushed database, which drops the rows the data
    migrations loaded; load them again (municipalities, CIIU sections, programme, categories)."""
    from importlib import import_module

    from django.apps import apps

    for module in (
        "marketplace.core.migrations.0002_load_municipalities",
        "vendors.migrations.0002_reference_data",
        "catalog.migrations.0002_category_tree",
    ):
        import_module(module).load(apps, None)


@pytest.fixture
def s3_server():
    """A real S3-protocol server on loopback (moto's server mode): real HTTP, real signatures."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
