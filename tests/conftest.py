"""Fixtures shared by several test files."""

import signal
import threading
import warnings

import pytest


def _start_order(item):
    """0 for the browser's session, 1 for a lesson's two runs, 2 for another slow test, 3 for the site's group
    (JupyterLite's build and pages first, then the site, built from this run's lessons: test_site.py waits for any
    still running, so it comes after the other slow tests, when the lessons are most likely done), 4 for the rest."""
    group = next((str(mark.args[0]) for mark in item.iter_markers("xdist_group") if mark.args), "")
    if group == "browser":
        return 0
    if group.startswith("lesson-"):
        return 1
    if group == "site":
        return 3
    return 2 if item.get_closest_marker("slow") else 4


def pytest_collection_modifyitems(config, items):
    """The longest work first: pytest-xdist hands out tests (and groups) in collection order under
    --no-loadscope-reorder (make test; by default it hands out the biggest groups first), so a lesson's 70 s collected
    late would end the run on one core while the other waits. A worker is given its next group when it has at most
    two tests left, so the site's group, handed out after every lesson, never waits for a lesson queued behind it.
    The sort is stable: within each class the files keep their order, and every worker sorts its collection the same
    way."""
    items.sort(key=_start_order)


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
