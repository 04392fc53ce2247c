"""Lesson 05 (what the network really learned): exercises."""

__all__ = []
