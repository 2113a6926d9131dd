"""The unread-notices count of the dashboard's nav, which every dashboard page includes: kept
in the nav so the views need not each pass it, at one counting query per page."""

from django import template

from vendors.selectors import vendor_notifications_unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notice_count(context) -> int:
    if "unread_notices" in context:  # the notices page already counted them
        return context["unread_notices"]
    request = context.get("request")
    if request is None:
        return 0
    return vendor_notifications_unread_count(user=request.user, vendor=context.get("vendor"))
