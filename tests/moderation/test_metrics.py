from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from catalog.models import ModerationCase
from catalog.moderation_metrics import moderation_metrics
from tests.factories import ProductFactory


def _case(hours, reason="", moderator=None, decided=True):
    now = timezone.now()
    case = ModerationCase.objects.create(product=ProductFactory(status="in_review"))
    submitted = now - timedelta(hours=hours + 1)
    ModerationCase.objects.filter(pk=case.pk).update(
        submitted_at=submitted,
        decided_at=submitted + timedelta(hours=hours) if decided else None,
        decision=("rejected" if reason else "approved") if decided else "",
        reason=reason,
        decided_by=moderator if decided else None,
    )


def test_metrics_give_waiting_items_and_decision_times(coordinator, moderator):
    for hours in (1, 2, 3, 4, 50):
        _case(hours, moderator=moderator)
    _case(10, reason="price_error", moderator=coordinator)
    _case(5, decided=False)
    metrics = moderation_metrics(user=coordinator)
    assert metrics.waiting == 1 and metrics.oldest_waiting_hours >= 6
    decisions = sum(w.decisions for w in metrics.weeks)
    assert decisions == 6
    # Every decision above was taken one hour ago, so they all fall in one week.
    (week,) = metrics.weeks
    assert week.median_hours == 3.5
    assert week.p90_hours == 30.0
    assert week.by_reason == {"approved": 5, "price_error": 1}
    assert week.by_moderator == {moderator.email: 5, coordinator.email: 1}


def test_only_coordinators_see_metrics(moderator, citizen):
    for user in (moderator, citizen):
        with pytest.raises(PermissionDenied):
            moderation_metrics(user=user)


def test_a_vendor_taking_its_listing_back_is_not_a_decision(coordinator, moderator, vendor_owner):
    _case(2, moderator=moderator)
    _case(3, moderator=vendor_owner)
    ModerationCase.objects.filter(decided_by=vendor_owner).update(decision="withdrawn")
    metrics = moderation_metrics(user=coordinator)
    (week,) = metrics.weeks
    assert week.decisions == 1
    assert week.by_moderator == {moderator.email: 1}
