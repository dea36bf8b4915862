"""A real HTTP server on 127.0.0.1 in a background thread, for faking web services."""

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

Route = Callable[["Request"], "Reply"]


class Request:
    """What the client sent: method, path, headers and the JSON body if any."""

    def __init__(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        self.method = handler.command
        self.path = handler.path
        self.headers = dict(handler.headers.items())
        self.body = body
        try:
            self.json: Any = json.loads(body) if body else None
        except ValueError:
            self.json = None


class Reply:
    """A response: status, headers, body; delay_s before sending it, drip_s between its bytes."""

    def __init__(
        self,
        status: int = 200,
        body: bytes | str | Any = b"",
        content_type: str = "application/json",
        delay_s: float = 0.0,
        headers: dict[str, str] | None = None,
        drip_s: float = 0.0,
        header_drip_s: float = 0.0,
    ) -> None:
        if isinstance(body, str):
            body = body.encode()
        elif not isinstance(body, bytes):
            body = json.dumps(body).encode()
        self.status, self.body, self.content_type = status, body, content_type
        self.delay_s, self.headers = delay_s, headers or {}
        self.drip_s = drip_s  # the body sent a byte at a time, this far apart: a dripping server
        self.header_drip_s = header_drip_s  # the status line and headers sent that way


def key_refused(key: str | None, request: Request) -> Reply | None:
    """The 401 an OpenAI-compatible server sends without the right bearer key, else None."""
    if key and request.headers.get("Authorization") != f"Bearer {key}":
        return Reply(401, {"error": {"message": "Incorrect API key provided"}})
    return None


class Server:
    """Routes by method and path prefix; records every request."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Route] = {}
        self.requests: list[Request] = []
        self.url = ""

    def route(self, method: str, path: str, handler: Route) -> None:
        """Answer method requests whose path starts with path."""
        self.routes[(method, path)] = handler

    def _find(self, method: str, path: str) -> Route | None:
        matches = [
            (p, h) for (m, p), h in self.routes.items() if m == method and path.startswith(p)
        ]
        return max(matches, key=lambda ph: len(ph[0]))[1] if matches else None


S = TypeVar("S", bound=Server)


def answer(reply: "Reply") -> Route:
    """A route that gives the same reply to every request."""
    return lambda _: reply


@contextmanager
def serve(server: S) -> Iterator[S]:
    """Run server on a free loopback port until the block ends; server.url is its base URL."""
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            request = Request(self, self.rfile.read(length) if length else b"")
            server.requests.append(request)
            route = server._find(self.command, self.path)
            reply = route(request) if route else Reply(404, {"error": "not found"})
            if reply.delay_s:
                stop.wait(reply.delay_s)
            try:
                if reply.header_drip_s:
                    self._drip_headers(reply)
                    return
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if "Content-Length" not in reply.headers and "Connection" not in reply.headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if self.command != "HEAD" and reply.drip_s:
                    for i in range(len(reply.body)):
                        if stop.wait(reply.drip_s):
                            break
                        self.wfile.write(reply.body[i : i + 1])
                        self.wfile.flush()
                elif self.command != "HEAD":
                    self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _drip_headers(self, reply: Reply) -> None:
            head = (
                f"HTTP/1.1 {reply.status} OK\r\nContent-Type: {reply.content_type}\r\n"
                f"X-Padding: {'a' * 200}\r\nContent-Length: {len(reply.body)}\r\n\r\n"
            ).encode()
            for i in range(len(head)):
                if stop.wait(reply.header_drip_s):
                    return
                self.wfile.write(head[i : i + 1])
                self.wfile.flush()
            self.wfile.write(reply.body)

        do_GET = do_POST = do_HEAD = _handle

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()
