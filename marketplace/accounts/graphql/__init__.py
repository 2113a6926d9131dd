from .mutations import Mutation
from .queries import Query

__all__ = ["Mutation", "Query"]
