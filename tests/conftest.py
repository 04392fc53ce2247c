"""Fixtures shared by several test files."""

import signal
import threading
import warnings

import pytest


@pytest.fixture(autouse=True, scope="session")
def pythons_own_ctrl_c():
    """Ctrl-C as a Jupyter kernel has it (Python's own handler), however the test process was started.

    A process started in the background by a non-interactive shell (CI's, often) inherits SIGINT
    *ignored*; the tests that press the stop button stand for a kernel, where it raises KeyboardInterrupt.
    """
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield


@pytest.fixture
def no_warnings():
    """Every warning becomes an error: a widget or walk that overflows must say so in words instead."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # ipywidgets 7 (Colab's) on a current ipykernel: a library's notice to another library, not ours
        warnings.filterwarnings("ignore", r"The `ipykernel\.comm\.Comm` class has been deprecated", DeprecationWarning)
        yield


@pytest.fixture
def zh_cn():
    """Run one test in the Simplified Chinese edition; English again afterwards, whatever happens."""
    from helpers import set_language

    set_language("zh-CN")
    try:
        yield
    finally:
        set_language("en")
