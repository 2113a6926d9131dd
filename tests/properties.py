"""Shared bounds for property tests: a fixed number of examples drawn the same way on every
run, so CI stays fast and a failure seen once is seen again."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

bounded = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    # Database fixtures are shared by the examples of one test on purpose: each example only
    # reads them, or writes what the next one may overwrite.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What a person can type into a form or a client can put in a JSON string. NUL never gets past
# the request middleware (tests/security/test_bad_input.py), and lone surrogates are not text.
typed_text = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"))
