from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    """A Colombian municipality (DANE code). The ten of the Valle de Aburrá ship as data."""

    dane_code = models.CharField(_("código DANE"), max_length=5, unique=True)
    name = models.CharField(_("nombre"), max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    department = models.CharField(_("departamento"), max_length=100)
    department_code = models.CharField(max_length=2)
    in_metropolitan_area = models.BooleanField(default=True)
    sample_postal_code = models.CharField(max_length=6, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipio")
        verbose_name_plural = _("municipios")

    def __str__(self):
        return self.name


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Audit events are append-only")

    def delete(self):
        raise TypeError("Audit events are append-only")

    def bulk_create(self, *args, **kwargs):
        raise TypeError("Audit events are chained one by one: use audit_record")


class AuditEvent(models.Model):
    """Append-only record of who did what to which object, and when.

    Rows are never updated or deleted: the ORM refuses, and database triggers refuse too
    (migration 0003), so the trail holds even against raw SQL.
    """

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    # PROTECT: a person with history is anonymised, never deleted, so the trail stays whole.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_repr = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(max_length=255, blank=True)
    data = models.JSONField(default=dict, blank=True)
    # Keyed hash chain (marketplace.core.audit_chain): checked by `manage.py audit_verify`.
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-occurred_at"])]
        permissions = [("view_audit_log", "Can browse and export the audit log")]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_repr or '-'} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("Audit events are append-only")
        from .audit_chain import chain_link

        # Every insert path comes through here (bulk_create is refused), so no event can
        # join the log unchained.
        with transaction.atomic():
            chain_link(self)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit events are append-only")


class WorkStatus(models.TextChoices):
    PENDING = "pending", _("En espera")
    DONE = "done", _("Hecha")
    FAILED = "failed", _("Fallida")


class RetriedWork(models.Model):
    """Bookkeeping of work that is retried until it succeeds or runs out of attempts (see
    marketplace.core.attempts): the row is written with the change that caused it, so the
    work survives a crash between the commit and the run."""

    status = models.CharField(
        max_length=10, choices=WorkStatus.choices, default=WorkStatus.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class OutboxEvent(models.Model):
    """A domain event, written in the transaction of the change it describes."""

    name = models.CharField(max_length=100, db_index=True)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} #{self.pk}"


class OutboxDelivery(RetriedWork):
    """One subscriber's copy of an event: each handler succeeds, retries and fails alone."""

    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="deliveries")
    handler = models.CharField(max_length=255)

    class Meta:
        ordering = ["next_attempt_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "handler"], name="outbox_delivery_once")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        permissions = [
            ("operate_background_work", "Can see and retry deliveries, emails and webhooks")
        ]

    def __str__(self):
        return f"{self.handler} <- {self.event_id}"


class OutgoingEmail(RetriedWork):
    """One email, stored before it is sent: `key` makes a second request for the same email
    (the same event and recipient) a no-op, however many times the task runs."""

    key = models.CharField(max_length=255, unique=True)
    to = models.CharField(max_length=254)
    subject = models.TextField()
    body = models.TextField()
    # The same message as HTML, sent as an alternative to `body` when the template has one.
    html_body = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["next_attempt_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.to}: {self.subject[:60]}"


class InboxMessage(RetriedWork):
    """A provider's webhook call, stored once per (provider, event id) before it is processed.

    Calls whose signature did not verify are kept for operators with `signature_valid=False`
    and no event id: an unverified caller must not be able to reserve a real event's id."""

    provider = models.CharField(max_length=40)
    event_id = models.CharField(max_length=255, blank=True)
    event_type = models.CharField(max_length=100, blank=True)
    body = models.TextField()
    signature_valid = models.BooleanField(default=False)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "event_id"],
                condition=models.Q(signature_valid=True),
                name="inbox_message_once",
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.provider}:{self.event_id or '-'}"


class JobRun(models.Model):
    """The last run of each scheduled job, and a lease so that two schedulers (beat and a
    forgotten `run_jobs`, or two replicas) never run the same job at the same time."""

    name = models.CharField(max_length=100, primary_key=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(null=True)
    result = models.TextField(blank=True)
    runs = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
