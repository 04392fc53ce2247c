"""Lesson 03 (what backpropagation is really doing): widgets."""

__all__ = []
