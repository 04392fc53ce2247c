"""Lesson 06's static drawings show the numbers they are given, and those numbers are right."""

import re

import numpy as np
import pytest
from matplotlib.lines import Line2D

from helpers import lab, load_digits, load_trained_network, plots
from helpers.plots._core import readability_problems


@pytest.fixture(scope="module")
def cloud():
    return lab.demo_cloud()


def _line(ax, label):
    return next(line for line in ax.get_lines() if line.get_label() == label)


def test_principal_direction_draws_the_first_direction_its_projections_and_the_spread_it_keeps(cloud):
    fig = plots.principal_direction(cloud)
    left, right = fig.axes
    mean, components = lab.principal_components(cloud, 2)
    # the drawn line runs through the mean along the SVD's first direction
    line = _line(left, "1st principal direction")
    xs, ys = line.get_data()
    direction = np.array([xs[1] - xs[0], ys[1] - ys[0]])
    direction /= np.linalg.norm(direction)
    assert abs(abs(direction @ components[0]) - 1) < 1e-12
    assert np.allclose([np.mean(xs), np.mean(ys)], mean)
    # the projections: each foot lies on that line, and the step from a point to its foot is at right angles to it
    fx, fy = _line(left, "their projections").get_data()
    feet = np.column_stack([fx, fy])
    assert np.allclose((feet - mean) @ components[1], 0, atol=1e-12)
    assert np.allclose((cloud - feet) @ components[0], 0, atol=1e-12)
    # the title names the share kept, which is the first explained-variance ratio
    share = lab.explained_variance(cloud, 2)[0]
    assert f"{share:.0%}" in left.get_title()
    # the right panel: the share kept by a line at every angle, peaking at the marked first direction
    angles, shares = right.get_lines()[0].get_data()
    assert shares.max() == pytest.approx(share, abs=1e-3)
    marked = _line(right, next(t.get_text() for t in right.get_legend().get_texts()))
    assert abs(marked.get_xdata()[0] - angles[np.argmax(shares)]) <= 1
    assert re.search(rf"\({angles[np.argmax(shares)]:.0f}°\)|\({marked.get_xdata()[0]:.0f}°\)",
                     right.get_legend().get_texts()[0].get_text())
    assert readability_problems(fig) == []


def test_principal_direction_of_a_different_cloud_follows_its_data():
    rng = np.random.default_rng(1)
    upright = rng.normal(size=(80, 2)) * [0.3, 2.0] + [1, 1]     # spread along the y axis: 90 degrees
    fig = plots.principal_direction(upright)
    xs, ys = _line(fig.axes[0], "1st principal direction").get_data()
    assert abs(xs[1] - xs[0]) < 0.2 * abs(ys[1] - ys[0])
    marked = [line for line in fig.axes[1].get_lines() if isinstance(line, Line2D)][1]
    assert abs(marked.get_xdata()[0] - 90) < 10


def test_layer_maps_titles_print_each_layers_share_and_score():
    (_, _), (X, y) = load_digits()
    net = load_trained_network()
    maps = lab.layer_maps(net, X[:600], y[:600], X[:600], y[:600])
    fig = plots.layer_maps(maps, y[:600])
    for ax, m in zip(fig.axes, maps):
        assert f"{m['explained'].sum():.0%}" in ax.get_title()
        assert f"{m['accuracy_2d']:.1%}" in ax.get_title()
    assert readability_problems(fig) == []
