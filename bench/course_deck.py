"""The deck flow on the simulated services, as bench.course's workers run it.

A worker imports this module in each flow run's process; importing it puts the simulated
edge-tts and image search in place there (the LLM is one server the bench runs for all).
"""

import os

from bench.costs import Costs
from bench.services import install
from flows.presentation import presentation

install(
    Costs(time_scale=float(os.environ["LECTRA_BENCH_TIME_SCALE"])), os.environ["LECTRA_OLLAMA_URL"]
)

__all__ = ["presentation"]
