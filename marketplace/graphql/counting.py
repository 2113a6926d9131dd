"""`totalCount` without counting a whole catalogue.

An exact count of 100,000 published listings costs more than the page it comes with. Lists that
page by keyset are counted exactly when they are small; a large one answers with PostgreSQL's
planner estimate, one EXPLAIN that reads no rows, and says so (`totalCountIsExact` false). The
planner may misjudge a filtered list, so a list it estimates small is still counted exactly,
reading at most EXACT_UP_TO + 1 rows; one estimated large is reported as at least that many.
"""

import json

from django.db import connections

EXACT_UP_TO = 1000


def planner_estimate(queryset) -> int | None:
    if connections[queryset.db].vendor != "postgresql":
        return None
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def estimated_count(queryset) -> tuple[int, bool]:
    estimate = planner_estimate(queryset)
    if estimate is None:
        return queryset.count(), True  # SQLite: the demo's size, counted
    if estimate <= EXACT_UP_TO:
        counted = queryset.order_by().values("pk")[: EXACT_UP_TO + 1].count()
        if counted <= EXACT_UP_TO:
            return counted, True
    return max(estimate, EXACT_UP_TO + 1), False


def count_for_page(page) -> tuple[int, bool]:
    """(count, exact) for a page made by connections.ConnectionField, computed once."""
    found = getattr(page, "counted", None)
    if found is None:
        if page.length is not None:
            found = (page.length, True)
        elif getattr(page, "estimate", False):
            found = estimated_count(page.iterable)
        else:
            found = (page.iterable.count(), True)
        page.counted = found
    return found
