"""Lesson 01 (what a neural network is): widgets."""

__all__ = []
