"""infra/k8s: the kustomize base and overlays, parsed with PyYAML and rendered with
`kubectl kustomize` where kubectl is installed."""

import shutil
import subprocess

import pytest
import yaml

from .support import K8S, SECRET_NAME, load_yaml, load_yaml_documents, readme_variables

BASE = K8S / "base"
KUSTOMIZATION = load_yaml(BASE / "kustomization.yaml")
RESOURCES = {
    (doc["kind"], doc["metadata"]["name"]): doc
    for name in KUSTOMIZATION["resources"]
    for doc in load_yaml_documents(BASE / name)
}
DEPLOYMENTS = {name: doc for (kind, name), doc in RESOURCES.items() if kind == "Deployment"}


def _containers(doc: dict) -> list[dict]:
    return doc["spec"]["template"]["spec"]["containers"]


def _workloads() -> list[tuple[str, dict]]:
    kinds = ("Deployment", "Job")
    return [(name, doc) for (kind, name), doc in RESOURCES.items() if kind in kinds]


def test_the_base_has_every_part_of_the_deployment():
    expected = {
        ("Deployment", "tienda-web"),
        ("Deployment", "tienda-worker"),
        ("Deployment", "tienda-beat"),
        ("Job", "tienda-migrate"),
        ("HorizontalPodAutoscaler", "tienda-web"),
        ("Service", "tienda-web"),
        ("ConfigMap", "tienda-config"),
        ("Ingress", "tienda-web"),
    }
    assert expected <= set(RESOURCES)


