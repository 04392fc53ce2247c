"""The one training loop: mini-batch stochastic gradient descent, for any model.

Every SGD in Nudge runs here: `Network.train`, lesson 03's race between batch sizes,
lesson 05's experiments and lesson 06's training you can watch (and a later model's).

    sgd = SGD(net, X, y, learning_rate=1.5, batch_size=10, seed=0)
    sgd.run(epochs=30)      # or steps=100, or milliseconds=15 (one tick of a Play button)

One step takes the next `batch_size` examples of this epoch's shuffled order (the
last mini-batch of an epoch may be shorter; an epoch used up is shuffled anew) and
moves every parameter p against that mini-batch's gradient:

    p  <-  p - learning_rate * (dC/dp + weight_decay * p)

Weight decay (L2 regularisation, adding weight_decay/2 * sum(w^2) to the cost) acts on
weight matrices only, never on biases. With optimizer="adam" each step is Adam's instead
(class Adam below: the step of every number scaled by its own recent gradients), which
trains a transformer (helpers/core/transformer.py) far better; weight decay then shrinks the
weights apart from that step (AdamW's decoupled decay). A mini-batch as large as the data set is
full-batch gradient descent: every step sees all examples, in their own order.

What a model offers the loop (`Network` does; so can a model of another kind):
    model.check_batch(X, y) -> (X, Y)           the data as the model computes with it (checked once here)
    model.backprop(X, Y)    -> (cost, gradients) for a checked mini-batch, one gradient per parameter
    model.parameters()      -> [arrays]         what a step changes, in place, in the order of `gradients`
    model.evaluate(X, Y)    -> (cost, accuracy) on checked data

The stop button (Ctrl-C) ends a run between two mini-batches, with the model at a whole
step (a second press stops at once, yet never halfway through writing a step); weights
that turn NaN or infinite raise `TrainingDiverged`, with the model put back as it was at
the last check (the start of the epoch, or of the run).
"""

import time
import warnings

import numpy as np

from . import checks
from .languages import _, tr
from .progress import progress_bar
from .stopping import held_interrupts, stop_requests

__all__ = ["SGD", "Adam", "History", "TrainingDiverged", "train"]

OPTIMIZERS = ("sgd", "adam")


class TrainingDiverged(FloatingPointError):
    """Training produced NaN or infinite numbers; `.history` holds what was recorded before."""

    def __init__(self, message, history):
        super().__init__(message)
        self.history = history


class History(dict):
    """A dict of equal-length lists, one entry per record (an epoch, or a measured step).

    `interrupted` is True when the stop button (Ctrl-C) ended the training early.
    """

    interrupted = False


