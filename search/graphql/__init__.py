"""The search API: `search` and `searchSuggestions`.

Importing this package also makes the catalogue's `products(filter: {search})` rank through
the search backend: catalog cannot import search (it sits below it), so search plugs its
ranking in here, when the schema assembly imports every app's API.
"""

from catalog.graphql.queries import use_product_search

from .queries import Query, ranked_products

use_product_search(ranked_products)

__all__ = ["Query"]
