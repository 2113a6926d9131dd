"""infra/Dockerfile and infra/gunicorn.conf.py, read as an operator's tools would read them
(no container engine runs on the build machines)."""

import re
import runpy

import pytest

from .support import INFRA

DOCKERFILE = INFRA / "Dockerfile"


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    lines, current = [], ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        stripped = raw.strip()
        if stripped.startswith("#") or not stripped:
            continue
        current += stripped[:-1] + " " if stripped.endswith("\\") else stripped
        if not stripped.endswith("\\"):
            lines.append(current)
            current = ""
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def _stages() -> dict[str, list[tuple[str, str]]]:
    stages, name = {}, None
    for instruction, args in _instructions():
        if instruction == "FROM":
            name = args.split(" AS ")[-1].strip() if " AS " in args else args
            stages[name] = []
        elif name:
            stages[name].append((instruction, args))
    return stages


def test_the_image_is_built_in_stages_on_slim_bases():
    froms = [args for instruction, args in _instructions() if instruction == "FROM"]
    assert len(froms) >= 3
    python_stages = [args for args in froms if args.startswith("python:")]
    assert python_stages and all("-slim" in args for args in python_stages)
    assert list(_stages())[-1] == "runtime", "the default target is the application image"


def test_messages_are_compiled_and_static_files_collected_at_build_time():
    build = " ".join(args for instruction, args in _stages()["build"] if instruction == "RUN")
    assert "pybabel -q compile -d locale" in build
    assert "manage.py collectstatic --noinput" in build
    assert "DJANGO_ENV=production" in build, "hashed, compressed static files as production serves"
    runtime = _stages()["runtime"]
    assert any(
        instruction == "COPY" and "--from=build" in args and "/app" in args
        for instruction, args in runtime
    )
    proxy = _stages()["proxy"]
    assert any("var/static" in args for instruction, args in proxy if instruction == "COPY")


def test_the_application_runs_as_an_unprivileged_user():
    users = [args for instruction, args in _stages()["runtime"] if instruction == "USER"]
    assert users, "the runtime stage sets USER"
    uid = users[-1].split(":")[0]
    assert uid not in {"0", "root"}
    assert uid.isdigit(), "a numeric uid lets Kubernetes check runAsNonRoot"


def test_the_runtime_serves_with_gunicorn_and_checks_its_health():
    runtime = dict(_stages()["runtime"])
    assert runtime["CMD"] == '["gunicorn", "-c", "infra/gunicorn.conf.py", "marketplace.wsgi"]'
    assert "infra/healthcheck.py" in runtime["HEALTHCHECK"]
    assert (INFRA / "healthcheck.py").exists()


def test_no_secret_is_baked_into_the_runtime_image():
    env = " ".join(args for instruction, args in _stages()["runtime"] if instruction == "ENV")
    assert not re.search(r"SECRET|PASSWORD|ACCESS_KEY", env)
    # The build stage's placeholder key exists only for collectstatic, inside one RUN.
    assert all(
        "SECRET_KEY" not in args for instruction, args in _instructions() if instruction == "ENV"
    )


def test_the_build_context_leaves_out_local_state_and_tests():
    ignored = (INFRA / "Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    for entry in (".git", ".venv", "var", "tests", ".env"):
        assert entry in ignored


@pytest.fixture
def gunicorn_conf(monkeypatch):
    def load(**env):
        for name in ("GUNICORN_WORKERS", "GUNICORN_BIND", "GUNICORN_TIMEOUT"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(INFRA / "gunicorn.conf.py"))

    return load


def test_gunicorn_workers_follow_the_core_count_unless_set(gunicorn_conf, monkeypatch):
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: 4)
    assert gunicorn_conf()["workers"] == 9
    assert gunicorn_conf(GUNICORN_WORKERS="3")["workers"] == 3


def test_gunicorn_preloads_logs_to_stdout_and_times_out(gunicorn_conf):
    conf = gunicorn_conf(GUNICORN_TIMEOUT="20")
    assert conf["preload_app"] is True
    assert conf["accesslog"] == "-" and conf["errorlog"] == "-"
    assert conf["timeout"] == 20
    assert conf["bind"] == "0.0.0.0:8000"
    assert "x-request-id" in conf["access_log_format"]


def test_the_image_gives_gunicorn_a_writable_metrics_directory():
    runtime = _stages()["runtime"]
    env = " ".join(args for instruction, args in runtime if instruction == "ENV")
    assert "PROMETHEUS_MULTIPROC_DIR=/app/var/metrics" in env
    created = " ".join(args for instruction, args in runtime if instruction == "RUN")
    assert re.search(r"mkdir -p [^&]*/app/var/metrics", created)
    assert re.search(r"chown tienda:tienda [^&]*/app/var/metrics", created)


def test_gunicorn_empties_the_metrics_directory_before_workers_start(gunicorn_conf, tmp_path):
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_4242.db").write_bytes(b"stale")
    (metrics_dir / "histogram_4242.db").write_bytes(b"stale")
    (metrics_dir / "keep.txt").write_text("not ours")
    conf = gunicorn_conf(PROMETHEUS_MULTIPROC_DIR=str(metrics_dir))
    conf["on_starting"](None)
    assert sorted(path.name for path in metrics_dir.iterdir()) == ["keep.txt"]


def test_gunicorn_creates_a_missing_metrics_directory(gunicorn_conf, tmp_path):
    conf = gunicorn_conf(PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "absent"))
    conf["on_starting"](None)
    assert (tmp_path / "absent").is_dir()