class SGD:
    """Mini-batch stochastic gradient descent on `model` over the examples (X, y).

    The state a learner can read between runs: `epoch` (1 during the first pass over X),
    `steps` and `examples_seen` so far, `seconds` spent in steps (measuring costs is not
    counted), and `interrupted`. `learning_rate` and `batch_size` may change between runs;
    the next mini-batch uses the new values. optimizer="sgd" (the default) steps
    p <- p - learning_rate * dC/dp; "adam" takes Adam's step (class Adam).
    """

    def __init__(self, model, X, y, learning_rate, batch_size=10, weight_decay=0.0, seed=0, optimizer="sgd"):
        self.model = model
        self.X, self.Y = model.check_batch(X, y)
        self.learning_rate = checks.check_positive("learning_rate", learning_rate)
        self.batch_size = checks.check_positive("batch_size", batch_size, whole=True)
        self.weight_decay = checks.check_weight_decay(weight_decay, learning_rate)
        self.rng = np.random.default_rng(checks.check_seed(seed))
        self.adam = Adam() if checks.check_choice("optimizer", optimizer, OPTIMIZERS) == "adam" else None
        self.order, self.position = self.rng.permutation(len(self.X)), 0
        self.epoch, self.steps, self.examples_seen, self.seconds = 1, 0, 0, 0.0
        self.interrupted = False
        self._saved = self._snapshot()

    def next_batch(self):
        """The next mini-batch (X, Y) of this epoch's order; a used-up epoch is shuffled anew first."""
        if self.position >= len(self.X):
            self.order, self.position = self.rng.permutation(len(self.X)), 0
            self.epoch += 1
        if self.batch_size >= len(self.X):           # full batch: no need to gather a copy of everything
            self.position = len(self.X)
            return self.X, self.Y
        batch = self.order[self.position:self.position + self.batch_size]
        self.position += len(batch)
        # take() is X[batch] without fancy indexing's overhead, which counts at 10 rows
        return self.X.take(batch, axis=0), self.Y.take(batch, axis=0)

    def step(self):
        """One mini-batch: its cost before the step (from the same forward pass) and one step downhill.

        A step is whole or not at all: Ctrl-C is held while the layers are updated (then acts at once).
        """
        started = time.perf_counter()
        X, Y = self.next_batch()
        cost, gradients = self.model.backprop(X, Y)
        with held_interrupts():                      # a second press waits until every layer has its step
            if self.adam is not None:
                self.adam.step(self.model.parameters(), gradients, self.learning_rate, self.weight_decay)
            else:
                for p, g in zip(self.model.parameters(), gradients):
                    if self.weight_decay and p.ndim > 1:
                        p *= 1.0 - self.learning_rate * self.weight_decay
                    g *= self.learning_rate          # the gradient is ours to change: backprop made it fresh
                    p -= g
            self.steps += 1
            self.examples_seen += len(X)
        self.seconds += time.perf_counter() - started
        return cost

    @property
    def epoch_done(self):
        """True when the current epoch's examples are all used."""
        return self.position >= len(self.X)

    def run(self, epochs=None, steps=None, milliseconds=None, after_step=None, after_epoch=None):
        """Step until `epochs` more epochs end, or `steps` more steps, or `milliseconds` pass (at least one step).

        `after_step(cost)` is called after every step with that mini-batch's cost,
        `after_epoch()` after every epoch that ends. The stop button ends the run
        between two mini-batches and sets `interrupted`; a run that diverges puts
        the model back as it was at its last check and raises TrainingDiverged.
        Returns True when the run did all it was asked, False when it was stopped.
        """
        self.interrupted = False
        epochs_left, steps_left = epochs, steps
        deadline = None if milliseconds is None else time.perf_counter() + milliseconds / 1000
        # Overflow on the way to NaN is reported once, in our words (TrainingDiverged), not as NumPy warnings.
        with stop_requests() as stop, np.errstate(over="ignore", invalid="ignore"):
            while True:
                cost = self.step()
                if after_step is not None:
                    after_step(cost)
                if self.epoch_done:
                    self.check_finite()
                    if after_epoch is not None:
                        after_epoch()
                    if epochs_left is not None:
                        epochs_left -= 1
                if steps_left is not None:
                    steps_left -= 1
                if stop.requested:
                    self.interrupted = True
                    break
                if (epochs_left == 0 or steps_left == 0
                        or deadline is not None and time.perf_counter() >= deadline):
                    break
            self.check_finite()
        return not self.interrupted

    def check_finite(self, history=None):
        """Raise TrainingDiverged if a parameter is NaN or infinite (putting the saved ones back); else save them."""
        if all(np.isfinite(p).all() for p in self.model.parameters()):
            self._saved = self._snapshot()
            return
        saved_steps, saved_epoch = self._saved[0], self._saved[1]
        with held_interrupts():                      # all put back, or (interrupted before) none
            for p, good in zip(self.model.parameters(), self._saved[2]):
                p[...] = good
            if self.adam is not None:                # its averages hold the NaN too: start them afresh
                self.adam = Adam()
        if saved_steps == 0:
            when = _("before training")
        elif saved_epoch is not None:
            when = tr("after epoch {epoch}", epoch=saved_epoch)
        else:
            when = tr("after step {step}", step=saved_steps)
        raise TrainingDiverged(tr("training diverged in epoch {epoch}: weights became NaN or infinite. The learning "
                                  "rate {learning_rate} is probably too large; try one ten times smaller. The network "
                                  "was put back as it was {when}.", epoch=self.epoch, learning_rate=self.learning_rate,
                                  when=when), history if history is not None else History())

    def _snapshot(self):
        """(steps, completed epoch or None, copies of the parameters): what a divergence goes back to."""
        completed = self.epoch if self.epoch_done else (self.epoch - 1 if self.position == 0 else None)
        return self.steps, completed, [p.copy() for p in self.model.parameters()]


