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
