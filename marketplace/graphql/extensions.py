"""Fields a higher app adds to a lower app's type (e.g. vendors adds `User.vendorMemberships`).

A lower app must not import a higher one, so such fields cannot be declared on the type itself.
graphene reads an ObjectType's fields only when the schema is built, and the schema assembly
imports every app's `graphql` package first, so a field added at import time takes part like a
declared one.
"""

import graphene


def extend_type(target: type[graphene.ObjectType], **fields: graphene.Field) -> None:
    """Add `fields` to `target`; refuses to replace a field the owning app declared."""
    for name, field in fields.items():
        current = target._meta.fields.get(name)
        if current is not None and current is not field:
            raise TypeError(f"{target.__name__}.{name} is already defined")
        target._meta.fields[name] = field
