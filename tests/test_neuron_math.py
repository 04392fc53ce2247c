"""Lesson 01's own math (helpers/neuron.py): the small matrix-vector product of section 4."""

import numpy as np

from helpers.neuron import connection_contributions, matrix_vector_example


def test_matrix_vector_example_is_each_row_dotted_with_a():
    example = matrix_vector_example()
    W, a, products, Wa = example["W"], example["a"], example["products"], example["Wa"]
    assert W.shape == (3, 4) and a.shape == (4,) and Wa.shape == (3,)
    np.testing.assert_array_equal(Wa, W @ a)                                    # what the math writes
    np.testing.assert_array_equal(Wa, [W[j] @ a for j in range(3)])             # one dot product per row
    np.testing.assert_array_equal(Wa, [sum(W[j, k] * a[k] for k in range(4)) for j in range(3)])
    np.testing.assert_array_equal(products, connection_contributions(W, a))
    np.testing.assert_array_equal(Wa, [2.5, 1.5, -1.0])                         # the sums the figure writes in
    # the code's layout, one example per row: the same numbers
    np.testing.assert_array_equal((a[np.newaxis, :] @ W.T)[0], Wa)


def test_matrix_vector_example_shows_every_kind_of_term():
    """Row 0 (the one the lesson outlines) has a positive, a negative and a zero product."""
    products = matrix_vector_example()["products"][0]
    assert (products > 0).any() and (products < 0).any() and (products == 0).any()


def test_matrix_vector_example_is_a_fresh_copy():
    first = matrix_vector_example()
    first["W"][0, 0] = 99.0
    assert matrix_vector_example()["W"][0, 0] == 1.0
