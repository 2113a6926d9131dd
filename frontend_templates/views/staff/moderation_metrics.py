"""Moderation figures for coordinators: the queue now, and how many decisions, how fast and
why, week by week."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from catalog.moderation_metrics import moderation_metrics

from ...forms.moderation_metrics import MetricsPeriodForm
from .access import MODERATE_LISTINGS, VIEW_PROGRAM_REPORTS, staff_view
from .metrics_report import metrics_report


@staff_view(VIEW_PROGRAM_REPORTS)
@require_safe
def moderation_metrics_page(request):
    form, weeks = MetricsPeriodForm.from_query(request.GET)
    metrics = moderation_metrics(user=request.user, weeks=weeks)
    return render(
        request,
        "staff/moderation_metrics.html",
        {
            "form": form,
            "weeks": weeks,
            "report": metrics_report(metrics, weeks=weeks, today=timezone.localdate()),
            "can_moderate": request.user.has_perm(MODERATE_LISTINGS),
        },
    )
