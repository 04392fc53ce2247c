"""The browser harness itself, on a tiny fixture notebook (tests/fixtures/slider.ipynb).

JupyterLab runs the fixture in headless Chromium; the test moves its weight slider
and checks that the cost the browser shows is, character for character, the
cost `helpers` computes here in the test process for that weight.
"""

import numpy as np
import pytest
from jupyterlab_browser import jupyterlab

from helpers import Network

# One worker runs every browser test (pytest -n 2 --dist loadgroup): two JupyterLabs
# plus two Chromiums at once would fight over a 2-core CI machine.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

FIXTURE = "tests/fixtures/slider.ipynb"

# The same network and data as the fixture's setup cell.
X = np.array([[0.0, 0.25, 0.5, 1.0],
              [1.0, 0.75, 0.5, 0.0]])
y = np.array([0, 1])


def cost_text(weight):
    """What the fixture's readout must show when weights[0][0, 0] == weight."""
    net = Network([4, 3, 2], seed=0)
    net.weights[0][0, 0] = weight
    return f"{net.cost(X, y):.6f}"


def test_slider_sets_weight_and_readout_shows_helpers_cost():
    # Slider: value 0.5, step 0.25 (exact in binary), so these weights are exact.
    start, after_keys, typed = 0.5, 0.5 + 3 * 0.25, -1.0
    assert len({cost_text(start), cost_text(after_keys), cost_text(typed)}) == 3, \
        "the three weights must give different costs, or the test proves nothing"

    with jupyterlab() as lab, lab.notebook(FIXTURE, screenshot="harness-slider") as nb:
        nb.run_all()
        nb.wait_for_text("nudge-readout-test", cost_text(start))

        nb.press_slider("nudge-slider-test", steps=+3)
        nb.wait_for_text("nudge-readout-test", cost_text(after_keys))
        assert nb.slider_readout("nudge-slider-test") == "1.25"

        nb.set_slider("nudge-slider-test", typed)
        nb.wait_for_text("nudge-readout-test", cost_text(typed))
        assert nb.slider_readout("nudge-slider-test") == "-1.00"

        # End on the keyboard-moved state, so the screenshot shows a moved slider.
        nb.press_slider("nudge-slider-test", steps=+9)
        nb.wait_for_text("nudge-readout-test", cost_text(typed + 9 * 0.25))
