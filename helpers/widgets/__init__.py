"""The interactive widgets of the lessons; each lesson cell calls one of these.

Each returns a LessonWidget (an ipywidgets.VBox): move its sliders, or drive it
from code with `.set(...)` and read `.values`. One module per lesson's topic.
"""

from ._core import LessonWidget
from .backprop import chain_explorer, network_nudger
from .descent import descent_1d, descent_2d, gradient_explorer
from .digits import digit_browser
from .lab import (
    AblationLab,
    AbstainLab,
    ConfusionExplorer,
    DamageLab,
    LayerMap,
    TrainingWatch,
    ablation_lab,
    abstain_lab,
    confusion_explorer,
    damage_lab,
    lab_data,
    layer_map,
    training_watch,
)
from .learned import (
    BrushEditor,
    DrawDigit,
    ExperimentChooser,
    WeightTiles,
    canvas_available,
    draw_digit,
    experiment_chooser,
    weight_tiles,
)
from .neuron import network_view, single_neuron, weight_pattern
from .questions import Question, question
from .wishes import HiddenWish, OutputWishes, SgdVsFullBatch, hidden_wish, output_wishes, sgd_vs_full_batch

__all__ = [
    # the kit
    "LessonWidget",
    # lesson 00 and shared
    "digit_browser", "question", "Question",
    # lesson 01
    "single_neuron", "weight_pattern", "network_view",
    # lesson 02
    "descent_1d", "descent_2d", "gradient_explorer",
    # lesson 03
    "output_wishes", "hidden_wish", "sgd_vs_full_batch", "OutputWishes", "HiddenWish", "SgdVsFullBatch",
    # lesson 04
    "chain_explorer", "network_nudger",
    # lesson 05
    "weight_tiles", "draw_digit", "experiment_chooser", "WeightTiles", "DrawDigit", "BrushEditor",
    "ExperimentChooser", "canvas_available",
    # lesson 06
    "confusion_explorer", "ablation_lab", "damage_lab", "abstain_lab", "layer_map", "training_watch",
    "ConfusionExplorer", "AblationLab", "DamageLab", "AbstainLab", "LayerMap", "TrainingWatch", "lab_data",
]
