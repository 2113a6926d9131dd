"""infra/compose.yaml: the one-host production-like stack. Parsed with PyYAML; also checked by
`docker compose config` where a Compose binary is installed (no engine is needed for that)."""

import re
import shutil
import subprocess

import pytest

from .support import INFRA, SECRET_NAME, load_yaml, readme_variables

COMPOSE = load_yaml(INFRA / "compose.yaml")
SERVICES = COMPOSE["services"]
APP_ROLES = ("migrate", "web", "worker", "beat")


def test_the_stack_has_every_trusted_component():
    images = {name: service.get("image", "") for name, service in SERVICES.items()}
    assert images["postgres"].startswith("postgres:")
    assert images["redis"].startswith("redis:")
    assert "elasticsearch" in images["elasticsearch"]
    assert images["minio"].startswith("minio/minio")
    for role in (*APP_ROLES, "nginx"):
        assert role in SERVICES


def test_every_python_role_runs_the_same_image_with_the_same_settings():
    images = {SERVICES[role]["image"] for role in APP_ROLES}
    assert len(images) == 1
    base = SERVICES["migrate"]["environment"]
    for role in APP_ROLES:
        env = SERVICES[role]["environment"]
        assert {k: v for k, v in env.items() if k in base} == base
        assert env["DJANGO_ENV"] == "production"
    assert SERVICES["web"]["build"]["target"] == "runtime"
    assert SERVICES["nginx"]["build"]["target"] == "proxy"


def test_roles_start_in_order_and_report_their_health():
    for role in ("web", "worker", "beat"):
        condition = SERVICES[role]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully"
    for name in ("postgres", "redis", "elasticsearch", "minio", "web", "worker"):
        assert SERVICES[name]["healthcheck"]["test"], name
    assert SERVICES["nginx"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert "migrate" in SERVICES["migrate"]["command"][-1]


def test_beat_is_a_single_replica_and_web_scales_out():
    assert SERVICES["beat"]["deploy"]["replicas"] == 1
    assert str(SERVICES["web"]["deploy"]["replicas"]).startswith("${WEB_REPLICAS")


def test_nginx_terminates_tls_in_front_of_web_and_the_bucket():
    nginx = SERVICES["nginx"]
    assert any(port.endswith(":443") for port in nginx["ports"])
    assert nginx["environment"]["NGINX_APP_UPSTREAM"] == "web:8000"
    assert nginx["environment"]["NGINX_MEDIA_UPSTREAM"].startswith("http://minio:9000/")
    assert any(volume.endswith(":/etc/nginx/certs:ro") for volume in nginx["volumes"])


def test_the_bucket_gets_the_documented_public_read_policy():
    bucket = SERVICES["bucket"]
    assert "./s3/media-bucket-policy.json:/policy.json:ro" in bucket["volumes"]
    assert "mc anonymous set-json /policy.json" in bucket["command"][0]


def _all_environment() -> dict[str, str]:
    values = {}
    for service in SERVICES.values():
        values.update({k: str(v) for k, v in (service.get("environment") or {}).items()})
    return values


def test_no_secret_is_written_in_the_file():
    for name, value in _all_environment().items():
        if SECRET_NAME.search(name) or name.endswith(("ACCESS_KEY", "ACCESS_KEY_ID", "_KEY")):
            assert value.startswith("${") or "${" in value, f"{name} must come from infra/.env"
    assert re.search(r"postgres://tienda:\$\{POSTGRES_PASSWORD", _all_environment()["DATABASE_URL"])
    example = (INFRA / ".env.example").read_text(encoding="utf-8")
    for line in example.splitlines():
        if "=" in line and not line.startswith("#") and SECRET_NAME.search(line.split("=")[0]):
            assert line.split("=", 1)[1] == "", f"{line.split('=')[0]} stays empty in the example"


def test_the_application_settings_are_the_readme_ones():
    documented = readme_variables()
    for role in APP_ROLES:
        unknown = set(SERVICES[role]["environment"]) - documented
        assert not unknown, f"{role} sets variables the README does not document: {unknown}"


def test_docker_compose_accepts_the_file(tmp_path):
    binary = shutil.which("docker-compose") or shutil.which("docker")
    probe = binary and subprocess.run(
        [binary, "compose", "version"] if binary.endswith("docker") else [binary, "version"],
        capture_output=True,
        check=False,
    )
    if not probe or probe.returncode != 0:
        pytest.skip("no Docker Compose binary installed (the YAML is checked above)")
    env_file = tmp_path / "test.env"
    env_file.write_text(
        "SECRET_KEY=x\nSITE_HOST=tienda.example.com\nPOSTGRES_PASSWORD=x\n"
        "S3_ACCESS_KEY=x\nS3_SECRET_KEY=x\n"
    )
    command = [binary, "compose"] if binary.endswith("docker") else [binary]
    result = subprocess.run(
        [*command, "-f", str(INFRA / "compose.yaml"), "--env-file", str(env_file), "config", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


METRICS_DIR = "/app/var/metrics"


def test_web_and_worker_sum_their_processes_metrics_in_a_private_directory():
    for role in ("web", "worker"):
        assert SERVICES[role]["environment"]["PROMETHEUS_MULTIPROC_DIR"] == METRICS_DIR, role
    for role in APP_ROLES:
        mounts = [entry.split(":")[0] for entry in SERVICES[role]["tmpfs"]]
        assert METRICS_DIR in mounts, f"{role}: a tmpfs per container, empty at each start"


def test_the_worker_serves_its_metrics_on_the_internal_network_only():
    worker = SERVICES["worker"]
    port = worker["environment"]["METRICS_WORKER_PORT"]
    assert port in worker["expose"]
    assert "ports" not in worker, "the worker's metrics port has no token: never published"


def test_the_prometheus_example_scrapes_web_with_the_token_and_the_worker_port():
    config = load_yaml(INFRA / "prometheus" / "prometheus.yml")
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    web = jobs["tienda-web"]
    assert web["metrics_path"] == "/metrics"
    assert web["authorization"]["type"] == "Bearer"
    assert "credentials" not in web["authorization"], "the token comes from a file, not this one"
    secret = SERVICES["prometheus"]["secrets"][0]
    assert web["authorization"]["credentials_file"] == f"/run/secrets/{secret}"
    assert COMPOSE["secrets"][secret] == {"environment": "METRICS_TOKEN"}
    host = web["static_configs"][0]["targets"][0].split(":")[0]
    assert host in SERVICES["web"]["environment"]["ALLOWED_HOSTS"].split(","), "Django's Host check"
    worker = jobs["tienda-worker"]["dns_sd_configs"][0]
    assert str(worker["port"]) == SERVICES["worker"]["environment"]["METRICS_WORKER_PORT"]
    assert SERVICES["prometheus"]["profiles"] == ["monitoring"]
    assert "ports" not in SERVICES["prometheus"]
