"""Lesson 02 (gradient descent): exercises."""

__all__ = []
