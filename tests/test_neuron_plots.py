"""Lesson 01's drawings: the hand-made weight patterns and the figures built from them."""

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from helpers import load_digits, load_trained_network, plots
from helpers.plots import neuron


@pytest.mark.parametrize("name", neuron.PATTERN_NAMES)
def test_patterns_are_28_by_28_weights_in_minus_one_to_one(name):
    w = plots.pattern_weights(name)
    assert w.shape == (28, 28) and np.all(np.isfinite(w))
    assert np.all(np.abs(w) <= 1.0)
    np.testing.assert_array_equal(w, plots.pattern_weights(name))       # seeded: the same every call
    w[0, 0] = 123.0                                                      # a fresh array each call
    assert plots.pattern_weights(name)[0, 0] != 123.0


def test_loop_detector_is_a_positive_ring_with_negative_centre_and_outside():
    w = plots.pattern_weights("loop, upper half")      # centre (row 10, column 14), radius 4
    assert w[10, 14 + 4] == 1.0 and w[10 - 4, 14] == 1.0
    assert w[10, 14 + 1] == -1.0 and w[10, 14 + 7] == -1.0
    assert w[26, 0] == 0.0


def test_unknown_pattern_is_named():
    with pytest.raises(ValueError, match="pattern must be one of"):
        plots.pattern_weights("spiral")


def test_sigmoid_and_relu_draw_the_two_formulas():
    fig = plots.sigmoid_and_relu()
    left, right = fig.axes
    z, a = left.lines[0].get_data()
    np.testing.assert_allclose(a, 1 / (1 + np.exp(-z)), rtol=1e-12, atol=1e-15)
    z, r = right.lines[0].get_data()
    np.testing.assert_array_equal(r, np.maximum(z, 0))
    assert left.get_title() and right.get_title() and left.get_xlabel() and left.get_legend()


def test_weight_drawings_follow_the_palette():
    try:
        plots.use_palette("colorblind")
        fig = plots.weight_patterns()
        image = fig.axes[0].images[0]
        assert image.cmap(1.0) == to_rgba(plots.positive_color())
        assert image.cmap(0.0) == to_rgba(plots.negative_color())
    finally:
        plots.use_palette("video")


def test_other_figures_have_titles():
    (_, _), (X_test, _) = load_digits()
    net = load_trained_network()
    for fig in (plots.network_structure(), plots.hope_of_layers(), plots.layer_as_matrix(net, X_test[0], 3)):
        fig.canvas.draw()
        titles = [fig.get_suptitle()] + [ax.get_title() for ax in fig.axes]
        assert any(titles)
    bars = plots.layer_as_matrix(net, X_test[0], 3).axes[-1].patches
    expected = 1 / (1 + np.exp(-(net.weights[0] @ X_test[0] + net.biases[0])))
    np.testing.assert_allclose([bar.get_width() for bar in bars], expected, rtol=1e-9, atol=1e-12)
