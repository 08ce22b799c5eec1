"""The ``stubwright`` command: the command line inside a Ctrl-C guard.

A terminal's Ctrl-C can land anywhere: while ``generator.cli`` imports
black and Jinja, in the middle of parsing, in a worker process. The
pipeline keeps the output consistent (nothing is written before the swap,
and the swap itself is not interruptible, see ``pipeline.apply_plan``);
here the interrupt becomes one line and exit code 130, never a traceback,
and the process ends at once (``os._exit``: the worker processes are
stopped already, and waiting for the pool's threads at interpreter exit
could hang on a queue a stopped worker left half-read).
"""

from __future__ import annotations

import os
import signal
import sys

INTERRUPTED = "stubwright: interrupted; output left as it was"


def run() -> int:
    try:
        from .cli import main

        return main()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C: no traceback either
        print(INTERRUPTED, file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
