"""Lesson 04 (backpropagation calculus): exercises."""

__all__ = []
