"""Benchmark harness: a deterministic synthetic catalogue at any size (`python -m bench seed`)
and a load run against the real server (`python -m bench run`). See bench/README.md."""
