"""Time bounds for tests of what must not hang: a bound only a hang reaches, never a measure
of speed that a busy machine could miss."""

import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def ends_before(hang_s: float) -> Iterator[None]:
    """The block must end in under half of hang_s, the time its hostile counterpart (a server
    that drips, a program that sleeps, a FIFO no one writes) would hold it without the bound
    under test; any wait short of that is the machine's business, not the test's."""
    began = time.monotonic()
    yield
    took = time.monotonic() - began
    assert took < hang_s / 2, f"took {took:.1f} s: held as long as a hang ({hang_s} s)"
