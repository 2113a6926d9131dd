"""Where the time of a scenario goes: pyinstrument over a few in-process requests against the
bench database, written as text under bench/results/profiles/ (`python -m bench profile`)."""

from pathlib import Path

from . import signed_in
from .environment import ROOT, server_env
from .report import RESULTS
from .runner import _django, in_process, samples
from .scenarios import scenarios


def profile(*, database_url: str, redis_url: str, only: list[str], repeat: int, label: str):
    from pyinstrument import Profiler

    _django(
        server_env(database_url=database_url, redis_url=redis_url, var_dir=ROOT / "var" / "bench")
    )
    folder = RESULTS / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    cookies = None
    for scenario in scenarios(samples()):
        if only and not any(part in scenario.name for part in only):
            continue
        if scenario.driver != "wrk":
            continue  # the checkout is a sequence of requests, not one to repeat
        if scenario.signed_in:
            # The same session cookie a load run sends (bench.signed_in).
            cookies = cookies or signed_in.session_cookies()
            scenario = signed_in.with_session(scenario, cookies)
        in_process(scenario, repeat=1)  # warms caches and connections
        profiler = Profiler(interval=0.001)
        profiler.start()
        measured = in_process(scenario, repeat=repeat)
        profiler.stop()
        slug = "".join(ch if ch.isalnum() else "-" for ch in scenario.name.lower()).strip("-")
        path = Path(folder) / f"{label}-{slug}.txt"
        header = (
            f"{scenario.name}: {scenario.method} {scenario.path}\n"
            f"{repeat} requests in process, median {measured['in_process_ms']:.1f} ms, "
            f"{measured['queries']} SQL queries\n\n"
        )
        path.write_text(header + profiler.output_text(unicode=True, color=False, show_all=False))
        written.append(path)
    return written
