"""Lesson 02's toy costs and descent walks (helpers.descent), checked against plain loops.

Every expected number is computed here independently: the cost and its slope are
written out again, and the walks are plain Python loops.
"""


import numpy as np
import pytest
from independent import C, dC, numeric_gradient, plain_descent, plain_descent_2d, surface

from helpers import descent as L

# ----- 1-D ----------------------------------------------------------------------

def test_cost_slope_and_curvature_are_the_formulas():
    ws = np.linspace(-2.5, 2.5, 41)
    np.testing.assert_allclose(L.cost_1d(ws), C(ws))
    np.testing.assert_allclose(L.slope_1d(ws), dC(ws))
    eps = 1e-6
    np.testing.assert_allclose(L.slope_1d(ws), (C(ws + eps) - C(ws - eps)) / (2 * eps), atol=1e-5)
    np.testing.assert_allclose(L.curvature_1d(ws), (dC(ws + eps) - dC(ws - eps)) / (2 * eps), atol=1e-5)


def test_the_minima_are_the_roots_of_the_slope():
    roots = np.sort(np.roots([4, 0, -6, 1]).real)
    assert L.DEEP_VALLEY_1D == pytest.approx(roots[0]) and L.HUMP_1D == pytest.approx(roots[1])
    assert L.SHALLOW_VALLEY_1D == pytest.approx(roots[2])
    assert C(roots[0]) < C(roots[2])          # the deep valley is the lower one
    assert round(roots[0], 2) == -1.30 and round(roots[1], 2) == 0.17 and round(roots[2], 2) == 1.13


@pytest.mark.parametrize("start, rate, where", [(2.0, 0.05, 1.131), (-2.0, 0.05, -1.301), (2.0, 0.1, -1.301)])
def test_walk_settles_where_the_curriculum_says(start, rate, where, no_warnings):
    walk = L.Walk1D(start, rate).step(300)
    assert walk.status() == "settled in a valley"
    assert walk.steps == 300
    assert walk.w == pytest.approx(where, abs=5e-4)
    assert walk.path == pytest.approx(plain_descent(start, rate, 300), abs=1e-12)


def test_walk_bounces_forever_at_rate_0_15(no_warnings):
    walk = L.Walk1D(2.0, 0.15).step(300)
    assert walk.status() == "bouncing (not settling)"
    low, high = walk.bounce_between()
    assert low == pytest.approx(-1.445, abs=5e-4) and high == pytest.approx(-1.085, abs=5e-4)
    walk.step(101)                                   # an odd number of steps later: the same two points
    assert walk.status() == "bouncing (not settling)"
    assert walk.bounce_between() == pytest.approx((low, high), abs=1e-9)


def test_walk_diverges_within_five_steps_and_then_stays_put(no_warnings):
    walk = L.Walk1D(2.0, 0.2).step(300)
    assert walk.status() == "diverged" and walk.diverged
    assert walk.steps <= 5
    assert abs(walk.w) > L.DIVERGENCE_BOUND and np.isfinite(walk.w)
    assert walk.path == pytest.approx(plain_descent(2.0, 0.2, 300))
    walk.step(10)
    assert walk.steps <= 5


def test_classify_walk_names_each_behaviour():
    assert L.classify_walk([1.0], False) == "not started"
    assert L.classify_walk([1.0, 20.0], True) == "diverged"
    assert L.classify_walk([1.0, 1.0 + 1e-8], False) == "settled in a valley"
    assert L.classify_walk([L.HUMP_1D, L.HUMP_1D], False) == "resting on the hump"
    assert L.classify_walk([0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0], False) == "bouncing (not settling)"
    assert L.classify_walk([0.0, 1.0, 0.5, 0.75, 0.625, 0.6875, 0.65625], False) == "still moving"   # shrinking
    assert L.classify_walk([2.0, 1.5, 1.2], False) == "still moving"
    assert set(L.STATUSES) == {"not started", "still moving", "settled in a valley", "resting on the hump",
                               "bouncing (not settling)", "diverged"}


# ----- 2-D ----------------------------------------------------------------------


