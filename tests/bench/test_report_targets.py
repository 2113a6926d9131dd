"""The report judges each run by the targets of its own kind: with the read cache on, the pages
served whole to first-time visitors must also reach 500 req/s."""

from bench.report import TARGETS, targets_for


def test_an_uncached_run_is_held_to_the_uncached_targets():
    assert targets_for({"read_cache_seconds": "0"}) is TARGETS


def test_a_cached_run_adds_throughput_to_the_cached_pages():
    targets = targets_for({"read_cache_seconds": "300"})
    assert targets["home"] == {"p95": 50, "rps": 500}
    assert targets["product page"] == {"p95": 20, "rps": 500}
    assert targets["root category"]["rps"] == targets["leaf category"]["rps"] == 500
    assert targets["search page, frequent word"] == TARGETS["search page, frequent word"]
