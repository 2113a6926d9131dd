"""Helpers shared by the deployment-file tests: paths, YAML loading and the README's table of
environment variables."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
INFRA = ROOT / "infra"
K8S = INFRA / "k8s"

# Variables that configure the processes around the application rather than Django itself.
NOT_DJANGO_SETTINGS = {"PORT", "PYTHON", "POD_IP"}


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_yaml_documents(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def readme_variables() -> set[str]:
    """Every variable named in the first column of the README's configuration table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names.update(re.findall(r"`([A-Z][A-Z0-9_]+)`", first_cell))
    return names


def settings_variables() -> set[str]:
    """Every environment variable marketplace/settings.py and infra/gunicorn.conf.py read."""
    names = set()
    for path in (ROOT / "marketplace" / "settings.py", INFRA / "gunicorn.conf.py"):
        source = path.read_text(encoding="utf-8")
        names.update(re.findall(r"[Ee]nv(?:\(\))?\.\w+\(\s*\"([A-Z][A-Z0-9_]+)\"", source))
        names.update(re.findall(r"_int\(\"([A-Z][A-Z0-9_]+)\"", source))
        names.update(re.findall(r"os\.environ\.get\(\"([A-Z][A-Z0-9_]+)\"", source))
    return names


SECRET_NAME = re.compile(r"(SECRET|PASSWORD|TOKEN|PRIVATE)", re.I)
