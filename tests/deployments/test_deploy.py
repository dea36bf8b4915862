"""deployments.deploy and deployments.serve refuse bad input with one line, before any server."""

from pathlib import Path

import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings

from deployments import deploy, serve

NOWHERE = "http://127.0.0.1:9/api"  # nothing listens: a refusal must come before any call


@pytest.mark.hostile
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--env", "AWS_SECRET_ACCESS_KEY=abc"],
            "--env AWS_SECRET_ACCESS_KEY: credentials are not",
        ),
        (["--env", "LECTRA_OPENAI_API_KEY=sk-1"], "credentials are not job variables"),
        (["--env", "no-equals"], "--env 'no-equals': expected NAME=value"),
        (["--env", "LECTRA_LANG=xx"], "lang"),
        (["--env", "LECTRA_OUTPUT_DIR=s3://k:s@b/x"], "credentials do not go in the URL"),
    ],
)
def test_bad_job_variables_are_one_line_exit_2(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with temporary_settings(updates={PREFECT_API_URL: NOWHERE}):
        assert deploy.main(["--repo", str(tmp_path), *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("deploy: error: ") and message in err[0], err


@pytest.mark.hostile
def test_a_repository_that_cannot_be_cloned_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with temporary_settings(updates={PREFECT_API_URL: NOWHERE}):
        assert deploy.main(["--repo", str(tmp_path / "missing"), "--ref", "main"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"--repo {tmp_path / 'missing'} cannot be cloned" in err[0], err


def test_job_variables_carry_settings_not_secrets() -> None:
    env = deploy.job_env(["LECTRA_OUTPUT_DIR=s3://decks/x", "AWS_ENDPOINT_URL=http://m:9000"])
    assert env == {"LECTRA_OUTPUT_DIR": "s3://decks/x", "AWS_ENDPOINT_URL": "http://m:9000"}


@pytest.mark.hostile
def test_serve_takes_a_plain_suffix_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve.main(["--suffix", "../x"]) == 2
    assert capsys.readouterr().err.strip() == (
        "serve: error: --suffix takes lowercase letters, digits and '-'"
    )


def test_served_names_take_the_suffix() -> None:
    names = {d.name for d in serve.deployments("served")}
    assert names == {"on-demand-served", "course-served", "weekly-served"}


@pytest.mark.hostile
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--repo", "--upload-pack=touch /tmp/owned"], "--repo '--upload-pack=touch /tmp/owned'"),
        (["--repo", "https://example.invalid/x.git", "--ref=-x"], "--ref '-x' is not"),
    ],
)
def test_an_option_given_as_repo_or_ref_never_reaches_git(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with temporary_settings(updates={PREFECT_API_URL: NOWHERE}):
        assert deploy.main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0], err


@pytest.mark.hostile
def test_a_token_in_the_repo_url_is_never_printed(capsys: pytest.CaptureFixture[str]) -> None:
    token = "ghp_0123456789abcdefSECRET"
    repo = f"https://x-access-token:{token}@127.0.0.1:9/you/lectra.git"
    with temporary_settings(updates={PREFECT_API_URL: NOWHERE}):
        assert deploy.main(["--repo", repo]) == 2
    err = capsys.readouterr().err
    assert token not in err and token[:8] not in err, err
    assert "https://***@127.0.0.1:9/you/lectra.git cannot be cloned" in err
