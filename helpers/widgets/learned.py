"""Lesson 05 (what the network really learned): widgets."""

__all__ = []
