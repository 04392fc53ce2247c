"""Train the tiny transformer the transformer lessons load: data/trained-names-transformer.npz.

Transformer(seed=SEED) (context 16, d_model 64, 4 heads, one layer; helpers/core/transformer.py)
trained through the one loop of helpers/core/training.py with Adam: STEPS mini-batches of BATCH
names from the 28,800 training names, learning rate LEARNING_RATE, the last DECAY_STEPS at a
tenth of it. Saved in float16 (about 110 KB); every number printed below is measured on the
copy loaded back from that file, as the lessons will see it. About 50 s on one core (35 s of it
NumPy, the rest the kernel handing freed memory back and forth).

    python scripts/train_names_model.py
"""

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from helpers.core.data import DATA_DIR, load_names_split  # noqa: E402
from helpers.core.training import SGD  # noqa: E402
from helpers.core.transformer import VOCABULARY, Transformer, ngram_cost  # noqa: E402

OUT = DATA_DIR / "trained-names-transformer.npz"
SEED = 1              # with this seed one head becomes a clean previous-letter head (which head is the seed's)
STEPS, DECAY_STEPS, BATCH, LEARNING_RATE = 3000, 500, 64, 3e-3


def attention_shares(model, X, Y, first=1):
    """Per head: the mean attention a predicting position t >= first puts on t - 1, on itself and on the start."""
    A = model.feedforward(X)["layers"][0]["attention"][:, :, first:]   # (n, heads, T - first, T)
    real = (Y >= 0)[:, None, first:]                                    # the positions that predict something
    rows = np.arange(first, X.shape[1])

    def share(weights):                                                 # (n, heads, T - first) -> (heads,)
        return (weights * real).sum(axis=(0, 2)) / real.sum()

    return share(A[..., rows - first, rows - 1]), share(A[..., rows - first, rows]), share(A[..., 0])


def main():
    train, held_out = load_names_split()
    model = Transformer(seed=SEED)
    X, Y = model.encode(train)
    sgd = SGD(model, X, Y, learning_rate=LEARNING_RATE, batch_size=BATCH, seed=SEED, optimizer="adam")
    started, cpu = time.perf_counter(), time.process_time()
    sgd.run(steps=STEPS - DECAY_STEPS)
    sgd.learning_rate = LEARNING_RATE / 10         # smaller steps at the end settle into the valley
    sgd.run(steps=DECAY_STEPS)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    model.save(OUT, dtype=np.float16)

    shipped = Transformer.load(OUT)
    X_held, Y_held = shipped.check_batch(*shipped.encode(held_out))
    cost, accuracy = shipped.evaluate(X_held, Y_held)
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1000:.0f} KB, {shipped.n_params:,} parameters): "
          f"{STEPS} steps of {BATCH} names in {seconds:.1f} s ({cpu:.1f} s of CPU)")
    print(f"held-out cost {cost:.4f} nats per character (next letter right {accuracy:.1%}); counting alone: "
          f"bigram {ngram_cost(train, held_out, 2):.4f}, trigram {ngram_cost(train, held_out, 3):.4f}, "
          f"4-gram {ngram_cost(train, held_out, 4):.4f} (smoothing 0.1); uniform {np.log(27):.4f}")
    previous, itself, start = attention_shares(shipped, X_held, Y_held)
    after_a_letter = attention_shares(shipped, X_held, Y_held, first=2)[0]
    for head in range(shipped.n_heads):
        print(f"  head {head}: {previous[head]:.1%} of its attention on the position before "
              f"({after_a_letter[head]:.1%} from position 2 on, where that is a letter), {itself[head]:.1%} on its "
              f"own, {start[head]:.1%} on the start '.'")
    print("samples (temperature 1):", ", ".join(shipped.sample(15, seed=0)))
    print("samples (temperature 0.7):", ", ".join(shipped.sample(15, temperature=0.7, seed=0)))
    letters = shipped.params["token_embedding"][1:]
    centred = letters - letters.mean(axis=0)
    pcs = np.linalg.svd(centred, full_matrices=False)[2][:2]
    coordinates = centred @ pcs.T                                  # (26, 2)
    vowels = np.array([c in "aeiou" for c in VOCABULARY[1:]])
    for k in range(2):
        order = np.argsort(coordinates[:, k])
        print(f"  letter embeddings along principal component {k + 1}: " + "".join(VOCABULARY[1 + i] for i in order)
              + f"  (vowels' mean {coordinates[vowels, k].mean():+.2f}, others' {coordinates[~vowels, k].mean():+.2f})")


if __name__ == "__main__":
    main()
