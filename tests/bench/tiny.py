"""The ``--tiny`` flag of every benchmark: the same code at tiny sizes, seconds to run.

The test suite runs each benchmark this way (``tests/bench_smoke``), so one that no longer
runs against the code it measures is noticed the day it breaks, not the day it is needed.
"""

from __future__ import annotations

import argparse
from typing import Any


def parse_arguments(parser: argparse.ArgumentParser, tiny: dict[str, Any]) -> argparse.Namespace:
    """*parser*'s arguments, and ``--tiny``, which puts the sizes in *tiny* in their place."""
    parser.add_argument(
        "--tiny",
        action="store_true",
        help="tiny sizes: shows that the benchmark runs; its figures mean nothing",
    )
    arguments = parser.parse_args()
    if arguments.tiny:
        vars(arguments).update(tiny)
    return arguments
