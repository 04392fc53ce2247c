"""Ctrl-C and Jupyter's stop button, turned into a clean stop between two steps of work.

Jupyter's stop button sends SIGINT, which Python raises as KeyboardInterrupt wherever
the code happens to be: halfway through updating the weights, say. Inside
`stop_requests()` the first SIGINT only sets `requested`; the loop checks it between
steps and ends with everything consistent. A second press stops at once, as usual.
"""

import contextlib
import signal
import threading


class StopRequest:
    """Set by the first Ctrl-C (or stop button) inside `stop_requests()`.

    `outermost` is True for the request no other `stop_requests()` encloses: a loop
    inside a larger piece of work (one training inside an experiment) leaves telling
    the learner to the outermost one.
    """

    def __init__(self, outermost):
        self.requested = False
        self.outermost = outermost


_depth = 0


@contextlib.contextmanager
def stop_requests():
    """Yield a StopRequest; restore the previous SIGINT handler on the way out."""
    global _depth
    request = StopRequest(outermost=_depth == 0)
    if threading.current_thread() is not threading.main_thread():
        yield request            # signals reach only the main thread: nothing to catch here
        return

    def first_press(signum, frame):
        if request.requested:
            raise KeyboardInterrupt
        request.requested = True

    previous = signal.signal(signal.SIGINT, first_press)
    _depth += 1
    try:
        yield request
    finally:
        _depth -= 1
        signal.signal(signal.SIGINT, previous)
