"""Lesson 04's figures and widget figures: readable on a laptop (helpers.plots._core rules), honest readouts."""

import re

import numpy as np
import pytest
from matplotlib.text import Text

from helpers import load_digits, load_trained_network, plots, widgets
from helpers.backprop import dependency_path
from helpers.plots._core import readability_problems


@pytest.fixture(scope="module")
def data():
    _, (X_test, y_test) = load_digits()
    return X_test, y_test


def test_every_lesson_04_figure_is_readable(data):
    X_test, y_test = data
    net = load_trained_network()
    figures = {
        "sigmoid": plots.sigmoid_and_derivative(),
        "dependency tree": plots.dependency_tree(),
        "branching tree": plots.branching_tree(),
        "finite differences": plots.finite_difference_error(net, X_test[:1], y_test[:1], layer=2,
                                                            j=int(y_test[0]), k=3),
    }
    for name, fig in figures.items():
        assert readability_problems(fig) == [], name


def test_dependency_tree_lights_the_path_of_w_L():
    fig = plots.dependency_tree()
    texts = [t.get_text() for t in fig.axes[0].texts if t.get_text()]
    assert r"$\partial z^{(L)}/\partial w^{(L)}$" in texts
    assert r"$\partial C_0/\partial a^{(L)}$" in texts
    assert len([t for t in texts if t.startswith(r"$\partial")]) == 3      # one factor per arrow of the path


@pytest.mark.parametrize("settings", [{}, {"w1": 4.0, "b1": 4.0}, {"a0": 0.0, "y": 0.0}, {"w2": -4.0}])
def test_chain_explorer_figure_is_readable(settings):
    chain = widgets.chain_explorer()
    chain.set(**settings)
    assert readability_problems(chain.view.figure) == []
    assert readability_problems(chain.tree_view.figure) == []


@pytest.mark.parametrize("settings", [dict(layer=0, j=5, k=300), dict(layer=1, parameter="bias", j=3),
                                      dict(layer=2, j=9, k=15, delta=-3.0), dict(network="untrained (seed 0)")])
def test_network_nudger_figure_is_readable(settings):
    nudger = widgets.network_nudger()
    nudger.set(**settings)
    assert readability_problems(nudger.view.figure) == []


@pytest.fixture(scope="module")
def as_built():
    """A chain explorer and a network nudger as they are built, for the tests that only read them (each build draws
    its figures: built once here, not once per test). A test that moves a slider builds its own."""
    return widgets.chain_explorer(), widgets.network_nudger()


def test_widget_figures_fit_the_notebook(as_built):
    """Shown at their own size (never shrunk by the browser): at most 740 px wide, so they fit the ~758 px
    output area of a notebook 860 px wide (1280x800 window, JupyterLab's side panel open)."""
    chain, nudger = as_built
    for view in (chain.view, chain.tree_view, nudger.view):
        width_px = view.figure.get_figwidth() * view.figure.dpi
        assert width_px <= 740
        assert view.widget.layout.width == f"{round(width_px)}px"
    # the chain and the cost box beside it fit the output area too, or the row wraps
    assert chain.view.figure.get_figwidth() * chain.view.figure.dpi + 180 <= 758
    assert chain.children[1].layout.flex_flow == "row wrap"


def test_slider_rows_wrap_instead_of_overflowing(as_built):
    chain, nudger = as_built
    assert chain.children[0].layout.flex_flow == "row wrap"
    assert nudger.children[0].layout.flex_flow == "row wrap"
    # three columns of chain sliders fit the ~758 px output area side by side, with room for margins
    assert sum(int(column.children[0].layout.width.rstrip("px")) for column in chain.children[0].children) <= 720


def test_input_k_is_disabled_for_a_bias():
    nudger = widgets.network_nudger()
    assert not nudger.controls["k"].disabled
    nudger.set(parameter="bias")
    assert nudger.controls["k"].disabled
    nudger.set(parameter="weight")
    assert not nudger.controls["k"].disabled


def test_readouts_never_show_minus_zero():
    chain = widgets.chain_explorer()
    chain.set(w3=0.0)                      # dC0/da(2) = w(3) ... = 0 with a sign: -0.0 in floating point
    assert chain.values["dC/dw2"] == 0.0
    assert "-0.000" not in chain.table.value and "−0.000" not in chain.table.value
    nudger = widgets.network_nudger()
    nudger.set(delta=0.0)
    assert nudger.values["slope_at_start"] != 0
    for readout in nudger.readouts.values():
        assert "-0.00000000" not in readout.value


def test_chain_tree_starts_on_the_lessons_first_formula(as_built):
    chain, _ = as_built
    assert chain.values["path"] == dependency_path("w3")
    assert np.isclose(chain.values["path product"], chain.values["dC/dw3"], rtol=1e-12)


# ----- the Simplified Chinese edition --------------------------------------------------------------

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


def test_lesson_04_figures_speak_chinese_with_the_math_in_unicode(data, zh_cn):
    X_test, y_test = data
    net = load_trained_network()
    figures = {
        "sigmoid": plots.sigmoid_and_derivative(),
        "dependency tree": plots.dependency_tree(),
        "branching tree": plots.branching_tree(),
        "finite differences": plots.finite_difference_error(net, X_test[:1], y_test[:1], layer=2, j=4, k=3),
    }
    for name, fig in figures.items():
        fig.draw_without_rendering()
        texts = [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]
        assert any(CJK.search(t) for t in texts), name
        assert [t for t in texts if CJK.search(t) and "$" in t] == [], name     # matplotlib: no Chinese in $...$
        assert readability_problems(fig) == [], name
    assert figures["sigmoid"].axes[0].get_title() == "sigmoid 函数及其导数"
    assert figures["sigmoid"].axes[0].get_xlabel() == "加权输入 z"
    title = figures["finite differences"].axes[0].get_title()
    assert "第 3 层" in title and "有限差分" in title and "j = 4" in title and "k = 3" in title
    assert "谁依赖谁" in figures["dependency tree"].axes[0].get_title()
    # the tree's own nodes stay math: the same in every language
    assert figures["dependency tree"].axes[0].texts[0].get_text() == "$a^{(L-2)}$"
