"""Lesson 01 (what a neural network is): exercises."""

__all__ = []
