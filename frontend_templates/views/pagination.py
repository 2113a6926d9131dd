"""Page numbers for long public lists without counting them whole: at 100,000 listings the
count of the catalogue costs more than the page. Up to COUNT_CAP rows are counted exactly; past
it the page says "más de" and the last pages are reached by narrowing the filters."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 2400  # 100 pages of 24


class BoundedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap: int = COUNT_CAP, **kwargs):
        self.cap = cap
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def counted(self) -> int:
        # COUNT over a LIMIT subquery: the database stops after cap + 1 rows.
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def capped(self) -> bool:
        """More rows exist than were counted (and than the pages reach)."""
        return self.counted > self.cap
