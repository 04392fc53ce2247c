"""Result files: what an experiment measured, read back and summarised (lesson 05).

A result is a plain dict (JSON as it stands), made by `helpers.experiments`:
"experiment", "title", "data_set" (a sentence naming the images), "n_train",
"n_test", "epochs", "seeds", "metrics" (what its plot shows), "interrupted"
(True when the stop button ended it early), and "runs": {run label:
{"settings": sizes, activation, cost, init, learning_rate, weight_decay, labels,
pixels, n_train, "changes" (in words, what the run changes against the
experiment's first run, or for the tweaks against the run before it); "histories": one Network.train-style history per
seed; "final": per seed, the first-layer roughness of the trained net}}.

`save_result` adds where the numbers came from ("date", "made_by",
"data_note", "sizes", "versions", "seconds_total") and writes
data/results/<experiment>.json (scripts/run_experiments.py calls it);
`load_result` reads it back. The rest turns a result into the numbers and lines
the lesson prints, in the lesson's language (a result itself stays English: its title,
data set and run labels are catalogued where they are made, in helpers.experiments,
and translated when shown). NumPy only: no plotting, no widgets.
"""

import datetime
import json
import os
import platform
import tempfile
from pathlib import Path

import numpy as np

from ..core.data import DATA_DIR
from ..core.languages import N_, _, ngettext, pad, text_width, tr

__all__ = ["RESULTS_DIR", "results_dir", "result_path", "load_result", "save_result", "list_results", "final", "curve",
           "final_roughness", "epochs_to_reach", "title", "run_names", "budget", "data_set_name", "provenance",
           "summary", "roughness_table"]

RESULTS_DIR = DATA_DIR / "results"
# The short names of experiments.experiment_data's data sets (their part before " ("), for the catalogue.
DATA_SET_NAMES = (N_("full MNIST"), N_("bundled MNIST subset"))


# ----- files --------------------------------------------------------------------------------

def results_dir():
    """data/results/: in $NUDGE_DATA_DIR when that has one (JupyterLite, an installed wheel), else next to the
    package (a clone), as helpers.core.data finds the digits."""
    folder = os.environ.get("NUDGE_DATA_DIR")
    if folder and (Path(folder) / "results").is_dir():
        return Path(folder) / "results"
    return RESULTS_DIR


def result_path(name):
    """data/results/<name>.json"""
    return results_dir() / f"{name}.json"


def load_result(name):
    """The full-size result written by scripts/run_experiments.py, or None when there is none."""
    path = result_path(name)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def list_results():
    """Names of the results files present in data/results/."""
    folder = results_dir()
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []


def _rounded(value):
    """Floats to 6 significant digits: the files stay small and readable, the curves unchanged to the eye."""
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


def stamp(result, data_note, seconds, versions):
    """`result` with its provenance added: date, data note, layer sizes per run, package versions, time taken."""
    return _rounded({
        **result,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
        "made_by": "python scripts/run_experiments.py",
        "data_note": data_note,
        "sizes": {run: spec["settings"]["sizes"] for run, spec in result["runs"].items()},
        "versions": {"python": platform.python_version(), "numpy": np.__version__, **versions},
        "seconds_total": round(seconds, 1),
    })


def save_result(result):
    """Write a (stamped) result to data/results/<experiment>.json, atomically; returns the path.

    A temporary file in the same folder is renamed over the old one, so a run
    stopped halfway leaves the previous good file in place.
    """
    if result.get("interrupted"):
        raise ValueError(tr("the {name!r} run was stopped early; it is not saved over the full result",
                            name=result["experiment"]))
    path = result_path(result["experiment"])
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return path


# ----- numbers from a result ----------------------------------------------------------------------

def final(result, run, metric="test_accuracy"):
    """The last epoch's value of `metric` for one run, averaged over the seeds."""
    return float(np.mean([h[metric][-1] for h in result["runs"][run]["histories"]]))


def curve(result, run, metric="test_accuracy"):
    """(epochs, mean over seeds, lowest seed, highest seed) of one run's `metric`."""
    values = np.array([h[metric] for h in result["runs"][run]["histories"]], dtype=float)
    epochs = np.array(result["runs"][run]["histories"][0]["epoch"])
    return epochs, values.mean(axis=0), values.min(axis=0), values.max(axis=0)


