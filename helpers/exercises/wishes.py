"""Lesson 03 (what backpropagation is really doing): exercises."""

__all__ = []
