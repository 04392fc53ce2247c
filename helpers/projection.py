"""Maps of a layer's activations in 2-D (lesson 06, section 4): principal components by NumPy's SVD.

PCA finds the directions along which the points spread most. Centre the points
(subtract their mean); the right singular vectors of the centred matrix, in order
of their singular values, are those directions, and the first two span the flat
view that keeps the most of the spread. Projecting a point = its dot products with them.

Shapes: A is (n, d), one example's activations per row; components (k, d); points (n, k).
"""

import numpy as np

__all__ = ["principal_components", "project", "explained_variance", "nearest_centroid_accuracy", "layer_maps"]


def principal_components(A, k=2):
    """(mean (d,), components (k, d)): the top-k principal directions of the rows of A, unit length.

    Signs are fixed so that each component's largest entry (by absolute value) is positive
    (an SVD may return v or -v; the picture would flip between runs of other libraries).
    """
    A = np.asarray(A, dtype=float)
    mean = A.mean(axis=0)
    _, _, Vt = np.linalg.svd(A - mean, full_matrices=False)
    components = Vt[:k].copy()
    biggest = components[np.arange(len(components)), np.argmax(np.abs(components), axis=1)]
    components *= np.where(biggest < 0, -1.0, 1.0)[:, None]
    return mean, components


def project(A, mean, components):
    """Coordinates of the rows of A in the principal directions: (A - mean) @ components.T, shape (n, k)."""
    return (np.asarray(A, dtype=float) - mean) @ components.T


def explained_variance(A, k=2):
    """Fraction of the total variance of A's rows that the top k principal directions keep: (k,)."""
    A = np.asarray(A, dtype=float)
    s = np.linalg.svd(A - A.mean(axis=0), compute_uv=False)
    total = np.sum(s ** 2)
    return s[:k] ** 2 / total if total > 0 else np.zeros(k)


def nearest_centroid_accuracy(points, labels, fit_points=None, fit_labels=None, n=10):
    """Fraction of `points` whose nearest class centroid (Euclidean) has their label.

    The centroids (mean point of each label) come from fit_points/fit_labels, or from the points
    themselves when not given. A measure of how well a map keeps the classes apart.
    """
    points, labels = np.asarray(points, dtype=float), np.asarray(labels)
    fit_points = points if fit_points is None else np.asarray(fit_points, dtype=float)
    fit_labels = labels if fit_labels is None else np.asarray(fit_labels)
    present = [c for c in range(n) if np.any(fit_labels == c)]
    centroids = np.array([fit_points[fit_labels == c].mean(axis=0) for c in present])
    distances = ((points[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return float(np.mean(np.array(present)[np.argmin(distances, axis=1)] == labels))


def layer_maps(net, X_fit, y_fit, X_show, y_show):
    """For each layer after the input (hidden 1, hidden 2, ..., output): its 2-D PCA map.

    The principal directions and the class centroids are fitted on X_fit (the training digits);
    X_show (the test digits) is projected and scored. Returns a list of dicts with "layer" (1..L),
    "points" (n_show, 2), "explained" (2,), "accuracy_2d" (nearest centroid in the map) and
    "accuracy_full" (nearest centroid with all of the layer's activations).
    """
    fit_layers = net.feedforward(X_fit)[1][1:]
    show_layers = net.feedforward(X_show)[1][1:]
    maps = []
    for l, (fit, show) in enumerate(zip(fit_layers, show_layers), start=1):
        mean, components = principal_components(fit, 2)
        maps.append({"layer": l, "points": project(show, mean, components),
                     "explained": explained_variance(fit, 2),
                     "accuracy_2d": nearest_centroid_accuracy(project(show, mean, components), y_show,
                                                              project(fit, mean, components), y_fit),
                     "accuracy_full": nearest_centroid_accuracy(show, y_show, fit, y_fit)})
    return maps
