"""The GitHub Actions workflows run the project's own commands with the least privilege.

They cannot run here, so these tests read them: the PR check runs exactly the README's test command
(the one .ci/run runs), the deploy job builds with the README's build command, permissions are
minimal and every action is pinned to an exact version.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@([0-9a-f]{40}|v\d+\.\d+\.\d+)$")


def _load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as the boolean True.
    return workflow[True]


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _commands(workflow: dict) -> list[str]:
    return [line.strip() for step in _steps(workflow) for line in step.get("run", "").splitlines() if line.strip()]


def _readme_test_command() -> str:
    """The line starting with `make test` in README.md's fenced sh block, without its comment."""
    block = re.search(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S).group(1)
    line = next(line for line in block.splitlines() if line.startswith("make test"))
    return line.split("#")[0].strip()


def _readme_build_command() -> str:
    return re.search(r"`(make build)`", (ROOT / "README.md").read_text(encoding="utf-8")).group(1)


def _uses(workflow: dict) -> list[str]:
    return [step["uses"] for step in _steps(workflow) if "uses" in step]


def _step(workflow: dict, action: str) -> dict:
    (step,) = [s for s in _steps(workflow) if s.get("uses", "").startswith(action + "@")]
    return step


def test_readme_commands_are_found() -> None:
    assert _readme_test_command() == "make test"
    assert _readme_build_command() == "make build"


def test_pr_workflow_is_read_only_and_has_no_secrets() -> None:
    workflow = _load("pr.yml")
    assert set(_triggers(workflow)) == {"pull_request"}  # never pull_request_target
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    assert "secrets." not in (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    assert _step(workflow, "actions/checkout").get("with", {}).get("persist-credentials") is False


def test_pr_workflow_runs_the_projects_commands() -> None:
    workflow = _load("pr.yml")
    commands = _commands(workflow)
    test_command = _readme_test_command()
    assert commands.count(test_command) == 1
    assert "make validate" in commands and _readme_build_command() in commands
    assert commands.index("make validate") < commands.index("make build") < commands.index(test_command)
    assert any(re.fullmatch(r"(DEBIAN_FRONTEND=noninteractive )?apt-get install -y chromium( nodejs npm)?", c) for c in commands)
    (job,) = workflow["jobs"].values()
    assert re.fullmatch(r"python:3\.11\.\d+-\w+", job["container"]), "Python 3.11, exact patch release"


def test_ci_entry_point_runs_the_same_test_command() -> None:
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert _readme_test_command() in lines


def test_pr_workflow_uploads_the_built_site() -> None:
    step = _step(_load("pr.yml"), "actions/upload-artifact")
    assert step["with"]["path"].rstrip("/") == "site"


def test_deploy_workflow_builds_with_the_readme_command_and_least_privilege() -> None:
    workflow = _load("deploy.yml")
    assert _triggers(workflow) == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"] == "pages"
    jobs = workflow["jobs"]
    assert {name: job["permissions"] for name, job in jobs.items()} == {
        "build": {"contents": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
    }
    assert [line for step in jobs["build"]["steps"] for line in step.get("run", "").splitlines()] == [
        _readme_build_command()
    ]
    assert _step(workflow, "actions/upload-pages-artifact")["with"]["path"].rstrip("/") == "site"
    assert jobs["deploy"]["needs"] == "build" and jobs["deploy"]["environment"]["name"] == "github-pages"
    assert [u.split("@")[0] for u in _uses({"jobs": {"deploy": jobs["deploy"]}})] == [
        "actions/configure-pages",
        "actions/deploy-pages",
    ]


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_every_action_is_pinned_to_an_exact_version(name: str) -> None:
    uses = _uses(_load(name))
    assert uses
    for action in uses:
        assert PINNED.match(action), f"{action}: pin a full commit SHA or an exact vX.Y.Z tag, never @main/@v4"
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if re.search(r"uses: \S+@[0-9a-f]{40}", line):
            assert re.search(r"#\s*v\d+\.\d+\.\d+$", line), f"say which release a SHA is: {line.strip()}"


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_every_job_has_a_time_limit(name: str) -> None:
    for job in _load(name)["jobs"].values():
        assert job["timeout-minutes"] <= 30
