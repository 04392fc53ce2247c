"""Lesson 05's figures: what they show, checked on their data."""

import numpy as np

from helpers import Network, load_digits, plots
from helpers.plots._core import readability_problems

(X_TRAIN, _Y), _TEST = load_digits()


def output_z():
    return {str(sizes): Network(sizes, seed=0).feedforward(X_TRAIN[:1000])[0][-1]
            for sizes in ([784, 16, 16, 10], [784, 100, 10])}


def test_saturation_shows_the_wide_net_starting_saturated():
    z = output_z()
    fig = plots.saturation(z)
    shares = fig.saturation_shares
    for label, values in z.items():
        assert shares[label] == np.mean(np.abs(values) > 4)
    assert shares["[784, 100, 10]"] > 0.3 > 0.1 > shares["[784, 16, 16, 10]"]
    left, right = fig.axes[:2]
    legend = [t.get_text() for t in right.get_legend().get_texts()]
    assert any("[784, 100, 10]" in t and f"{shares['[784, 100, 10]']:.0%}" in t for t in legend)
    assert "0.018" in left.get_title()                     # sigma'(4) = 0.0177
    assert left.get_xlabel() and right.get_ylabel() and fig._suptitle.get_text()
    assert readability_problems(fig) == []


def test_saturation_draws_the_sigmoid_and_its_slope():
    fig = plots.saturation({"net": np.array([0.0, 5.0, -6.0, 1.0])})
    lines = fig.axes[0].get_lines()
    z, slope = lines[1].get_data()
    assert np.isclose(slope.max(), 0.25) and np.isclose(z[np.argmax(slope)], 0.0, atol=0.06)
    assert fig.saturation_shares["net"] == 0.5


def test_saturation_speaks_chinese(zh_cn):
    from helpers.core.languages import _

    fig = plots.saturation(output_z())
    assert fig._suptitle.get_text() == _("Saturation: where the sigmoid is flat, an output hardly learns")
    assert readability_problems(fig) == []
