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
_held = None      # within held_interrupts(): the presses it holds back


@contextlib.contextmanager
def stop_requests():
    """Yield a StopRequest; restore the previous SIGINT handler on the way out."""
    global _depth
    request = StopRequest(outermost=_depth == 0)
    if threading.current_thread() is not threading.main_thread():
        yield request            # signals reach only the main thread: nothing to catch here
        return

    def first_press(signum, frame):
        if _held is not None:                      # within held_interrupts(): it acts when they end
            _held.append(frame)
            return
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


class held_interrupts:
    """Hold Ctrl-C during a few lines that must not stop halfway (a step's update of every layer).

    A press that comes meanwhile goes to the handler that was in place as soon as the lines
    are done: inside `stop_requests()` a stop request (pressed twice, KeyboardInterrupt),
    elsewhere Python's KeyboardInterrupt. Inside `stop_requests()` this costs a flag, not a
    new signal handler (a training step uses it every time).
    """

    def __enter__(self):
        global _held
        self.active = _held is None and threading.current_thread() is threading.main_thread()
        if self.active:
            _held = []
            if _depth == 0:                        # no handler of ours to consult the flag: install one
                self.previous = signal.signal(signal.SIGINT, lambda signum, frame: _held.append(frame))
        return self

    def __exit__(self, *exc):
        global _held
        if not self.active:
            return False
        if _depth == 0:
            signal.signal(signal.SIGINT, self.previous)
        pressed, _held = _held, None
        if not pressed:
            return False
        handler = self.previous if _depth == 0 else signal.getsignal(signal.SIGINT)
        for frame in pressed:
            if callable(handler):
                handler(signal.SIGINT, frame)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(signal.SIGINT)
        return False
