"""`make demo` and `make help` as a person runs them: the port they choose reaches the emails'
links and the help text. The recipes run against a stand-in virtualenv whose `python` records
its arguments and environment, so nothing is installed or served."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STAND_IN = """#!/bin/sh
echo "$* SITE_URL=$SITE_URL PORT=$PORT" >> "$(dirname "$0")/calls.log"
"""

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _make(*args, env=None, venv: Path | None = None) -> str:
    command = ["make", "--no-print-directory", "-C", str(ROOT), *args]
    if venv is not None:
        command.append(f"VENV={venv}")
    environment = {k: v for k, v in os.environ.items() if k not in {"PORT", "SITE_URL"}}
    result = subprocess.run(  # noqa: S603 - fixed arguments
        command, env={**environment, **(env or {})}, capture_output=True, text=True, check=True
    )
    return result.stdout


def _stand_in_venv(tmp_path: Path) -> Path:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for name in ("python", "pybabel"):
        script = venv / "bin" / name
        script.write_text(STAND_IN)
        script.chmod(0o755)
    (venv / ".installed").touch()
    # Newer than pyproject.toml, so make does not try to install anything.
    os.utime(venv / ".installed", (2**31 - 1, 2**31 - 1))
    return venv


def test_make_help_prints_the_port_expanded():
    assert "serve on 127.0.0.1:8000" in _make("help")
    out = _make("help", env={"PORT": "8731"})
    assert "serve on 127.0.0.1:8731" in out and "$(PORT)" not in out


def test_demo_emails_link_to_the_port_it_serves_on(tmp_path):
    venv = _stand_in_venv(tmp_path)
    _make("demo", env={"PORT": "8731"}, venv=venv)
    calls = (venv / "bin" / "calls.log").read_text().splitlines()
    seed = next(line for line in calls if line.startswith("manage.py seed_demo"))
    serve = next(line for line in calls if line.startswith("manage.py runserver"))
    assert "SITE_URL=http://127.0.0.1:8731 PORT=8731" in seed
    # Photos of a demo seeded before the rendition widths grew get the missing widths.
    assert any(line.startswith("manage.py product_renditions_fill") for line in calls)
    assert serve.startswith("manage.py runserver 127.0.0.1:8731 SITE_URL=http://127.0.0.1:8731")


def test_demo_keeps_a_site_url_set_by_hand(tmp_path):
    venv = _stand_in_venv(tmp_path)
    _make("demo", env={"PORT": "8731", "SITE_URL": "https://tienda.example.org"}, venv=venv)
    calls = (venv / "bin" / "calls.log").read_text()
    assert "SITE_URL=https://tienda.example.org PORT=8731" in calls
