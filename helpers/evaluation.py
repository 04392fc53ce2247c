"""How well a trained network does, counted: the numbers behind lessons 02 and 06's confusion matrices."""

import numpy as np

__all__ = ["confusion_counts"]


def confusion_counts(labels, predictions, n=10):
    """counts[i, j] = how many examples with true label i the network called j (rows: truth).

    Each row sums to the number of examples with that label; the diagonal holds the
    right answers, so trace / total is the accuracy.
    """
    counts = np.zeros((n, n), dtype=int)
    np.add.at(counts, (np.asarray(labels, dtype=int), np.asarray(predictions, dtype=int)), 1)
    return counts
