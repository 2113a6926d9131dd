"""What operators see of background work, and the one thing they do to it: retry.

Reads (lists of waiting and failed work) and the retry service live together because they serve
one staff page; both check `core.operate_background_work`. The anonymous backlog numbers that
`/readyz` and the metrics report are in `backlog`.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .attempts import reopen
from .audit import audit_record
from .background import send_now
from .backlog import Backlog, email_backlog, outbox_backlog  # noqa: F401 - part of this API
from .error_codes import OperationsErrorCode
from .errors import field_error
from .models import InboxMessage, JobRun, OutboxDelivery, OutgoingEmail, WorkStatus
from .permissions import require_perm

OPERATE = "core.operate_background_work"
LIST_LIMIT = 50


def _attention(queryset, now):
    """Failed rows, and pending rows that already failed once or waited past the sweep grace."""
    stale = now - timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)
    return queryset.filter(
        Q(status=WorkStatus.FAILED)
        | Q(status=WorkStatus.PENDING) & (Q(attempts__gt=0) | Q(next_attempt_at__lte=stale))
    ).order_by("status", "next_attempt_at", "pk")


@dataclass(frozen=True)
class Operations:
    deliveries: list[OutboxDelivery]
    emails: list[OutgoingEmail]
    webhooks: list[InboxMessage]
    jobs: list[JobRun]
    backlog: Backlog


def operations_overview(*, user) -> Operations:
    require_perm(user, OPERATE)
    now = timezone.now()
    deliveries = _attention(OutboxDelivery.objects.select_related("event"), now)
    emails = _attention(OutgoingEmail.objects.all(), now).defer("body", "html_body")
    webhooks = _attention(InboxMessage.objects.all(), now).defer("body")
    return Operations(
        deliveries=list(deliveries[:LIST_LIMIT]),
        emails=list(emails[:LIST_LIMIT]),
        webhooks=list(webhooks[:LIST_LIMIT]),
        jobs=list(JobRun.objects.all()),
        backlog=outbox_backlog(),
    )


def _kinds():
    from . import tasks

    return {
        "delivery": (OutboxDelivery, tasks.deliver_event),
        "email": (OutgoingEmail, tasks.send_email),
        "webhook": (InboxMessage, tasks.process_webhook),
    }


KINDS = ("delivery", "email", "webhook")


@transaction.atomic
def background_work_retry(*, user, kind: str, pk: int):
    """Put one failed or waiting row back in line and dispatch it after commit."""
    require_perm(user, OPERATE)
    model, task_ = _kinds()[kind]
    row = model.objects.select_for_update().filter(pk=pk).first()
    if row is None or row.status == WorkStatus.DONE:
        raise field_error(
            "id", _("Ese trabajo ya terminó o no existe."), OperationsErrorCode.NOT_RETRYABLE
        )
    if kind == "webhook" and not row.signature_valid:
        raise field_error(
            "id",
            _("Una notificación con firma inválida no se procesa nunca."),
            OperationsErrorCode.NOT_RETRYABLE,
        )
    reopen(row)
    audit_record(actor=user, action=f"operations.{kind}_retried", target=row)
    transaction.on_commit(lambda: send_now(task_, row.pk))
    return row
