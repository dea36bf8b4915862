"""Programs Lectra runs, bounded: stopped at a deadline, and killed if Lectra itself dies."""

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from lectra.runtime.errors import ToolTimeoutError


@lru_cache(maxsize=1)
def _setpriv() -> str | None:
    return shutil.which("setpriv")


def orphan_proof(cmd: list[str]) -> list[str]:
    """cmd made to die with the thread that starts it, even when Lectra is killed with -9.

    setpriv (util-linux) sets the parent-death signal and then runs cmd in its place;
    without it, cmd is returned as it is.
    """
    setpriv = _setpriv()
    return [setpriv, "--pdeathsig", "KILL", "--", *cmd] if setpriv else cmd


def run_bounded(
    cmd: list[str],
    stdin: bytes | None,
    timeout_s: float,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run cmd to completion, output captured; ToolTimeoutError once timeout_s has passed."""
    try:
        return subprocess.run(
            orphan_proof(cmd),
            input=stdin,
            capture_output=True,
            check=False,
            cwd=cwd,
            env=env,
            timeout=timeout_s,
        )
    except subprocess.TimeoutExpired:  # run() has killed and reaped it
        name = Path(cmd[0]).name
        message = f"{name} did not finish in {timeout_s:.3g} s and was stopped"
        raise ToolTimeoutError(message) from None
