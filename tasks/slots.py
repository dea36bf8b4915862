"""Service slots: the server's 'lectra-images', 'lectra-tts' and 'lectra-writer' global
concurrency limits held around the service call alone.

Tagging a task would hold a slot from before its cache lookup to its end, and every tagged run
would poll the server for one: that doubled a 10-slide run on a server. Here a slot is taken
only around the call that needs it: a cached step, and the CPU work around the call, hold none.
Within a process the in-process limiter queues calls first, so a run asks the server only for
slots it can use. A held lease is renewed while the call lasts, as Prefect's concurrency() does.
"""

import contextlib
import random
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from uuid import UUID

import httpx
from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.client.schemas.actions import (
    GlobalConcurrencyLimitCreate,
    GlobalConcurrencyLimitUpdate,
)
from prefect.client.schemas.objects import ConcurrencyLeaseHolder
from prefect.client.schemas.responses import ConcurrencyLimitWithLeaseResponse
from prefect.context import TaskRunContext
from prefect.exceptions import ObjectNotFound
from prefect.logging import get_run_logger
from prefect.settings import get_current_settings

from lectra.runtime.limits import LIMITER

LEASE_S = 300  # a dead process's slots come free after this
POLL_S = 0.2  # mean interval between requests for a slot the server has none of
LOGGED_WAIT_S = 0.05  # waits shorter than this are not worth a log line


def shared_server() -> bool:
    """True when runs report to a configured Prefect server rather than a temporary one."""
    return bool(get_current_settings().api.url)


def limit_name(tag: str) -> str:
    """The server's global concurrency limit for a kind of call (`prefect gcl create`)."""
    return f"lectra-{tag}"


def define_limit(client: SyncPrefectClient, tag: str, size: int) -> str:
    """Create the limit for tag with size slots, or set an existing one's size; says which."""
    name = limit_name(tag)
    try:
        client.read_global_concurrency_limit_by_name(name)
    except ObjectNotFound:
        client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=name, limit=size))
        return f"limit {name}: {size} (created)"
    client.update_global_concurrency_limit(name, GlobalConcurrencyLimitUpdate(limit=size))
    return f"limit {name}: {size}"


def remove_limit(client: SyncPrefectClient, tag: str) -> None:
    """Delete the limit for tag, if there is one."""
    with contextlib.suppress(ObjectNotFound):
        client.delete_global_concurrency_limit_by_name(limit_name(tag))


def server_limit(tag: str) -> int | None:
    """The server's active limit for tag, or None without a shared server or a limit."""
    if not shared_server():
        return None
    with get_client(sync_client=True) as client:
        try:
            limit = client.read_global_concurrency_limit_by_name(limit_name(tag))
        except ObjectNotFound:
            return None
    return limit.limit if limit.active else None


def _acquire(
    client: SyncPrefectClient, tag: str, holder: ConcurrencyLeaseHolder | None
) -> UUID | None:
    """A lease on one slot of tag's limit (None if the limit is gone), asked for every ~POLL_S.

    Prefect's own acquisition queues every request of a process behind one another and sleeps
    as long as the server's Retry-After, which grows with each denial up to 30 s: calls then
    idled with slots free. Here each call asks the server directly.
    """
    while True:
        try:
            response = client.increment_concurrency_slots_with_lease(
                names=[limit_name(tag)],
                slots=1,
                mode="concurrency",
                lease_duration=LEASE_S,
                holder=holder,
            )
            granted = ConcurrencyLimitWithLeaseResponse.model_validate(response.json())
            return granted.lease_id if granted.limits else None
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code != 423:  # 423 Locked: every slot is held
                raise
        time.sleep(POLL_S * random.uniform(0.5, 1.5))


@dataclass
class _Lease:
    id: UUID | None
    granted: float = field(default_factory=time.monotonic)


_spare: dict[str, list[_Lease]] = defaultdict(list)  # leases handed from one call to the next
_spare_lock = threading.Lock()


def _hand_on(tag: str, lease: _Lease) -> bool:
    """Keep a lease for a call of this process that waits for one, rather than release it.

    On a SQLite server a slot request waited seconds behind other writes; passing the slot on
    turns a run's ten narration calls into three requests. A lease is renewed by release and
    a new request once it is half used.
    """
    with _spare_lock:
        fresh = time.monotonic() - lease.granted < LEASE_S / 2
        if fresh and LIMITER.waiting.get(tag, 0) > len(_spare[tag]):
            _spare[tag].append(lease)
            return True
    return False


@contextmanager
def _server_slot(tag: str) -> Iterator[None]:
    with _spare_lock:
        lease = _spare[tag].pop() if _spare[tag] else None
    if lease is None:
        ctx = TaskRunContext.get()
        holder = ConcurrencyLeaseHolder(type="task_run", id=ctx.task_run.id) if ctx else None
        with get_client(sync_client=True) as client:
            lease = _Lease(_acquire(client, tag, holder))
    renewing = _Renewal(lease) if lease.id else None
    try:
        yield
    finally:
        if renewing:
            renewing.stop()
        if lease.id and not _hand_on(tag, lease):
            with get_client(sync_client=True) as client:
                client.release_concurrency_slots_with_lease(lease.id)


class _Renewal:
    """Renews a lease every half lease while a call holds it, so a call longer than LEASE_S
    keeps its slot; a dead process stops renewing, and its slot comes free."""

    def __init__(self, lease: _Lease) -> None:
        self.lease = lease
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lectra-lease", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(LEASE_S / 2):
            with contextlib.suppress(httpx.HTTPError), get_client(sync_client=True) as client:
                client.renew_concurrency_lease(self.lease.id, LEASE_S)  # type: ignore[arg-type]
                self.lease.granted = time.monotonic()

    def stop(self) -> None:
        """Stop renewing (the call is over)."""
        self._stop.set()


@contextmanager
def service_slot(
    tag: str, size: int, server_limit: int | None = None, run: str = ""
) -> Iterator[float]:
    """Hold one slot of tag: one of run's size in this process and, given its limit, one of the
    server's.

    Yields the seconds spent waiting for both; a wait is logged on the task run.
    """
    began = time.perf_counter()
    local = min(size, server_limit) if server_limit else size  # ask only for what can be had
    with LIMITER.slot(tag, local, run), _server_slot(tag) if server_limit else nullcontext():
        waited = time.perf_counter() - began
        if waited >= LOGGED_WAIT_S and TaskRunContext.get():
            get_run_logger().info("waited %.2f s for a '%s' slot", waited, tag)
        yield waited


class TaskSlots:
    """Slots of one tag taken call by call within a task, and how long the task was held up.

    A wait counts when no other call of the task held a slot meanwhile: parallel calls
    waiting together hold the task up once.
    """

    def __init__(self, tag: str, size: int, server_limit: int | None = None, run: str = "") -> None:
        self.tag, self.size, self.server_limit, self.run = tag, size, server_limit, run
        self.waited = 0.0
        self.held: list[tuple[float, float]] = []  # (epoch from, to) of each call's slot
        self._holding = 0
        self._lock = threading.Lock()

    @contextmanager
    def __call__(self) -> Iterator[float]:
        """Hold one slot for one call."""
        with service_slot(self.tag, self.size, self.server_limit, self.run) as waited:
            with self._lock:
                if self._holding == 0:
                    self.waited += waited
                self._holding += 1
            began = time.time()
            try:
                yield waited
            finally:
                with self._lock:
                    self._holding -= 1
                    self.held.append((began, time.time()))
