"""`python -m bench growth`: the ratio of each scenario's in-process cost between two sizes."""

from bench.growth import compare, growth_markdown


def _run(listings, rows):
    meta = {"listings": listings, "date": "d", "commit": "c", "command": "python -m bench run"}
    results = [
        {"scenario": name, "in_process_ms": wall, "in_process_cpu_ms": cpu, "queries": 3}
        for name, wall, cpu in rows
    ]
    return {"meta": meta, "results": results}


def test_ratios_flag_reads_whose_wall_time_grows_over_the_limit():
    small = _run(
        10_000, [("home", 10, 8), ("catalogue", 10, 8), ("add to cart, new visitor", 5, 4)]
    )
    large = _run(
        1_000_000, [("home", 30, 9), ("catalogue", 25, 24), ("add to cart, new visitor", 50, 40)]
    )
    rows = {row["scenario"]: row for row in compare(small, large)["results"]}

    assert rows["home"]["wall_ratio"] == 3 and rows["home"]["over_limit"]
    assert rows["catalogue"]["over_limit"]
    assert not rows["add to cart, new visitor"]["read"]
    assert not rows["add to cart, new visitor"]["over_limit"]
    table = growth_markdown(compare(small, large))
    assert "| catalogue | 10.0 (8.0) | 3 |" in table
    assert "**2.50**" in table and "(write)" in table
