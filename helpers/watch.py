"""Training you can watch (lesson 06, section 5): stochastic gradient descent one chunk at a time.

`Network.train` runs whole epochs in one go. A `TrainingSession` keeps the same
mini-batch SGD (shuffle, cut into mini-batches, one `Network.step` per batch) but
advances only as far as it is asked: one mini-batch, one epoch, or as many
mini-batches as fit in a few milliseconds. Between two calls the learning rate and
the batch size may change; the next mini-batch simply uses the new values.

It records, per mini-batch, the cost on that mini-batch *before* its step (what the
step was taken against), and after every `evaluate_every` examples the accuracy on
the test digits.
"""

import time

import numpy as np

from ._i18n import tr
from .network import TrainingDiverged

__all__ = ["TrainingSession"]


class TrainingSession:
    """Mini-batch SGD on `net` over (X, y), advanced in chunks.

    Attributes read by the lesson's widget and tests:
      examples_seen, batches_done, epoch (1 during the first pass over X), position (next index in the epoch);
      batch_costs: [(examples_seen after the batch, cost of the batch before its step)];
      test_accuracy: [(examples_seen, accuracy on (X_test, y_test))], starting with the untrained net.
    """

    def __init__(self, net, X, y, X_test, y_test, learning_rate=1.5, batch_size=10, seed=0, evaluate_every=1000):
        self.net = net
        self.X, self.y = X, np.asarray(y)
        self.X_test, self.y_test = X_test, np.asarray(y_test)
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.evaluate_every = evaluate_every
        self._rng = np.random.default_rng(seed)
        self._order = self._rng.permutation(len(X))
        self.position = 0
        self.epoch = 1
        self.examples_seen = 0
        self.batches_done = 0
        self.batch_costs = []
        self.test_accuracy = [(0, net.accuracy(X_test, y_test))]
        self._next_evaluation = evaluate_every

    def step_batch(self):
        """One mini-batch of the current batch_size (shorter at the end of an epoch): cost, then one SGD step."""
        if self.position >= len(self._order):          # the epoch is over: shuffle again
            self._order = self._rng.permutation(len(self.X))
            self.position = 0
            self.epoch += 1
        batch = self._order[self.position:self.position + int(self.batch_size)]
        X_batch, y_batch = self.X[batch], self.y[batch]
        with np.errstate(over="ignore", invalid="ignore"):   # an overflow is caught just below, with advice
            cost = self.net.cost(X_batch, y_batch)
            self.net.step(X_batch, y_batch, self.learning_rate)
        if not all(np.isfinite(W).all() for W in self.net.weights):
            raise TrainingDiverged(tr("the weights became NaN or infinite: the learning rate {rate} is too large; "
                                      "start again with a smaller one", rate=self.learning_rate), self.history())
        self.position += len(batch)
        self.examples_seen += len(batch)
        self.batches_done += 1
        self.batch_costs.append((self.examples_seen, float(cost)))
        if self.examples_seen >= self._next_evaluation:
            self.evaluate()
        return cost

    def evaluate(self):
        """Measure the test accuracy now (and schedule the next measurement)."""
        if self.test_accuracy[-1][0] != self.examples_seen:
            self.test_accuracy.append((self.examples_seen, self.net.accuracy(self.X_test, self.y_test)))
        self._next_evaluation = self.examples_seen + self.evaluate_every
        return self.test_accuracy[-1][1]

    def step_epoch(self):
        """Mini-batches until the current epoch's examples are used up (a whole epoch from its start)."""
        if self.position >= len(self._order):
            self.step_batch()                              # starts the next epoch
        while self.position < len(self._order):
            self.step_batch()
        return self.evaluate()

    def run_for(self, milliseconds):
        """As many mini-batches as fit in `milliseconds` (at least one): one tick of the Play button."""
        deadline = time.perf_counter() + milliseconds / 1000
        done = 0
        while True:
            self.step_batch()
            done += 1
            if time.perf_counter() >= deadline:
                return done

    def history(self):
        """The records as a plain dict of lists (for plots and for TrainingDiverged)."""
        return {"batch_costs": list(self.batch_costs), "test_accuracy": list(self.test_accuracy),
                "examples_seen": self.examples_seen, "epoch": self.epoch}
