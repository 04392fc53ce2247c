"""Lessons 04, 01, 06 and the Chinese lesson 04 in a real JupyterLab in headless Chromium: move a slider like a learner,
and check that the numbers the page shows are the ones `helpers` computes here for that setting.
Each runs at 1280x800 with the file browser open and first checks that its widgets fit
(tests/test_browser_layout.py's rules), so no lesson needs a second browser run for that."""

import contextlib
import html
import re
import time
from pathlib import Path

import numpy as np
import pytest
from jupyterlab_browser import jupyterlab
from test_browser_layout import DRIVEN_ELSEWHERE, LAPTOP, assert_widgets_fit, widget_cells_only

from helpers import Network, load_digits, load_trained_network
from helpers.backprop import chain_rule_terms
from helpers.core import evaluation
from helpers.core.activations import sigmoid
from helpers.core.gradcheck import numerical_partial

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

REPO_ROOT = Path(__file__).resolve().parents[1]
LESSON_04 = "lessons/04-Backpropagation-Calculus.ipynb"
LESSON_01 = "lessons/01-What-Is-A-Neural-Network.ipynb"


@contextlib.contextmanager
def run_on_a_laptop(lesson, screenshot):
    """Open `lesson`'s widget cells (test_browser_layout.widget_cells_only: the whole lesson runs in
    test_lessons.py) in a JupyterLab of its own at 1280x800 with the file browser open, Run All, and check
    that its widgets fit (test_browser_layout.py's rules, which skips the lessons driven here)."""
    with jupyterlab() as lab:
        path = widget_cells_only(REPO_ROOT / lesson, lab.root_dir)
        with lab.notebook(path, screenshot=screenshot, viewport=LAPTOP, side_panel=True) as nb:
            nb.run_all()
            assert nb.kernel_errors == []
            assert_widgets_fit(nb, lesson.removeprefix("lessons/"))
            yield nb

# The chain explorer's defaults (helpers/widgets/backprop.py) and the slider step, exact in binary.
CHAIN_W, CHAIN_B, CHAIN_A0, CHAIN_Y, STEP = [1.5, -2.0, 2.5], [-0.5, 1.0, -1.0], 0.8, 1.0, 0.05


def chain_expected(w3):
    """Cost and dC/dw(3) two ways, as the chain explorer should print them for this w(3)."""
    w = CHAIN_W[:2] + [w3]
    _, activations, terms = chain_rule_terms(w, CHAIN_B, CHAIN_A0, CHAIN_Y)
    chain = Network([1, 1, 1, 1])
    for i in range(3):
        chain.weights[i][0, 0], chain.biases[i][0] = w[i], CHAIN_B[i]
    finite = numerical_partial(chain, np.array([[CHAIN_A0]]), np.array([[CHAIN_Y]]), 2, 0, 0)
    cost = (activations[-1] - CHAIN_Y) ** 2
    return f"{cost:.8f}", f"{terms['w3'].value:+.10f}", f"{finite:+.10f}"


def nudger_expected(delta, digit=0, layer=2, k=0):
    """Cost and dC/dw by backprop and finite difference for the nudger's default weight, moved by delta."""
    _, (X_test, y_test) = load_digits()
    x, label = X_test[digit], int(y_test[digit])
    net = load_trained_network()
    net.weights[layer][label, k] += delta       # the nudger's default neuron j is the label's output
    grad_w, _ = net.gradient(x[None], [label])
    finite = numerical_partial(net, x[None], [label], layer, label, k)
    return f"{net.cost(x[None], [label]):.8f}", f"{grad_w[layer][label, k]:+.10f}", f"{finite:+.10f}"


def test_lesson_04_sliders_show_the_helpers_numbers():
    start, moved = chain_expected(2.5), chain_expected(2.5 + 3 * STEP)
    assert start[0] != moved[0] and start[1] != moved[1], "the move must change what is checked"
    nudged = nudger_expected(0.5)
    assert nudged != nudger_expected(0.0)

    with run_on_a_laptop(LESSON_04, screenshot="lesson-04") as nb:
        # the chain explorer: three keyboard steps of w(3)
        nb.wait_for_text("nudge-chain-cost", start[0])
        nb.wait_for_text("nudge-bp-w3", start[1])
        nb.press_slider("nudge-slider-w3", steps=+3)
        nb.wait_for_text("nudge-chain-cost", moved[0])
        nb.wait_for_text("nudge-bp-w3", moved[1])
        nb.wait_for_text("nudge-fd-w3", moved[2])
        assert nb.slider_readout("nudge-slider-w3") == "2.65"
        # the network nudger: type Δ = 0.5 into the slider's box
        nb.set_slider("nudge-slider-delta", 0.5)
        nb.wait_for_text("nudger-cost-value", nudged[0])
        nb.wait_for_text("nudger-bp", nudged[1])
        nb.wait_for_text("nudger-fd", nudged[2])
        nb.widget("nudge-nudger").scroll_into_view_if_needed()


def neuron_expected(w1, a1=0.5, b=0.0):
    """The single-neuron widget's activation readout (lesson 01 starts it at w1=1, a1=0.5, b=0)."""
    return f"activation a = σ(z) = {float(sigmoid(w1 * a1 + b)):.6f}"


