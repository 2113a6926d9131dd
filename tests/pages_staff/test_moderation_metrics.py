"""The moderation metrics page: for coordinators only (the metrics selector demands the
programme-reports permission), with figures that match known decisions."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import ModerationCase
from catalog.moderation_metrics import ModerationMetrics, WeekMetrics
from frontend_templates.views.staff.metrics_report import bar_step, metrics_report
from tests.factories import ProductFactory

METRICS = "/consola/moderacion/metricas/"


def _recently():
    """A moment earlier this week (local Monday 00:00 onwards), even just after midnight."""
    now = timezone.localtime()
    monday = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0)
    return now - min(timedelta(hours=1), (now - monday) / 2)


def _case(hours, *, reason="", moderator=None, decided=True):
    """A case decided earlier this week after waiting `hours`; still open when not `decided`."""
    case = ModerationCase.objects.create(product=ProductFactory(status="in_review"))
    decided_at = _recently()
    submitted_at = decided_at - timedelta(hours=hours)
    ModerationCase.objects.filter(pk=case.pk).update(
        submitted_at=submitted_at,
        decided_at=decided_at if decided else None,
        decision=("rejected" if reason else "approved") if decided else "",
        reason=reason,
        decided_by=moderator if decided else None,
    )


def test_url_is_in_spanish():
    assert reverse("staff:moderation_metrics") == METRICS


def test_anonymous_people_are_sent_to_log_in(client, db):
    response = client.get(METRICS)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={METRICS}"


@pytest.mark.parametrize("who", ["citizen", "vendor_owner", "moderator"])
def test_only_coordinators_open_the_metrics(db, client, request, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get(METRICS)

    assert response.status_code == 403
    assert "Métricas de moderación" not in response.content.decode()


def test_the_figures_match_the_decisions(client, coordinator, moderator):
    for hours in (1, 2, 3, 4, 50):
        _case(hours, moderator=moderator)
    _case(10, reason="price_error", moderator=coordinator)
    _case(5, decided=False)
    client.force_login(coordinator)

    response = client.get(METRICS)

    report = response.context["report"]
    assert report.waiting == 1
    assert report.decisions == 6
    assert len(report.weeks) == 8
    this_week = report.weeks[-1]
    assert this_week.is_current
    assert (this_week.decisions, this_week.median_hours, this_week.p90_hours) == (6, 3.5, 30.0)
    assert all(week.decisions == 0 for week in report.weeks[:-1])
    assert [(r.label, r.total) for r in report.by_reason] == [
        ("Aprobada", 5),
        ("Rechazada: Error en el precio", 1),
    ]
    assert [(r.label, r.total, r.counts[-1]) for r in report.by_moderator] == [
        (moderator.email, 5, 5),
        (coordinator.email, 1, 1),
    ]
    html = response.content.decode()
    assert "3,5" in html and "30,0" in html  # Colombian decimal comma
    assert "Publicaciones esperando decisión" in html
    assert "<caption" in html and 'scope="row"' in html


def test_the_period_is_selectable_and_a_bad_value_falls_back(client, coordinator):
    client.force_login(coordinator)

    assert len(client.get(METRICS, {"weeks": 4}).context["report"].weeks) == 4
    fallback = client.get(METRICS, {"weeks": "999"})
    assert fallback.status_code == 200
    assert len(fallback.context["report"].weeks) == 8
    assert fallback.context["form"]["weeks"].value() == 8


def test_without_decisions_the_page_says_so(client, coordinator):
    client.force_login(coordinator)

    html = client.get(METRICS).content.decode()

    assert "No hubo decisiones en este periodo" in html
    assert "<table" not in html


def _metrics(*weeks):
    return ModerationMetrics(waiting=0, oldest_waiting_hours=None, weeks=list(weeks))


def test_the_report_fills_quiet_weeks_and_drops_the_partial_week_before_the_period():
    today = date(2026, 11, 26)  # a Thursday
    metrics = _metrics(
        # The selector's window (today - 2 weeks) starts on Thursday the 12th, so it reaches
        # into the week of Monday the 9th, which is not one of the two weeks asked for.
        WeekMetrics("2026-11-09", decisions=3, by_reason={"approved": 3}),
        WeekMetrics(
            "2026-11-23",
            decisions=2,
            median_hours=4.0,
            p90_hours=6.0,
            by_reason={"approved": 1, "duplicate": 1},
            by_moderator={"system": 2},
        ),
    )

    report = metrics_report(metrics, weeks=2, today=today)

    assert [w.start for w in report.weeks] == [date(2026, 11, 16), date(2026, 11, 23)]
    assert [w.decisions for w in report.weeks] == [0, 2]
    assert report.weeks[0].median_hours is None
    assert [(r.label, r.counts) for r in report.by_reason] == [
        ("Aprobada", [0, 1]),
        ("Rechazada: Duplicado", [0, 1]),
    ]
    assert report.by_moderator[0].label == "Sistema (automático)"


@pytest.mark.parametrize(
    ("value", "largest", "step"),
    [(0, 10, 0), (10, 10, 100), (5, 10, 50), (1, 1000, 5), (None, 10, 0), (3, 0, 0)],
)
def test_bars_come_in_steps_of_five_percent(value, largest, step):
    assert bar_step(value, largest) == step


def test_the_metrics_page_reads_in_english(client, coordinator, moderator):
    _case(2, moderator=moderator)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.force_login(coordinator)

    html = client.get(METRICS).content.decode()

    assert "<h1>Moderation metrics</h1>" in html
    assert "Decisions by reason" in html
    assert "Approved" in html
