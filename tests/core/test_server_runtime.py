"""The WSGI entry point's runtime settings (marketplace.core.server_runtime) do what they are
for. Each check runs in a fresh interpreter: the frame stack and the collector are the
process's own."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Page faults of 200 calls made at each stack depth up to 600, the worst depth kept: a call
# that crosses into a new chunk maps fresh memory and faults on it, every time. The called
# function's frame is bigger than a recursion step's, so some depth leaves too little room for
# it at every chunk's edge, whatever the interpreter's frame layout.
CHUNK_PROBE = textwrap.dedent(
    """
    import json, resource
    from marketplace.core.server_runtime import with_roomy_stack

    def leaf():
        a = b = c = d = e = f = g = h = i = j = k = l = m = n = o = p = q = r = s = t = 1
        return a + b + c + d + e + f + g + h + i + j + k + l + m + n + o + p + q + r + s + t

    def at_depth(depth):
        if depth:
            return at_depth(depth - 1)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        for _ in range(200):
            leaf()
        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

    def worst(environ=None, start_response=None):
        return max(at_depth(depth) for depth in range(600))

    print(json.dumps({"plain": worst(), "roomy": with_roomy_stack(worst)({}, None)}))
    """
)


def _run(code: str) -> dict:
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_request_never_maps_stack_memory_call_after_call():
    faults = _run(CHUNK_PROBE)
    assert faults["roomy"] < 20, faults
    if sys.version_info[:2] == (3, 11):
        # The interpreter behaviour the wrapper is for (python/cpython#142183) shows here.
        assert faults["plain"] >= 200, faults


def test_the_wsgi_entry_freezes_the_loaded_application_out_of_collections():
    state = _run(
        "import gc, json, sys\n"
        "import marketplace.wsgi\n"
        "from marketplace.core import server_runtime\n"
        "print(json.dumps({'frozen': gc.get_freeze_count(), 'threshold': gc.get_threshold(),\n"
        "    'schema': 'marketplace.graphql.schema' in sys.modules,\n"
        "    'young': server_runtime.YOUNG_GENERATION_THRESHOLD}))"
    )
    # Django, every view and the GraphQL schema: well over 50,000 objects.
    assert state["frozen"] > 50_000, state
    assert state["schema"], state
    assert state["threshold"][0] == state["young"], state
