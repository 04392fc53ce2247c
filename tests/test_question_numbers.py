"""Every measured number the concept questions quote equals what the lesson computes, in English and in Chinese.

The question files (helpers/questions/NN.<lang>.json) explain their answers with numbers the lessons measure:
"outputs 0 and 7 are already almost 0 (0.004 and 0.003)", "about 41% stay right", "ReLU first reaches 85% in
epoch 2". A number answer's `answer` is tested through its `computed_by` (tests/test_questions.py), but these
figures in the prompts and the "why" texts are prose, and nothing else would notice when a change to the helpers,
the bundled network or the saved results made one of them wrong. Each row of FIGURES below names one quoted figure:

- where it is: a question id, or "NN-discussion" for the discussion prompts of lesson NN;
- the fragment of text that quotes it, exactly as in the English file and as in the Chinese file;
- a function that computes it with the same `helpers` call the lesson makes (the lesson cell that prints it is
  named in a comment);
- how precisely the text states it (a Claim): to the last digit written ("0.713", "41%"), or, for figures
  spoken in words ("about twice", "one in five") or choices spaced 5 points apart, the tolerance given there.

The test checks first that both fragments are still in that question's texts and that the figure is written the
same in both (so a later edit of the text cannot leave a row checking nothing, and the two languages cannot drift
apart), then that the computed value, rounded as quoted, is the quoted number.

Left out on purpose, because they are not measurements: settings the question itself chooses (eta = 0.5, z = -8,
a turn of 30 degrees, 20 dream steps, the layer sizes), names of things (digit 2, neuron 5, layer 2; but which
neuron is the brightest, or which digit a mistake names, is measured and has its row), the data
set's and the network's sizes (8,000, 2,000, 13,002 outside the finite-difference answer; tests/test_data.py and
tests/test_network.py check them), the guesses that wrong choices state ("About 90%"), arithmetic on numbers the
question makes up with no lesson code behind it (02-raise-a-bias: 0.3 x 0.01), and "30 epochs of training" in
05-never-lit-weights: the bundled network's training run cannot be repeated bit for bit on another machine (SGD
over 24,000 steps turns a difference of 1e-13 into weights that differ by 2), so no test can confirm it here.

No row needs a long training run: the 30-epoch figures of lesson 05 come from the saved runs in data/results/,
which is what the lesson prints too. All rows together take about 7 s on one core, 3 s of it lesson 05's live
random-labels run; the expensive results are computed once per test process (functools.cache) and shared by
every row that quotes them.
"""

import functools
import math
import re
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pytest

from helpers import Network, backprop, descent, lab, load_digits, load_trained_network, neuron, wishes
from helpers.core import evaluation, questions
from helpers.core.activations import relu, sigmoid, sigmoid_prime
from helpers.core.costs import CrossEntropy, Quadratic
from helpers.learned import experiments, images, probes, results

# ----- how a text states a number ------------------------------------------------------------------------------

NUMERAL = re.compile(r"-?\d[\d,{}]*(?:\.\d+)?%?")


@dataclass(frozen=True)
class Claim:
    """What a text says about a number: `quoted` as the English text writes it, and how loosely it says it.

    relation "rounds to": the computed value lies within `tolerance` of `value`;
    "above" / "below": a bound the computed value must beat.
    """
    quoted: str
    relation: str
    value: float
    tolerance: float = 0.0

    @property
    def is_numeral(self):
        """True for "0.713", "41%", "23{,}520"; False for figures in words ("twice"), which Chinese says its own way."""
        return NUMERAL.fullmatch(self.quoted) is not None

    def holds(self, computed):
        if self.relation == "above":
            return computed > self.value
        if self.relation == "below":
            return computed < self.value
        return abs(computed - self.value) <= self.tolerance + 1e-12

    def __str__(self):
        """How the failure message reads the claim: "0.977 (0.977 ± 0.0005)", "above 'a hundred' (100)"."""
        quoted = self.quoted if self.is_numeral else repr(self.quoted)
        if self.relation == "rounds to":
            return f"{quoted} ({self.value:g} ± {self.tolerance:g})" if self.tolerance else f"exactly {quoted}"
        return f"{self.relation} {quoted} ({self.value:g})"


def value_of(quoted):
    """The number a numeral stands for: "41%" -> 0.41, "23{,}520" -> 23520, "-0.44" -> -0.44."""
    text = quoted.replace("{,}", "").replace(",", "")
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


def half_a_last_digit(quoted):
    """How far a value may be from a numeral that rounds it: "0.713" -> 0.0005, "41%" -> 0.005, "18" -> 0.5."""
    text = quoted.rstrip("%")
    decimals = len(text.split(".")[1]) if "." in text else 0
    half = 0.5 * 10.0 ** -decimals
    return half / 100 if quoted.endswith("%") else half


def rounds_to(quoted, tolerance=None, means=None):
    """The value, rounded as written, is `quoted` (to its last digit unless `tolerance` says how loosely)."""
    return Claim(quoted, "rounds to", value_of(quoted) if means is None else means,
                 half_a_last_digit(quoted) if tolerance is None else tolerance)


def exactly(quoted, means=None):
    """A count, an epoch, a digit: no rounding."""
    return rounds_to(quoted, tolerance=0.0, means=means)


def near(words, means, tolerance):
    """A figure in words ("about twice"): how near is ours to say, and the row's comment says why."""
    return rounds_to(words, tolerance=tolerance, means=means)


def above(quoted, means=None):
    return Claim(quoted, "above", value_of(quoted) if means is None else means)


def below(quoted, means=None):
    return Claim(quoted, "below", value_of(quoted) if means is None else means)


@dataclass(frozen=True)
class Figure:
    where: str                      # a question id, or "NN-discussion"
    english: str                    # the text quoting the figure, exactly as in NN.en.json
    chinese: str                    # the same text as in NN.zh-CN.json
    compute: Callable[[], float]    # the figure, computed with helpers as the lesson computes it
    claim: Claim


# ----- what the lessons compute, once per test process ---------------------------------------------------------

@functools.cache
def digits():
    return load_digits()


@functools.cache
def trained():
    return load_trained_network()


@functools.cache
def outputs_on_test_digits():
    """The trained network's ten outputs for every test digit (lessons 01 and 06, first cells)."""
    return trained().forward(digits()[1][0])


# Lesson 01

@functools.cache
def top_stroke_favourites():
    """How many of each digit are among the 100 training digits the top-stroke detector likes best (the widget)."""
    weights = neuron.pattern_weights("horizontal stroke, top")
    return neuron.digits_that_excite(*digits()[0], weights, -10.0)["top100_counts"]


def nielsen_network():
    return Network([784, 30, 10])


# The videos' cost, a few outputs at a time: the arithmetic of 02-cost-all-half and 03-hedging-cost

def one_output_cost(a, y):
    """The videos' cost C_x = sum_j (a_j - y_j)^2 of a single output, as helpers computes it."""
    return Quadratic().value(None, np.array([[a]]), np.array([[y]]))


