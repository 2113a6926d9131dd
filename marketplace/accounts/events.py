"""Events the accounts app publishes (marketplace.core.events.publish, delivered after commit)."""

from dataclasses import dataclass

from marketplace.core.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class DeletionRequestExtended(DomainEvent):
    """Staff extended the term of a deletion request: the person must hear why, and until when."""

    name = "accounts.deletion_request_extended"
    request_id: int
