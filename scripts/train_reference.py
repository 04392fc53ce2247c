"""Train the small network the lessons load: data/trained-784-16-16-10.npz.

The videos' 784-16-16-10 sigmoid network, trained with the package defaults
(30 epochs, mini-batches of 10, learning rate 1.5, seed 0) on the 8,000 bundled
training digits. Takes about 3 seconds; prints the accuracy it reached.

    python scripts/train_reference.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from helpers import Network, load_digits  # noqa: E402
from helpers.core.data import DATA_DIR, TRAINED_FILE  # noqa: E402


def main():
    (X, y), (X_test, y_test) = load_digits()
    net = Network([784, 16, 16, 10], seed=0)
    history = net.train(X, y, epochs=30, test=(X_test, y_test), seed=0)
    net.save(DATA_DIR / TRAINED_FILE)
    print(f"wrote data/{TRAINED_FILE}: test accuracy {history['test_accuracy'][-1]:.2%} "
          f"on the 2,000 bundled test digits after {history['epoch'][-1]} epochs")


if __name__ == "__main__":
    main()