def hedging_cost_of_nine_wrong_outputs():
    """Nine outputs at 0.1 whose targets are 0: the lazy network's cost without the right digit's output."""
    return Quadratic().value(None, np.full((1, 9), 0.1), np.zeros((1, 9)))


# Lesson 02

@functools.cache
def first_step_on_the_1d_cost():
    """(w_0, w_1) of gradient descent on C(w) from w_0 = 2 with eta = 0.05 (lesson 02, section 3)."""
    path = descent.Walk1D(2, 0.05).step(1).path
    return path[0], path[1]


@functools.cache
def degrees_between_steepest_of_720_and_negative_gradient():
    """Lesson 02, the cell after 02-negative-gradient: the steepest of 720 directions at (0.5, 1) against -grad C."""
    surface, point = descent.SURFACE, np.array([0.5, 1.0])
    downhill = -np.array(surface.gradient(*point))
    angles = np.radians(np.arange(0, 360, 0.5))
    directions = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    drops = surface.cost(*(point + 1e-4 * directions).T) - surface.cost(*point)
    steepest = directions[np.argmin(drops)]
    return math.degrees(math.acos(np.clip(steepest @ downhill / np.linalg.norm(downhill), -1.0, 1.0)))


# Lesson 03: the partly trained network and its training 2 that it reads as a 1 (section 1)

@functools.cache
def our_two():
    net = wishes.partly_trained_network()
    _index, x, label = wishes.example_two(net)
    return net, x, label


@functools.cache
def outputs_of_our_two():
    net, x, _label = our_two()
    return net.forward(x)


@functools.cache
def outputs_after_one_step_of_half():
    """The cell after the slider: every weight and bias one step of eta = 0.5 along this example's wishes."""
    net, x, label = our_two()
    return wishes.moved_copy(net, net.gradient(x[np.newaxis], [label]), 0.5).forward(x)


def change_of_output(j):
    return outputs_after_one_step_of_half()[j] - outputs_of_our_two()[j]


@functools.cache
def output_wishes():
    """y_j - a_j of our 2's ten outputs: lesson 03's wishes (their sizes are how far each output is from its target)."""
    return wishes.layer_wishes(*our_two())[-1]


@functools.cache
def levers():
    return wishes.lever_wishes(*our_two())


@functools.cache
def wish_terms():
    return wishes.hidden_wish_terms(*our_two())


@functools.cache
def one_step_on_one_two():
    (X_train, y_train), (X_test, y_test) = digits()
    return wishes.one_step_effects(*our_two(), X_train, y_train, X_test, y_test)


@functools.cache
def minibatch_cosines():
    net, _x, _label = our_two()
    return wishes.minibatch_directions(net, *digits()[0])


# Lesson 04: the chain of section 2 and its explorer, before and after w(3) = 4

@functools.cache
def chain_with_last_weight(w3):
    """(a(3), the three factors of dC0/dw(3)) for the explorer's chain with the last weight w3."""
    _zs, activations, terms = backprop.chain_rule_terms(w=[1.5, -2.0, w3], b=[-0.5, 1.0, -1.0], a0=0.8, y=1.0)
    return activations[3], terms["w3"]


@functools.cache
def untrained_over_trained_gradient():
    """Per layer, |gradient| of the untrained (seed 0) network over the trained one's, on test digit 0."""
    X, y = digits()[1][0][:1], digits()[1][1][:1]
    untrained = Network([784, 16, 16, 10], seed=0).gradient(X, y)[0]
    return [np.linalg.norm(u) / np.linalg.norm(t) for u, t in zip(untrained, trained().gradient(X, y)[0])]


def derivatives_from_one_backpropagation():
    """How many partial derivatives one call of the videos' network's gradient returns (section 9)."""
    nabla_w, nabla_b = Network([784, 16, 16, 10]).gradient(digits()[1][0][:1], digits()[1][1][:1])
    return sum(g.size for g in nabla_w + nabla_b)


def bp1_of_an_output_at_08():
    """delta for a = 0.8 (z = ln 4), y = 1 with the videos' cost, by the network's own BP1."""
    return float(Network([1, 1]).output_delta(np.array([[np.log(4.0)]]), np.array([[0.8]]), np.array([[1.0]]))[0, 0])


# Lesson 05

def accuracy_moved_right(pixels):
    """Test accuracy with every test digit moved `pixels` to the right (section 2's table, row "moved right")."""
    _, (X_test, y_test) = digits()
    return trained().accuracy(images.shift_images(X_test, 0, pixels), y_test)


@functools.cache
def dream_of_a_five():
    """a_5 after the lesson's 20 steps of gradient ascent from a black picture (section 3)."""
    _picture, trace = probes.dream(trained(), 5, steps=20, step_size=0.05)
    return trace[-1]


@functools.cache
def saved(name):
    return results.load_result(name)


def largest_end_gap_relu_sigmoid():
    """After the saved 30 epochs, |ReLU - sigmoid| at eta = 0.3, the larger of the two depths (section 6)."""
    return max(abs(results.final(saved(name), "ReLU, η = 0.3") - results.final(saved(name), "sigmoid, η = 0.3"))
               for name in ("relu_vs_sigmoid", "relu_vs_sigmoid_deep"))


@functools.cache
def deep_backward_factors(activation):
    """The optional part of section 6: what a step back does to delta in a 784-30-30-30-30-10 net, scaled start."""
    net = Network([784, 30, 30, 30, 30, 10], activation=activation, init="scaled")
    (X_train, y_train), _ = digits()
    return probes.backward_factors(net, X_train[:200], y_train[:200])


def saturated_deltas():
    """(quadratic, cross-entropy) delta of an output at z = -8 whose target is 1, by each cost's own BP1."""
    z = np.array([-8.0])
    a, y = sigmoid(z), np.array([1.0])
    quadratic = Quadratic().output_delta(z, a, y, sigmoid_prime(z))[0]
    cross_entropy = CrossEntropy().output_delta(z, a, y, sigmoid_prime(z))[0]
    return quadratic, cross_entropy


@functools.cache
def live_random_labels():
    """Section 5's live run: 784-100-10 on 500 training images with true and with shuffled labels (about 3 s)."""
    return experiments.run_experiment("random_labels", progress=False)


# Lesson 06

@functools.cache
def mistakes_on_test_digits():
    """(the confusion counts, the most common mistake as (label, answer)) on the test digits (section 1)."""
    counts = evaluation.confusion_counts(digits()[1][1], outputs_on_test_digits().argmax(axis=1))
    mistakes = counts - np.diag(np.diag(counts))
    return counts, divmod(int(np.argmax(mistakes)), 10)


def most_common_mistake_count():
    counts, (label, answer) = mistakes_on_test_digits()
    return counts[label, answer]


def its_reverse_count():
    counts, (label, answer) = mistakes_on_test_digits()
    return counts[answer, label]


@functools.cache
def digit_zero_turned_30_degrees():
    """The trained network's outputs for test digit 0 turned by 30 degrees (section 3, after the widget)."""
    return trained().forward(lab.rotate(digits()[1][0][0], 30))


