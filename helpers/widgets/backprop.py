"""Lesson 04 (backpropagation calculus): widgets."""

__all__ = []
