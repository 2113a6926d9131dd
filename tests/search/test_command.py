"""manage.py search_index rebuild|update|check against the database index."""

import io

import pytest
from django.core.management import call_command

from search.models import SearchDocument
from tests.factories import VariantFactory


@pytest.fixture
def products(db, settings):
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = ""
    return [VariantFactory(product__name=f"Bolso tejido {n}").product for n in range(4)]


def run(*args):
    out = io.StringIO()
    call_command("search_index", *args, stdout=out)
    return out.getvalue()


def test_rebuild_indexes_every_visible_product_with_progress(products):
    hidden = VariantFactory(product__status="draft").product
    output = run("rebuild")
    assert "4/4" in output and "100%" in output
    assert "database: 4 products indexed" in output
    assert set(SearchDocument.objects.values_list("pk", flat=True)) == {p.pk for p in products}
    assert not SearchDocument.objects.filter(pk=hidden.pk).exists()


def test_check_finds_and_repairs_drift(products):
    stray = VariantFactory(product__name="Bolso retirado").product
    run("rebuild")  # the stray is visible while indexed ...
    missing, stale = products[0], products[1]
    SearchDocument.objects.filter(pk=missing.pk).delete()
    SearchDocument.objects.filter(pk=stale.pk).update(name="Texto viejo", fingerprint="x")
    stray.status = "unpublished"  # ... then leaves without an event reaching search
    stray.save()

    with pytest.raises(SystemExit) as exit_:
        run("check", "--dry-run")
    assert exit_.value.code == 1
    assert SearchDocument.objects.filter(pk=stray.pk).exists()

    output = run("check")
    assert "drift repaired: 1 missing, 1 stale, 1 extra" in output
    assert set(SearchDocument.objects.values_list("pk", flat=True)) == {p.pk for p in products}
    assert SearchDocument.objects.get(pk=stale.pk).name == stale.name
    assert "database: in step" in run("check", "--dry-run")


def test_update_reindexes_in_place(products):
    run("rebuild")
    SearchDocument.objects.filter(pk=products[0].pk).update(name="Viejo", fingerprint="x")
    output = run("update")
    assert "4 visible products re-indexed in database" in output
    assert SearchDocument.objects.get(pk=products[0].pk).name == products[0].name


def test_an_unreachable_elasticsearch_is_a_clear_error(products, settings):
    from django.core.management.base import CommandError

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    with pytest.raises(CommandError, match="unavailable"):
        run("rebuild", "--backend", "elasticsearch")
