"""Show Network's backpropagation to a learner: its own source, each line with the quantity it computes.

The method is found by what it holds (the lines tagged "# BP1" ... "# BP4" in helpers/network.py),
so no private name is used here. The notes use the videos' numbering: a^(0) is the input,
a^(L) the output (L = 3 for 784-16-16-10), and inside the loop
    weights[l] = W^(l+1),   activations[l] = a^(l),   zs[l - 1] = z^(l),
so `delta` at the top of the loop body for index l is delta^(l+1) = dC/dz^(l+1).
"""

import ast
import inspect

from . import network
from ._i18n import N_, _, tr

__all__ = ["NOTES", "backprop_source", "annotate_backprop", "show_backprop_code"]

# (a piece of code that identifies the line, what that line computes in the videos' numbering)
# The notes are English here; show_backprop_code prints them in the lesson's language.
NOTES = [
    ("feedforward(X)", N_("forward pass: zs[l] = z^(l+1), activations[l] = a^(l), a^(0) = X")),
    ("output_delta(", N_("BP1: δ^(L) = ∂C₀/∂z^(L) = 2(a^(L) − y) ⊙ σ′(z^(L)), one row per example")),
    ("scale / n", N_("÷ n: the average over the batch (section 4)")),
    ("in reversed(", N_("l = L−1, …, 1, 0: this pass handles W^(l+1) and b^(l+1); delta is δ^(l+1)")),
    ("delta.sum(axis=0)", N_("BP3: ∂C/∂b^(l+1) = δ^(l+1), summed over the rows (δ was divided by n: the mean)")),
    ("delta.T @ activations[l]",
     N_("BP4: ∂C/∂W^(l+1) = δ^(l+1) (a^(l))ᵀ, summed over the rows by one matrix product")),
    ("delta @ self.weights[l]", N_("BP2, 1st half: (W^(l+1))ᵀ δ^(l+1) = ∂C/∂a^(l), section 5's sum over j")),
    ("layer_function(l - 1)", N_("BP2, 2nd half: ⊙ σ′(z^(l)), the ∂a/∂z factor; now delta is δ^(l)")),
    ("output_cost(", N_("the cost C, from the same forward pass")),
]


def backprop_source():
    """(lines, first_line_number) of the Network method that carries the BP1-BP4 tags."""
    source = inspect.getsource(network)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and node.name == "Network":
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    body = ast.get_source_segment(source, item)
                    if all(f"# {tag}" in body for tag in ("BP1", "BP2", "BP3", "BP4")):
                        return inspect.getsourcelines(getattr(network.Network, item.name))
    raise LookupError("no method of Network holds all four tags # BP1 ... # BP4")


def annotate_backprop():
    """[(line_number, code, note or None)] for every line of the backpropagation method."""
    lines, first = backprop_source()
    rows, in_docstring = [], False
    for number, line in enumerate(lines, start=first):
        code = line.rstrip()
        quotes = code.count('"""')
        body = "" if in_docstring or quotes else code.split("#")[0]    # notes for code, not for the docstring
        in_docstring ^= quotes % 2 == 1
        rows.append((number, code, next((text for piece, text in NOTES if piece in body), None)))
    return rows


def show_backprop_code(notes=True):
    """Print the backpropagation method with line numbers (and under each key line, what it computes).

    Returns {"BP1": line number, ...}: where each equation is, in helpers/network.py.
    """
    where = {}
    for number, code, note in annotate_backprop():
        print(f"{number:4d}  {code}")
        if notes and note:
            indent = len(code) - len(code.lstrip())
            print(f"{'':4}  {'':{indent}}  ↳ {_(note)}")
        for tag in ("BP1", "BP2", "BP3", "BP4"):
            if f"# {tag}" in code:
                where.setdefault(tag, number)
    print()
    lines = "  ".join(tr("{tag}: line {number}", tag=tag, number=number) for tag, number in sorted(where.items()))
    print(tr("{lines}  of helpers/network.py", lines=lines))
    return where
