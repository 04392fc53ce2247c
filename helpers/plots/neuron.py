"""Lesson 01 (what a neural network is): plots."""

__all__ = []
