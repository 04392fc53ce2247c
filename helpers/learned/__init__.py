"""Lesson 05's numbers: what the trained network really learned (NumPy only).

- images.py       preparing and changing images: MNIST's centring, shifts, thinner strokes, shuffled pixels
- probes.py       what the network does with them: gradients with respect to the input, dreams, roughness
- experiments.py  the recipes lesson 05 trains, each run through the one training loop (core/training.py)
- results.py      the saved results of those experiments (data/results/*.json): reading, writing, summaries
"""
