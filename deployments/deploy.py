"""Deploy Lectra's flows for workers on other machines: each run clones the code first.

PREFECT_API_URL=... python -m deployments.deploy --repo https://github.com/you/lectra.git \
    --ref main --env LECTRA_OUTPUT_DIR=s3://decks/lectra
The deployments are the ones prefect.yaml declares (names, parameters, schedules, pool); their
pull step is a git clone of --repo at --ref (Prefect's git_clone), so a worker needs only
Lectra's dependencies installed, not a checkout at this machine's path. --env values become
the runs' environment (a job variable, shown in the UI): storage URLs and settings, never
credentials, which stay in the worker's own environment (AWS_*, ~/.aws, a role).
"""

import argparse
import re
import sys
from typing import Any, cast
from urllib.parse import urlsplit, urlunsplit

from prefect import Flow
from prefect.runner.storage import GitRepository

from deployments.serve import declared, schedules_of
from deployments.setup import against_server
from lectra.config.settings import load_settings
from lectra.runtime.errors import InputError
from lectra.runtime.secrets import masked, remember

SECRET_NAME = re.compile(r"(KEY|SECRET|TOKEN|PASSWORD|CREDENTIAL)", re.IGNORECASE)
ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


def job_env(pairs: list[str]) -> dict[str, str]:
    """NAME=value pairs as the runs' environment; InputError for a malformed pair, a name
    that holds a secret (job variables are readable by anyone with the UI) or a LECTRA_
    setting Lectra would refuse."""
    env: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not ENV_NAME.match(name):
            raise InputError(f"--env {pair.split('=')[0]!r}: expected NAME=value")
        if SECRET_NAME.search(name):
            raise InputError(
                f"--env {name}: credentials are not job variables (anyone with the UI reads "
                "them); set them in the worker's environment"
            )
        env[name] = value
    settings = {k.removeprefix("LECTRA_").lower(): v for k, v in env.items() if k[:7] == "LECTRA_"}
    if settings:
        load_settings(**settings)  # InputError names the first bad one
    return env


def shown_url(repo: str) -> str:
    """repo as it may be printed: a token or password in it is '***' (and masked wherever
    git's own messages repeat it)."""
    parts = urlsplit(repo)
    if "://" not in repo or "@" not in parts.netloc:
        return repo
    userinfo, _, host = parts.netloc.rpartition("@")
    remember(*userinfo.split(":"), userinfo)
    return urlunsplit(parts._replace(netloc=f"***@{host}"))


def checked_source(repo: str, ref: str) -> None:
    """InputError when repo or ref would reach git as an option: Prefect passes them to
    `git clone URL` and `git pull origin REF` with no '--' before them."""
    for flag, value in (("--repo", repo), ("--ref", ref)):
        if not value.strip() or value.lstrip().startswith("-"):
            raise InputError(f"{flag} {value[:60]!r} is not a git URL, path or branch")


def _flow(source: GitRepository, repo: str, entrypoint: str) -> "Flow[..., Any]":
    """The flow at entrypoint in the repository, cloned here once to load it."""
    try:
        return cast("Flow[..., Any]", Flow.from_source(source=source, entrypoint=entrypoint))
    except RuntimeError as exc:  # git failed: Prefect says so with git's own message
        said = masked(" ".join(str(exc).split()), 300)
        raise InputError(f"--repo {shown_url(repo)} cannot be cloned: {said}") from None


def deploy_all(repo: str, ref: str, env: dict[str, str], pool: str | None = None) -> list[str]:
    """Deploy every declared deployment from repo at ref; one line per deployment."""
    checked_source(repo, ref)
    source = GitRepository(url=repo, branch=ref)
    done = []
    for spec in declared():
        schedules = schedules_of(spec)
        flow = _flow(source, repo, spec["entrypoint"])
        work_pool = pool or spec["work_pool"]["name"]
        deployment_id = flow.deploy(
            name=spec["name"],
            work_pool_name=work_pool,
            description=spec.get("description"),
            parameters=spec.get("parameters") or {},
            schedules=schedules or None,
            job_variables={"env": env} if env else None,
            build=False,
            push=False,
            print_next_steps=False,
        )
        shown = f"{shown_url(repo)}@{ref}"
        done.append(f"{flow.name}/{spec['name']}: {shown}, pool {work_pool} ({deployment_id})")
    return done


def main(argv: list[str] | None = None) -> int:
    """Deploy; exit 2 with one line on bad input or no server."""
    parser = argparse.ArgumentParser(prog="python -m deployments.deploy", description=__doc__)
    parser.add_argument("--repo", required=True, help="git URL (or path) workers clone")
    parser.add_argument("--ref", default="main", help="branch or tag to clone (default main)")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=value")
    parser.add_argument("--pool", help="work pool (default: the one prefect.yaml names)")
    args = parser.parse_args(argv)
    return against_server(
        "deploy", lambda: deploy_all(args.repo, args.ref, job_env(args.env), args.pool)
    )


if __name__ == "__main__":
    sys.exit(main())
