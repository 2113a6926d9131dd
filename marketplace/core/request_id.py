"""The request id: one value that ties nginx's access log, the application's log lines and the
Celery tasks a request enqueued together.

nginx sets `X-Request-ID`; without a proxy (development, tests) the middleware makes one. It
lives in a contextvar for the request's duration, goes back in the response header, travels in
each task message published meanwhile (a message header), and is restored while the worker
runs that task, so tasks the task enqueues carry it further.
"""

import re
import uuid
from contextvars import ContextVar

from celery.signals import before_task_publish, task_postrun, task_prerun
from django.core.signals import request_finished
from django.dispatch import receiver

HEADER = "X-Request-ID"
TASK_HEADER = "request_id"
# nginx's $request_id is 32 hex digits; a longer or odd value from elsewhere is replaced rather
# than written into every log line.
_VALID = re.compile(r"[A-Za-z0-9._-]{1,64}")

_current: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    return _current.get()


def _accept(value: str | None) -> str:
    return value if value and _VALID.fullmatch(value) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _accept(request.headers.get(HEADER))
        request.request_id = request_id
        # Kept until the response is closed: Django logs 4xx and 5xx responses after the
        # middleware returned, and a streamed body is produced later still.
        _current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


@receiver(request_finished, dispatch_uid="core.request_id.finished")
def forget_request_id_after_response(**kwargs):
    _current.set(None)


@before_task_publish.connect(dispatch_uid="core.request_id.publish", weak=False)
def add_request_id_to_message(headers=None, **kwargs):
    request_id = _current.get()
    if request_id and headers is not None and TASK_HEADER not in headers:
        headers[TASK_HEADER] = request_id


@task_prerun.connect(dispatch_uid="core.request_id.prerun", weak=False)
def restore_request_id(task=None, **kwargs):
    request = task.request if task is not None else None
    # A worker puts a message's own headers on the request; `apply(headers=...)` nests them.
    request_id = getattr(request, TASK_HEADER, None) or (
        (getattr(request, "headers", None) or {}).get(TASK_HEADER)
    )
    # A worker runs many tasks in one thread: each starts from its own message's id (or none).
    _current.set(request_id if request_id and _VALID.fullmatch(request_id) else None)


@task_postrun.connect(dispatch_uid="core.request_id.postrun", weak=False)
def forget_request_id(**kwargs):
    _current.set(None)
