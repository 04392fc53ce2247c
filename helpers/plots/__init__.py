"""Static drawings for the lessons (each returns a matplotlib Figure that Jupyter shows).

Figures are built with matplotlib.figure.Figure, not pyplot, so importing or
using this module changes no global matplotlib setting.
"""

from .backprop import (
    ChainTree,
    branching_tree,
    chain_factor_texts,
    dependency_tree,
    finite_difference_error,
    sigmoid_and_derivative,
)
from .descent import (
    confusion_matrix,
    cost_per_example,
    example_cost,
    five_descents,
    learning_curve,
    mistake_gallery,
    noise_outputs,
    nudge_column,
    partial_derivatives,
)
from .digits import (
    digit_and_vector,
    digit_grid,
    draw_weight_tiles,
    draw_weights,
    first_layer_tiles,
    label_counts,
    weight_picture,
)
from .lab import (
    ABLATION_COLOURS,
    DIGIT_COLOURS,
    confusion_grid,
    damage_curves,
    digit_key,
    draw_confusion,
    draw_layer_map,
    draw_outputs,
    layer_maps,
    neuron_drops,
    principal_direction,
    random_ablation,
)
from .learned import (
    METRIC_WORDS,
    RUN_COLOURS,
    draw_curves,
    dreams,
    experiment_curves,
    noise_answers,
    plot_label,
    preparation_damage,
    saturation,
    tweak_bars,
)
from .neuron import (
    hope_of_layers,
    layer_as_matrix,
    matrix_times_vector,
    network_structure,
    sigmoid_and_relu,
    weight_patterns,
)
from .palette import current_palette, negative_color, positive_color, use_palette, weight_cmap
from .wishes import minibatch_directions_plot, one_example_vs_average, three_levers, wish_table_plot, wishes_by_layer

__all__ = [
    # colours
    "use_palette", "current_palette", "positive_color", "negative_color", "weight_cmap",
    # lesson 00 and shared
    "digit_grid", "digit_and_vector", "label_counts", "draw_weights", "weight_picture", "draw_weight_tiles",
    "first_layer_tiles",
    # lesson 01
    "sigmoid_and_relu", "weight_patterns", "network_structure", "hope_of_layers", "layer_as_matrix",
    "matrix_times_vector",
    # lesson 02
    "example_cost", "cost_per_example", "five_descents", "learning_curve", "confusion_matrix", "mistake_gallery",
    "noise_outputs", "partial_derivatives", "nudge_column",
    # lesson 03
    "three_levers", "wishes_by_layer", "wish_table_plot", "one_example_vs_average", "minibatch_directions_plot",
    # lesson 04
    "sigmoid_and_derivative", "finite_difference_error", "dependency_tree", "branching_tree", "ChainTree",
    "chain_factor_texts",
    # lesson 05
    "preparation_damage", "noise_answers", "dreams", "experiment_curves", "draw_curves", "tweak_bars",
    "saturation",
    "plot_label", "RUN_COLOURS", "METRIC_WORDS",
    # lesson 06
    "confusion_grid", "neuron_drops", "random_ablation", "damage_curves", "principal_direction", "layer_maps",
    "draw_confusion",
    "draw_layer_map", "draw_outputs", "digit_key", "DIGIT_COLOURS", "ABLATION_COLOURS",
]