def numeric_hessian(x, y, eps=1e-4):
    return np.array([(numeric_gradient(x + eps, y) - numeric_gradient(x - eps, y)) / (2 * eps),
                     (numeric_gradient(x, y + eps) - numeric_gradient(x, y - eps)) / (2 * eps)])


def test_surface_gradient_matches_finite_differences():
    rng = np.random.default_rng(0)
    for x, y in rng.uniform(-1.8, 1.8, size=(20, 2)):
        assert L.SURFACE.cost(x, y) == pytest.approx(surface(x, y))
        np.testing.assert_allclose(L.SURFACE.gradient(x, y), numeric_gradient(x, y), rtol=1e-6, atol=1e-6)


def test_surface_has_two_minima_and_a_saddle():
    flat = L.SURFACE.flat_points()
    assert set(flat) == {"deep valley", "saddle", "shallow valley"}
    kinds = {}
    for name, (x, y) in flat.items():
        np.testing.assert_allclose(numeric_gradient(x, y), 0, atol=1e-6)
        eig = np.linalg.eigvalsh((lambda H: (H + H.T) / 2)(numeric_hessian(x, y)))
        kinds[name] = "minimum" if eig.min() > 0 else ("saddle" if eig.min() < 0 < eig.max() else "maximum")
    assert kinds == {"deep valley": "minimum", "saddle": "saddle", "shallow valley": "minimum"}
    assert surface(*flat["deep valley"]) < surface(*flat["shallow valley"]) < surface(*flat["saddle"])


@pytest.mark.parametrize("start, valley", [((-0.3, 1.5), "deep valley"), ((0.3, 1.5), "shallow valley"),
                                           ((0.5, -1.0), "shallow valley"), ((-0.5, -1.0), "deep valley")])
def test_descend_2d_reaches_the_valley_of_its_start(start, valley, no_warnings):
    path, stop = L.descend_2d(start, 0.05)
    assert stop == "settled" and L.nearest_flat_point(path[-1]) == valley
    expected = plain_descent_2d(start, 0.05)
    np.testing.assert_allclose(path[-1], expected[-1], atol=1e-5)
    assert abs(len(path) - len(expected)) <= 2
    np.testing.assert_allclose(path[0], start)


def test_descend_2d_bounces_or_diverges_without_warnings(no_warnings):
    path, stop = L.descend_2d((-1.5, 1.5), 0.15)
    assert stop == "bouncing" and len(path) == 1001
    path, stop = L.descend_2d((1.8, -1.2), 0.15)
    assert stop == "diverged" and np.all(np.isfinite(path)) and np.max(np.abs(path[-1])) > L.DIVERGENCE_BOUND
    path, stop = L.descend_2d((1.2, 1.5), 0.01, max_steps=5)
    assert stop == "still moving" and len(path) == 6


def test_nearest_flat_point_is_none_away_from_them():
    assert L.nearest_flat_point((1.5, 1.5)) is None
    for name, point in L.SURFACE.flat_points().items():
        assert L.nearest_flat_point(point) == name


# ----- the Simplified Chinese edition --------------------------------------------------------------

def test_statuses_and_flat_points_stay_english_keys_and_read_in_chinese(zh_cn):
    from helpers.core import languages
    walk = L.Walk1D(2.0, 0.05).step(300)
    assert walk.status() == "settled in a valley"                  # what code and the lessons compare
    assert languages._(walk.status()) == "停在了谷底"
    assert set(L.SURFACE.flat_points()) == {"deep valley", "saddle", "shallow valley"}
    assert [languages._(name) for name in L.SURFACE.flat_points()] == ["深谷", "鞍点", "浅谷"]
    assert languages._(L.classify_walk([1.0, 20.0], True)) == "发散了"


