"""Figures coordinators report to the programme: the queue, how fast decisions come, and why."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from statistics import median, quantiles

from django.utils import timezone

from marketplace.core.permissions import require_perm

from .models import ModerationCase


@dataclass
class WeekMetrics:
    week_start: str  # ISO date of the Monday
    decisions: int = 0
    median_hours: float | None = None
    p90_hours: float | None = None
    by_reason: dict[str, int] = field(default_factory=dict)
    by_moderator: dict[str, int] = field(default_factory=dict)


@dataclass
class ModerationMetrics:
    waiting: int
    oldest_waiting_hours: float | None
    weeks: list[WeekMetrics]


def _p90(values: list[float]) -> float:
    return values[0] if len(values) == 1 else quantiles(values, n=10, method="inclusive")[-1]


def moderation_metrics(*, user, weeks: int = 8) -> ModerationMetrics:
    require_perm(user, "accounts.view_program_reports")
    now = timezone.now()
    open_cases = list(
        ModerationCase.objects.filter(decided_at__isnull=True).values_list(
            "submitted_at", flat=True
        )
    )
    since = now - timedelta(weeks=weeks)
    # Moderators' decisions on submissions and on changes to live listings; a vendor taking its
    # own listing back is not a decision, and a takedown has no waiting time.
    decided = (
        ModerationCase.objects.filter(
            decided_at__gte=since,
            kind__in=[ModerationCase.Kind.SUBMISSION, ModerationCase.Kind.REVISION],
        )
        .exclude(decision=ModerationCase.Decision.WITHDRAWN)
        .values_list("submitted_at", "decided_at", "reason", "decided_by__email")
    )
    grouped: dict[str, list] = defaultdict(list)
    for submitted_at, decided_at, reason, moderator in decided:
        local = timezone.localtime(decided_at).date()
        monday = (local - timedelta(days=local.weekday())).isoformat()
        grouped[monday].append(
            ((decided_at - submitted_at).total_seconds() / 3600, reason, moderator)
        )
    result = []
    for monday in sorted(grouped):
        rows = grouped[monday]
        hours = sorted(h for h, _r, _m in rows)
        result.append(
            WeekMetrics(
                week_start=monday,
                decisions=len(rows),
                median_hours=round(median(hours), 1),
                p90_hours=round(_p90(hours), 1),
                by_reason=dict(Counter(r or "approved" for _h, r, _m in rows)),
                by_moderator=dict(Counter(m or "system" for _h, _r, m in rows)),
            )
        )
    oldest = min(open_cases) if open_cases else None
    return ModerationMetrics(
        waiting=len(open_cases),
        oldest_waiting_hours=round((now - oldest).total_seconds() / 3600, 1) if oldest else None,
        weeks=result,
    )