def top_output_band(low, high):
    """(mean top output, share right) of the test digits whose top output lies in [low, high) (section 3)."""
    top = outputs_on_test_digits().max(axis=1)
    right = outputs_on_test_digits().argmax(axis=1) == digits()[1][1]
    band = (top >= low) & (top < high)
    return top[band].mean(), right[band].mean()


@functools.cache
def maps_of_the_layers():
    return lab.layer_maps(trained(), *digits()[0], *digits()[1])


@functools.cache
def accuracy_after_one_epoch(learning_rate):
    """One epoch of the training widget: the same seeded SGD loop as Network.train, mini-batches of 10."""
    (X_train, y_train), test = digits()
    history = Network([784, 16, 16, 10], seed=0).train(X_train, y_train, epochs=1, learning_rate=learning_rate,
                                                         test=test, progress=False)
    return history["test_accuracy"][-1]


# ----- the quoted figures ----------------------------------------------------------------------------------------

FIGURES = [
    # ===== lesson 01 =====
    # Section 3's cell: assert round(sigmoid(1.0), 3) == 0.731 and round(sigmoid(10.0), 5) == 0.99995
    Figure("01-sigmoid-tenfold", "from about 0.73 to just under 1", "从约 0.73 变到接近 1",
           lambda: sigmoid(1.0), rounds_to("0.73")),
    Figure("01-sigmoid-tenfold", "the activation is already 0.731", "激活值已经是 0.731",
           lambda: sigmoid(1.0), rounds_to("0.731")),
    Figure("01-sigmoid-tenfold", r"$\sigma(1) = 0.731$", r"$\sigma(1) = 0.731$",
           lambda: sigmoid(1.0), rounds_to("0.731")),
    Figure("01-sigmoid-tenfold", r"$\sigma(10) = 0.99995$", r"$\sigma(10) = 0.99995$",
           lambda: sigmoid(10.0), rounds_to("0.99995")),
    # The weight-pattern widget, ranking all training digits by the top-stroke detector's z
    Figure("01-top-stroke", "54 of the best 100 are threes", "最好的 100 个里有 54 个是 3",
           lambda: top_stroke_favourites()[3], exactly("54")),
    Figure("01-top-stroke", "not one 7 makes the best 100", "最好的 100 个里一个 7 都没有",
           lambda: top_stroke_favourites()[7], exactly("not one", means=0)),
    # The number answer's arithmetic, counted from the network helpers builds
    Figure("01-count-784-30-10", r"= 23{,}520 + 300", r"= 23{,}520 + 300",
           lambda: nielsen_network().weights[0].size, exactly("23{,}520")),
    Figure("01-count-784-30-10", r"= 23{,}520 + 300", r"= 23{,}520 + 300",
           lambda: nielsen_network().weights[1].size, exactly("300")),
    Figure("01-count-784-30-10", r"+ 300 = 23{,}820$", r"+ 300 = 23{,}820$",
           lambda: sum(W.size for W in nielsen_network().weights), exactly("23{,}820")),
    Figure("01-count-784-30-10", "$30 + 10 = 40$", "$30 + 10 = 40$",
           lambda: sum(b.size for b in nielsen_network().biases), exactly("40")),
    Figure("01-count-784-30-10", "Together $23{,}860$", "合起来是 $23{,}860$",
           lambda: nielsen_network().n_params, exactly("23{,}860")),
    Figure("01-count-784-30-10", "its own bias, 40 more", "再加 40 个",
           lambda: sum(b.size for b in nielsen_network().biases), exactly("40")),
    Figure("01-relu-above-one", r"$\mathrm{ReLU}(20) = 20$", r"$\mathrm{ReLU}(20) = 20$",
           lambda: relu(20.0), exactly("20")),

    # ===== lesson 02 =====
    # The number answers' arithmetic, by the lesson's cost and its 1-D walk
    Figure("02-cost-all-half", "each adds $0.5^2 = 0.25$", "所以每个都贡献 $0.5^2 = 0.25$",
           lambda: one_output_cost(0.5, 1.0), rounds_to("0.25")),
    Figure("02-cost-all-half", "ten times $0.25$ is $2.5$", "十个 $0.25$ 就是 $2.5$",
           lambda: Quadratic().value(None, np.full((1, 10), 0.5), np.eye(10)[[3]]), rounds_to("2.5")),
    Figure("02-cost-all-half", "each of them adds $0.25$ too", "每个也贡献 $0.25$",
           lambda: one_output_cost(0.5, 0.0), rounds_to("0.25")),
    Figure("02-cost-all-half", "which adds another $0.25$", "还要再加 $0.25$",
           lambda: one_output_cost(0.5, 1.0), rounds_to("0.25")),
    Figure("02-cost-all-half", "$0.5$ squared is $0.25$", "$0.5$ 平方后是 $0.25$",
           lambda: one_output_cost(0.5, 0.0), rounds_to("0.25")),
    Figure("02-first-step", r"$C'(2) = 4 \cdot 8 - 12 + 1 = 21$", r"$C'(2) = 4 \cdot 8 - 12 + 1 = 21$",
           lambda: descent.slope_1d(2), exactly("21")),
    Figure("02-first-step", r"= -0.05 \times 21 = -1.05$", r"= -0.05 \times 21 = -1.05$",
           lambda: descent.slope_1d(2), exactly("21")),
    Figure("02-first-step", r"= -0.05 \times 21 = -1.05$", r"= -0.05 \times 21 = -1.05$",
           lambda: first_step_on_the_1d_cost()[1] - first_step_on_the_1d_cost()[0], rounds_to("-1.05")),
    Figure("02-first-step", "from $2$ to $0.95$", "从 $2$ 移到 $0.95$",
           lambda: first_step_on_the_1d_cost()[1], rounds_to("0.95")),
    # Less than one degree: the Chinese says so in as many words ("相差不到一度")
    Figure("02-negative-gradient", "within a fraction of a degree", "相差不到一度",
           degrees_between_steepest_of_720_and_negative_gradient, below("a fraction of a degree", means=1.0)),

    # ===== lesson 03 =====
    # Section 1's first cell prints the ten outputs of our 2: [0.004 0.713 0.292 0.177 ... 0.003 0.144 0.011]
    Figure("03-near-zero-outputs", "almost 0 (0.004 and 0.003)", "几乎是 0（0.004 和 0.003）",
           lambda: outputs_of_our_two()[0], rounds_to("0.004")),
    Figure("03-near-zero-outputs", "almost 0 (0.004 and 0.003)", "几乎是 0（0.004 和 0.003）",
           lambda: outputs_of_our_two()[7], rounds_to("0.003")),
    Figure("03-near-zero-outputs", "The 1-neuron, the network's wrong answer, is at 0.713",
           "1 号神经元，也就是网络答错的那个，是 0.713",
           lambda: outputs_of_our_two().argmax(), exactly("1")),
    Figure("03-near-zero-outputs", "The 1-neuron, the network's wrong answer, is at 0.713",
           "1 号神经元，也就是网络答错的那个，是 0.713",
           lambda: outputs_of_our_two()[1], rounds_to("0.713")),
    # The cell after the slider: one step of eta = 0.5 along the example's wishes
    Figure("03-near-zero-outputs", "they change by less than 0.01", "变化不到 0.01",
           lambda: max(abs(change_of_output(0)), abs(change_of_output(7))), below("0.01")),
    Figure("03-near-zero-outputs", "only about $-0.004$ and $-0.003$", "分别只有大约 $-0.004$ 和 $-0.003$",
           lambda: output_wishes()[0], rounds_to("-0.004")),
    Figure("03-near-zero-outputs", "only about $-0.004$ and $-0.003$", "分别只有大约 $-0.004$ 和 $-0.003$",
           lambda: output_wishes()[7], rounds_to("-0.003")),
    Figure("03-near-zero-outputs", "the 2-neuron, up by about 0.41", "2 号神经元上（升高约 0.41）",
           lambda: change_of_output(2), rounds_to("0.41")),
    Figure("03-near-zero-outputs", "the 1-neuron, down by about 0.28", "1 号神经元上（降低约 0.28）",
           lambda: -change_of_output(1), rounds_to("0.28")),
    Figure("03-near-zero-outputs", "The 1-neuron is 0.713 away from its target", "1 号神经元离目标差 0.713",
           lambda: abs(output_wishes()[1]), rounds_to("0.713")),
    Figure("03-near-zero-outputs", "outputs 0 and 7 are 0.004 and 0.003 away", "输出 0 和 7 分别只差 0.004 和 0.003",
           lambda: abs(output_wishes()[0]), rounds_to("0.004")),
    Figure("03-near-zero-outputs", "outputs 0 and 7 are 0.004 and 0.003 away", "输出 0 和 7 分别只差 0.004 和 0.003",
           lambda: abs(output_wishes()[7]), rounds_to("0.003")),
    # Section 2's cell: "brightest neuron of the last hidden layer: k = 12, a_k = 0.977"
    Figure("03-brightest-weight", "Here neuron 12, at 0.977, wins", "激活值为 0.977 的 12 号神经元",
           lambda: np.argmax(levers()["previous_activations"]), exactly("12")),
    Figure("03-brightest-weight", "Here neuron 12, at 0.977, wins", "激活值为 0.977 的 12 号神经元",
           lambda: levers()["previous_activations"].max(), rounds_to("0.977")),
    Figure("03-brightest-weight", r"The most negative one ($w_{2,5} \approx -3.0$)",
           r"最负的那个（$w_{2,5} \approx -3.0$）",
           lambda: levers()["incoming_weights"][5], rounds_to("-3.0")),
    Figure("03-brightest-weight", "Neuron 5 is half lit (0.46)", "5 号神经元亮了一半（0.46）",
           lambda: levers()["previous_activations"][5], rounds_to("0.46")),
    Figure("03-brightest-weight", "Neuron 5 is half lit (0.46)", "5 号神经元亮了一半（0.46）",    # "half": 0.45 to 0.55
           lambda: levers()["previous_activations"][5], near("half", 0.5, tolerance=0.05)),
    # "About twice": 1.75 to 2.25 times neuron 5's weight wish
    Figure("03-brightest-weight", "the brightest neuron's weight gets about twice as much",
           "最亮的神经元那个权重得到的大约是它的两倍",
           lambda: levers()["weights"].max() / levers()["weights"][5], near("twice", 2, tolerance=0.25)),
    Figure("03-brightest-weight", "range from 0.006 to 0.977", "从 0.006 到 0.977",
           lambda: levers()["previous_activations"].min(), rounds_to("0.006")),
    Figure("03-brightest-weight", "range from 0.006 to 0.977", "从 0.006 到 0.977",
           lambda: levers()["previous_activations"].max(), rounds_to("0.977")),
    # Section 3's cell: "k = 5: w_2,5 = -3.01, output 2 asks -0.441, output 1 asks -0.070, sum -0.508"
    Figure("03-neuron-five", r"strongly negative weight, $w_{2,5} \approx -3.0$",
           r"很大的负权重 $w_{2,5} \approx -3.0$",
           lambda: wish_terms()["weights"][2, 5], rounds_to("-3.0")),
    Figure("03-neuron-five", "a positive wish, about $-0.44$", "负的权重乘正的愿望，约为 $-0.44$",
           lambda: wish_terms()["contributions"][2, 5], rounds_to("-0.44")),
    Figure("03-neuron-five", "The sum is about $-0.51$", "总和约为 $-0.51$",
           lambda: wish_terms()["totals"][5], rounds_to("-0.51")),
    # Section 4's cell: the unchanged network, and one step of eta = 3 along the one 2
    Figure("03-only-this-two", "it calls about 7% of them a 2", "它把其中约 7% 叫作 2",
           lambda: one_step_on_one_two()["one_called"][0], rounds_to("7%")),
    Figure("03-only-this-two", "gets about 59% right", "答对约 59%",
           lambda: one_step_on_one_two()["one_accuracy"][0], rounds_to("59%")),
    Figure("03-only-this-two", "About 75% of the test digits are now called a 2", "现在约 75% 的测试数字被叫作 2",
           lambda: one_step_on_one_two()["one_called_shown"], rounds_to("75%")),
    Figure("03-only-this-two", "only 26% are right", "只有 26% 答对",
           lambda: one_step_on_one_two()["one_accuracy_shown"], rounds_to("26%")),
    Figure("03-only-this-two", "drops the accuracy from 59% to 26%", "让准确率从 59% 跌到 26%",
           lambda: one_step_on_one_two()["one_accuracy"][0], rounds_to("59%")),
    Figure("03-only-this-two", "drops the accuracy from 59% to 26%", "让准确率从 59% 跌到 26%",
           lambda: one_step_on_one_two()["one_accuracy_shown"], rounds_to("26%")),
    # Section 5's cell: 20 mini-batches of each size against the full gradient over 8,000 digits
    Figure("03-one-example-uphill", "only about 0.26 on average", "余弦平均只有约 0.26",
           lambda: minibatch_cosines()[1].mean(), rounds_to("0.26")),
    Figure("03-one-example-uphill", "now and then below 0", "偶尔还会小于 0",
           lambda: minibatch_cosines()[1].min(), below("0")),
    Figure("03-one-example-uphill", "(a cosine of about 0.98)", "（余弦约 0.98）",
           lambda: minibatch_cosines()[1000].mean(), rounds_to("0.98")),
    Figure("03-one-example-uphill", "a mean cosine of about 0.26", "余弦平均约 0.26",
           lambda: minibatch_cosines()[1].mean(), rounds_to("0.26")),
    # The number answer's arithmetic, by the lesson's cost
    Figure("03-hedging-cost", r"$0.9^2 = 0.81$", r"$0.9^2 = 0.81$",
           lambda: one_output_cost(0.1, 1.0), rounds_to("0.81")),
    Figure("03-hedging-cost", r"$9 \times 0.01 = 0.09$", r"$9 \times 0.01 = 0.09$",
           lambda: one_output_cost(0.1, 0.0), rounds_to("0.01")),
    Figure("03-hedging-cost", r"$9 \times 0.01 = 0.09$", r"$9 \times 0.01 = 0.09$",
           hedging_cost_of_nine_wrong_outputs, rounds_to("0.09")),
    Figure("03-hedging-cost", "Together $0.9$", "加起来是 $0.9$",
           lambda: Quadratic().value(None, np.full((1, 10), 0.1), np.eye(10)[[0]]), rounds_to("0.9")),
    Figure("03-hedging-cost", r"$9 \times 0.1^2 = 0.09$", r"$9 \times 0.1^2 = 0.09$",
           hedging_cost_of_nine_wrong_outputs, rounds_to("0.09")),
    Figure("03-hedging-cost", "adds $0.81$", "还要加上 $0.81$",
           lambda: one_output_cost(0.1, 1.0), rounds_to("0.81")),

    # ===== lesson 04 =====
    # The number answer's arithmetic: one layer's factor |w sigma'(0)| and ten of them
    Figure("04-ten-layers-of-eight", r"each layer multiplies by $8 \times \tfrac14 = 2$",
           r"每层乘上 $8 \times \tfrac14 = 2$",
           lambda: abs(8.0 * sigmoid_prime(0.0)), exactly("2")),
    Figure("04-ten-layers-of-eight", r"$2^{10} = 1{,}024$", r"$2^{10} = 1{,}024$",
           lambda: abs(8.0 * sigmoid_prime(0.0)) ** 10, exactly("1{,}024")),
    Figure("04-ten-layers-of-eight", r"$(\tfrac14)^{10} \approx 0.000001$", r"$(\tfrac14)^{10} \approx 0.000001$",
           lambda: sigmoid_prime(0.0) ** 10, rounds_to("0.000001")),
    Figure("04-ten-layers-of-eight", r"the slope, $8 \times \tfrac14 = 2$", r"斜率，$8 \times \tfrac14 = 2$",
           lambda: abs(8.0 * sigmoid_prime(0.0)), exactly("2")),
    Figure("04-ten-layers-of-eight", r"$w\,\sigma'(z) = 8 \times \tfrac14 = 2$",
           r"$w\,\sigma'(z) = 8 \times \tfrac14 = 2$",
           lambda: abs(8.0 * sigmoid_prime(0.0)), exactly("2")),
    # Section 2's chain (w = 1.5, -2, 2.5) and the explorer's step 2, "w(3) = 4: dC0/dw(3) -0.1020 -> -0.0634"
    Figure("04-raise-w3", r"the output $a^{(3)} \approx 0.51$", r"输出 $a^{(3)} \approx 0.51$",
           lambda: chain_with_last_weight(2.5)[0], rounds_to("0.51")),
    Figure("04-raise-w3", "climbs from 0.51 towards the target, to about 0.66", "从 0.51 向目标爬升到约 0.66",
           lambda: chain_with_last_weight(2.5)[0], rounds_to("0.51")),
    Figure("04-raise-w3", "climbs from 0.51 towards the target, to about 0.66", "从 0.51 向目标爬升到约 0.66",
           lambda: chain_with_last_weight(4.0)[0], rounds_to("0.66")),
    Figure("04-raise-w3", "shrinks from $-0.98$ to $-0.68$", "从 $-0.98$ 缩小到 $-0.68$",
           lambda: chain_with_last_weight(2.5)[1].dC_da, rounds_to("-0.98")),
    Figure("04-raise-w3", "shrinks from $-0.98$ to $-0.68$", "从 $-0.98$ 缩小到 $-0.68$",
           lambda: chain_with_last_weight(4.0)[1].dC_da, rounds_to("-0.68")),
    Figure("04-raise-w3", "climbs from 0.51 to 0.66", "从 0.51 升到 0.66",
           lambda: chain_with_last_weight(2.5)[0], rounds_to("0.51")),
    Figure("04-raise-w3", "climbs from 0.51 to 0.66", "从 0.51 升到 0.66",
           lambda: chain_with_last_weight(4.0)[0], rounds_to("0.66")),
    Figure("04-raise-w3", "goes from $-0.98$ to $-0.68$", "从 $-0.98$ 变成 $-0.68$",
           lambda: chain_with_last_weight(2.5)[1].dC_da, rounds_to("-0.98")),
    Figure("04-raise-w3", "goes from $-0.98$ to $-0.68$", "从 $-0.98$ 变成 $-0.68$",
           lambda: chain_with_last_weight(4.0)[1].dC_da, rounds_to("-0.68")),
    Figure("04-raise-w3", "from 0.250 to 0.224", "从 0.250 略降到 0.224",
           lambda: chain_with_last_weight(2.5)[1].sigma_prime, rounds_to("0.250")),
    Figure("04-raise-w3", "from 0.250 to 0.224", "从 0.250 略降到 0.224",
           lambda: chain_with_last_weight(4.0)[1].sigma_prime, rounds_to("0.224")),
    Figure("04-raise-w3", "from about $-0.102$ to $-0.063$", "从约 $-0.102$ 变成约 $-0.063$",
           lambda: chain_with_last_weight(2.5)[1].value, rounds_to("-0.102")),
    Figure("04-raise-w3", "from about $-0.102$ to $-0.063$", "从约 $-0.102$ 变成约 $-0.063$",
           lambda: chain_with_last_weight(4.0)[1].value, rounds_to("-0.063")),
    # The nudger's untrained network against the trained one on test digit 0, layer by layer
    Figure("04-untrained-slopes", "a hundred times or more", "大一百倍甚至更多",
           lambda: min(untrained_over_trained_gradient()), above("a hundred", means=100)),
    # "About a thousand": 750 to 1,250 times (the output layer's is 981)
    Figure("04-untrained-slopes", "about a thousand times larger", "大了约一千倍",
           lambda: untrained_over_trained_gradient()[-1], near("a thousand", 1000, tolerance=250)),
    # The number answer's arithmetic, by the network's own BP1
    Figure("04-bp1-one-output", r"a_j(1 - a_j) = 0.16$", r"a_j(1 - a_j) = 0.16$",
           lambda: sigmoid_prime(np.log(4.0)), rounds_to("0.16")),
    Figure("04-bp1-one-output", r"\times 0.16 = -0.064$", r"\times 0.16 = -0.064$",
           lambda: sigmoid_prime(np.log(4.0)), rounds_to("0.16")),
    Figure("04-bp1-one-output", r"\times 0.16 = -0.064$", r"\times 0.16 = -0.064$",
           bp1_of_an_output_at_08, rounds_to("-0.064")),
    Figure("04-bp1-one-output", r"one more factor, $\sigma'(z_j) = 0.16$", r"还要再乘一个因子 $\sigma'(z_j) = 0.16$",
           lambda: sigmoid_prime(np.log(4.0)), rounds_to("0.16")),
    # The number answer's arithmetic: two passes per weight and bias of the videos' network
    Figure("04-finite-difference-passes", "The network has $13{,}002$ weights and biases",
           "这个网络有 $13{,}002$ 个权重和偏置",
           lambda: Network([784, 16, 16, 10]).n_params, exactly("13{,}002")),
    Figure("04-finite-difference-passes", r"$2 \times 13{,}002 = 26{,}004$", r"$2 \times 13{,}002 = 26{,}004$",
           lambda: 2 * Network([784, 16, 16, 10]).n_params, exactly("26{,}004")),
    Figure("04-finite-difference-passes", "gets all 13,002 derivatives", "就得到全部 13,002 个导数",
           derivatives_from_one_backpropagation, exactly("13,002")),

    # ===== lesson 05 =====
    # Section 2's table, "moved right": 89.9% 85.0% 63.8% 40.6% 23.5% for 0 to 4 pixels
    Figure("05-shift-three-pixels", "reads 89.9% of the 2,000 test digits", "能认对 2,000 个测试数字中的 89.9%",
           lambda: accuracy_moved_right(0), rounds_to("89.9%")),
    # The choices are 5 points or more apart, so "about 40%" means to the nearest 5 points
    Figure("05-shift-three-pixels", "About 40%: more than half", "大约 40%：一大半数字都认错了",
           lambda: accuracy_moved_right(3), rounds_to("40%", tolerance=0.025)),
    Figure("05-shift-three-pixels", "About 40%: more than half", "大约 40%：一大半数字都认错了",
           lambda: 1 - accuracy_moved_right(3), above("more than half", means=0.5)),
    Figure("05-shift-three-pixels", "Moved 3 pixels right, about 41% stay right",
           "往右平移 3 个像素后，大约只有 41% 还能认对",
           lambda: accuracy_moved_right(3), rounds_to("41%")),
    Figure("05-shift-three-pixels", "so about 41% stay right", "所以大约 41% 还能认对",
           lambda: accuracy_moved_right(3), rounds_to("41%")),
    # "That much" is the choice's "About 85%"
    Figure("05-shift-three-pixels", "One pixel costs about that much", "平移 1 个像素大约就掉这么多",
           lambda: accuracy_moved_right(1), near("that much", 0.85, tolerance=0.005)),
    # Section 3's cell: "after 20 steps a_5 = 0.995"
    Figure("05-dream-five", "The network ends 99% sure", "网络最后有 99% 的把握",
           dream_of_a_five, rounds_to("99%")),
    Figure("05-dream-five", "drive $a_5$ above 0.99", "把 $a_5$ 推到 0.99 以上",
           dream_of_a_five, above("0.99")),
    Figure("05-dream-five", "$a_5$ climbs above 0.99", "$a_5$ 升到 0.99 以上",
           dream_of_a_five, above("0.99")),
    # The saved runs of section 4 (data/results/shuffled_pixels.json)
    Figure("05-shuffled-pixels", "In the saved 30-epoch runs", "在保存下来的 30 轮运行中",
           lambda: saved("shuffled_pixels")["epochs"], exactly("30")),
    Figure("05-shuffled-pixels", "end within 2 points of each other", "最后相差不到 2 个百分点",
           lambda: abs(results.final(saved("shuffled_pixels"), "shuffled pixels")
                       - results.final(saved("shuffled_pixels"), "original pixels")), below("2", means=0.02)),
    # Section 6's cell on the saved runs: "85 % first in epoch 18" (sigmoid) and "in epoch 2" (ReLU), deep net
    Figure("05-deep-relu-sigmoid", "The saved runs train for 30 epochs", "保存下来的运行各训练 30 轮",
           lambda: saved("relu_vs_sigmoid")["epochs"], exactly("30")),
    Figure("05-deep-relu-sigmoid", "The saved runs train for 30 epochs", "保存下来的运行各训练 30 轮",
           lambda: saved("relu_vs_sigmoid_deep")["epochs"], exactly("30")),
    Figure("05-deep-relu-sigmoid", "After 30 epochs the two are within about two points at both depths",
           "30 轮之后，两种深度下两者都相差不到两个百分点左右",
           lambda: min(saved("relu_vs_sigmoid")["epochs"], saved("relu_vs_sigmoid_deep")["epochs"]), exactly("30")),
    # "Within about two points": we accept up to 2.5
    Figure("05-deep-relu-sigmoid", "After 30 epochs the two are within about two points at both depths",
           "30 轮之后，两种深度下两者都相差不到两个百分点左右",
           largest_end_gap_relu_sigmoid, below("about two points", means=0.025)),
    Figure("05-deep-relu-sigmoid", "They end within about two points", "最后相差不到两个百分点左右",
           largest_end_gap_relu_sigmoid, below("about two points", means=0.025)),
    Figure("05-deep-relu-sigmoid", "Both end within about two points", "两者最后相差不到两个百分点左右",
           largest_end_gap_relu_sigmoid, below("about two points", means=0.025)),
    Figure("05-deep-relu-sigmoid", "ReLU first reaches 85% in epoch 2", "ReLU 在第 2 轮就首次达到 85%",
           lambda: results.epochs_to_reach(saved("relu_vs_sigmoid_deep"), "ReLU, η = 0.3", 0.85, "test_accuracy"),
           exactly("2")),
    Figure("05-deep-relu-sigmoid", "the sigmoid only in epoch 18", "sigmoid 函数要到第 18 轮",
           lambda: results.epochs_to_reach(saved("relu_vs_sigmoid_deep"), "sigmoid, η = 0.3", 0.85, "test_accuracy"),
           exactly("18")),
    # The optional part's factors x f'(z), one per step back (0.21 to 0.22; ReLU 0.70 to 0.77): their mean
    Figure("05-deep-relu-sigmoid", "about 0.2 for the sigmoid", "sigmoid 函数约为 0.2",
           lambda: np.mean(deep_backward_factors("sigmoid")["slopes"]), rounds_to("0.2")),
    Figure("05-deep-relu-sigmoid", "about 0.7 for ReLU", "ReLU 约为 0.7",
           lambda: np.mean(deep_backward_factors("relu")["slopes"]), rounds_to("0.7")),
    # "About half": 45% to 55% of the ReLU neurons pass (the optional part prints 47%)
    Figure("05-deep-relu-sigmoid", "About half of the ReLU neurons pass their input",
           "大约一半的 ReLU 神经元让输入通过",
           lambda: np.mean(deep_backward_factors("relu")["passing"]), near("half", 0.5, tolerance=0.05)),
    # Section 7's cell: "a = 0.00034; quadratic cost: delta = -0.00067; cross-entropy: delta = a - y = -0.99966"
    Figure("05-saturated-delta", r"$a = \sigma(-8) \approx 0.0003$", r"$a = \sigma(-8) \approx 0.0003$",
           lambda: sigmoid(-8.0), rounds_to("0.0003")),
    # "About 1,500": to two significant figures, 1,450 to 1,550 times
    Figure("05-saturated-delta", "about 1,500 times larger", "大约大 1,500 倍",
           lambda: saturated_deltas()[1] / saturated_deltas()[0], rounds_to("1,500", tolerance=50)),
    Figure("05-saturated-delta", "about $-1$ against $-0.0007$", "约 $-1$ 对 $-0.0007$",
           lambda: saturated_deltas()[1], rounds_to("-1")),
    Figure("05-saturated-delta", "about $-1$ against $-0.0007$", "约 $-1$ 对 $-0.0007$",
           lambda: saturated_deltas()[0], rounds_to("-0.0007")),
    Figure("05-saturated-delta", r"$\sigma'(-8) \approx 0.0003$", r"$\sigma'(-8) \approx 0.0003$",
           lambda: sigmoid_prime(-8.0), rounds_to("0.0003")),
    Figure("05-saturated-delta", r"$\delta \approx -0.0007$", r"$\delta \approx -0.0007$",
           lambda: saturated_deltas()[0], rounds_to("-0.0007")),
    Figure("05-saturated-delta", "which is about 0.0003 at $z = -8$", "在 $z = -8$ 处约为 0.0003",
           lambda: sigmoid_prime(-8.0), rounds_to("0.0003")),
    Figure("05-saturated-delta", r"$\delta = a - y \approx -1$", r"$\delta = a - y \approx -1$",
           lambda: saturated_deltas()[1], rounds_to("-1")),
    Figure("05-saturated-delta", r"\approx -0.00067$", r"\approx -0.00067$",
           lambda: saturated_deltas()[0], rounds_to("-0.00067")),
    Figure("05-saturated-delta", "an error of about $-1$", "误差约为 $-1$",
           lambda: saturated_deltas()[1], rounds_to("-1")),
    # The discussion prompts of lesson 05
    Figure("05-discussion", "yet it is 99% sure", "它却有 99% 的把握",
           dream_of_a_five, rounds_to("99%")),
    # Section 5's live run, which the lesson prints; its cell asserts the same "> 0.95" for "nearly every"
    Figure("05-discussion", "gets nearly every training image right", "几乎把每张训练图像都答对了",
           lambda: results.final(live_random_labels(), "random labels", "train_accuracy"),
           above("nearly every", means=0.95)),
    Figure("05-discussion", "only 10% of new ones", "在新图像上却只对 10%",
           lambda: results.final(live_random_labels(), "random labels"), rounds_to("10%")),
    # Section 1's table of the saved first-layer runs: "16 hidden + L2 weight decay: -2.2 points"
    Figure("05-discussion", "the L2 run ended about 2 points lower", "L2 那次运行最后低了大约 2 个百分点",
           lambda: results.final(saved("first_layer_weights"), "16 hidden (the videos' net)")
           - results.final(saved("first_layer_weights"), "16 hidden + L2 weight decay"),
           rounds_to("2", tolerance=0.005, means=0.02)),

    # ===== lesson 06 =====
    # Section 1's cell: " 11 test 8s read as 5" first; and the confusion counts behind it
    Figure("06-confusion-reverse", "here less than half as often", "这里还不到一半",
           lambda: its_reverse_count() / most_common_mistake_count(), below("half", means=0.5)),
    Figure("06-confusion-reverse", "the first is more than twice the second", "前者是后者的两倍多",
           lambda: most_common_mistake_count() / its_reverse_count(), above("twice", means=2)),
    Figure("06-confusion-reverse", "Here 11 test 8s are read as 5", "这里有 11 个测试集里的 8 被认成 5",
           most_common_mistake_count, exactly("11")),
    Figure("06-confusion-reverse", "Here 11 test 8s are read as 5", "这里有 11 个测试集里的 8 被认成 5",
           lambda: mistakes_on_test_digits()[1][0], exactly("8")),
    Figure("06-confusion-reverse", "Here 11 test 8s are read as 5", "这里有 11 个测试集里的 8 被认成 5",
           lambda: mistakes_on_test_digits()[1][1], exactly("5")),
    Figure("06-confusion-reverse", "only 3 test 5s as 8", "被认成 8 的 5 只有 3 个",
           its_reverse_count, exactly("3")),
    Figure("06-confusion-reverse", "3 test 5s are read as 8", "有 3 个测试集里的 5 被认成了 8",
           its_reverse_count, exactly("3")),
    # Section 2's cell: "layer 2 all replaced by zero: always says 5, right on 9.2%"; "a tenth": 7.5% to 12.5%
    Figure("06-last-layer-off", "right on about a tenth of the test digits", "只在大约十分之一的测试数字上答对",
           lambda: evaluation.ablation_accuracy(trained(), *digits()[1], {2: range(16)})[0],
           near("a tenth", 0.1, tolerance=0.025)),
    # Section 3: the damage table's rotation row, and the cell after the widget
    Figure("06-rotated-digit", "Test digit 0 is a 3", "第 0 号测试数字是一个 3",
           lambda: digits()[1][1][0], exactly("3")),
    Figure("06-rotated-digit", "a turn of 30° leaves only about 56% right", "转 30° 后只有大约 56% 还能认对",
           lambda: lab.damage_curve(trained(), *digits()[1], "rotation", levels=[30])[1][0], rounds_to("56%")),
    Figure("06-rotated-digit", "comes with a top output of 0.96", "错误的答案带着 0.96 的最高输出",
           lambda: digit_zero_turned_30_degrees().max(), rounds_to("0.96")),
    Figure("06-rotated-digit", "with a top output above 0.9", "最高输出超过 0.9",
           lambda: digit_zero_turned_30_degrees().max(), above("0.9")),
    Figure("06-rotated-digit", "the 3 is read as a 9 with a top output of 0.96", "这个 3 被认成 9，最高输出是 0.96",
           lambda: digit_zero_turned_30_degrees().argmax(), exactly("9")),
    Figure("06-rotated-digit", "the 3 is read as a 9 with a top output of 0.96", "这个 3 被认成 9，最高输出是 0.96",
           lambda: digit_zero_turned_30_degrees().max(), rounds_to("0.96")),
    # Section 3's cell: "top output in [0.9, 0.95): mean 0.929, right 78.9% of the time", and the other two bands
    Figure("06-confident-band", "how often a top output of 0.93 is right", "最高输出为 0.93 时有多少答对",
           lambda: top_output_band(0.9, 0.95)[0], rounds_to("0.93")),
    Figure("06-confident-band", "on average it is 0.93", "它们的最高输出平均是 0.93",
           lambda: top_output_band(0.9, 0.95)[0], rounds_to("0.93")),
    # The choices are 93%, 80%, nearly all and half: "about 80%" means to the nearest 5 points
    Figure("06-confident-band", "Clearly fewer, about 80%", "明显更少，大约 80%",
           lambda: top_output_band(0.9, 0.95)[1], rounds_to("80%", tolerance=0.025)),
    Figure("06-confident-band", "right 79% of the time", "只有 79% 答对",
           lambda: top_output_band(0.9, 0.95)[1], rounds_to("79%")),
    Figure("06-confident-band", "About 79% are right against a mean output of 0.93",
           "平均输出 0.93，答对的却只有大约 79%",
           lambda: top_output_band(0.9, 0.95)[1], rounds_to("79%")),
    Figure("06-confident-band", "About 79% are right against a mean output of 0.93",
           "平均输出 0.93，答对的却只有大约 79%",
           lambda: top_output_band(0.9, 0.95)[0], rounds_to("0.93")),
    # "One in five": 17.5% to 22.5% wrong
    Figure("06-confident-band", "About one in five of these is wrong", "其中大约五个里就有一个答错",
           lambda: 1 - top_output_band(0.9, 0.95)[1], near("one in five", 0.2, tolerance=0.025)),
    Figure("06-confident-band", "the rotated 3 was read as a 9 with 0.96", "转过的那个 3 就以 0.96 被认成了 9",
           lambda: digit_zero_turned_30_degrees().argmax(), exactly("9")),
    Figure("06-confident-band", "the rotated 3 was read as a 9 with 0.96", "转过的那个 3 就以 0.96 被认成了 9",
           lambda: digit_zero_turned_30_degrees().max(), rounds_to("0.96")),
    Figure("06-confident-band", "from about 70% in $[0.7, 0.9)$", "从 $[0.7, 0.9)$ 里的大约 70%",
           lambda: top_output_band(0.7, 0.9)[1], rounds_to("70%")),
    Figure("06-confident-band", "to about 93% in $[0.95, 0.99)$", "到 $[0.95, 0.99)$ 里的大约 93%",
           lambda: top_output_band(0.95, 0.99)[1], rounds_to("93%")),
    # Section 4's cell: "the 2-D map keeps 37% / 42% / 25% of the spread; class separation 1.73 / 2.34 / 3.36"
    Figure("06-what-grows", "keep about 37%, 42% and 25% of the spread", "分别保留大约 37%、42% 和 25% 的散布",
           lambda: maps_of_the_layers()[0]["explained"].sum(), rounds_to("37%")),
    Figure("06-what-grows", "keep about 37%, 42% and 25% of the spread", "分别保留大约 37%、42% 和 25% 的散布",
           lambda: maps_of_the_layers()[1]["explained"].sum(), rounds_to("42%")),
    Figure("06-what-grows", "keep about 37%, 42% and 25% of the spread", "分别保留大约 37%、42% 和 25% 的散布",
           lambda: maps_of_the_layers()[2]["explained"].sum(), rounds_to("25%")),
    Figure("06-what-grows", "from about 1.7 to 2.3 to 3.4", "从大约 1.7 增长到 2.3，再到 3.4",
           lambda: maps_of_the_layers()[0]["separation"], rounds_to("1.7")),
    Figure("06-what-grows", "from about 1.7 to 2.3 to 3.4", "从大约 1.7 增长到 2.3，再到 3.4",
           lambda: maps_of_the_layers()[1]["separation"], rounds_to("2.3")),
    Figure("06-what-grows", "from about 1.7 to 2.3 to 3.4", "从大约 1.7 增长到 2.3，再到 3.4",
           lambda: maps_of_the_layers()[2]["separation"], rounds_to("3.4")),
    # Section 5's training widget, one epoch from the same seed-0 start (two 1-epoch runs, about 0.3 s each)
    Figure("06-small-steps", r"about 75% at $\eta = 1.5$", r"$\eta = 1.5$ 一轮后大约是 75%",
           lambda: accuracy_after_one_epoch(1.5), rounds_to("75%")),
    Figure("06-small-steps", r"only about 25% at $\eta = 0.1$", r"$\eta = 0.1$ 只有大约 25%",
           lambda: accuracy_after_one_epoch(0.1), rounds_to("25%")),
    # The discussion prompts of lesson 06: section 3's "τ = 0.90: answers 85.9% of the test digits" and
    # section 4's "with all 16 activations 87.8%" (hidden layer 1) and "with all 10 activations 90.0%" (output)
    Figure("06-discussion", "turns away about 14% of the test digits", "拒识了大约 14% 的测试数字",
           lambda: 1 - evaluation.coverage_and_accuracy(outputs_on_test_digits(), digits()[1][1], 0.9)[0],
           rounds_to("14%")),
    Figure("06-discussion", "(about 88% and 90%)", "（大约 88% 和 90%）",
           lambda: maps_of_the_layers()[0]["accuracy_full"], rounds_to("88%")),
    Figure("06-discussion", "(about 88% and 90%)", "（大约 88% 和 90%）",
           lambda: maps_of_the_layers()[2]["accuracy_full"], rounds_to("90%")),
]


