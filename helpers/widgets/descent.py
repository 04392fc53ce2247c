"""Lesson 02 (gradient descent): widgets."""

__all__ = []
