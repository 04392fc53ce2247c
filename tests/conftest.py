"""Fixtures shared by several test files."""

import warnings

import pytest


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
