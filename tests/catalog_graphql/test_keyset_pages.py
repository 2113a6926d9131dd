"""`products` pages by keyset cursors: every product exactly once across pages, in any sort,
with ties; backwards as forwards; cursors of another sort, forged ones and old offset cursors."""

import base64

import pytest

from .support import listed_product

PAGE = """
query($first: Int, $after: String, $last: Int, $before: String, $sortBy: ProductSortInput) {
  products(first: $first, after: $after, last: $last, before: $before, sortBy: $sortBy) {
    totalCount totalCountIsExact
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { slug } }
  }
}
"""
SORTS = [
    None,
    {"field": "NEWEST", "direction": "ASC"},
    {"field": "PRICE"},
    {"field": "PRICE", "direction": "DESC"},
    {"field": "NAME"},
    {"field": "NAME", "direction": "DESC"},
]


@pytest.fixture
def catalogue(db):
    # Prices and names repeat, so most page boundaries fall inside a run of ties.
    return [
        listed_product(name=f"Producto {n % 4}", variant__price=1000 * (n % 3)) for n in range(23)
    ]


def page(gql, **variables):
    result = gql(PAGE, variables)
    assert "errors" not in result, result.get("errors")
    return result["data"]["products"]


def slugs(data):
    return [edge["node"]["slug"] for edge in data["edges"]]


def walk_forward(gql, sort, size):
    seen, after = [], None
    while True:
        data = page(gql, first=size, after=after, sortBy=sort)
        seen += slugs(data)
        if not data["pageInfo"]["hasNextPage"]:
            return seen, data
        after = data["pageInfo"]["endCursor"]


@pytest.mark.parametrize("sort", SORTS)
def test_forward_and_backward_pages_hold_every_product_once_in_the_sort_order(gql, catalogue, sort):
    whole = slugs(page(gql, first=100, sortBy=sort))
    assert sorted(whole) == sorted(p.slug for p in catalogue)

    forward, last_page = walk_forward(gql, sort, 5)
    assert forward == whole

    backward, before = [], None
    while True:
        data = page(gql, last=5, before=before, sortBy=sort)
        backward = slugs(data) + backward
        if not data["pageInfo"]["hasPreviousPage"]:
            break
        before = data["pageInfo"]["startCursor"]
    assert backward == whole

    after_last = page(gql, first=5, after=last_page["pageInfo"]["endCursor"], sortBy=sort)
    assert after_last["edges"] == []
    assert after_last["pageInfo"]["hasNextPage"] is False


def test_next_and_previous_pages_meet_at_the_cursor(gql, catalogue):
    sort = {"field": "PRICE"}
    first = page(gql, first=7, sortBy=sort)
    second = page(gql, first=7, after=first["pageInfo"]["endCursor"], sortBy=sort)
    assert second["pageInfo"]["hasPreviousPage"] is True
    back = page(gql, last=7, before=second["pageInfo"]["startCursor"], sortBy=sort)
    assert slugs(back) == slugs(first)
    assert back["pageInfo"]["hasNextPage"] is True


def test_small_lists_are_counted_exactly(gql, catalogue):
    for size in (5, 100):
        data = page(gql, first=size)
        assert (data["totalCount"], data["totalCountIsExact"]) == (23, True)
    later = page(gql, first=5, after=page(gql, first=5)["pageInfo"]["endCursor"])
    assert (later["totalCount"], later["totalCountIsExact"]) == (23, True)


def test_a_cursor_of_another_sort_or_forged_is_refused_with_a_code(gql, catalogue):
    newest = page(gql, first=3)["pageInfo"]["endCursor"]
    forged = base64.b64encode(b"keyset:{not json").decode()
    for after, sort in ((newest, {"field": "PRICE"}), (forged, None), ("%%%", None)):
        result = gql(PAGE, {"first": 3, "after": after, "sortBy": sort})
        assert result["data"] is None
        assert result["errors"][0]["extensions"]["code"] == "invalid_page"
        assert "cursor" in result["errors"][0]["message"]


def test_an_offset_cursor_from_before_keysets_still_pages_once_then_seeks(gql, catalogue):
    whole = slugs(page(gql, first=100))
    old = base64.b64encode(b"arrayconnection:4").decode()
    data = page(gql, first=5, after=old)
    assert slugs(data) == whole[5:10]
    following = page(gql, first=5, after=data["pageInfo"]["endCursor"])
    assert slugs(following) == whole[10:15]
    before = page(gql, last=3, before=old)
    assert slugs(before) == whole[1:4]


def test_first_with_before_is_refused(gql, catalogue):
    cursor = page(gql, first=3)["pageInfo"]["endCursor"]
    result = gql(PAGE, {"first": 3, "before": cursor})
    assert result["errors"][0]["extensions"]["code"] == "invalid_page"
