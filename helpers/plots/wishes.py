"""Lesson 03 (what backpropagation is really doing): plots."""

__all__ = []
