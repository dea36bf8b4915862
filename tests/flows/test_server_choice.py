"""Which Prefect API a CLI run uses: the configured one, this user's local server, or a
temporary one."""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from flows.server import OWN_SERVER_PROBE_S, choose_api, listener_owner
from tests.bounds import ends_before
from tests.fakes.loopback import Reply, Server, serve

CLOSED = "http://127.0.0.1:9/api"  # nothing listens on the discard port here


@contextmanager
def silent_listener() -> Iterator[str]:
    """A loopback socket that accepts connections into its backlog and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/api"


def connected(url: str, sock: socket.socket) -> bool:
    """True if anything connected to the listener (a connection waits in its backlog)."""
    sock.setblocking(False)
    try:
        sock.accept()[0].close()
    except BlockingIOError:
        return False
    return True


@contextmanager
def counting_listener() -> Iterator[tuple[str, socket.socket]]:
    """A loopback listener whose backlog tells whether anything connected to it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/api", sock


def test_the_configured_api_wins_without_a_probe() -> None:
    with counting_listener() as (local, sock):
        choice = choose_api("http://127.0.0.1:4999/api", local=local)
        assert not connected(local, sock)  # the local address was never probed
    assert choice.url == "http://127.0.0.1:4999/api" and "PREFECT_API_URL" in choice.why


def test_a_local_server_of_this_user_answering_its_health_check_is_used() -> None:
    health = Server()
    health.route("GET", "/api/health", lambda _: Reply(body=b"true"))
    with serve(health) as server:
        assert listener_owner(f"{server.url}/api") == os.getuid()
        choice = choose_api(None, local=f"{server.url}/api")
    assert choice.url == f"{server.url}/api" and "found running" in choice.why


def test_no_server_means_a_temporary_one_with_a_hint_at_once() -> None:
    with ends_before(2 * OWN_SERVER_PROBE_S):  # nothing listens: no probe waits its time out
        choice = choose_api("", local=CLOSED)
    assert choice.url is None and "make server" in choice.why


def test_a_hung_server_of_this_user_is_waited_for_a_few_seconds_then_left() -> None:
    """This user's own server is given OWN_SERVER_PROBE_S to answer (a busy machine took more
    than the 0.1 s probe, and runs ignored a running `make server`), then left."""
    with silent_listener() as local, ends_before(60):  # a hung server never answers
        began = time.perf_counter()
        choice = choose_api("", local=local)  # accepted, never answered
        took = time.perf_counter() - began
    assert took >= OWN_SERVER_PROBE_S - 0.1  # it was given its few seconds
    assert choice.url is None and "make server" in choice.why


IMPOSTOR = """
import http.server, sys
class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.end_headers(); self.wfile.write(b"true")
    def log_message(self, *args): pass
server = http.server.HTTPServer(("127.0.0.1", 0), Health)
print(server.server_address[1], flush=True)
server.handle_request()
"""


@pytest.mark.hostile
@pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root to start as another user"
)
def test_a_server_another_user_started_at_the_address_is_not_reported_to() -> None:
    """Another local user's server answers the health check at the default address first:
    the run goes to a temporary server instead, and says why."""
    impostor = subprocess.Popen(
        [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            sys.executable,
            "-c",
            IMPOSTOR,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert impostor.stdout is not None
        local = f"http://127.0.0.1:{impostor.stdout.readline().strip()}/api"
        assert listener_owner(local) == 65534
        choice = choose_api(None, local=local)
        assert choice.url is None and "another user's (uid 65534)" in choice.why
    finally:
        impostor.kill()
        impostor.wait(timeout=10)
