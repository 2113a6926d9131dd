"""The store's own settings (production mode comes from the environment the runner sets), plus
one route that exists only under load runs: the floor scenario."""

from marketplace.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# One load generator on loopback is one client: the per-client GraphQL cost budget (an abuse
# limit sized for people, not for a benchmark) would answer 429 after a few hundred requests.
RATE_LIMITS = {**RATE_LIMITS, "graphql_cost": (10**12, 60)}  # noqa: F405

# The checkout scenario pays through the test gateway (no money moves; the store refuses it in
# production settings). Only load runs on loopback enable it, through these bench settings.
if "test" not in PAYMENT_GATEWAYS:  # noqa: F405
    PAYMENT_GATEWAYS = [*PAYMENT_GATEWAYS, "test"]  # noqa: F405
