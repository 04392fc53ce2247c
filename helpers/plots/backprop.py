"""Lesson 04 (backpropagation calculus): plots."""

__all__ = []
