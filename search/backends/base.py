"""The one interface every search backend implements."""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable

from ..documents import CategoryTree, IndexedProduct
from ..query import ParsedQuery
from ..types import SearchFilters, SearchResult, SuggestionItem


class SearchUnavailable(Exception):
    """The backend cannot answer now (cluster down, timeout): callers fall back, never 500."""


Progress = Callable[[int], None]


class SearchBackend(ABC):
    name: str = ""

    # Reads ------------------------------------------------------------------------------------

    @abstractmethod
    def search(
        self,
        query: ParsedQuery,
        filters: SearchFilters,
        *,
        sort: str,
        page: int,
        page_size: int,
        tree: CategoryTree,
    ) -> SearchResult:
        """Ids in rank order for the page, the filtered total, facets counted over the filtered
        set, highlights for the page, and a suggestion when a query word is unknown."""

    @abstractmethod
    def suggest_products(self, prefix: ParsedQuery, *, limit: int) -> list[SuggestionItem]:
        """Products whose name has words starting with the prefix's words."""

    @abstractmethod
    def suggest_vendors(self, prefix: ParsedQuery, *, limit: int) -> list[SuggestionItem]:
        """Vendors with visible products whose name has words starting like the prefix."""

    # Writes -----------------------------------------------------------------------------------

    @abstractmethod
    def upsert(self, documents: list[IndexedProduct]) -> int:
        """Write the documents (idempotent); return how many actually changed."""

    @abstractmethod
    def delete(self, product_ids: Iterable[int]) -> None:
        """Remove documents if present (idempotent)."""

    @abstractmethod
    def fingerprints(self) -> dict[int, str]:
        """product id -> fingerprint of every document in the index, for drift checks."""

    @abstractmethod
    def rebuild(
        self, batches: Iterable[list[IndexedProduct]], *, progress: Progress | None = None
    ) -> int:
        """Replace the whole index without a moment where searches see it empty."""

    def refresh(self) -> None:
        """Make recent writes searchable now (Elasticsearch refreshes about every second)."""
        return None