class Adam:
    """Adam (Kingma & Ba, 2015): each number's step scaled by running averages of its own gradient.

    For every parameter p with gradient g, at step t = 1, 2, ...:
        m <- beta1 m + (1 - beta1) g            the gradient, averaged over the last ~10 steps
        v <- beta2 v + (1 - beta2) g^2          its square, averaged over the last ~1000 steps
        p <- p - learning_rate * m_hat / (sqrt(v_hat) + eps),  m_hat = m / (1 - beta1^t), v_hat = v / (1 - beta2^t)
    (m_hat and v_hat undo the averages' start at 0). So every number moves about learning_rate per
    step whatever the scale of its gradient: rarely used embedding rows learn as fast as busy ones.
    m and v have the parameters' shapes and dtype; weight decay, when asked, multiplies every weight
    matrix (ndim > 1) by 1 - learning_rate * weight_decay first (AdamW's decoupled decay).
    """

    def __init__(self, beta1=0.9, beta2=0.999, eps=1e-8):
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.t, self.m, self.v = 0, None, None

    def step(self, parameters, gradients, learning_rate, weight_decay=0.0):
        """One Adam step of every parameter, in place; `gradients` (fresh from backprop) are used up."""
        if self.m is None:
            self.m = [np.zeros_like(p) for p in parameters]
            self.v = [np.zeros_like(p) for p in parameters]
        self.t += 1
        # the two bias corrections folded into one step size (Python floats: float32 stays float32)
        root_correction = (1 - self.beta2 ** self.t) ** 0.5
        size = learning_rate * root_correction / (1 - self.beta1 ** self.t)
        for p, g, m, v in zip(parameters, gradients, self.m, self.v):
            if weight_decay and p.ndim > 1:
                p *= 1.0 - learning_rate * weight_decay
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            g *= g
            v += (1 - self.beta2) * g
            np.sqrt(v, out=g)                        # g is ours: reuse it for the denominator
            g += self.eps * root_correction
            np.divide(m, g, out=g)
            g *= size
            p -= g


def train(model, X, y, epochs=30, batch_size=10, learning_rate=1.5, weight_decay=0.0, test=None, seed=0,
          progress=True, evaluate=True, after_epoch=None):
    """Mini-batch SGD for `epochs` epochs, measured after each one: what `Network.train` does.

    Returns a History with lists "epoch", "train_cost", "train_accuracy" (one pass
    over the training data after each epoch; None with evaluate=False),
    "test_accuracy" (None without a test set) and "seconds" (time spent in steps).
    A cost that climbs to twice its lowest (the cost before training included) warns
    once, and so does a cost that stays put (a learning rate so large that the neurons
    saturated, or so small that nothing moves); the stop button ends training after
    the current mini-batch, with one line saying so (said by the outermost loop only:
    an experiment that trains many networks says it once, itself).
    """
    checks.check_positive("epochs", epochs, whole=True)
    sgd = SGD(model, X, y, learning_rate, batch_size, weight_decay, seed)
    if test is not None:
        X_test, Y_test = model.check_batch(*checks.check_test_pair(test))
    history = History(epoch=[], train_cost=[], train_accuracy=[], test_accuracy=[], seconds=[])
    # What the warnings compare with (measured only, nothing trained): the cost and the parameters at the start.
    start_cost = model.evaluate(sgd.X, sgd.Y)[0] if evaluate else None
    start = [p.copy() for p in model.parameters()] if evaluate else None

    def record():
        cost, accuracy = model.evaluate(sgd.X, sgd.Y) if evaluate else (None, None)
        history["epoch"].append(sgd.epoch)
        history["train_cost"].append(cost)
        history["train_accuracy"].append(accuracy)
        history["test_accuracy"].append(None if test is None else model.evaluate(X_test, Y_test)[1])
        history["seconds"].append(sgd.seconds)
        _warn_if_exploding(history, learning_rate, start_cost)
        _warn_if_flat(history, learning_rate, model.parameters(), start)
        shown = {_("cost"): f"{cost:.4f}", _("train acc"): f"{accuracy:.3f}"} if evaluate else {}
        if test is not None:
            shown[_("test acc")] = f"{history['test_accuracy'][-1]:.3f}"
        bar.set_postfix(shown)
        bar.update(1)
        if after_epoch is not None:
            after_epoch(history)

    with progress_bar(epochs, _("training"), _("epoch"), progress) as bar, stop_requests() as outer:
        try:
            sgd.run(epochs=epochs, after_epoch=record)
        except TrainingDiverged as diverged:
            diverged.history = history
            raise
    history.interrupted = sgd.interrupted or outer.requested
    if history.interrupted and outer.outermost:
        print(tr("Stopped by you: {n} complete epoch(s) in the history; the network keeps the weights of its "
                 "last mini-batch step.", n=len(history["epoch"])))
    return history


