"""Which Prefect API a CLI run reports to: the configured one, a local server, or none."""

import atexit
import fcntl
import ipaddress
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from prefect.settings import get_current_settings

# where `make server` puts it; LECTRA_LOCAL_PREFECT_API moves the probe (tests point it nowhere)
LOCAL_API = os.environ.get("LECTRA_LOCAL_PREFECT_API", "http://127.0.0.1:4200/api")
PROBE_TIMEOUT_S = 0.1
# a server this user's socket shows listening is asked longer: on a busy machine its health
# check took more than 0.1 s, and runs ignored a running `make server`
OWN_SERVER_PROBE_S = 3.0


@dataclass(frozen=True)
class ApiChoice:
    """The API URL to use (None: a temporary server) and one line saying why."""

    url: str | None
    why: str


def answers(url: str, timeout_s: float = PROBE_TIMEOUT_S) -> bool:
    """True when a Prefect API answers its health check at url within timeout_s."""
    try:
        return httpx.get(f"{url.rstrip('/')}/health", timeout=timeout_s).status_code == 200
    except httpx.HTTPError:
        return False


def choose_api(configured: str | None, local: str = LOCAL_API) -> ApiChoice:
    """PREFECT_API_URL if set, else a server of this user's answering at the default address,
    else none.

    A server found at the default address is used only when the socket it listens on belongs
    to this user: another local user who starts a server there first would otherwise receive
    the run's topics, logs and the auth string `make server` keeps.
    """
    if configured:
        return ApiChoice(configured, f"Prefect server at {configured} (PREFECT_API_URL)")
    temporary = "using a temporary one, which adds ~12 s and keeps no history"
    owner = listener_owner(local)
    if owner is not None and owner != os.getuid():
        return ApiChoice(
            None,
            f"the Prefect server at {local} is another user's (uid {owner}): {temporary}; "
            "set PREFECT_API_URL to use a server on purpose",
        )
    if owner is not None and answers(local, OWN_SERVER_PROBE_S):
        return ApiChoice(local, f"Prefect server at {local} (found running)")
    return ApiChoice(None, f"no Prefect server at {local}: {temporary}; `make server` starts one")


def listener_owner(url: str) -> int | None:
    """The uid of the process listening on url's loopback address and port (Linux's
    /proc/net/tcp*), or None when nothing listens there or it cannot be told."""
    parts = urlsplit(url)
    try:
        host = "127.0.0.1" if parts.hostname == "localhost" else parts.hostname or ""
        address = ipaddress.ip_address(host)
        port = parts.port or 80
    except ValueError:
        return None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            local, state, uid = fields[1], fields[3], fields[7]
            hex_address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                bound = _proc_address(hex_address)
                if bound == address or bound.is_unspecified:
                    return int(uid)
    return None


def _proc_address(hex_address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """An address as /proc/net/tcp* writes it: 32-bit words in host (little-endian) order."""
    raw = bytes.fromhex(hex_address)
    swapped = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return ipaddress.ip_address(swapped)


def start_temporary_server(timeout_s: int) -> None:
    """Start the temporary server Prefect's client will use, so it cannot outlive this process.

    Prefect stops it at a normal exit; a reaper (a shell reading a pipe only this process
    holds) stops it when this process dies without one, kill -9 included. The server's own
    output goes to a log file beside its database.
    """
    from tasks.internals import quiet_temporary_server  # imports what the run imports anyway

    server = quiet_temporary_server(  # its output in a file, not on the user's terminal
        lambda: _stderr_to(_server_folder() / "lectra-temporary-server.log")
    )
    with _one_start_at_a_time():
        server.start(timeout=timeout_s)
    assert server.server_process is not None
    reaper = subprocess.Popen(
        ["sh", "-c", REAPER, "reaper", str(server.server_process.pid)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # a Ctrl-C in the terminal is not for it
    )
    atexit.register(_stand_down, reaper)


@contextmanager
def _stderr_to(path: Path) -> Iterator[None]:
    """File descriptor 2 pointed at path while a child process is started, then restored."""
    path.parent.mkdir(parents=True, exist_ok=True)
    saved = os.dup(2)
    try:
        with open(path, "ab") as log:
            os.dup2(log.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


# reads EOF when the CLI dies, 'done' when it exits normally (Prefect stops the server then)
REAPER = 'read -r said; [ "$said" = done ] && exit 0; kill -TERM "$1"; sleep 5; kill -KILL "$1"'


def _stand_down(reaper: subprocess.Popen[bytes]) -> None:
    try:
        if reaper.stdin is not None:
            reaper.stdin.write(b"done\n")
            reaper.stdin.close()
        reaper.wait(timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        pass


@contextmanager
def _one_start_at_a_time() -> Iterator[None]:
    """Held while a temporary server starts on the local SQLite database.

    Two servers creating one database at once fail ("table block_type already exists"), and
    a half-migrated one passes the existence check, so every start takes its turn; once
    started, servers run side by side.
    """
    if not _sqlite_address().startswith("sqlite"):
        yield
        return
    folder = _server_folder()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lectra-server-start.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _sqlite_address() -> str:
    url = get_current_settings().server.database.connection_url
    return url.get_secret_value() if url else ""


def _server_folder() -> Path:
    """The local database's folder (PREFECT_HOME by default), or PREFECT_HOME."""
    address = _sqlite_address()
    if address.startswith("sqlite") and ":///" in address:
        return Path(address.split(":///", 1)[1]).parent
    return Path(get_current_settings().home)