def test_web_and_worker_have_probes_and_resources():
    web = _containers(DEPLOYMENTS["tienda-web"])[0]
    assert web["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert web["readinessProbe"]["httpGet"]["httpHeaders"][0]["name"] == "Host"
    assert "tcpSocket" in web["livenessProbe"], "a database outage must not restart every pod"
    worker = _containers(DEPLOYMENTS["tienda-worker"])[0]
    assert "inspect ping" in " ".join(worker["livenessProbe"]["exec"]["command"])
    assert worker["readinessProbe"]
    for name, doc in _workloads():
        for container in _containers(doc):
            resources = container["resources"]
            assert set(resources["requests"]) >= {"cpu", "memory"}, name
            assert set(resources["limits"]) >= {"cpu", "memory"}, name


def test_every_pod_runs_unprivileged_with_a_read_only_root():
    for name, doc in _workloads():
        pod = doc["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["runAsUser"] != 0, name
        assert pod["automountServiceAccountToken"] is False, name
        for container in _containers(doc):
            security = container["securityContext"]
            assert security["allowPrivilegeEscalation"] is False, name
            assert security["readOnlyRootFilesystem"] is True, name
            assert security["capabilities"]["drop"] == ["ALL"], name
            mounts = {mount["mountPath"] for mount in container["volumeMounts"]}
            assert "/tmp" in mounts, f"{name} needs a writable /tmp"


def test_web_autoscales_and_beat_is_a_single_replica():
    hpa = RESOURCES[("HorizontalPodAutoscaler", "tienda-web")]["spec"]
    assert hpa["scaleTargetRef"]["name"] == "tienda-web"
    assert 2 <= hpa["minReplicas"] < hpa["maxReplicas"]
    beat = DEPLOYMENTS["tienda-beat"]["spec"]
    assert beat["replicas"] == 1
    assert beat["strategy"]["type"] == "Recreate", "a rollout must never run two beats"
    assert "beat" in _containers(DEPLOYMENTS["tienda-beat"])[0]["command"]


def test_migrations_run_in_a_job_that_does_not_restart_forever():
    job = RESOURCES[("Job", "tienda-migrate")]["spec"]
    assert job["template"]["spec"]["restartPolicy"] == "Never"
    assert job["backoffLimit"] <= 3
    assert _containers(RESOURCES[("Job", "tienda-migrate")])[0]["command"][-2:] == [
        "migrate",
        "--noinput",
    ]


def test_every_python_role_uses_the_same_image_and_settings():
    for name, doc in _workloads():
        for container in _containers(doc):
            assert container["image"] == "tienda-virtual", name
            sources = [next(iter(source.values()))["name"] for source in container["envFrom"]]
            assert sources == ["tienda-config", "tienda-secrets"], name


def test_no_secret_is_in_the_manifests():
    config = RESOURCES[("ConfigMap", "tienda-config")]["data"]
    assert not [
        name for name in config if SECRET_NAME.search(name) or "URL" in name and "@" in config[name]
    ]
    assert "secret.template.yaml" not in KUSTOMIZATION["resources"]
    template = load_yaml(BASE / "secret.template.yaml")
    assert template["kind"] == "Secret"
    assert all(value == "" for value in template["stringData"].values())


def test_the_settings_are_the_readme_ones():
    documented = readme_variables()
    config = RESOURCES[("ConfigMap", "tienda-config")]["data"]
    secret = load_yaml(BASE / "secret.template.yaml")["stringData"]
    env = {
        item["name"]
        for _, doc in _workloads()
        for container in _containers(doc)
        for item in container.get("env", [])
    }
    unknown = (set(config) | set(secret) | env) - documented
    assert not unknown, f"not in the README's configuration table: {unknown}"


@pytest.mark.parametrize("overlay", ["staging", "production"])
def test_overlays_render_with_kubectl_kustomize(overlay):
    kubectl = shutil.which("kubectl")
    if not kubectl:
        pytest.skip("kubectl is not installed (the base is checked above)")
    result = subprocess.run(
        [kubectl, "kustomize", str(K8S / "overlays" / overlay)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    docs = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    namespaces = {doc["metadata"].get("namespace") for doc in docs}
    assert len(namespaces) == 1 and None not in namespaces
    images = {
        container["image"]
        for doc in docs
        if doc["kind"] in ("Deployment", "Job")
        for container in _containers(doc)
    }
    assert len(images) == 1 and images.pop().startswith("registry.example.com/tienda-virtual:")
    host = next(doc for doc in docs if doc["kind"] == "Ingress")["spec"]["rules"][0]["host"]
    config = next(doc for doc in docs if doc["kind"] == "ConfigMap")["data"]
    assert config["ALLOWED_HOSTS"] == host
    web = next(
        doc for doc in docs if doc["kind"] == "Deployment" and "web" in doc["metadata"]["name"]
    )
    probe_host = _containers(web)[0]["readinessProbe"]["httpGet"]["httpHeaders"][0]["value"]
    assert probe_host == host, "the readiness probe names a host Django accepts"


METRICS_DIR = "/app/var/metrics"


def _env(deployment: str) -> dict[str, dict]:
    return {item["name"]: item for item in _containers(DEPLOYMENTS[deployment])[0]["env"]}


@pytest.mark.parametrize("deployment", ["tienda-web", "tienda-worker"])
def test_processes_sum_their_metrics_in_a_memory_volume_of_their_own(deployment):
    assert _env(deployment)["PROMETHEUS_MULTIPROC_DIR"]["value"] == METRICS_DIR
    container = _containers(DEPLOYMENTS[deployment])[0]
    mounted = {mount["mountPath"]: mount["name"] for mount in container["volumeMounts"]}
    volumes = {v["name"]: v for v in DEPLOYMENTS[deployment]["spec"]["template"]["spec"]["volumes"]}
    volume = volumes[mounted[METRICS_DIR]]
    assert volume["emptyDir"]["medium"] == "Memory" and volume["emptyDir"]["sizeLimit"]


def test_pods_are_annotated_for_scraping_on_their_metrics_ports():
    web = DEPLOYMENTS["tienda-web"]["spec"]["template"]
    assert web["metadata"]["annotations"]["prometheus.io/port"] == "8000"
    assert web["metadata"]["annotations"]["prometheus.io/path"] == "/metrics"
    worker = DEPLOYMENTS["tienda-worker"]["spec"]["template"]
    port = _env("tienda-worker")["METRICS_WORKER_PORT"]["value"]
    assert worker["metadata"]["annotations"]["prometheus.io/port"] == port
    ports = {
        p["name"]: p["containerPort"] for p in _containers(DEPLOYMENTS["tienda-worker"])[0]["ports"]
    }
    assert ports["metrics"] == int(port)
    services = [doc for (kind, _), doc in RESOURCES.items() if kind == "Service"]
    assert all(
        p.get("targetPort") != "metrics" and p["port"] != int(port)
        for service in services
        for p in service["spec"]["ports"]
    ), "the worker's metrics have no token: no Service exposes them"


def test_web_pods_accept_their_own_address_as_host_for_scrapes():
    env = list(_env("tienda-web"))
    assert _env("tienda-web")["POD_IP"]["valueFrom"]["fieldRef"]["fieldPath"] == "status.podIP"
    assert env.index("POD_IP") < env.index("ALLOWED_HOSTS"), "$(POD_IP) expands only if earlier"
    assert _env("tienda-web")["ALLOWED_HOSTS"]["value"] == "$(ALLOWED_HOSTS),$(POD_IP)"


def test_the_pod_monitor_example_reads_the_token_from_the_secret():
    monitors = {
        doc["metadata"]["name"]: doc for doc in load_yaml_documents(K8S / "podmonitor.example.yaml")
    }
    web = monitors["tienda-web"]["spec"]["podMetricsEndpoints"][0]
    assert web["port"] == "http" and web["path"] == "/metrics"
    credentials = web["authorization"]["credentials"]
    secret = load_yaml(BASE / "secret.template.yaml")
    assert credentials == {"name": secret["metadata"]["name"], "key": "METRICS_TOKEN"}
    assert "METRICS_TOKEN" in secret["stringData"]
    assert monitors["tienda-worker"]["spec"]["podMetricsEndpoints"][0]["port"] == "metrics"
