"""The `/graphql/` endpoint: graphene-django's view with the API's rules for requests.

Nothing here reads `request.user` (which may cost a query) before the document has passed
validation, so a request refused for its shape never reaches the database.
"""

import json
import logging
import re

from csp.decorators import csp_exempt
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from graphene_django.constants import MUTATION_ERRORS_FLAG
from graphene_django.settings import graphene_settings
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    ExecutionResult,
    GraphQLError,
    OperationType,
    execute,
    get_operation_ast,
    validate_schema,
)

from marketplace.core.errors import CoreErrorCode

from . import response_cache
from .budget import TimeBudget, TimeBudgetExceeded, body_too_large, charge, precheck
from .errors import Error, errors_from_permission_denied, errors_from_validation_error
from .execution import SyncExecutionContext
from .multipart import multipart_operations

logger = logging.getLogger(__name__)

BATCH_MESSAGE = "Batched requests are not supported: send one operation per request."
INVALID_JSON_MESSAGE = "POST body sent invalid JSON."
NOT_A_QUERY_MESSAGE = "The request body must be a JSON object with a `query`."
CSRF_MESSAGE = (
    "CSRF verification failed. Requests authenticated by the session cookie must send the "
    "X-CSRFToken header; API clients should use `Authorization: Bearer <token>`."
)
_SUGGESTION = re.compile(r"\s*Did you mean .*\?\s*$", re.DOTALL)


def _refusal(exc) -> Error | None:
    if isinstance(exc, ValidationError):
        errors = errors_from_validation_error(exc)
    elif isinstance(exc, PermissionDenied):
        errors = errors_from_permission_denied(exc)
    else:
        return None
    return errors[0] if errors else None


def _csrf_rejection(request) -> JsonResponse | None:
    """The view is CSRF-exempt so Bearer clients need no cookie, but a browser sends the session
    cookie on cross-site requests too. So any request without a Bearer token that carries a
    session cookie must pass Django's CSRF check. Looking at the cookie rather than at
    `request.user` decides this without a database query."""
    if getattr(request, "bearer_token", None):
        return None
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    check = CsrfViewMiddleware(lambda _request: None)
    if check.process_view(request, _csrf_protected_view, (), {}) is None:
        return None
    return JsonResponse(
        {"errors": [{"message": CSRF_MESSAGE, "extensions": {"code": "csrf_failed"}}]}, status=403
    )


def _csrf_protected_view(request):  # stands in for this view, minus its csrf_exempt mark
    raise NotImplementedError


class _CachedAnswer(Exception):  # noqa: N818 (not an error: carries a cached body out)
    def __init__(self, body: str):
        self.body = body


