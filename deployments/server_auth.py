"""The local server's auth string: made once, kept private in PREFECT_HOME, known to clients.

`make server` runs `python -m deployments.server_auth`: PREFECT_HOME becomes private (0700:
it holds the database with the blocks' keys), the auth string is generated once into
lectra-server.auth (0600), and the current Prefect profile gets PREFECT_API_AUTH_STRING, so
every client of this user with this PREFECT_HOME (CLI runs, workers, `prefect deploy`,
deployments.setup) authenticates with nothing more to set. Nothing secret is printed.
"""

import os
import secrets
import sys
from pathlib import Path

from prefect.settings import PREFECT_API_AUTH_STRING, get_current_settings
from prefect.settings.profiles import update_current_profile

AUTH_FILE = "lectra-server.auth"


def auth_string(home: Path) -> str:
    """The auth string kept in home, made (user 'lectra', 256 random bits) if missing."""
    home.mkdir(parents=True, exist_ok=True)
    home.chmod(0o700)
    path = home / AUTH_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        path.chmod(0o600)
        return path.read_text(encoding="utf-8").strip()
    made = f"lectra:{secrets.token_urlsafe(32)}"
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(made + "\n")
    return made


def remember_for_clients(auth: str) -> None:
    """PREFECT_API_AUTH_STRING in the current profile, its file readable by this user alone."""
    known = get_current_settings().api.auth_string
    if known is None or known.get_secret_value() != auth:
        update_current_profile({PREFECT_API_AUTH_STRING: auth})
    profiles = Path(get_current_settings().profiles_path)
    if profiles.exists():
        profiles.chmod(0o600)


def main() -> int:
    """Make sure the auth string exists and clients know it; print where it is kept."""
    home = Path(get_current_settings().home)
    auth = auth_string(home)
    remember_for_clients(auth)
    print(home / AUTH_FILE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
