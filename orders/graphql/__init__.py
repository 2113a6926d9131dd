"""The orders API: the cart (signed-in shoppers), the checkout by token (anyone), placed
orders (buyers by token or account, vendors their own parts)."""

import graphene

from .checkout_mutations import Mutation as CheckoutMutation
from .mutations import Mutation as CartMutation
from .order_mutations import Mutation as OrderMutation
from .order_queries import Query as OrderQuery
from .queries import Query as CartQuery


class Query(CartQuery, OrderQuery, graphene.ObjectType):
    pass


class Mutation(CartMutation, CheckoutMutation, OrderMutation, graphene.ObjectType):
    pass


__all__ = ["Mutation", "Query"]
