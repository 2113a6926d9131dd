"""The seed's bulk paths write exactly what the services would: the list fields it computes
while it inserts (instead of `catalog.listing_fields` per chunk), and the search rows of the
value-based rebuild (instead of one model instance per related row)."""

import pytest
from django.db.models import F

from bench.seed import seed
from catalog.listing_fields import listing_fields_refresh
from catalog.models import Product
from search.backends import write_backends
from search.documents import CategoryTree, visible_document_batches
from search.indexing import rebuild
from search.models import SearchDocument, SearchTerm, SearchVendor

pytestmark = pytest.mark.django_db

LISTINGS = 2000


def _listing_fields() -> list[tuple]:
    return list(
        Product.objects.order_by("pk").values_list(
            "pk", "min_price", "max_price", "is_available", "thumbnail"
        )
    )


def _search_rows() -> tuple[list[dict], list[tuple], list[tuple]]:
    documents = list(
        SearchDocument.objects.order_by("pk")
        .annotate(vector=F("search_vector"))
        .values(
            *[f.attname for f in SearchDocument._meta.concrete_fields if f.name != "indexed_at"]
        )
    )
    terms = list(SearchTerm.objects.order_by("word").values_list("word", "length"))
    vendors = list(SearchVendor.objects.order_by("slug").values_list())
    return documents, terms, vendors


def test_bulk_seed_rows_equal_the_service_paths():
    seed(listings=LISTINGS, vendors=20, categories=60, log=lambda line: None)
    seeded_fields = _listing_fields()
    assert len(seeded_fields) == LISTINGS
    # Every shape is covered: without photos ({} thumbnail), out of stock, several variants.
    assert any(row[4] == {} for row in seeded_fields)
    assert any(not row[3] for row in seeded_fields)
    assert any(row[1] != row[2] for row in seeded_fields)

    assert listing_fields_refresh(None) == LISTINGS
    assert _listing_fields() == seeded_fields

    seeded_search = _search_rows()
    assert len(seeded_search[0]) == LISTINGS
    # The rebuild from model instances, as it was before it read plain values.
    for backend in write_backends():
        backend.rebuild(visible_document_batches(tree=CategoryTree()))
    assert _search_rows() == seeded_search
    # And the public rebuild again converges on the same rows.
    rebuild()
    assert _search_rows() == seeded_search
