"""The store's own settings (production mode comes from the environment the runner sets), plus
one route that exists only under load runs: the floor scenario."""

from marketplace.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
