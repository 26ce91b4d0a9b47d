"""The docker compose deployment, checked offline (there is no Docker engine here).

Always: docker-compose.yml parsed with PyYAML and checked against the Compose rules that can be verified
without an engine. When a ``docker-compose`` (v1.29.2) or ``docker compose`` (v2) binary is available (or named
by AGENDA_DOCKER_COMPOSE), also ``config -q`` with dummy secrets, and a refusal without them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
SECRETS = ("POSTGRES_PASSWORD", "REDIS_PASSWORD", "AIRFLOW_FERNET_KEY", "AIRFLOW_JWT_SECRET",
           "AIRFLOW_API_SECRET_KEY", "AIRFLOW_ADMIN_PASSWORD")
SERVICES = {"postgres", "redis", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
            "airflow-triggerer", "airflow-worker", "airflow-init"}
VAR = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")
SECRET_NAME = re.compile(r"PASSWORD|SECRET|FERNET|TOKEN|_KEY$|REDISCLI_AUTH")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def _env_example() -> dict[str, str]:
    pairs = (line.split("=", 1) for line in ENV_EXAMPLE.read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#"))
    return {k.strip(): v.strip() for k, v in pairs}


def _strings(node) -> list[str]:
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [node] if isinstance(node, str) else []


def _environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def test_services_and_images(compose):
    services = compose["services"]
    assert set(services) >= SERVICES
    for name, svc in services.items():
        assert "image" in svc or "build" in svc, f"{name} has neither image nor build"
    for name in SERVICES - {"postgres", "redis"}:
        svc = services[name]
        assert svc["build"]["context"] == "." and svc["build"]["dockerfile"] == "Dockerfile"
        assert _environment(svc)["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    commands = {n: services[n].get("command") for n in SERVICES}
    assert commands["airflow-apiserver"] == "api-server" and commands["airflow-scheduler"] == "scheduler"
    assert commands["airflow-dag-processor"] == "dag-processor" and commands["airflow-triggerer"] == "triggerer"
    assert commands["airflow-worker"] == "celery worker"
    worker = services["airflow-worker"]
    assert "container_name" not in worker and "ports" not in worker, "workers must be scalable (--scale)"
    assert "airflow-apiserver" in _environment(worker)["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"]


def test_dags_config_and_plugins_are_mounted_and_dags_start_paused(compose):
    common = compose["x-airflow-common"]
    for mount in ("./dags:/opt/airflow/dags", "./docker/config:/opt/airflow/config",
                  "./docker/plugins:/opt/airflow/plugins"):
        assert any(v.startswith(mount) for v in common["volumes"]), mount
        assert (ROOT / mount.split(":")[0]).is_dir()
    assert common["environment"]["AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION"] == "true"
    services = compose["services"]
    assert services["airflow-cli"]["profiles"] == ["debug"] and services["flower"]["profiles"] == ["flower"]
    assert services["flower"]["command"] == "celery flower"


def test_the_image_installs_the_runtime_part_of_the_lock_and_checks_it():
    def pins(path: Path) -> dict[str, str]:
        lines = (line.split("==") for line in path.read_text().splitlines() if "==" in line and line[0] != " ")
        return {name.lower(): version for name, version in lines}

    runtime, lock = pins(ROOT / "requirements" / "runtime.txt"), pins(ROOT / "requirements" / "lock.txt")
    assert runtime.items() <= lock.items(), "runtime.txt must pin what the lock pins (compile it with -c lock.txt)"
    assert not {"pytest", "moto", "ruff", "hypothesis"} & set(runtime)
    assert {"apache-airflow", "onnxruntime", "s3fs", "apache-airflow-providers-openlineage"} <= set(runtime)
    docker = (ROOT / "Dockerfile").read_text()
    assert "-r /opt/agenda/requirements/runtime.txt" in docker and "&& pip check\n" in docker


def test_dependencies_exist(compose):
    services = compose["services"]
    conditions = {"service_started", "service_healthy", "service_completed_successfully"}
    for name, svc in services.items():
        deps = svc.get("depends_on") or {}
        for dep, spec in (deps.items() if isinstance(deps, dict) else ((d, {}) for d in deps)):
            assert dep in services, f"{name} depends on unknown service {dep}"
            assert spec.get("condition", "service_started") in conditions
            if spec.get("condition") == "service_healthy":
                assert "healthcheck" in services[dep], f"{name} waits for {dep} to be healthy: no healthcheck"
    for name in SERVICES - {"postgres", "redis", "airflow-init"}:
        deps = services[name]["depends_on"]
        assert deps["airflow-init"]["condition"] == "service_completed_successfully"


def test_volumes_are_declared_and_the_warehouse_is_shared(compose):
    declared = set(compose.get("volumes") or {})
    used = set()
    for name, svc in compose["services"].items():
        for vol in svc.get("volumes") or []:
            source = vol.split(":", 1)[0] if isinstance(vol, str) else vol.get("source", "")
            if source and not source.startswith(("/", ".", "~", "$")):
                assert source in declared, f"{name} uses undeclared volume {source}"
                used.add(source)
    assert used == declared, f"declared but unused: {declared - used}"
    for name in SERVICES - {"postgres", "redis"}:
        assert "agenda-warehouse:/opt/agenda/warehouse" in compose["services"][name]["volumes"]


def test_every_variable_is_in_env_example_and_secrets_have_no_defaults(compose):
    text = "\n".join(x for x in COMPOSE.read_text().splitlines() if not x.lstrip().startswith("#"))
    example = _env_example()
    used = {m.group(1) for m in VAR.finditer(text)} - {"HOSTNAME"}
    assert used - set(example) == set(), f"variables missing from .env.example: {used - set(example)}"
    for m in VAR.finditer(text):
        if m.group(1) in SECRETS:
            assert m.group(2) == ":?", f"${{{m.group(1)}}} must be required (:?), never defaulted"
    for name in SECRETS:
        assert example.get(name, "missing") == "", f"{name} must be empty in .env.example"
    assert ".env" in (ROOT / ".gitignore").read_text().split()


def test_no_literal_secrets(compose):
    for name, svc in compose["services"].items():
        for key, value in _environment(svc).items():
            if SECRET_NAME.search(key):
                assert VAR.fullmatch(value), f"{name}: {key} is not taken from .env"
    for s in _strings(compose):  # passwords inside URLs, e.g. postgresql://user:pw@host
        for m in re.finditer(r"://[^/\s:@]*:([^@\s]+)@", s):
            assert VAR.fullmatch(m.group(1)), f"literal password in {s!r}"
        assert not re.search(r"--requirepass\s+(?!\$\{)", s)


def test_dockerfile_and_init():
    docker = (ROOT / "Dockerfile").read_text()
    version = re.search(r"ARG AIRFLOW_VERSION=(\d+)\.", docker)
    assert version and version.group(1) == "3"
    assert re.search(r"^FROM apache/airflow:\$\{AIRFLOW_VERSION\}-python3\.11$", docker, re.M)
    assert "requirements/runtime.txt" in docker and "pip install --no-cache-dir --no-deps ." in docker
    assert "COPY --chown=airflow:0 dags /opt/airflow/dags" in docker
    assert "airflow_local_settings.py" in docker and "AGENDA_MODEL_DIR" in docker
    init = (ROOT / "docker" / "init.sh").read_text()
    assert "pools set agenda" in init and "/entrypoint airflow version" in init
    assert (ROOT / "docker" / "init.sh").stat().st_mode & 0o111


def _compose_command() -> list[str] | None:
    if named := os.environ.get("AGENDA_DOCKER_COMPOSE"):
        return named.split()
    if found := shutil.which("docker-compose"):
        return [found]
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"]
    return None


def test_compose_config_validates(tmp_path):
    command = _compose_command()
    if command is None:
        pytest.skip("no docker-compose binary (set AGENDA_DOCKER_COMPOSE, e.g. to a docker-compose==1.29.2)")
    env = {k: v for k, v in os.environ.items() if k not in _env_example()}
    filled = tmp_path / "filled.env"
    filled.write_text("".join(f"{k}={v or 'dummy-' + k.lower()}\n" for k, v in _env_example().items()))
    ok = subprocess.run([*command, "--env-file", str(filled), "-f", str(COMPOSE), "config", "-q"],
                        capture_output=True, text=True, cwd=ROOT, env=env)
    assert ok.returncode == 0, ok.stderr
    refused = subprocess.run([*command, "--env-file", str(ENV_EXAMPLE), "-f", str(COMPOSE), "config", "-q"],
                             capture_output=True, text=True, cwd=ROOT, env=env)
    assert refused.returncode != 0 and "in .env" in refused.stderr