def test_lesson_01_neuron_sliders_show_the_sigmoid():
    with run_on_a_laptop(LESSON_01, screenshot="lesson-01") as nb:
        nb.wait_for_text("nudge-readout-neuron-activation", neuron_expected(1.0))
        nb.press_slider("nudge-slider-neuron-w1", steps=+5)           # w1: 1.0 -> 1.5
        nb.wait_for_text("nudge-readout-neuron-activation", neuron_expected(1.5))
        nb.set_slider("nudge-slider-neuron-bias", -2.0)
        nb.wait_for_text("nudge-readout-neuron-activation", neuron_expected(1.5, b=-2.0))
        assert nb.slider_readout("nudge-slider-neuron-w1") == "1.50"


LESSON_06 = "lessons/06-The-Lab.ipynb"


def lab_expected(tau, off):
    """Lesson 06's readouts as the abstain and ablation widgets should print them (zero replacement)."""
    _, (X_test, y_test) = load_digits()
    net = load_trained_network()
    coverage, accuracy = evaluation.coverage_and_accuracy(net.forward(X_test), y_test, tau)
    ablated = evaluation.ablation_accuracy(net, X_test, y_test, off)[0]
    return f"{coverage:.2%}", f"{accuracy:.2%}", f"{ablated:.2%}"


def test_lesson_06_tau_slider_and_ablation_checkbox_show_the_helpers_numbers():
    start, moved = lab_expected(0.5, []), lab_expected(0.9, [(1, 11)])
    assert start != moved, "the moves must change what is checked"

    with run_on_a_laptop(LESSON_06, screenshot="lesson-06") as nb:
        # the reject option: type τ = 0.9 into the slider's box
        nb.wait_for_text("nudge-readout-abstain-coverage", start[0])
        nb.wait_for_text("nudge-readout-abstain-accuracy", start[1])
        nb.set_slider("nudge-slider-tau", 0.9)
        nb.wait_for_text("nudge-readout-abstain-coverage", moved[0])
        nb.wait_for_text("nudge-readout-abstain-accuracy", moved[1])
        assert nb.slider_readout("nudge-slider-tau") == "0.90"
        # ablation: tick neuron 11 of hidden layer 1 off (zero replacement, the default)
        nb.wait_for_text("nudge-readout-ablation-accuracy", start[2])
        nb.widget("nudge-checkbox-l1n11").locator("input").check()
        nb.wait_for_text("nudge-readout-ablation-accuracy", moved[2])
        nb.widget("nudge-readout-ablation-accuracy").scroll_into_view_if_needed()
        nb.screenshot("lesson-06-ablation")
        # training you can watch: ▶ trains tick by tick, ⏸ stops it, and nothing runs on after the pause
        play = nb.widget("nudge-play-watch")
        play.scroll_into_view_if_needed()
        untrained = nb.text("nudge-readout-watch")
        assert untrained.startswith("epoch 1 · 0 examples seen")
        play.locator("button").nth(0).click()                     # ▶
        nb.wait_for_text_change("nudge-readout-watch", untrained)
        time.sleep(1.0)                                            # a few more ticks
        play.locator("button").nth(1).click()                     # ⏸
        time.sleep(2.0)                                            # let ticks already sent arrive
        paused = nb.text("nudge-readout-watch")
        time.sleep(2.0)
        assert nb.text("nudge-readout-watch") == paused != untrained
        assert nb.kernel_errors == []
        nb.screenshot("lesson-06-watch")


LESSON_04_ZH = "lessons/zh-CN/04-Backpropagation-Calculus.ipynb"


def shown_text(widget, css_class):
    """The text a learner sees in the descendant of `widget` with this CSS class (HTML tags dropped)."""
    if css_class in getattr(widget, "_dom_classes", ()):
        return html.unescape(re.sub(r"<[^>]+>", "", widget.value))
    for child in getattr(widget, "children", ()):
        text = shown_text(child, css_class)
        if text is not None:
            return text
    return None


def test_zh_cn_lesson_04_shows_chinese_readouts_with_the_same_numbers(zh_cn):
    """The Chinese edition in the browser: Chinese words, the English edition's numbers, and a fit on a laptop."""
    from helpers import widgets

    readout = "nudge-readout-cost"
    chain = widgets.chain_explorer()
    start = shown_text(chain, readout)
    chain.set(w3=2.5 + 3 * STEP)
    moved = shown_text(chain, readout)
    assert re.search(r"[\u4e00-\u9fff]", start), f"the readout is not Chinese: {start!r}"
    assert start.endswith(chain_expected(2.5)[0]) and moved.endswith(chain_expected(2.5 + 3 * STEP)[0])

    with run_on_a_laptop(LESSON_04_ZH, screenshot="lesson-04-zh-CN") as nb:
        nb.wait_for_text(readout, start)
        nb.press_slider("nudge-slider-w3", steps=+3)
        nb.wait_for_text(readout, moved)
        assert nb.slider_readout("nudge-slider-w3") == "2.65"
        nb.widget(readout).scroll_into_view_if_needed()
        nb.screenshot("lesson-04-zh-CN-chain")


def test_the_layout_test_skips_exactly_the_english_lessons_driven_here():
    assert {Path(lesson).name for lesson in (LESSON_01, LESSON_04, LESSON_06)} == DRIVEN_ELSEWHERE
