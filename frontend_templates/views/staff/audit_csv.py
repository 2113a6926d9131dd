"""The audit log as a CSV file: the rows the page shows, plus the raw codes and data, so the
file stands on its own in a report to the programme."""

import json
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from marketplace.core.csv_export import csv_stream

from .audit_display import AuditRowBuilder

HEADER = [
    "fecha_hora",
    "actor_nombre",
    "actor_correo",
    "accion",
    "accion_codigo",
    "objeto_tipo",
    "objeto_id",
    "objeto",
    "motivo",
    "mensaje",
    "cambios",
    "datos",
]


def _changes(row) -> str:
    return "; ".join(f"{c.label}: {c.before} → {c.after}" for c in row.changes)


def audit_csv_lines(events, *, user, language: str) -> Iterator[str]:
    """`events` is the selector's queryset; it is read in chunks, never loaded whole. The
    language is passed in because the response is written after the view has returned."""
    builder = AuditRowBuilder(user)
    with override(language):
        system = _("Sistema (automático)")
        lines = (
            [
                timezone.localtime(event.occurred_at).isoformat(timespec="seconds"),
                row.actor_name or system,
                row.actor_email,
                row.action_label,
                row.action,
                row.target_type_label,
                row.target_id,
                row.target_repr,
                row.reason,
                row.message,
                _changes(row),
                json.dumps(event.data, ensure_ascii=False, sort_keys=True),
            ]
            for event in events.iterator(chunk_size=500)
            for row in (builder.row(event),)
        )
        yield from csv_stream(HEADER, lines)
