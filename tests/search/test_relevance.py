"""The relevance suite: the judged queries of relevance_cases.py over their catalogue, on every
reachable backend. It reports recall@5 and nDCG@10 and fails below the floors, which only go
up as search improves."""

import math

import pytest

from tests.factories import VendorFactory

from .conftest import municipality, product
from .relevance_cases import CASES, PRODUCTS, VENDORS

RECALL_AT_5_FLOOR = 0.98
NDCG_AT_10_FLOOR = 0.98
# A single case may do worse than the average, but never this badly.
CASE_NDCG_FLOOR = 0.5


def recall_at(k: int, ranked: list[str], judged: dict[str, int]) -> float:
    relevant = {key for key, grade in judged.items() if grade > 0}
    return len(relevant & set(ranked[:k])) / min(len(relevant), k)


def ndcg_at(k: int, ranked: list[str], judged: dict[str, int]) -> float:
    def dcg(grades):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))

    ideal = dcg(sorted(judged.values(), reverse=True))
    return dcg([judged.get(key, 0) for key in ranked]) / ideal


def test_metrics_on_known_rankings():
    judged = {"a": 2, "b": 1}
    assert recall_at(5, ["a", "x", "b"], judged) == 1.0
    assert recall_at(5, ["x", "a"], judged) == 0.5
    assert ndcg_at(10, ["a", "b"], judged) == 1.0
    assert 0 < ndcg_at(10, ["b", "a"], judged) < 1.0
    assert ndcg_at(10, ["x"], judged) == 0.0


@pytest.fixture
def judged_catalogue(search_backend, db):
    vendors = {
        key: VendorFactory(display_name=name, slug=key, enrollment__municipality=municipality(code))
        for key, (name, code) in VENDORS.items()
    }
    keys = {}
    for key, (name, category_slug, vendor, description, price, *rest) in PRODUCTS.items():
        kind = rest[0] if rest else "goods"
        stock = rest[1] if len(rest) > 1 else 10
        item = product(
            name,
            vendor=vendors[vendor],
            category_slug=category_slug,
            description=description,
            price=price,
            kind=kind,
            stock_quantity=stock,
        )
        keys[item.pk] = key
    search_backend.reindex()
    return keys


def test_judged_queries_meet_the_floors(search_backend, judged_catalogue, capsys):
    rows = []
    for query, filters, judged in CASES:
        result = search_backend.search(query, filters=filters, page_size=10)
        ranked = [judged_catalogue[pk] for pk in result.product_ids]
        rows.append(
            (query, filters, recall_at(5, ranked, judged), ndcg_at(10, ranked, judged), ranked)
        )

    recall = sum(r[2] for r in rows) / len(rows)
    ndcg = sum(r[3] for r in rows) / len(rows)
    lines = [
        f"relevance [{search_backend.name}]: {len(rows)} queries, "
        f"recall@5 {recall:.3f}, nDCG@10 {ndcg:.3f}"
    ]
    lines += [
        f"  {q!r} {f or ''}: recall@5 {r:.2f} nDCG@10 {n:.2f} -> {ranked[:5]}"
        for q, f, r, n, ranked in rows
        if r < 1 or n < 0.9
    ]
    with capsys.disabled():  # the figures are the suite's report: always shown
        print("\n" + "\n".join(lines))
    assert len(rows) >= 60
    assert recall >= RECALL_AT_5_FLOOR, "\n".join(lines)
    assert ndcg >= NDCG_AT_10_FLOOR, "\n".join(lines)
    assert all(n >= CASE_NDCG_FLOOR for *_, n, _ in rows), "\n".join(lines)
