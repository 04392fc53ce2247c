"""Fixtures shared by several test files."""

import warnings

import pytest


@pytest.fixture
def no_warnings():
    """Every warning becomes an error: a widget or walk that overflows must say so in words instead."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield
