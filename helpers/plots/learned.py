"""Lesson 05 (what the network really learned): plots."""

__all__ = []
