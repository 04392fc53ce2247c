"""Lesson 02 (gradient descent): plots."""

__all__ = []
