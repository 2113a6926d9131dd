"""Writes of the payments layer: starting payments, following providers, refunds."""

from .ledger import (
    payment_apply_event,
    payment_apply_state,
    payment_refresh,
    payment_simulate,
    payment_start,
)
from .refunds import refund_create, refund_execute, refund_mark_done, refund_request

__all__ = [
    "payment_apply_event",
    "payment_apply_state",
    "payment_refresh",
    "payment_simulate",
    "payment_start",
    "refund_create",
    "refund_execute",
    "refund_mark_done",
    "refund_request",
]
