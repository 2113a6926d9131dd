"""The GraphQL multipart request spec (file uploads): `operations` holds the JSON body, `map`
says which uploaded file goes to which variable."""

import json

from django.http import HttpResponseBadRequest
from graphene_django.views import HttpError

MULTIPART_MESSAGE = (
    "A multipart request needs an `operations` field (the JSON body) and a `map` field (which "
    "file goes to which variable), as in the GraphQL multipart request spec."
)


def _bad_multipart() -> HttpError:
    return HttpError(HttpResponseBadRequest(MULTIPART_MESSAGE))


def _put_file(operations: dict, path: str, upload) -> None:
    *parents, last = path.split(".")
    if not parents or parents[0] != "variables":  # files only ever go into variables
        raise _bad_multipart()
    node = operations
    try:
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = upload
        elif isinstance(node, dict):
            node[last] = upload
        else:
            raise _bad_multipart()
    except (KeyError, IndexError, ValueError, TypeError):
        raise _bad_multipart() from None


def multipart_operations(request, *, batch_message: str) -> dict:
    try:
        operations = json.loads(request.POST["operations"])
        file_map = json.loads(request.POST["map"])
    except (KeyError, ValueError, RecursionError):
        raise _bad_multipart() from None
    if isinstance(operations, list):
        raise HttpError(HttpResponseBadRequest(batch_message))
    if not isinstance(operations, dict) or not isinstance(file_map, dict):
        raise _bad_multipart()
    for key, paths in file_map.items():
        upload = request.FILES.get(key)
        if upload is None or not isinstance(paths, list):
            raise _bad_multipart()
        for path in paths:
            _put_file(operations, str(path), upload)
    return operations