def _warn_if_exploding(history, learning_rate, start_cost=None):
    """A cost that climbs far above its best so far (or its start) usually means steps that overshoot: say so once."""
    costs = ([] if start_cost is None else [start_cost]) + [c for c in history["train_cost"] if c is not None]
    if len(costs) >= 2 and costs[-1] > 2 * min(costs[:-1]) and costs[-2] <= 2 * min(costs[:-1]):
        warnings.warn(tr("the training cost rose from {best:.4g} to {cost:.4g} by epoch {epoch}: the learning rate "
                         "{learning_rate} may be too large.", best=min(costs[:-1]), cost=costs[-1],
                         epoch=history["epoch"][-1], learning_rate=_readable(learning_rate)),
                      UserWarning, stacklevel=4)


# Two epochs' costs this close (6 significant digits) mean the network learns nothing; how far the
# parameters moved from their start, relative to their size, says why: far (> FAR) is a learning
# rate so large that the first steps saturated the neurons, hardly at all (< NEAR) one so small
# that the steps change nothing. In between (a network that has simply settled) nothing is said.
FLAT = 1e-6
FAR, NEAR = 1.0, 1e-4


def _warn_if_flat(history, learning_rate, parameters, start):
    """A cost that stays put from one epoch to the next: say once why the network does not learn."""
    costs = history["train_cost"]
    if start is None or len(costs) < 2 or any(c is None for c in costs[-3:]):
        return

    def flat(a, b):
        return abs(a - b) <= FLAT * max(abs(a), abs(b))

    if not flat(costs[-2], costs[-1]) or (len(costs) >= 3 and flat(costs[-3], costs[-2])):
        return
    size = np.sqrt(sum(np.sum(np.square(p0, dtype=np.float64)) for p0 in start))
    moved = np.sqrt(sum(np.sum(np.square(p - p0, dtype=np.float64)) for p, p0 in zip(parameters, start)))
    values = dict(first=history["epoch"][-2], last=history["epoch"][-1], cost=costs[-1],
                  learning_rate=_readable(learning_rate))
    if moved > FAR * size:
        warnings.warn(tr("the training cost has not moved from epoch {first} to epoch {last} (it stays at "
                         "{cost:.6g}): the network is not learning. The learning rate {learning_rate} may be too "
                         "large: the first steps threw the weights so far that the neurons saturated (stuck where "
                         "their slope is about 0, so no gradient is left). Start again from a fresh network with a "
                         "learning rate ten or a hundred times smaller.", **values), UserWarning, stacklevel=4)
    elif moved < NEAR * size:
        warnings.warn(tr("the training cost has not moved from epoch {first} to epoch {last} (it stays at "
                         "{cost:.6g}): the network is not learning. The learning rate {learning_rate} may be too "
                         "small: its steps barely change the weights. Try one a hundred or a thousand times larger "
                         "(the lessons use 0.3 to 3).", **values), UserWarning, stacklevel=4)


def _readable(number):
    """1e+12 rather than 1000000000000.0 for a number far from 1; others as they are (3.0 stays 3.0)."""
    return f"{number:g}" if not 1e-3 <= abs(number) < 1e5 else number
