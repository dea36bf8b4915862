"""Process memory settings that keep a many-threaded run's footprint small."""

import ctypes
import ctypes.util

M_ARENA_MAX = -8  # glibc's mallopt parameter number


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """Cap glibc's malloc arenas; True if applied (only glibc has them).

    Every task thread otherwise gets an arena of its own that keeps freed memory: measured on
    a 20-slide run, peak RSS 492 MB with the default arenas and 323 MB with 2.
    """
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_ARENA_MAX, arenas))
