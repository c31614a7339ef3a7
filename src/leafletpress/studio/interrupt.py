"""Ctrl-C in the studio's loops: the loop stops, and the build's worker processes leave without a word.

The terminal sends Ctrl-C to every process in its foreground group: to `watch` or `serve`, and
to the worker processes a build forked from it, each of which would print its own traceback.
"""

from __future__ import annotations

import os
import signal


def quiet_ctrl_c() -> None:
    """From now on Ctrl-C raises KeyboardInterrupt in this process, and ends a process forked from it at once."""
    parent = os.getpid()

    def interrupted(signum, frame):
        if os.getpid() != parent:
            os._exit(128 + signum)  # a worker: its parent stops the build and cleans up; nothing to say
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupted)
