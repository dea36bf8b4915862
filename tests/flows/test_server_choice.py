"""Which Prefect API a CLI run uses: the configured one, a local server, or a temporary one."""

import time

from flows.server import choose_api
from tests.fakes.loopback import Reply, Server, serve


def test_the_configured_api_wins_without_a_probe() -> None:
    began = time.perf_counter()
    choice = choose_api("http://10.1.2.3:4200/api", local="http://10.255.255.1:4200/api")
    assert choice.url == "http://10.1.2.3:4200/api" and "PREFECT_API_URL" in choice.why
    assert time.perf_counter() - began < 0.05


def test_a_local_server_answering_its_health_check_is_used() -> None:
    health = Server()
    health.route("GET", "/api/health", lambda _: Reply(body=b"true"))
    with serve(health) as server:
        choice = choose_api(None, local=f"{server.url}/api")
    assert choice.url == f"{server.url}/api" and "found running" in choice.why


def test_no_server_means_a_temporary_one_with_a_hint_within_a_tenth_of_a_second() -> None:
    began = time.perf_counter()
    choice = choose_api("", local="http://10.255.255.1:4200/api")  # a black hole: no answer
    assert time.perf_counter() - began < 0.3  # the 0.1 s probe, plus scheduling on 2 cores
    assert choice.url is None and "make server" in choice.why
