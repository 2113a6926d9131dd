"""What a person hears about their data requests. Handlers run after commit through the outbox
and may run twice: each email is keyed by (event, template, recipient)."""

from marketplace.core.events import subscribe
from marketplace.core.mail import email_send_templated

from .events import DeletionRequestExtended
from .models import AccountDeletionRequest

EXTENDED_TEMPLATE = "accounts/email/deletion_request_extended"


@subscribe(DeletionRequestExtended, name="accounts.email_deletion_request_extended")
def email_deletion_request_extended(event: DeletionRequestExtended) -> None:
    request = AccountDeletionRequest.objects.filter(pk=event.request_id).select_related("user")
    request = request.first()
    # Once carried out the account has no address left, and the answer itself was the news.
    if request is None or request.status != AccountDeletionRequest.Status.PENDING:
        return
    email_send_templated(
        to=request.user.email,
        template=EXTENDED_TEMPLATE,
        context={"request": request, "person": request.user},
        idempotency_key=event.idempotency_key(EXTENDED_TEMPLATE, request.user.email),
    )