class APIView(GraphQLView):
    def dispatch(self, request, *args, **kwargs):
        # Read per request, not at import, so the setting can change (and be tested).
        self.graphiql = settings.DEBUG
        if body_too_large(request):
            return JsonResponse(
                {
                    "errors": [
                        {
                            "message": _(
                                "La solicitud es demasiado grande (máximo %(limit)d bytes)."
                            )
                            % {"limit": settings.GRAPHQL_MAX_BODY_BYTES},
                            "extensions": {"code": "request_too_large"},
                        }
                    ]
                },
                status=413,
            )
        rejection = _csrf_rejection(request)
        if rejection is not None:
            return rejection
        self.cache_key = self.cache_status = None
        self.cache_result = None
        response = super().dispatch(request, *args, **kwargs)
        if self.cache_status:
            response["X-Cache"] = self.cache_status
        retry_after = getattr(request, "rate_limit_retry_after", None)
        if retry_after is not None:
            response["Retry-After"] = str(retry_after)
            if response.status_code == 400:  # refused as a whole, not one mutation's errors
                response.status_code = 429
        # tokenCreate reports a lockout in `errors`; left set, axes' middleware would swap this
        # JSON response for the lockout page meant for the login form.
        if getattr(request, "axes_locked_out", False):
            request.axes_locked_out = False
        return response

    def render_graphiql(self, request, **data):
        # GraphiQL loads its scripts from a CDN and runs inline code; it is only served in debug.
        return csp_exempt()(super().render_graphiql)(request, **data)

    def parse_body(self, request):
        if self.get_content_type(request) == "multipart/form-data":
            return multipart_operations(request, batch_message=BATCH_MESSAGE)
        if self.get_content_type(request) != "application/json":
            return super().parse_body(request)
        try:
            data = json.loads(request.body.decode("utf-8"))
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            raise HttpError(HttpResponseBadRequest(INVALID_JSON_MESSAGE)) from None
        if isinstance(data, list):
            raise HttpError(HttpResponseBadRequest(BATCH_MESSAGE))
        if not isinstance(data, dict):
            raise HttpError(HttpResponseBadRequest(NOT_A_QUERY_MESSAGE))
        return data

    def get_response(self, request, data, show_graphiql=False):
        try:
            body, status = super().get_response(request, data, show_graphiql)
        except _CachedAnswer as hit:
            self.cache_status = "HIT"
            return hit.body, 200
        result = self.cache_result
        if self.cache_key and status == 200 and body and result and not result.errors:
            response_cache.store(self.cache_key, getattr(request, "graphql_cost", 1), body)
            self.cache_status = "MISS"
        return body, status

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        if not query:
            # graphene-django answers it: GraphiQL's page, or "Must provide query string."
            return super().execute_graphql_request(
                request, data, query, variables, operation_name, show_graphiql
            )
        key = None
        if not show_graphiql:
            key = response_cache.key_for(request, query, operation_name, variables)
        cached = response_cache.lookup(key) if key else None
        if cached is not None:
            cost, body = cached
            errors = charge(request, cost)
            if errors:
                return ExecutionResult(data=None, errors=errors)
            raise _CachedAnswer(body)
        prepared, errors = precheck(request, self.schema.graphql_schema, query, variables)
        if errors:
            return ExecutionResult(data=None, errors=errors)
        if key and response_cache.public_query(prepared.document, operation_name):
            self.cache_key = key
        seconds = (
            settings.GRAPHQL_TIME_BUDGET_SECONDS
            if request.user.is_authenticated
            else settings.GRAPHQL_TIME_BUDGET_SECONDS_ANONYMOUS
        )
        request.graphql_deadline = TimeBudget(seconds).deadline
        try:
            self.cache_result = self._execute(
                request, prepared, variables, operation_name, show_graphiql
            )
            return self.cache_result
        except TimeBudgetExceeded:
            logger.warning("GraphQL request stopped after its %ss time budget", seconds)
            return ExecutionResult(data=None, errors=[TimeBudget.error()])

    def _execute(self, request, prepared, variables, operation_name, show_graphiql):
        """graphene-django's execution, on the document precheck parsed (validated once per
        text, see marketplace.graphql.documents) and with the synchronous executor."""
        schema = self.schema.graphql_schema
        schema_errors = validate_schema(schema)  # memoised on the schema by graphql-core
        if schema_errors:
            return ExecutionResult(data=None, errors=schema_errors)
        operation = get_operation_ast(prepared.document, operation_name)
        kind = operation.operation if operation is not None else None
        if request.method.lower() == "get" and kind not in (None, OperationType.QUERY):
            if show_graphiql:
                return None
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"], f"Can only perform a {kind.value} operation from a POST request."
                )
            )
        errors = prepared.validation_errors(schema)
        if errors:
            return ExecutionResult(data=None, errors=errors)
        options = {
            "root_value": self.get_root_value(request),
            "context_value": self.get_context(request),
            "variable_values": variables,
            "operation_name": operation_name,
            "middleware": self.get_middleware(request),
            "execution_context_class": SyncExecutionContext,
        }
        try:
            if kind == OperationType.MUTATION and graphene_settings.ATOMIC_MUTATIONS:
                with transaction.atomic():
                    result = execute(schema, prepared.document, **options)
                    if getattr(request, MUTATION_ERRORS_FLAG, False) is True:
                        transaction.set_rollback(True)
                return result
            return execute(schema, prepared.document, **options)
        except Exception as error:  # graphene-django's contract: the error goes in `errors`
            return ExecutionResult(errors=[error])

    def format_error(self, error):
        formatted = GraphQLView.format_error(error)
        if isinstance(error, GraphQLError):
            # Clients branch on a code for every error, not only on our own limits.
            extensions = {"code": str(CoreErrorCode.GRAPHQL_ERROR), **(error.extensions or {})}
            formatted["extensions"] = extensions
        original = getattr(error, "original_error", None)
        refusal = _refusal(original)
        if refusal is not None:
            # A query has no `errors` field: a service's refusal that a resolver lets through is
            # still the service's own message and code, not a failure of the server.
            formatted["message"] = refusal.message
            formatted["extensions"] = {"code": refusal.code, "field": refusal.field}
        elif original is not None and not isinstance(original, GraphQLError):
            logger.warning(
                "GraphQL resolver failed at %s", formatted.get("path"), exc_info=original
            )
            # An unexpected exception's text is Python's or the database's (column names, SQL,
            # file paths): the client gets a generic message and the log keeps the details.
            formatted["message"] = _("No pudimos responder este campo. Intenta de nuevo.")
            formatted["extensions"] = {"code": str(CoreErrorCode.INTERNAL_ERROR)}
        if settings.PRODUCTION and isinstance(formatted.get("message"), str):
            # Suggestions ("Did you mean 'email'?") would let anyone map the schema even with
            # introspection off.
            formatted["message"] = _SUGGESTION.sub("", formatted["message"])
        return formatted


graphql_view = csrf_exempt(APIView.as_view())
