"""Where a download may connect: public addresses only, resolved once, connected to as checked."""

import ipaddress
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import SplitResult

from lectra.runtime.errors import ImageError, RefusedAddressError

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# test-only: loopback fakes a test opened to downloads, as (address, port); empty in a real run
_OPENED: set[tuple[str, int]] = set()


@contextmanager
def opened_for_tests(host: str, port: int) -> Iterator[None]:
    """Let downloads reach one loopback server of a test, and only while the block runs."""
    _OPENED.add((host, port))
    try:
        yield
    finally:
        _OPENED.discard((host, port))


def refusal(ip: IpAddress) -> str | None:
    """Why a download may not connect to ip (loopback, private, ...), or None if it is public."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for name in ("loopback", "link_local", "unspecified", "multicast", "reserved", "private"):
        if getattr(ip, f"is_{name}"):
            return f"a {name.replace('_', '-')} address"
    if not ip.is_global:
        return "not a public address"
    return None


def public_address(url: SplitResult) -> tuple[str, int]:
    """The address (and port) to connect to for url: every address its host resolves to must
    be public, so a name cannot hide an inward address behind a public one."""
    host, port = url.hostname or "", url.port or (443 if url.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise ImageError(f"{host}: cannot be resolved ({exc})", transient=True) from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if not addresses:
        raise ImageError(f"{host}: cannot be resolved")
    for address in addresses:
        why = refusal(ipaddress.ip_address(address.split("%")[0]))
        if why and (address, port) not in _OPENED:
            raise RefusedAddressError(f"{host}: refused, {address} is {why}")
    return addresses[0], port