def final_roughness(result, run):
    """Mean over seeds of a run's first-layer roughness after training (first_layer_weights results)."""
    return float(np.mean([extra["first_layer_roughness"] for extra in result["runs"][run]["final"]]))


def epochs_to_reach(result, run, level, metric="train_accuracy"):
    """The first epoch at which a run's mean `metric` reaches `level`, or None if it never does."""
    epochs, mean, _, _ = curve(result, run, metric)
    reached = np.flatnonzero(mean >= level)
    return int(epochs[reached[0]]) if reached.size else None


# ----- lines for the lesson -------------------------------------------------------------------------

def title(result):
    """A result's title in the lesson's language ("Random labels" -> "随机标签"); the file keeps the English."""
    english = result["title"]          # stored in English (helpers/learned/experiments.py)
    return _(english)


def run_names(result):
    """{run label: the run's name in the lesson's language}, in the result's order.

    The keys stay the English labels that `final`, `curve` and `epochs_to_reach` take;
    the values are what a lesson prints: `for run, name in results.run_names(saved).items()`.
    """
    return {run: _(run) for run in result["runs"]}


def budget(result):
    """One line saying what a result was trained on: images, epochs, seeds (and whether it was stopped)."""
    seeds = result["seeds"]
    seed_text = tr("seed {seed}", seed=seeds[0]) if len(seeds) == 1 else tr("{n} seeds", n=len(seeds))
    epochs = ngettext("{n} epoch", "{n} epochs", result["epochs"]).format(n=result["epochs"])
    if result.get("interrupted"):
        return tr("{n:,} training images, {epochs}, {seeds}, stopped early", n=result["n_train"], epochs=epochs,
                  seeds=seed_text)
    return tr("{n:,} training images, {epochs}, {seeds}", n=result["n_train"], epochs=epochs, seeds=seed_text)


def data_set_name(result):
    """The short name of a result's data set ("bundled MNIST subset"), in the lesson's language."""
    short = result["data_set"].split(" (")[0]
    return _(short)


def provenance(result):
    """Where a saved result came from: data set, budget and date (for plot titles)."""
    if "date" not in result:
        return tr("{data}, {budget}, run on an unknown date", data=data_set_name(result), budget=budget(result))
    return tr("{data}, {budget}, run {date}", data=data_set_name(result), budget=budget(result), date=result["date"])


def summary(result):
    """One line per run: the last epoch's training and test accuracy (mean over seeds)."""
    runs = [run for run, spec in result["runs"].items() if spec["histories"]]
    names, data_set = run_names(result), result["data_set"]
    run_word, train_word, test_word = _("run"), _("train acc"), _("test acc")
    width = max([text_width(names[run]) for run in runs] + [text_width(run_word)]) + 2
    train_width, test_width = max(10, text_width(train_word) + 1), max(10, text_width(test_word) + 1)
    lines = [tr("{title} — {budget} ({data_set})", title=title(result), budget=budget(result),
                data_set=_(data_set)),     # the data set is stored in English, shown translated
             pad(run_word, width) + pad(train_word, train_width, ">") + pad(test_word, test_width, ">")]
    for run in runs:
        lines.append(pad(names[run], width) + pad(f"{final(result, run, 'train_accuracy'):.1%}", train_width, ">")
                     + pad(f"{final(result, run):.1%}", test_width, ">"))
    return "\n".join(lines)


def roughness_table(result):
    """Per run of a first_layer_weights result: test accuracy and first-layer roughness (mean over seeds)."""
    names = run_names(result)
    network_word, test_word, rough_word = _("network"), _("test acc"), _("roughness")
    width = max(text_width(n) for n in names.values()) + 2
    test_width, rough_width = max(10, text_width(test_word) + 1), max(11, text_width(rough_word) + 1)
    lines = [pad(network_word, width) + pad(test_word, test_width, ">") + pad(rough_word, rough_width, ">")]
    for run in result["runs"]:
        lines.append(pad(names[run], width) + pad(f"{final(result, run):.1%}", test_width, ">")
                     + pad(f"{final_roughness(result, run):.2f}", rough_width, ">"))
    return "\n".join(lines)
