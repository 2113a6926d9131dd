"""The moderation metrics laid out for the page: one row per week of the period, weeks without
decisions included (a quiet week is a result too), and the breakdowns by reason and by
moderator as week-by-week tables."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from babel.dates import format_date
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

from catalog.models import ModerationCase
from catalog.moderation_metrics import ModerationMetrics


def bar_step(value: int | float | None, largest: int | float | None) -> int:
    """Bar length in steps of 5 %: the stylesheet has one rule per step, since the site's
    Content-Security-Policy refuses inline styles. A non-zero value always shows a sliver."""
    if not value or not largest:
        return 0
    return max(5, round(value / largest * 20) * 5)


@dataclass
class WeekRow:
    start: date
    short_label: str  # the Monday, "17 nov"
    end_label: str  # the Sunday, "23 nov"
    is_current: bool
    decisions: int = 0
    median_hours: float | None = None
    p90_hours: float | None = None
    bar: int = 0


@dataclass
class BreakdownRow:
    label: str
    counts: list[int]
    total: int = 0
    bar: int = 0


@dataclass
class MetricsReport:
    waiting: int
    oldest_waiting_hours: float | None
    weeks: list[WeekRow]
    by_reason: list[BreakdownRow] = field(default_factory=list)
    by_moderator: list[BreakdownRow] = field(default_factory=list)

    @property
    def decisions(self) -> int:
        return sum(week.decisions for week in self.weeks)


def _day(day: date) -> str:
    return format_date(day, "d MMM", locale=to_locale(get_language() or "es-co"))


def _reason_label(key: str) -> str:
    if key == "approved":
        return _("Aprobada")
    reason = dict(ModerationCase.Reason.choices).get(key, key)
    return _("Rechazada: %(reason)s") % {"reason": reason}


def _breakdown(per_week: list[dict[str, int]], label) -> list[BreakdownRow]:
    keys = sorted({key for counts in per_week for key in counts})
    rows = [
        BreakdownRow(label=label(key), counts=[counts.get(key, 0) for counts in per_week])
        for key in keys
    ]
    for row in rows:
        row.total = sum(row.counts)
    largest = max((row.total for row in rows), default=0)
    for row in rows:
        row.bar = bar_step(row.total, largest)
    return sorted(rows, key=lambda row: (-row.total, row.label))


def metrics_report(metrics: ModerationMetrics, *, weeks: int, today: date) -> MetricsReport:
    """`metrics` covers the last `weeks` * 7 days, which reach into the week before the
    period's first Monday; that partial week is left out so every row is a whole week."""
    current = today - timedelta(days=today.weekday())
    mondays = [current - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    found = {week.week_start: week for week in metrics.weeks}
    rows, reasons, moderators = [], [], []
    for monday in mondays:
        week = found.get(monday.isoformat())
        row = WeekRow(
            start=monday,
            short_label=_day(monday),
            end_label=_day(monday + timedelta(days=6)),
            is_current=monday == current,
        )
        if week is not None:
            row.decisions = week.decisions
            row.median_hours, row.p90_hours = week.median_hours, week.p90_hours
        rows.append(row)
        reasons.append(week.by_reason if week else {})
        moderators.append(week.by_moderator if week else {})
    largest = max((row.decisions for row in rows), default=0)
    for row in rows:
        row.bar = bar_step(row.decisions, largest)
    return MetricsReport(
        waiting=metrics.waiting,
        oldest_waiting_hours=metrics.oldest_waiting_hours,
        weeks=rows,
        by_reason=_breakdown(reasons, _reason_label),
        by_moderator=_breakdown(
            moderators, lambda key: _("Sistema (automático)") if key == "system" else key
        ),
    )
