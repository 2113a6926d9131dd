"""Schema-driven fuzzing of /graphql/: every query and mutation, anonymous and as a vendor member,
with arguments generated from the live schema. No answer may be a server error or carry Python,
SQL or file-system text back to the client.

The budget is fixed and the generation derandomized, so a run in CI is reproducible and a
failure seen once is seen again.
"""

import re

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.accounts.tokens import token_create
from marketplace.graphql.schema import schema as graphene_schema
from tests.factories import ProductFactory, VariantFactory, VendorMembershipFactory
from tests.security.test_bad_input import LEAK_MARKERS

ENDPOINT = "/graphql/"
EXAMPLES_PER_OPERATION = 10

# Text that only reaches a response when an exception or a query escapes to the client.
INTERNAL_PATTERNS = [
    *(re.escape(marker) for marker in LEAK_MARKERS),
    r"sqlite3",
    r"IntegrityError|OperationalError|DataError|ProgrammingError",
    r"\b(ValueError|TypeError|KeyError|AttributeError|IndexError|OverflowError)\b",
    r"\bSELECT\b.+\bFROM\b",
    r"\bINSERT INTO\b|\bUPDATE\b.+\bSET\b",
    r"File \"[^\"]+\.py\"",
    r"site-packages|/usr/lib/python",
]
INTERNAL = re.compile("|".join(INTERNAL_PATTERNS))

nodes = schemathesis.graphql.nodes
# Files reach the API as multipart parts; inside a JSON document an upload is any literal a
# client cares to send.
schemathesis.graphql.scalar("Upload", st.one_of(st.just(nodes.Null), st.text().map(nodes.String)))
# Amounts arrive as numbers or numeric strings, and money code decides what a whole peso is.
schemathesis.graphql.scalar(
    "Pesos",
    st.one_of(
        st.integers().map(nodes.Int),
        st.floats(allow_nan=False, allow_infinity=False).map(nodes.Float),
        st.from_regex(r"\A-?[0-9]{0,25}([.,][0-9]{0,6})?([eE][+-]?[0-9]{1,4})?\Z").map(
            nodes.String
        ),
        st.text(max_size=30).map(nodes.String),
    ),
)

API = schemathesis.graphql.from_dict(graphene_schema.introspect())
API.app = get_wsgi_application()
API.location = ENDPOINT
OPERATIONS = {result.ok().label: result.ok() for result in API.get_all_operations()}


def no_server_error(ctx, response, case):
    assert response.status_code < 500, response.content[:2000]


def no_leaked_internals(ctx, response, case):
    text = response.content.decode("utf-8", errors="replace")
    match = INTERNAL.search(text)
    assert match is None, f"internal text {match.group(0)!r} in: {text[:2000]}"


def errors_carry_a_code(ctx, response, case):
    # An error the API meant to give has a stable code; a resolver that raised is answered
    # with `internal_error` (and logged), which is a server error by another name.
    for error in response.json().get("errors") or ():
        code = (error.get("extensions") or {}).get("code")
        assert code and code != "internal_error", error


CHECKS = [no_server_error, no_leaked_internals, errors_carry_a_code]


@pytest.fixture
def storefront(db):
    """A published product with a variant, so reads return data and IDs resolve to real rows."""
    # The WSGI handler closes "old" connections around each request, and inside the test's
    # transaction PostgreSQL's counts as old; Django's own test client skips this the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield _storefront()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _storefront():
    membership = VendorMembershipFactory()
    VariantFactory(product=ProductFactory(vendor=membership.vendor))
    return membership


@pytest.fixture
def vendor_headers(storefront, password, rf):
    pair = token_create(
        email=storefront.user.email,
        password=password,
        request=rf.post(ENDPOINT, REMOTE_ADDR="127.0.0.1"),
    )
    return {"Authorization": f"Bearer {pair.token}"}


def fuzz(label: str, headers: dict[str, str]) -> None:
    @given(case=OPERATIONS[label].as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


def fuzz_every_operation(headers: dict[str, str]) -> None:
    # One test per client rather than per operation: the fixtures cost more than the requests.
    failures = {}
    for label in sorted(OPERATIONS):
        try:
            fuzz(label, headers)
        except Exception as exc:  # noqa: BLE001 (every operation is reported, not the first)
            failures[label] = exc
    assert not failures, "\n\n".join(f"{label}: {exc}" for label, exc in failures.items())


def test_anonymous_fuzzing_finds_no_server_error_or_leak(storefront):
    fuzz_every_operation({})


def test_vendor_fuzzing_finds_no_server_error_or_leak(vendor_headers):
    fuzz_every_operation(vendor_headers)
