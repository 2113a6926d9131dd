"""`python -m bench seed` at a tiny size: the synthetic catalogue is complete, visible,
searchable and the same for the same seed. (Load runs themselves are not part of the suite.)"""

import random

import pytest

from bench import words
from bench.__main__ import main
from bench.seed import AlreadySeeded, listing_name, seed
from catalog.models import Product, ProductImage, ProductVariant
from catalog.selectors import product_list_visible
from search.services import search_products
from vendors.models import Vendor

pytestmark = pytest.mark.django_db


def test_a_tiny_catalogue_is_complete_visible_and_searchable(capsys):
    main(["seed", "--listings", "40", "--vendors", "4", "--categories", "60"])
    assert "products" in capsys.readouterr().out  # the throughput report

    assert Vendor.objects.filter(slug__startswith="negocio-bench-", status="active").count() == 4
    assert Product.objects.filter(status="published").count() == 40
    assert ProductVariant.objects.count() >= 40
    assert ProductImage.objects.exists()
    assert product_list_visible().count() == 40
    # The list fields were filled as the services fill them.
    assert not Product.objects.filter(min_price__isnull=True).exists()
    with_photo = Product.objects.filter(images__isnull=False).distinct()
    assert not with_photo.filter(thumbnail={}).exists()
    # Listing 0 always carries the rare word, and the search index was built.
    assert search_products(words.RARE_WORD).total >= 1

    with pytest.raises(AlreadySeeded):
        seed(listings=1, vendors=1)


def test_names_are_deterministic_and_carry_the_marker_words_in_their_shares():
    def names(seed_value):
        rng = random.Random(seed_value)
        return [listing_name(rng, index, service=False) for index in range(4000)]

    first = names(11)
    assert first == names(11)
    assert first != names(12)
    share = sum(words.FREQUENT_WORD in name for name in first) / len(first)
    assert 0.43 < share < 0.49
    medium = sum(words.MEDIUM_WORD in name for name in first) / len(first)
    assert 0.03 < medium < 0.07
    assert 1 <= sum(words.RARE_WORD in name for name in first) <= 3