# ----- the test ----------------------------------------------------------------------------------------------------

def texts_of(where, language):
    """Every text of a question (title, prompt, choices and their whys, the answer's why, the mistakes' whys),
    or the discussion prompts for "NN-discussion"."""
    lesson = where.split("-", 1)[0]
    if where.endswith("-discussion"):
        return questions.lesson_questions(lesson, language)["discussion"]
    q = questions.question(where, language)
    texts = [q["title"], q["prompt"], q.get("why", "")]
    texts += [c[field] for c in q.get("choices", []) for field in ("text", "why")]
    texts += [m["why"] for m in q.get("mistakes", [])]
    return texts


def mentions(fragment, numeral):
    """Does `fragment` write `numeral` as a number of its own ("0.73" is not in "0.731", "3" is not in "13")?"""
    return re.search(rf"(?<![\d.,]){re.escape(numeral)}(?!\d|[.,]\d)", fragment) is not None


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f"{f.where} {f.claim.quoted}")
def test_a_quoted_figure_is_what_the_lesson_computes(figure):
    claim = figure.claim
    for language, fragment in (("en", figure.english), ("zh-CN", figure.chinese)):
        assert any(fragment in text for text in texts_of(figure.where, language)), \
            f"{figure.where}: {fragment!r} is no longer in the {language} texts; update this row with the text"
    # The English fragment states the figure; the Chinese one writes the same numeral (words are translated).
    if claim.is_numeral:
        assert mentions(figure.english, claim.quoted), f"{figure.where}: {figure.english!r} does not say {claim.quoted}"
        assert mentions(figure.chinese, claim.quoted), \
            f"{figure.where}: the Chinese {figure.chinese!r} does not say {claim.quoted} as the English does"
    else:
        assert claim.quoted in figure.english, f"{figure.where}: {figure.english!r} does not say {claim.quoted!r}"
    value = float(figure.compute())
    assert claim.holds(value), \
        f"{figure.where}: the text says {claim} in {figure.english!r}, but the lesson computes {value:.6g}"


def test_every_lesson_with_questions_has_its_figures_checked():
    """A lesson whose questions quote measurements has rows here (a guard against a table that lost a lesson)."""
    assert {f.where[:2] for f in FIGURES} == set(questions.lessons_with_questions())
