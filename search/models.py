"""The database backend's index: one row per visible product, denormalised for search and facets.

Django manages the table on every database; what is database-specific lives beside it and is
created by migrations only where it applies: on PostgreSQL a weighted tsvector with its GIN
index, trigram indexes and the newest-first index (0003); on SQLite an FTS5 table
(`search_fts`) keyed by the product id.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    product = models.OneToOneField(
        "catalog.Product", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    slug = models.CharField(max_length=170)
    name = models.CharField(max_length=150)
    # Lowercase, accents removed, words separated by single spaces: word-prefix matching for
    # autocomplete and trigram similarity for typos work on it with plain SQL on any database.
    name_folded = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=10)
    category_slug = models.CharField(max_length=140)
    category_name = models.CharField(max_length=120)
    # "/root-slug/child-slug/": a category filter or facet is one LIKE '%/slug/%' on any level.
    category_path = models.CharField(max_length=600)
    meta_text = models.TextField(blank=True)  # category names, vendor and municipality
    vendor_slug = models.CharField(max_length=140)
    vendor_name = models.CharField(max_length=120)
    vendor_name_folded = models.CharField(max_length=240)
    municipality_slug = models.CharField(max_length=100, blank=True)
    municipality_name = models.CharField(max_length=100, blank=True)
    min_price = models.PositiveIntegerField(null=True)
    in_stock = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True)
    fingerprint = models.CharField(max_length=40)
    indexed_at = models.DateTimeField(auto_now=True)
    # PostgreSQL only (NULL elsewhere): name A, category/vendor/municipality B, description C,
    # in the `spanish_unaccent` configuration.
    search_vector = SearchVectorField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["-published_at"], name="search_doc_published"),
            models.Index(fields=["min_price"], name="search_doc_min_price"),
            models.Index(fields=["vendor_slug"], name="search_doc_vendor"),
        ]

    def __str__(self):
        return self.name


class SearchTerm(models.Model):
    """The folded words of indexed names, categories, vendors and municipalities: where the
    PostgreSQL engine looks for the known word closest to an unknown one (SQLite reads its FTS5
    vocabulary instead). Words are added as documents are written and dropped on rebuild; one
    whose listings have gone is never suggested, because a suggestion must match."""

    word = models.CharField(max_length=100, primary_key=True)
    length = models.PositiveSmallIntegerField(db_index=True)

    def __str__(self):
        return self.word


class SearchVendor(models.Model):
    """One row per vendor with indexed listings, kept by the database backend as it writes
    documents: autocomplete matches the thousand vendors here instead of the words of the
    vendor name on every one of 100,000 documents. `documents` is how many listings it has in
    the index (a vendor without any has no row)."""

    slug = models.CharField(max_length=140, primary_key=True)
    name = models.CharField(max_length=120)
    name_folded = models.CharField(max_length=240)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.name


class SqliteFtsEntry(models.Model):
    """Read-side view of the SQLite FTS5 table, so the ORM can join and rank with it.

    `match` is FTS5's hidden column named after the table (`search_fts = 'query'` is a full-text
    match) and `rank` its hidden rank column (bm25 with the column weights set by the
    migration). Rows are written with raw SQL by the backend; the table does not exist on
    PostgreSQL, where this model is never queried.
    """

    document = models.OneToOneField(
        SearchDocument,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name="fts",
    )
    match = models.TextField(db_column="search_fts")
    rank = models.FloatField(db_column="rank")

    class Meta:
        managed = False
        db_table = "search_fts"

    def __str__(self):
        return str(self.pk)
