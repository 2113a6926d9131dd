"""Two settings of the CPython runtime for a server process, both measured with the
100,000-listing bench (bench/) on a two-core machine, through gunicorn.

The frame stack. CPython 3.11 keeps Python frames in 16 KB chunks and frees a chunk as soon as
the stack returns below it (python/cpython#142183, fixed in 3.13 and later releases only). A
request whose calls keep crossing a chunk's edge maps and unmaps memory on every crossing: the
GraphQL product list did so about 1,200 times a request inside a gunicorn worker, whose own
frames put the executor's recursion right at an edge, and spent 9 ms of its 40 ms of CPU in the
kernel. Each request therefore starts in a frame big enough to be given a chunk of its own with
room for the whole request after it (`with_roomy_stack`): one mapping per request, and 30 page
faults instead of 1,260 (worker CPU 40 -> 27 ms for 100 products).

The cyclic garbage collector. A worker holds about 165,000 objects once Django, every view, the
GraphQL schema and the translations are loaded, and a full collection walks all of them: 80 ms,
once every 30 or so product-list requests, which was the API's p95-p99. They live as long as the
process, so they are frozen out of every collection (`settle_heap`). A request's own objects are
freed by reference counting, except Django's request cycles (the request with its user,
messages and session), which a young collection frees; at Python's default of one young
collection every 700 container allocations, one 100-product request ran five of them and pushed
its objects into older generations before they died.
"""

import gc
import types
from collections.abc import Callable, Iterable

# Words of stack reserved by the request's first frame: a chunk is sized to the next power of
# two that holds the frame plus 1,000 words, so 70,000 words (560 KB) get a 1 MB chunk and leave
# about 450 KB for the request's own frames, several times the deepest seen (the recursion
# limit stops Python code long before).
_ENTRY_STACK_WORDS = 70_000

# New container objects between young collections. One 100-product page allocates about 5,000.
YOUNG_GENERATION_THRESHOLD = 10_000
OLDER_GENERATIONS_THRESHOLD = (20, 20)


def _call(app, environ, start_response):
    return app(environ, start_response)


# The same function with a larger declared evaluation stack. The interpreter only reserves the
# space (nothing is initialised), so a call costs what any call costs, plus one new chunk.
_call_in_own_chunk = types.FunctionType(
    _call.__code__.replace(co_stacksize=_ENTRY_STACK_WORDS), {}, "_call_in_own_chunk"
)


class with_roomy_stack:  # noqa: N801 - used like a function: application = with_roomy_stack(app)
    """A WSGI application that runs `app` at the start of a fresh 1 MB frame-stack chunk."""

    def __init__(self, app: Callable):
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        return _call_in_own_chunk(self.app, environ, start_response)


def settle_heap() -> None:
    """Freeze everything alive out of every collection, and collect the young generation less
    often. Called once per process by the WSGI entry point once it has loaded what the first
    request would (in gunicorn's master when the application is preloaded, and the workers
    inherit the frozen objects)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, *OLDER_GENERATIONS_THRESHOLD)