def test_walks_and_places_describe_themselves_in_the_lessons_language(zh_cn):
    """What lesson 02 prints: the walk's status and the place a 2-D descent reached, in the lesson's language."""
    from helpers import set_language
    walks = [L.Walk1D(start, rate).step(300) for start, rate in [(2, 0.05), (2, 0.15), (2, 0.2)]]
    assert [walk.status() for walk in walks] == ["settled in a valley", "bouncing (not settling)", "diverged"]
    assert [walk.describe() for walk in walks] == ["停在了谷底", "来回跳（停不下来）", "发散了"]
    assert L.Walk1D(0.5, 0.1).describe() == "还没开始"
    assert [L.place_name(name) for name in ("deep valley", "saddle", "shallow valley")] == ["深谷", "鞍点", "浅谷"]
    with pytest.raises(ValueError, match="hump"):
        L.place_name("hump")                       # a place of the 1-D cost, not of the surface
    set_language("en")
    assert [walk.describe() for walk in walks] == ["settled in a valley", "bouncing (not settling)", "diverged"]
    assert L.place_name("saddle") == "saddle"


# ----- issue 24: partial derivatives as slices, the column of nudges, the 2-D "try this" --------------------

def test_partial_slices_slopes_are_the_partial_derivatives():
    from helpers import descent
    cut = descent.partial_slices((0.5, 1.0))
    assert cut["gradient"] == (cut["x"]["slope"], cut["y"]["slope"])
    assert np.isclose(cut["x"]["slope"], -3.95) and np.isclose(cut["y"]["slope"], 5.5)
    for axis in "xy":
        assert np.isclose(cut[axis]["slope"], cut[axis]["measured"], rtol=1e-6)
        t, c = cut[axis]["t"], cut[axis]["cost"]
        assert np.isclose(np.interp(0.5 if axis == "x" else 1.0, t, c), cut["cost"], atol=1e-3)
    # the slice along x holds y still: it is C(t, 1)
    np.testing.assert_allclose(cut["x"]["cost"], descent.SURFACE.cost(cut["x"]["t"], 1.0))


def test_nudge_column_rows_are_the_negative_gradient():
    from helpers import Network, descent
    net = Network([784, 16, 16, 10], seed=0)
    X, y = descent.explorer_batch()
    gradient = net.gradient(X, y)
    rows = descent.nudge_column(net, gradient)
    flat = np.concatenate([g.ravel() for g in gradient[0] + gradient[1]])
    values = np.concatenate([p.ravel() for p in net.parameters()])
    assert [r["position"] for r in rows] == sorted(r["position"] for r in rows)
    assert rows[0]["position"] == 1 and rows[-1]["position"] == net.n_params
    assert any(r["rank"] == 1 for r in rows) and any(r["nudge"] > 0 for r in rows)
    for r in rows:
        assert r["nudge"] == -flat[r["position"] - 1] and r["value"] == values[r["position"] - 1]
    assert descent.parameter_name(net, 1) == ("w", 1, 0, 0)
    assert descent.parameter_name(net, 12960) == ("w", 3, 9, 15)
    assert descent.parameter_name(net, 12961) == ("b", 1, 0)
    assert descent.parameter_name(net, 13002) == ("b", 3, 9)
    with pytest.raises(ValueError):
        descent.parameter_name(net, 13003)


def test_deep_valley_is_narrower_so_eta_015_bounces_there_only():
    from helpers import descent
    s = descent.SURFACE

    def sharpest(x, y, h=1e-5):
        H = np.array([[(s.gradient(x + h, y)[i] - s.gradient(x - h, y)[i]) / (2 * h),
                       (s.gradient(x, y + h)[i] - s.gradient(x, y - h)[i]) / (2 * h)] for i in range(2)])
        return np.linalg.eigvalsh((H + H.T) / 2).max()
    flat = s.flat_points()
    deep, shallow = sharpest(*flat["deep valley"]), sharpest(*flat["shallow valley"])
    assert deep > shallow and 2 / deep < 0.15 < 2 / shallow      # a step of 0.15 overshoots only the deep one
    assert descent.descend_2d((-0.3, 1.5), 0.15)[1] == "bouncing"
    path, stop = descent.descend_2d((0.3, 1.5), 0.15)
    assert stop == "settled" and descent.nearest_flat_point(path[-1]) == "shallow valley"
